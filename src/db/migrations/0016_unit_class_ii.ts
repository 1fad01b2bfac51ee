// Issue 9 item 14: Bapas and LPKA can be Kelas II; other units stay Kelas I, IIA, IIB or III.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table units drop constraint if exists units_class_check`.execute(db);
  await sql`
    alter table units add constraint units_class_check check (
      class in ('I', 'II', 'IIA', 'IIB', 'III') and (class <> 'II' or type in ('bapas', 'lpka'))
    )`.execute(db);
}
