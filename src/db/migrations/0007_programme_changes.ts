// Programme instructors (the partner's instruktur_mitra and the unit's petugas who teach it), and
// an index for the daily session generation's read of moved sessions.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programme_instructors')
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('programme_instructors_pk', ['programme_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('programme_instructors_user_idx')
    .on('programme_instructors')
    .column('user_id')
    .execute();
  // Moved sessions keep their original day claimed; generation reads them per batch of schedules.
  await sql`create index programme_sessions_moved_idx on programme_sessions (schedule_id, rescheduled_from)
    where rescheduled_from is not null`.execute(db);
}
