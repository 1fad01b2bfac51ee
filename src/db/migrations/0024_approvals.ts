// Issue #13: the requests the Kepala UPT's approvals inbox needs and no module kept yet. A petugas
// asks for a locked session's attendance to be opened again, or for a certificate to be revoked,
// each with a reason; the Kepala approves or rejects with a note. An approved unlock opens the
// session's roll call to its staff until `unlocked_until`; an approved revocation revokes the
// certificate in the same transaction. At most one request per record waits at a time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);
  const status = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'rejected')`);

  await db.schema
    .createTable('attendance_unlock_requests')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('programme_sessions.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', status)
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('requested_at', 'timestamptz', now)
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    // Set when approved: the session's roll call takes the staff's marks again until then.
    .addColumn('unlocked_until', 'timestamptz')
    .addCheckConstraint(
      'attendance_unlock_requests_decided',
      sql`(status = 'pending') = (decided_at is null)`,
    )
    .addCheckConstraint(
      'attendance_unlock_requests_until',
      sql`(status = 'approved') = (unlocked_until is not null)`,
    )
    .execute();
  await sql`create unique index attendance_unlock_requests_pending_key
    on attendance_unlock_requests (session_id) where status = 'pending'`.execute(db);
  await sql`create index attendance_unlock_requests_unit_idx
    on attendance_unlock_requests (unit_id, status)`.execute(db);

  await db.schema
    .createTable('certificate_revocation_requests')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('certificate_id', 'uuid', (c) => c.notNull().references('certificates.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', status)
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('requested_at', 'timestamptz', now)
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addCheckConstraint(
      'certificate_revocation_requests_decided',
      sql`(status = 'pending') = (decided_at is null)`,
    )
    .execute();
  await sql`create unique index certificate_revocation_requests_pending_key
    on certificate_revocation_requests (certificate_id) where status = 'pending'`.execute(db);
  await sql`create index certificate_revocation_requests_unit_idx
    on certificate_revocation_requests (unit_id, status)`.execute(db);
}
