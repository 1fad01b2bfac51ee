// The holiday calendar (national and per unit), programmes with their curriculum, Program Aksi tags
// and eligibility rules, weekly schedules, and the sessions generated from them.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  // unit_id null is a national holiday; a unit adds its own local ones.
  await db.schema
    .createTable('holidays')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('national', 'cuti_bersama', 'local')`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await sql`create unique index holidays_unit_day_key on holidays
    (coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), day)`.execute(db);
  await db.schema.createIndex('holidays_day_idx').on('holidays').column('day').execute();

  await db.schema
    .createTable('programmes')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('training', 'production', 'apprenticeship', 'certification')`),
    )
    .addColumn('skill_area', 'text')
    .addColumn('partner_id', 'uuid', (c) => c.references('partners.id'))
    .addColumn('agreement_id', 'uuid', (c) => c.references('agreements.id'))
    .addColumn('location', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('planned').check(sql`status in ('planned', 'running', 'paused', 'finished')`),
    )
    .addColumn('eligibility', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('programmes_unit_idx').on('programmes').columns(['unit_id', 'name']).execute();
  await db.schema.createIndex('programmes_partner_idx').on('programmes').column('partner_id').execute();

  await db.schema
    .createTable('programme_program_aksi')
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('program_aksi_id', 'uuid', (c) => c.notNull().references('program_aksi.id'))
    .addPrimaryKeyConstraint('programme_program_aksi_pk', ['programme_id', 'program_aksi_id'])
    .execute();

  await db.schema
    .createTable('curriculum_units')
    .addColumn('id', 'uuid', id)
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('target_hours', 'integer', (c) => c.notNull().check(sql`target_hours >= 0`))
    .addColumn('core', 'boolean', (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint('curriculum_units_position_key', ['programme_id', 'position'])
    .execute();

  await db.schema
    .createTable('schedules')
    .addColumn('id', 'uuid', id)
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('weekdays', sql`integer[]`, (c) => c.notNull())
    .addColumn('every_n_weeks', 'integer', (c) => c.notNull().defaultTo(1).check(sql`every_n_weeks >= 1`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date')
    .addColumn('start_time', 'time', (c) => c.notNull())
    .addColumn('end_time', 'time', (c) => c.notNull())
    .addColumn('skip_holidays', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('schedules_range', sql`ends_on is null or ends_on >= starts_on`)
    .addCheckConstraint('schedules_times', sql`end_time > start_time`)
    .addCheckConstraint(
      'schedules_weekdays',
      sql`cardinality(weekdays) > 0 and weekdays <@ array[1,2,3,4,5,6,7]`,
    )
    .execute();
  await db.schema.createIndex('schedules_programme_idx').on('schedules').column('programme_id').execute();

  // `sessions` already holds sign-in sessions, so a programme's meetings are programme_sessions.
  await db.schema
    .createTable('programme_sessions')
    .addColumn('id', 'uuid', id)
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('schedule_id', 'uuid', (c) => c.references('schedules.id').onDelete('set null'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'cancelled')`),
    )
    .addColumn('cancel_reason', 'text')
    .addColumn('extra', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('rescheduled_from', 'date')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('programme_sessions_times', sql`ends_at > starts_at`)
    .addCheckConstraint(
      'programme_sessions_cancel_reason',
      sql`status <> 'cancelled' or cancel_reason is not null`,
    )
    .execute();
  // Generation inserts "on conflict do nothing" against this key, so it never duplicates a session
  // nor brings back a cancelled one.
  await sql`create unique index programme_sessions_schedule_day_key on programme_sessions (schedule_id, day)
    where schedule_id is not null`.execute(db);
  await db.schema
    .createIndex('programme_sessions_programme_idx')
    .on('programme_sessions')
    .columns(['programme_id', 'day'])
    .execute();
}
