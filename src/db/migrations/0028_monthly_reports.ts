// Issue #14: the unit's monthly report (Laporan Bulanan Pembinaan Kemandirian). The petugas drafts
// it and writes the narrative; the Kepala UPT signs and submits it, which freezes the month's figures
// into `figures`; the Kanwil acknowledges it or returns it with a note. A correction is a new version
// (n+1, with a reason): every version stays, so a unit-month has one row per version.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);
  await db.schema
    .createTable('monthly_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    // The first day of the month reported on.
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'acknowledged', 'returned')`),
    )
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo(''))
    // Why version n+1 was made (required from version 2 on).
    .addColumn('revision_reason', 'text')
    // The frozen snapshot, written once when the Kepala submits; null while a draft.
    .addColumn('figures', 'jsonb')
    .addColumn('drafted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('signed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('signed_on', 'date')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_note', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('monthly_reports_version_key', ['unit_id', 'month', 'version'])
    .addCheckConstraint(
      'monthly_reports_submitted',
      sql`(status = 'draft') = (submitted_at is null) and (status = 'draft') = (figures is null)`,
    )
    .addCheckConstraint('monthly_reports_reason', sql`version = 1 or revision_reason is not null`)
    .addCheckConstraint(
      'monthly_reports_reviewed',
      sql`(status in ('acknowledged', 'returned')) = (reviewed_at is not null)`,
    )
    .execute();
  // The Kanwil's inbox: its region's reports of a month by status.
  await sql`create index monthly_reports_month_idx on monthly_reports (month, status)`.execute(db);
}
