// Issue #12: premi credited after a person's payout at release (the run of their release month,
// items of theirs the partner checks later) is paid out as the rest (sisa premi) by a further payout,
// so a released person's ledger always closes at zero. A payout is still refused when nothing is owed.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table premi_payouts drop constraint premi_payouts_inmate_id_key`.execute(db);
  await sql`create index premi_payouts_inmate_idx on premi_payouts (inmate_id, paid_on)`.execute(db);
}
