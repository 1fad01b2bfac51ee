// Issue 9 item 12: the register keeps why a person's tanggal ekspirasi moved. A detainee's new
// detention order (perpanjangan penahanan) or a sentenced person's corrected ekspirasi is a row
// here, and moves inmates.expected_release_date in the same audited transaction; the partial index
// serves "active past their ekspirasi" (list filter and dashboard count) at national scale.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inmate_expiry_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('inmate_id', 'uuid', (c) => c.notNull().references('inmates.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('detention_extension', 'correction')`))
    .addColumn('previous_expiry', 'date')
    .addColumn('new_expiry', 'date', (c) => c.notNull())
    // The decree or order number, who issued it and when; required for a detention order.
    .addColumn('reference', 'text')
    .addColumn('authority', 'text')
    .addColumn('order_date', 'date')
    // Why the date changed; required for a correction.
    .addColumn('basis', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'inmate_expiry_changes_extension_documented',
      sql`kind <> 'detention_extension' or (reference is not null and authority is not null and order_date is not null)`,
    )
    .addCheckConstraint(
      'inmate_expiry_changes_correction_basis',
      sql`kind <> 'correction' or basis is not null`,
    )
    .execute();
  await db.schema
    .createIndex('inmate_expiry_changes_inmate_idx')
    .on('inmate_expiry_changes')
    .columns(['inmate_id', 'created_at'])
    .execute();
  await sql`create index inmates_active_expiry_idx on inmates (unit_id, expected_release_date) where status = 'active'`.execute(
    db,
  );
}
