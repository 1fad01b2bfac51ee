// Issue #11: an offline batch of the hall names its subject by session, or, for a workshop without
// sessions, by programme and working day; the day lets a key sent for another day be refused.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table batch_submissions add column day date`.execute(db);
}
