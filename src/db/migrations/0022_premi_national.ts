// Issue #12: the national month as a job. A national administrator starts "compute the draft premi
// runs of month X for every unit"; a background job prepares each active unit's run and keeps its
// progress on this row (units done of the total, those skipped or failed and why), so any app node
// can show it while whichever node took the job works.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('premi_national_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The first day of the month the drafts are for.
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`status in ('queued', 'running', 'done', 'failed')`),
    )
    // Units to prepare, units handled so far (prepared, skipped or failed), and of those the
    // skipped (month still open, run already posted) and the failed.
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    // Per unit not prepared: { unit_id, unit_name, outcome: skipped | failed, code, key, params }.
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint(
      'premi_national_jobs_counts',
      sql`done between 0 and total and skipped + failed <= done and skipped >= 0 and failed >= 0`,
    )
    .execute();
  // One job at a time per month: a second request while one is queued or running is refused.
  await sql`create unique index premi_national_jobs_month_active on premi_national_jobs (month)
    where status in ('queued', 'running')`.execute(db);
  await db.schema
    .createIndex('premi_national_jobs_created_idx')
    .on('premi_national_jobs')
    .column('created_at')
    .execute();
}
