// Issue 15 item 2: reports that never scan every mark. The attendance summaries count a
// programme's (or a unit's) marks by status through its sessions; the unique key on
// (session_id, enrolment_id) found them, but each mark's row was then read from the table for its
// status, so PostgreSQL preferred to read the whole table once (10.3 million rows for a page of
// the national overview). Carrying the status in that key's index answers those reads from the
// index alone. It replaces the constraint's own index (same name, same key, still what a roll
// call's upsert names), so a save of 200 marks maintains no extra index.
//
// An index-only read skips the table only for pages the visibility map marks all-visible, which
// autovacuum sets. By default an insert-only table is vacuumed after inserts of a fifth of its
// size: three million marks, months of a national year, and those recent marks are the ones the
// reports read most. At 1% the map keeps up within days.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table attendance_marks
    drop constraint attendance_marks_session_enrolment_key,
    add constraint attendance_marks_session_enrolment_key unique (session_id, enrolment_id) include (status)`.execute(
    db,
  );
  await sql`alter table attendance_marks set (autovacuum_vacuum_insert_scale_factor = 0.01)`.execute(db);
}
