// SQL for the audit log. Appends are serialised by a transaction-level advisory lock so the chain
// stays linear even with several app nodes writing at once.
import { sql } from 'kysely';
import type { Scope } from '../../app/policy.ts';
import { type Conn, toNumber } from '../../db/database.ts';

const CHAIN_LOCK = 7_301_885_211; // arbitrary constant naming the audit-chain lock

export async function lockChainAndGetLastHash(conn: Conn): Promise<string | null> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(conn);
  const row = await conn
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}

export interface AuditInsert {
  at: Date;
  actor_id: string | null;
  actor_name: string;
  unit_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export async function insertAudit(conn: Conn, row: AuditInsert): Promise<string> {
  const r = await conn.insertInto('audit_log').values(row).returning('id').executeTakeFirstOrThrow();
  return String(r.id);
}

export async function* iterateAudit(conn: Conn, batch = 5000) {
  let after = '0';
  for (;;) {
    const rows = await conn
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    yield* rows;
    after = String(rows[rows.length - 1]?.id);
  }
}

export interface AuditFilter {
  scope: Scope;
  action?: string | undefined;
  entity?: string | undefined;
  actor?: string | undefined;
  unitId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

export async function listAudit(conn: Conn, f: AuditFilter) {
  let q = conn
    .selectFrom('audit_log as a')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'a.actor_name',
      'a.unit_id',
      'u.name as unit_name',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before',
      'a.after',
      'a.request_id',
    ]);
  if (!f.scope.all) {
    if (f.scope.unitIds.length === 0) return { rows: [], total: 0 };
    q = q.where('a.unit_id', 'in', f.scope.unitIds);
  }
  if (f.action) q = q.where('a.action', 'like', `${f.action.replace(/[%_]/g, '')}%`);
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.actor) q = q.where('a.actor_name', 'ilike', `%${f.actor.replace(/[%_]/g, '')}%`);
  if (f.unitId) q = q.where('a.unit_id', '=', f.unitId);
  if (f.from) q = q.where('a.at', '>=', f.from);
  if (f.to) q = q.where('a.at', '<', f.to);
  const [rows, count] = await Promise.all([
    q.orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows: rows.map((r) => ({ ...r, id: String(r.id) })), total: toNumber(count?.n) };
}

export async function recentForUnit(conn: Conn, unitId: string, limit: number) {
  return conn
    .selectFrom('audit_log')
    .select(['at', 'actor_name', 'action'])
    .where('unit_id', '=', unitId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
