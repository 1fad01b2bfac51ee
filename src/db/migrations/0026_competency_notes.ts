// Issue #13: assessing a whole class at once gives each assessment a free note beside its evidence
// (what to practise next, why it waits), optional and personal like the evidence.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table competency_assessments add column note text`.execute(db);
}
