// Selection, continued: an intake is closed (after the decision) or cancelled (while open) with a
// reason, by whom and when; a detainee's consent records who recorded it, and when it was withdrawn.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('intakes')
    .addColumn('closed_as', 'text', (c) => c.check(sql`closed_as in ('completed', 'cancelled')`))
    .addColumn('close_reason', 'text')
    .addColumn('closed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await sql`alter table intakes add constraint intakes_closed
    check ((status = 'closed') = (closed_as is not null and closed_at is not null and close_reason is not null))`.execute(
    db,
  );
  await db.schema
    .alterTable('intake_candidates')
    .addColumn('consent_recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('consent_withdrawn_at', 'timestamptz')
    .execute();
}
