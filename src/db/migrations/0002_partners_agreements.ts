// Partners (mitra), cooperation agreements (PKS, MoU, addenda) with versioned terms, their files,
// evaluations (monev), reminders, the Program Aksi reference list, and each unit's default premi split.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .alterTable('units')
    .addColumn('premi_pct', 'integer', (c) => c.notNull().defaultTo(50))
    .addColumn('pnbp_pct', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('capital_pct', 'integer', (c) => c.notNull().defaultTo(35))
    .execute();
  await sql`alter table units add constraint units_split_100 check (premi_pct + pnbp_pct + capital_pct = 100
    and premi_pct >= 0 and pnbp_pct >= 0 and capital_pct >= 0)`.execute(db);

  await db.schema
    .createTable('program_aksi')
    .addColumn('id', 'uuid', id)
    .addColumn('number', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await sql`create unique index program_aksi_title_key on program_aksi (lower(title))`.execute(db);

  await db.schema
    .createTable('partners')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('company', 'blk', 'lsp', 'government', 'ngo', 'university', 'other')`),
    )
    .addColumn('legal_name', 'text', (c) => c.notNull())
    .addColumn('nib', 'text')
    .addColumn('npwp', 'text')
    .addColumn('address', 'text')
    .addColumn('city', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('notes', 'text')
    .addColumn('contacts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('partners_unit_idx')
    .on('partners')
    .columns(['unit_id', 'legal_name'])
    .execute();
  await sql`create unique index partners_unit_name_key on partners (unit_id, lower(legal_name))`.execute(db);

  await db.schema
    .alterTable('users')
    .addColumn('partner_id', 'uuid', (c) => c.references('partners.id'))
    .execute();

  await db.schema
    .createTable('agreements')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('partner_id', 'uuid', (c) => c.notNull().references('partners.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('pks', 'mou', 'addendum')`))
    .addColumn('parent_id', 'uuid', (c) => c.references('agreements.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('number_first', 'text')
    .addColumn('number_second', 'text')
    .addColumn('signed_on', 'date')
    .addColumn('signed_place', 'text')
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'signed', 'active', 'expired', 'terminated')`),
    )
    .addColumn('terminated_on', 'date')
    .addColumn('terminated_reason', 'text')
    .addColumn('signed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('signed_at', 'timestamptz')
    .addColumn('parties', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('agreements_addendum_parent', sql`(kind = 'addendum') = (parent_id is not null)`)
    .addCheckConstraint('agreements_valid_range', sql`valid_to is null or valid_to >= valid_from`)
    .addCheckConstraint(
      'agreements_terminated_reason',
      sql`status <> 'terminated' or terminated_reason is not null`,
    )
    .execute();
  await db.schema
    .createIndex('agreements_unit_idx')
    .on('agreements')
    .columns(['unit_id', 'status'])
    .execute();
  await db.schema.createIndex('agreements_partner_idx').on('agreements').column('partner_id').execute();
  await db.schema.createIndex('agreements_parent_idx').on('agreements').column('parent_id').execute();

  // Terms are versioned: the base agreement sets the first version, each addendum adds one from its
  // own date. "Terms in force on D" is the latest version effective on or before D.
  await db.schema
    .createTable('agreement_terms')
    .addColumn('id', 'uuid', id)
    .addColumn('agreement_id', 'uuid', (c) => c.notNull().references('agreements.id'))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('agreements.id'))
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('scope', 'text')
    .addColumn('valid_to', 'date')
    .addColumn('obligations_first', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('obligations_second', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('materials_by', 'text', (c) => c.check(sql`materials_by in ('unit', 'partner', 'shared')`))
    .addColumn('pay_model', 'text', (c) =>
      c.notNull().defaultTo('none').check(sql`pay_model in ('none', 'piece_rate', 'profit_split')`),
    )
    .addColumn('piece_rates', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('premi_pct', 'integer')
    .addColumn('pnbp_pct', 'integer')
    .addColumn('capital_pct', 'integer')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('agreement_terms_source_key', ['source_id'])
    .addCheckConstraint(
      'agreement_terms_split',
      sql`(premi_pct is null and pnbp_pct is null and capital_pct is null)
        or (premi_pct + pnbp_pct + capital_pct = 100 and premi_pct >= 0 and pnbp_pct >= 0 and capital_pct >= 0)`,
    )
    .execute();
  await db.schema
    .createIndex('agreement_terms_idx')
    .on('agreement_terms')
    .columns(['agreement_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('agreement_program_aksi')
    .addColumn('agreement_id', 'uuid', (c) => c.notNull().references('agreements.id').onDelete('cascade'))
    .addColumn('program_aksi_id', 'uuid', (c) => c.notNull().references('program_aksi.id'))
    .addPrimaryKeyConstraint('agreement_program_aksi_pk', ['agreement_id', 'program_aksi_id'])
    .execute();

  // Files live in PostgreSQL so app nodes stay stateless; the owner decides who may download.
  await db.schema
    .createTable('files')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('files_owner_idx').on('files').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('agreement_evaluations')
    .addColumn('id', 'uuid', id)
    .addColumn('agreement_id', 'uuid', (c) => c.notNull().references('agreements.id'))
    .addColumn('evaluated_on', 'date', (c) => c.notNull())
    .addColumn('evaluator', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 100`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('agreement_evaluations_idx')
    .on('agreement_evaluations')
    .columns(['agreement_id', 'evaluated_on'])
    .execute();

  await db.schema
    .createTable('evaluation_actions')
    .addColumn('id', 'uuid', id)
    .addColumn('evaluation_id', 'uuid', (c) => c.notNull().references('agreement_evaluations.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'in_progress', 'done')`),
    )
    .addColumn('done_on', 'date')
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('evaluation_actions_idx')
    .on('evaluation_actions')
    .column('evaluation_id')
    .execute();

  // One row per reminder ever raised: the daily job inserts, the unique key makes it once each.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('notifications_once', ['kind', 'entity', 'entity_id', 'due_on'])
    .execute();
  await db.schema
    .createIndex('notifications_unit_idx')
    .on('notifications')
    .columns(['unit_id', 'created_at'])
    .execute();
}
