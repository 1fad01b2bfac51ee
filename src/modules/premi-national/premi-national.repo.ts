// The national month jobs' rows: created by the request, moved along by the job one unit at a time
// (each unit's outcome is one atomic update, so any node reading the row sees true progress).
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { PremiNationalStatus } from '../../db/schema.ts';

/** Why a unit's draft was not prepared, as the page and the API report it. */
export interface UnitOutcome {
  unit_id: string;
  unit_name: string;
  outcome: 'skipped' | 'failed';
  code: string;
  key: string;
  params: Record<string, string | number>;
}

const columns = [
  'j.id',
  'j.requested_by',
  'j.status',
  'j.total',
  'j.done',
  'j.skipped',
  'j.failed',
  'j.errors',
  'j.created_at',
  'j.started_at',
  'j.finished_at',
  'u.full_name as requested_by_name',
] as const;

export async function insertJob(db: Db, month: string, requestedBy: string | null): Promise<string> {
  const r = await db
    .insertInto('premi_national_jobs')
    .values({ month: `${month}-01`, requested_by: requestedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

function base(db: Db) {
  return db
    .selectFrom('premi_national_jobs as j')
    .leftJoin('users as u', 'u.id', 'j.requested_by')
    .select(columns)
    .select(sql<string>`to_char(j.month, 'YYYY-MM')`.as('month'));
}

const typed = <T extends { errors: unknown }>(j: T) => ({ ...j, errors: (j.errors ?? []) as UnitOutcome[] });

export async function findJob(db: Db, id: string) {
  const j = await base(db).where('j.id', '=', id).executeTakeFirst();
  return j ? typed(j) : undefined;
}

export async function recentJobs(db: Db, limit = 10) {
  const rows = await base(db).orderBy('j.created_at', 'desc').limit(limit).execute();
  return rows.map(typed);
}

/** Every active unit, in code order: the units a national month prepares. */
export async function activeUnits(db: Db) {
  return db.selectFrom('units').select(['id', 'name']).where('active', '=', true).orderBy('code').execute();
}

/** queued -> running, with the number of units to do; false when the job is not queued (taken twice). */
export async function start(db: Db, id: string, total: number): Promise<boolean> {
  const r = await db
    .updateTable('premi_national_jobs')
    .set({ status: 'running', total, started_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** One unit handled: prepared (no outcome), or skipped or failed with why. */
export async function unitDone(db: Db, id: string, o: UnitOutcome | null): Promise<void> {
  const skipped = o?.outcome === 'skipped' ? 1 : 0;
  const failed = o?.outcome === 'failed' ? 1 : 0;
  await db
    .updateTable('premi_national_jobs')
    .set({
      done: sql`done + 1`,
      skipped: sql`skipped + ${skipped}::int`,
      failed: sql`failed + ${failed}::int`,
      ...(o ? { errors: sql`errors || ${JSON.stringify([o])}::jsonb` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function finish(
  db: Db,
  id: string,
  status: PremiNationalStatus,
  error?: UnitOutcome,
): Promise<void> {
  await db
    .updateTable('premi_national_jobs')
    .set({
      status,
      finished_at: sql`now()`,
      ...(error ? { errors: sql`errors || ${JSON.stringify([error])}::jsonb` } : {}),
    })
    .where('id', '=', id)
    .execute();
}
