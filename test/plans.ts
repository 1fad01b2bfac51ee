// EXPLAIN for plan tests: every scan in the plans of recorded statements, as the services ran them.
import assert from 'node:assert/strict';
import type pg from 'pg';

/** A statement as Kysely's log recorded it. */
export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** One scan of a table in a statement's plan. */
export interface Scan {
  node: string;
  table: string;
  sql: string;
}

/**
 * Every scan of a table in the plans of `statements`, EXPLAINed (not run) on `client` (a pool, or a
 * client holding a transaction with DDL to be rolled back). BEGIN, COMMIT and the like are skipped.
 */
export async function planScans(client: pg.Pool | pg.PoolClient, statements: readonly Statement[]) {
  const found: Scan[] = [];
  const walk = (n: PlanNode, text: string) => {
    if (n['Relation Name']) found.push({ node: n['Node Type'], table: n['Relation Name'], sql: text });
    for (const c of n.Plans ?? []) walk(c, text);
  };
  for (const s of statements) {
    if (!/^\s*(select|insert|update|delete|with)\b/i.test(s.sql)) continue;
    const r = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `explain (format json) ${s.sql}`,
      s.parameters as unknown[],
    );
    const plan = r.rows[0]?.['QUERY PLAN'][0]?.Plan;
    assert.ok(plan, `no plan for ${s.sql.slice(0, 80)}`);
    walk(plan, s.sql);
  }
  return found;
}
