// Issue #11: production as a ledger. Products (with a bill of materials) and materials, every stock
// change a movement row (stock is the sum of its movements; the on-hand columns are maintained in
// the same transaction and checked never to go below zero, so two requests taking the last item
// cannot both succeed), the production log per participant, the partner's quality check in
// numbered batches, offtake invoices and their payments, direct sales with gapless receipt numbers,
// and stock-takes and write-offs approved by the Kepala UPT. Money is integer rupiah (bigint).
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);
  const nonNeg = (col: string) => sql.raw(`${col} >= 0`);

  // The offline batch of the hall (attendance, and now production) is applied once per key: one
  // table and one mechanism for every page that sends such batches.
  await sql`alter table attendance_submissions rename to batch_submissions`.execute(db);
  await sql`alter table batch_submissions add column kind text not null default 'attendance'
    check (kind in ('attendance', 'production'))`.execute(db);
  await sql`alter table batch_submissions alter column session_id drop not null`.execute(db);
  await sql`alter table batch_submissions add column programme_id uuid references programmes(id)`.execute(db);

  // Whether rejects that cannot be reworked may be sold by the unit itself (a term of the agreement).
  await sql`alter table agreement_terms add column rejects_saleable boolean not null default false`.execute(
    db,
  );

  // Gapless numbers per unit, series and year: the counter row is updated in the transaction that
  // uses the number, so a rolled-back sale gives its number back.
  await db.schema
    .createTable('document_counters')
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('last')))
    .addPrimaryKeyConstraint('document_counters_pk', ['unit_id', 'series', 'year'])
    .execute();

  // A national list, edited by administrators (tas, dompet, aksesoris, furnitur, ...).
  await db.schema
    .createTable('product_kinds')
    .addColumn('id', 'uuid', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  for (const [code, name] of [
    ['tas', 'Tas'],
    ['dompet', 'Dompet'],
    ['aksesoris', 'Aksesoris'],
    ['pakaian', 'Pakaian dan konveksi'],
    ['mebel', 'Mebel dan kerajinan kayu'],
    ['makanan', 'Makanan dan minuman'],
    ['pertanian', 'Hasil pertanian dan perikanan'],
    ['lainnya', 'Lainnya'],
  ] as const) {
    await db.insertInto('product_kinds').values({ code, name }).execute();
  }

  // A unit's product. `route` says where a finished item goes: to the partner's quality check
  // (then bought at its piece rate), or straight into the unit's own sale stock. The stock columns
  // are the sums of product_movements, kept in the same transaction as each movement.
  await db.schema
    .createTable('products')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('programme_id', 'uuid', (c) => c.references('programmes.id'))
    .addColumn('kind_id', 'uuid', (c) => c.notNull().references('product_kinds.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The product's name in the agreement's piece rates, when it differs from the catalogue's.
    .addColumn('rate_name', 'text')
    .addColumn('uom', 'text', (c) => c.notNull().defaultTo('buah'))
    .addColumn('route', 'text', (c) => c.notNull().check(sql`route in ('partner', 'own')`))
    .addColumn('price', 'bigint', (c) => c.check(sql`price is null or price >= 0`))
    .addColumn('description', 'text')
    .addColumn('photo_file_id', 'uuid', (c) => c.references('files.id'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('awaiting_check', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('awaiting_check')))
    .addColumn('in_check', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('in_check')))
    .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('on_hand')))
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('reserved')))
    .addColumn('sold', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('sold')))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('products_unit_name_key', ['unit_id', 'name'])
    .addCheckConstraint('products_reserved_held', sql`reserved <= on_hand`)
    .execute();
  await db.schema.createIndex('products_programme_idx').on('products').column('programme_id').execute();

  // Quantities are whole numbers of the material's unit of measure (gram, gulung, meter, buah).
  await db.schema
    .createTable('materials')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uom', 'text', (c) => c.notNull().check(sql`uom in ('gram', 'gulung', 'meter', 'buah')`))
    // Supplied by the partner (consignment: not the unit's asset) or bought by the unit.
    .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('partner', 'unit')`))
    .addColumn('partner_id', 'uuid', (c) => c.references('partners.id'))
    .addColumn('low_stock_level', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('low_stock_level')))
    .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('on_hand')))
    // Value of the unit-bought stock at cost (rupiah), kept with on_hand: the cost of what is used
    // is taken at the average cost (value / on_hand), with the remainder on the last unit.
    .addColumn('stock_value', 'bigint', (c) => c.notNull().defaultTo(0).check(nonNeg('stock_value')))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('materials_unit_name_key', ['unit_id', 'name'])
    .addCheckConstraint('materials_owner_partner', sql`(owner = 'partner') = (partner_id is not null)`)
    .addCheckConstraint('materials_partner_no_value', sql`owner = 'unit' or stock_value = 0`)
    .execute();

  await db.schema
    .createTable('bill_of_materials')
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('material_id', 'uuid', (c) => c.notNull().references('materials.id'))
    .addColumn('qty_per_item', 'integer', (c) => c.notNull().check(sql`qty_per_item > 0`))
    .addPrimaryKeyConstraint('bill_of_materials_pk', ['product_id', 'material_id'])
    .execute();

  // One row per participant, product and day of a programme (a session's day, or a workshop's
  // working day). Changing a count posts the difference as a movement; the row holds the current value.
  await db.schema
    .createTable('production_entries')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('session_id', 'uuid', (c) => c.references('programme_sessions.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id'))
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
    .addColumn('finished', 'integer', (c) => c.notNull().check(nonNeg('finished')))
    .addColumn('in_progress', 'integer', (c) => c.notNull().defaultTo(0).check(nonNeg('in_progress')))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('production_entries_key', ['programme_id', 'day', 'enrolment_id', 'product_id'])
    .execute();
  await db.schema
    .createIndex('production_entries_unit_day_idx')
    .on('production_entries')
    .columns(['unit_id', 'day'])
    .execute();
  await db.schema
    .createIndex('production_entries_enrolment_idx')
    .on('production_entries')
    .columns(['enrolment_id', 'day'])
    .execute();
  await db.schema
    .createIndex('production_entries_session_idx')
    .on('production_entries')
    .column('session_id')
    .execute();

  // Material used by one entry (default: the bill of materials times the items finished).
  await db.schema
    .createTable('production_entry_materials')
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('production_entries.id').onDelete('cascade'))
    .addColumn('material_id', 'uuid', (c) => c.notNull().references('materials.id'))
    .addColumn('qty', 'integer', (c) => c.notNull().check(nonNeg('qty')))
    .addPrimaryKeyConstraint('production_entry_materials_pk', ['entry_id', 'material_id'])
    .execute();

  // Stock-takes and write-offs: proposed by staff, posted only when the Kepala UPT approves.
  await db.schema
    .createTable('stock_adjustments')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('stocktake', 'write_off')`))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('submitted').check(sql`status in ('submitted', 'approved', 'rejected')`),
    )
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema
    .createIndex('stock_adjustments_unit_idx')
    .on('stock_adjustments')
    .columns(['unit_id', 'status', 'day'])
    .execute();
  await db.schema
    .createTable('stock_adjustment_lines')
    .addColumn('id', 'uuid', id)
    .addColumn('adjustment_id', 'uuid', (c) =>
      c.notNull().references('stock_adjustments.id').onDelete('cascade'),
    )
    .addColumn('material_id', 'uuid', (c) => c.references('materials.id'))
    .addColumn('product_id', 'uuid', (c) => c.references('products.id'))
    // Stock-take: what the record said and what was counted. Write-off: qty taken out.
    .addColumn('expected', 'integer', (c) => c.check(sql`expected is null or expected >= 0`))
    .addColumn('counted', 'integer', (c) => c.check(sql`counted is null or counted >= 0`))
    .addColumn('qty', 'integer', (c) => c.check(sql`qty is null or qty > 0`))
    .addColumn('reason', 'text')
    .addCheckConstraint('stock_adjustment_lines_item', sql`(material_id is null) <> (product_id is null)`)
    .execute();

  // Quality check by the partner: a numbered batch of finished items, one line per maker and product.
  await db.schema
    .createTable('qc_batches')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('partner_id', 'uuid', (c) => c.notNull().references('partners.id'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('agreement_id', 'uuid', (c) => c.references('agreements.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'date', (c) => c.notNull())
    .addColumn('checked_on', 'date')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('sent').check(sql`status in ('sent', 'checked', 'invoiced')`),
    )
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('checked_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('qc_batches_number_key', ['unit_id', 'number'])
    .execute();
  await db.schema
    .createIndex('qc_batches_partner_idx')
    .on('qc_batches')
    .columns(['partner_id', 'status'])
    .execute();
  await db.schema
    .createTable('qc_batch_lines')
    .addColumn('id', 'uuid', id)
    .addColumn('batch_id', 'uuid', (c) => c.notNull().references('qc_batches.id'))
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id'))
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
    .addColumn('submitted', 'integer', (c) => c.notNull().check(sql`submitted > 0`))
    .addColumn('passed', 'integer', (c) => c.check(sql`passed is null or passed >= 0`))
    // The piece rate in force on the check date (rupiah per item), fixed when checked.
    .addColumn('rate', 'bigint', (c) => c.check(sql`rate is null or rate >= 0`))
    .addUniqueConstraint('qc_batch_lines_key', ['batch_id', 'enrolment_id', 'product_id'])
    .execute();
  await db.schema
    .createIndex('qc_batch_lines_enrolment_idx')
    .on('qc_batch_lines')
    .column('enrolment_id')
    .execute();
  await db.schema
    .createTable('qc_rejects')
    .addColumn('id', 'uuid', id)
    .addColumn('line_id', 'uuid', (c) => c.notNull().references('qc_batch_lines.id'))
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in ('size', 'stitching', 'colour', 'finishing', 'other')`),
    )
    .addColumn('reworkable', 'boolean', (c) => c.notNull())
    // Where the item went: back to its maker, into the unit's sale stock, or written off.
    .addColumn('disposition', 'text', (c) =>
      c.notNull().check(sql`disposition in ('rework', 'own_stock', 'scrap')`),
    )
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('qc_rejects_line_idx').on('qc_rejects').column('line_id').execute();

  // Offtake invoices to the partner from checked batches, and the payments received against them.
  await db.schema
    .createTable('offtake_invoices')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('partner_id', 'uuid', (c) => c.notNull().references('partners.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('total', 'bigint', (c) => c.notNull().check(nonNeg('total')))
    .addColumn('paid', 'bigint', (c) => c.notNull().defaultTo(0).check(nonNeg('paid')))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'paid', 'cancelled')`),
    )
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('offtake_invoices_number_key', ['unit_id', 'number'])
    .addCheckConstraint('offtake_invoices_not_overpaid', sql`paid <= total`)
    .execute();
  await db.schema
    .createIndex('offtake_invoices_unit_idx')
    .on('offtake_invoices')
    .columns(['unit_id', 'status', 'issued_on'])
    .execute();
  await db.schema
    .createTable('offtake_invoice_batches')
    .addColumn('invoice_id', 'uuid', (c) => c.notNull().references('offtake_invoices.id'))
    .addColumn('batch_id', 'uuid', (c) => c.notNull().references('qc_batches.id').unique())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(nonNeg('amount')))
    .addPrimaryKeyConstraint('offtake_invoice_batches_pk', ['invoice_id', 'batch_id'])
    .execute();
  await db.schema
    .createTable('offtake_payments')
    .addColumn('id', 'uuid', id)
    .addColumn('invoice_id', 'uuid', (c) => c.notNull().references('offtake_invoices.id'))
    .addColumn('paid_on', 'date', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('tunai', 'transfer', 'qris')`))
    .addColumn('reference', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('offtake_payments_invoice_idx')
    .on('offtake_payments')
    .column('invoice_id')
    .execute();

  // Direct sales (bazaar, visitors' corner, orders). A cancellation is a second row that reverses
  // the first (negative amounts, `reverses_id`), approved by the Kepala UPT; nothing is deleted.
  await db.schema
    .createTable('sales')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('sold_on', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('bazaar', 'visitor', 'order', 'other')`),
    )
    .addColumn('buyer_name', 'text')
    .addColumn('buyer_phone', 'text')
    .addColumn('payment_method', 'text', (c) =>
      c.notNull().check(sql`payment_method in ('tunai', 'transfer', 'qris')`),
    )
    .addColumn('payment_ref', 'text')
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('completed')
        .check(sql`status in ('completed', 'cancel_requested', 'cancelled', 'reversal')`),
    )
    .addColumn('reverses_id', 'uuid', (c) => c.references('sales.id').unique())
    .addColumn('cancel_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('approved_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('sales_number_key', ['unit_id', 'number'])
    .addCheckConstraint('sales_reversal_sign', sql`(status = 'reversal') = (reverses_id is not null)`)
    .addCheckConstraint('sales_qris_ref', sql`payment_method <> 'qris' or payment_ref is not null`)
    .execute();
  await db.schema.createIndex('sales_unit_day_idx').on('sales').columns(['unit_id', 'sold_on']).execute();
  await db.schema
    .createTable('sale_lines')
    .addColumn('id', 'uuid', id)
    .addColumn('sale_id', 'uuid', (c) => c.notNull().references('sales.id'))
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty <> 0`))
    .addColumn('unit_price', 'bigint', (c) => c.notNull().check(nonNeg('unit_price')))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addCheckConstraint('sale_lines_amount', sql`amount = qty * unit_price`)
    .execute();
  await db.schema.createIndex('sale_lines_sale_idx').on('sale_lines').column('sale_id').execute();

  // Every change of a product's stock. `enrolment_id` names the maker where there is one (what a
  // participant made, sent, had passed or returned); the deltas say which stock column moved.
  await db.schema
    .createTable('product_movements')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('produced', 'sent_to_check', 'passed', 'rework', 'reject_to_stock', 'reject_scrap', 'reserved', 'unreserved', 'sold', 'sale_cancelled', 'written_off', 'counted')`,
        ),
    )
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('enrolment_id', 'uuid', (c) => c.references('enrolments.id'))
    .addColumn('d_awaiting', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('d_in_check', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('d_on_hand', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('d_reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('d_sold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('production_entry_id', 'uuid', (c) => c.references('production_entries.id'))
    .addColumn('qc_line_id', 'uuid', (c) => c.references('qc_batch_lines.id'))
    .addColumn('sale_id', 'uuid', (c) => c.references('sales.id'))
    .addColumn('adjustment_id', 'uuid', (c) => c.references('stock_adjustments.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('product_movements_product_idx')
    .on('product_movements')
    .columns(['product_id', 'day'])
    .execute();
  await db.schema
    .createIndex('product_movements_maker_idx')
    .on('product_movements')
    .columns(['enrolment_id', 'product_id'])
    .where('enrolment_id', 'is not', null)
    .execute();

  // Every change of a material's stock: received (source, document), issued to a session or a
  // participant, returned, used by a production entry, counted, written off.
  await db.schema
    .createTable('material_movements')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('material_id', 'uuid', (c) => c.notNull().references('materials.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('received', 'issued', 'returned', 'used', 'counted', 'written_off')`),
    )
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty <> 0`))
    // Change of the stock's value at cost (unit-bought materials only; zero for consignment).
    .addColumn('value', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text')
    .addColumn('document_no', 'text')
    .addColumn('session_id', 'uuid', (c) => c.references('programme_sessions.id'))
    .addColumn('enrolment_id', 'uuid', (c) => c.references('enrolments.id'))
    .addColumn('production_entry_id', 'uuid', (c) => c.references('production_entries.id'))
    .addColumn('adjustment_id', 'uuid', (c) => c.references('stock_adjustments.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('material_movements_material_idx')
    .on('material_movements')
    .columns(['material_id', 'day'])
    .execute();
  await db.schema
    .createIndex('material_movements_entry_idx')
    .on('material_movements')
    .column('production_entry_id')
    .where('production_entry_id', 'is not', null)
    .execute();
}
