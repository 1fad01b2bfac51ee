// The national month: a national administrator asks for every active unit's draft premi run of a
// month; a background job prepares them one unit after another through the premi runs' own
// prepareRun, as the system acting for the requester, and records on the job's row how far it got
// and which units were skipped (their month is still open, their run already posted) or failed, and why.
import { AppError, conflict, fieldError, forbidden, isUniqueViolation, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Actor, actingAs, type Ctx, today } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { prepareRun } from '../premi/premi.service.ts';
import * as repo from './premi-national.repo.ts';

/** What the queue carries: the job's row, and who asked (the audit actor of every draft). */
export interface NationalJob {
  id: string;
  actor: Actor;
}

/** Refusals that mean "not this unit's turn", not a fault: the unit is reported skipped with the reason. */
const SKIPPED = new Set(['premi.month_open', 'premi.already_posted']);

/** Units prepared at once: the database does the work; two keep it busy without crowding the pool. */
export const CONCURRENCY = 2;

function mayStart(ctx: Pick<Ctx, 'who'>) {
  if (!can(ctx.who, 'premi.national')) throw forbidden();
}

/** Records the request (queued); the caller hands the returned job to the queue. */
export async function requestNationalMonth(ctx: Ctx, input: { month: string }): Promise<NationalJob> {
  mayStart(ctx);
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw fieldError('month', 'premiNational.monthFormat');
  if (input.month > today(ctx).slice(0, 7)) throw fieldError('month', 'premiNational.monthFuture');
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const id = await repo.insertJob(trx, input.month, ctx.who.id);
      await recordAudit(trx, ctx.who.actor, {
        action: 'premi.national_requested',
        entity: 'premi_national_job',
        entityId: id,
        after: { month: input.month },
      });
      return id;
    });
    return { id, actor: ctx.who.actor };
  } catch (err) {
    if (isUniqueViolation(err, 'premi_national_jobs_month_active'))
      throw conflict('premi_national.running', 'premiNational.alreadyRunning', { month: input.month });
    throw err;
  }
}

/** One job with its progress and the units not prepared; national administrators only. */
export async function nationalJob(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  mayStart(ctx);
  const j = await repo.findJob(ctx.db, id);
  if (!j) throw notFound('premi_national');
  return j;
}
export type NationalJobRow = Awaited<ReturnType<typeof nationalJob>>;

export async function recentNationalJobs(ctx: Pick<Ctx, 'db' | 'who'>) {
  mayStart(ctx);
  return repo.recentJobs(ctx.db);
}

export const isRunning = (status: string) => status === 'queued' || status === 'running';

interface Log {
  error(o: object, msg: string): void;
}

/** What became of one unit: null when its draft was prepared. */
function outcomeOf(unit: { id: string; name: string }, err: unknown): repo.UnitOutcome {
  if (err instanceof AppError) {
    const field = err.fields[0];
    return {
      unit_id: unit.id,
      unit_name: unit.name,
      outcome: SKIPPED.has(err.code) ? 'skipped' : 'failed',
      code: err.code,
      key: field?.key ?? err.key,
      params: field?.params ?? err.params,
    };
  }
  return {
    unit_id: unit.id,
    unit_name: unit.name,
    outcome: 'failed',
    code: 'internal',
    key: 'premiNational.unitError',
    params: {},
  };
}

/**
 * Runs a queued job to the end: every active unit's draft, CONCURRENCY at a time, each outcome
 * written to the row as it happens. A job already taken (by another node) is left alone.
 */
export async function runNationalJob(
  db: Db,
  job: NationalJob,
  log?: Log,
  o: { concurrency?: number; now?: () => Date } = {},
): Promise<void> {
  const row = await repo.findJob(db, job.id);
  if (row?.status !== 'queued') return;
  const now = o.now ?? (() => new Date());
  try {
    const units = await repo.activeUnits(db);
    if (!(await repo.start(db, job.id, units.length))) return;
    const who = actingAs(job.actor);
    let next = 0;
    const worker = async () => {
      while (next < units.length) {
        const unit = units[next++];
        if (!unit) break;
        let outcome: repo.UnitOutcome | null = null;
        try {
          await prepareRun({ db, who, now: now() }, { unitId: unit.id, month: row.month });
        } catch (err) {
          outcome = outcomeOf(unit, err);
          if (outcome.outcome === 'failed')
            log?.error({ err, unitId: unit.id, jobId: job.id }, 'national premi: unit failed');
        }
        await repo.unitDone(db, job.id, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? CONCURRENCY) }, worker));
    await repo.finish(db, job.id, 'done');
  } catch (err) {
    log?.error({ err, jobId: job.id }, 'national premi job failed');
    await repo.finish(db, job.id, 'failed').catch(() => {});
  }
}
