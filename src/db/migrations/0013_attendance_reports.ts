// Issue #5 summaries: indexes only. The reports read a programme's participants (all statuses, not
// only the inmates' active places the partial unique index covers) and a unit's active ones.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index enrolments_programme_status_idx on enrolments (programme_id, status)`.execute(db);
}
