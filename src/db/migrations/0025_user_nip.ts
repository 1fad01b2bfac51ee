// Issue #13: a civil servant's NIP is printed on certificates and reports, so two accounts never
// share one. Empty NIPs saved by older forms become "no NIP".
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update users set nip = null where btrim(nip) = ''`.execute(db);
  await sql`create unique index users_nip_key on users (nip) where nip is not null`.execute(db);
}
