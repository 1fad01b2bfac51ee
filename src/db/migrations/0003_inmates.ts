// The inmate register (warga binaan): people held in a unit, their status history (release,
// transfer out, re-admission) and their disciplinary record (Register F).
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('inmates')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('reg_number', 'text', (c) => c.notNull())
    .addColumn('register_class', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`register_class in ('A.I', 'A.II', 'A.III', 'A.IV', 'A.V', 'B.I', 'B.IIa', 'B.IIb', 'B.III')`,
        ),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('L', 'P')`))
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('entry_date', 'date', (c) => c.notNull())
    .addColumn('expected_release_date', 'date')
    .addColumn('block', 'text')
    .addColumn('room', 'text')
    .addColumn('education', 'text')
    .addColumn('skills', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('interests', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('risk_level', 'text', (c) => c.check(sql`risk_level in ('rendah', 'sedang', 'tinggi')`))
    .addColumn('health_restriction', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('nik', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'released', 'transferred')`),
    )
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('inmates_unit_reg_key', ['unit_id', 'reg_number'])
    .addCheckConstraint(
      'inmates_release_after_entry',
      sql`expected_release_date is null or expected_release_date >= entry_date`,
    )
    .execute();
  await db.schema.createIndex('inmates_unit_name_idx').on('inmates').columns(['unit_id', 'name']).execute();
  await db.schema
    .createIndex('inmates_unit_status_idx')
    .on('inmates')
    .columns(['unit_id', 'status', 'register_class'])
    .execute();

  await db.schema
    .createTable('inmate_status_history')
    .addColumn('id', 'uuid', id)
    .addColumn('inmate_id', 'uuid', (c) => c.notNull().references('inmates.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'released', 'transferred')`),
    )
    .addColumn('on_date', 'date', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('inmate_status_history_idx')
    .on('inmate_status_history')
    .columns(['inmate_id', 'on_date'])
    .execute();

  await db.schema
    .createTable('register_f_entries')
    .addColumn('id', 'uuid', id)
    .addColumn('inmate_id', 'uuid', (c) => c.notNull().references('inmates.id'))
    .addColumn('entry_date', 'date', (c) => c.notNull())
    .addColumn('violation', 'text', (c) => c.notNull())
    .addColumn('sanction', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('register_f_entries_idx')
    .on('register_f_entries')
    .columns(['inmate_id', 'entry_date'])
    .execute();

  // An uploaded SDP roster waits here between preview and confirmation, so any app node can
  // confirm it: rows are already parsed and matched, problems listed per row and column.
  await db.schema
    .createTable('inmate_imports')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('rows', 'jsonb', (c) => c.notNull())
    .addColumn('problems', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'applied')`),
    )
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('applied_at', 'timestamptz')
    // Active people of the unit missing from the file: after the import, the user may mark them
    // released or transferred in a second, separate confirmation.
    .addColumn('absent', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('absent_status', 'text', (c) => c.check(sql`absent_status in ('released', 'transferred')`))
    .execute();
  await db.schema
    .createIndex('inmate_imports_unit_idx')
    .on('inmate_imports')
    .columns(['unit_id', 'created_at'])
    .execute();
}
