// Issue #5: attendance marks per session and participant with their correction history, offline
// batches applied once (idempotency keys), the session journal, competency assessments per
// participant and curriculum unit, the programme's completion rule, and verifiable certificates.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);
  const markStatus = sql`in ('hadir', 'terlambat', 'izin', 'sakit', 'alpa', 'dispensasi')`;

  await db.schema
    .createTable('attendance_marks')
    .addColumn('id', 'uuid', id)
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('programme_sessions.id'))
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status ${markStatus}`))
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('attendance_marks_session_enrolment_key', ['session_id', 'enrolment_id'])
    .execute();
  await db.schema
    .createIndex('attendance_marks_enrolment_idx')
    .on('attendance_marks')
    .column('enrolment_id')
    .execute();

  // A correction keeps the earlier value; the mark row always holds the current one.
  await db.schema
    .createTable('attendance_corrections')
    .addColumn('id', 'uuid', id)
    .addColumn('mark_id', 'uuid', (c) => c.notNull().references('attendance_marks.id').onDelete('cascade'))
    .addColumn('previous_status', 'text', (c) => c.notNull().check(sql`previous_status ${markStatus}`))
    .addColumn('previous_note', 'text')
    .addColumn('new_status', 'text', (c) => c.notNull().check(sql`new_status ${markStatus}`))
    .addColumn('new_note', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .addColumn('corrected_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('corrected_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('attendance_corrections_mark_idx')
    .on('attendance_corrections')
    .column('mark_id')
    .execute();

  // A batch sent from the hall (possibly again after a lost connection) is applied once per key.
  await db.schema
    .createTable('attendance_submissions')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('programme_sessions.id'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('session_journals')
    .addColumn('session_id', 'uuid', (c) => c.primaryKey().references('programme_sessions.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('materials', 'text')
    .addColumn('notes', 'text')
    // Names of instructors present who have no account (a partner's guest trainer, say).
    .addColumn('other_instructors', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createTable('session_journal_units')
    .addColumn('session_id', 'uuid', (c) =>
      c.notNull().references('session_journals.session_id').onDelete('cascade'),
    )
    .addColumn('curriculum_unit_id', 'uuid', (c) => c.notNull().references('curriculum_units.id'))
    .addPrimaryKeyConstraint('session_journal_units_pk', ['session_id', 'curriculum_unit_id'])
    .execute();
  await db.schema
    .createTable('session_journal_instructors')
    .addColumn('session_id', 'uuid', (c) =>
      c.notNull().references('session_journals.session_id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('session_journal_instructors_pk', ['session_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('competency_assessments')
    .addColumn('id', 'uuid', id)
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id'))
    .addColumn('curriculum_unit_id', 'uuid', (c) => c.notNull().references('curriculum_units.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('not_started', 'in_progress', 'competent', 'not_yet_competent')`),
    )
    .addColumn('assessed_on', 'date')
    .addColumn('evidence', 'text')
    .addColumn('assessed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('competency_assessments_key', ['enrolment_id', 'curriculum_unit_id'])
    .execute();

  // The completion rule: a minimum attendance rate; all core units competent is always required.
  await db.schema
    .alterTable('programmes')
    .addColumn('completion_min_attendance', 'integer', (c) =>
      c.notNull().defaultTo(80).check(sql`completion_min_attendance between 0 and 100`),
    )
    .execute();

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'uuid', id)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    // Printed in the QR code: unguessable, so the public page cannot be walked by number.
    .addColumn('verify_token', 'text', (c) => c.notNull().unique())
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('holder_initials', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('hours', 'numeric', (c) => c.notNull())
    .addColumn('attendance_rate', 'numeric', (c) => c.notNull())
    // What the certificate states, frozen at issue: [{ code, title, hours, status }].
    .addColumn('competencies', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('valid').check(sql`status in ('valid', 'revoked')`),
    )
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('issued_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint(
      'certificates_revocation',
      sql`(status = 'revoked') = (revoked_at is not null and revoked_reason is not null)`,
    )
    .execute();
  // One valid certificate per enrolment; a revoked one may be followed by a new one.
  await sql`create unique index certificates_enrolment_valid_key on certificates (enrolment_id)
    where status = 'valid'`.execute(db);
  await db.schema
    .createIndex('certificates_programme_idx')
    .on('certificates')
    .column('programme_id')
    .execute();
}
