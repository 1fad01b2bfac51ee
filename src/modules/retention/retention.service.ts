// Retention (UU 27/2022): released people whose last follow-up (or release, when they were never
// followed up) is older than RETENTION_YEARS are pseudonymised, a batch of people per transaction
// with its audit record (counts only), and each run leaves a retention_runs row with the counts per
// table. Idempotent: a pseudonymised person is never picked again.
import { type Ctx, today } from '../../app/principal.ts';
import { erasePersonalAbout, recordAudit } from '../audit/audit.service.ts';
import { retentionMay } from './retention.policy.ts';
import * as repo from './retention.repo.ts';
import { cutoffOf, namePattern, pseudonymOf } from './retention.rules.ts';

/** People per transaction: small enough to keep locks short, large enough to be quick. */
export const BATCH = 50;

export interface RunResult {
  id: string;
  cutoff: string;
  people: number;
  details: repo.TableCounts;
}

/**
 * One run at the context's clock (the national day, WIB): every person past the period, batch by
 * batch. `ctx.who` is the system for the daily job, or the administrator who asked for it now.
 */
export async function runRetention(ctx: Ctx, opts: { years: number; batch?: number }): Promise<RunResult> {
  const day = today(ctx, 'Asia/Jakarta');
  const cutoff = cutoffOf(day, opts.years);
  const batch = opts.batch ?? BATCH;
  let runId: string | null = null;
  let people = 0;
  const details: repo.TableCounts = {};
  for (;;) {
    const done = await ctx.db.transaction().execute(async (trx) => {
      if (runId === null)
        runId = await repo.insertRun(trx, {
          run_on: day,
          retention_years: opts.years,
          cutoff,
          triggered_by: ctx.who.id,
        });
      const found = await repo.nextPeople(trx, cutoff, batch);
      const counts: repo.TableCounts = {};
      for (const p of found) {
        const ids = await repo.recordIdsOf(trx, p.id);
        const c = await repo.pseudonymisePerson(trx, p, pseudonymOf(p.id), namePattern(p.name), ctx.now);
        const erased = await erasePersonalAbout(trx, ids);
        if (erased > 0) c.audit_personal = erased;
        for (const [table, n] of Object.entries(c)) counts[table] = (counts[table] ?? 0) + n;
      }
      const imports = await repo.scrubImports(
        trx,
        found.map((p) => ({ ...p, pseudonym: pseudonymOf(p.id) })),
      );
      if (imports > 0) counts.inmate_imports = imports;
      people += found.length;
      for (const [table, n] of Object.entries(counts)) details[table] = (details[table] ?? 0) + n;
      await repo.updateRun(trx, runId, people, details);
      // Counts only: no name, no id of a person.
      await recordAudit(trx, ctx.who.actor, {
        action: 'retention.pseudonymise',
        entity: 'retention_run',
        entityId: runId,
        after: { run_on: day, cutoff, retention_years: opts.years, people: found.length, tables: counts },
      });
      return found.length < batch;
    });
    if (done) break;
  }
  return { id: runId ?? '', cutoff, people, details };
}

/** The runs, newest first, and per unit in the reader's scope the people pseudonymised and due. */
export async function retentionOverview(ctx: Ctx, opts: { years: number }) {
  const cutoff = cutoffOf(today(ctx, 'Asia/Jakarta'), opts.years);
  const [runs, units] = await Promise.all([
    repo.recentRuns(ctx.db, 60),
    repo.unitCounts(ctx.db, ctx.who.scope, cutoff),
  ]);
  return { cutoff, years: opts.years, runs, units, may: retentionMay(ctx.who) };
}
export type RetentionOverview = Awaited<ReturnType<typeof retentionOverview>>;
