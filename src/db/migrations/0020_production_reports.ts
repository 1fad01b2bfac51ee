// Issue #11, production reports: a unit's year of production log is read for the twelve-month
// history of every monthly report. The (unit_id, day) index of 0019 finds the rows but each one
// is then fetched from the table; carrying the few columns the reports sum lets PostgreSQL answer
// from the index alone (measured on a 1,500-participant unit with a year of records: the
// per-programme report with its twelve months about twice as fast). The covering index has the
// same key, so it replaces the old one rather than doubling the cost of each write. A batch's
// lines are read the same way, by batch, for their counts, rate and maker.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index production_entries_unit_day_cover_idx on production_entries (unit_id, day)
    include (programme_id, product_id, enrolment_id, finished)`.execute(db);
  await sql`drop index production_entries_unit_day_idx`.execute(db);
  await sql`create index qc_batch_lines_batch_cover_idx on qc_batch_lines (batch_id)
    include (enrolment_id, product_id, submitted, passed, rate)`.execute(db);
}
