// Issue #12: premi, PNBP and the inmate's savings ledger, as double-entry journal entries whose lines
// sum to zero. The database itself refuses an unbalanced entry (a deferred constraint trigger
// checks each entry at commit) and any change to a posted line (corrections are reversals), so a
// bug in the application cannot unbalance the books. Balances are sums of lines; nothing is
// materialised. Monthly premi runs are computed as drafts with their breakdown per inmate, then
// reviewed, approved and posted; withdrawals, payouts at release, transfers between units and
// PNBP deposits are entries of their own. Money is integer rupiah (bigint).
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);
  const money = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

  // The unit's premi settings: the minimum a trainee earns per training session attended (the daily
  // extra-fooding value), and the share of each credit that may be spent inside (SE Dirjenpas
  // PAS1.PK.01.04-87/2010: at most 25%; the rest is saved and paid out at release).
  await sql`alter table units
    add column premi_min_session bigint not null default 0 check (premi_min_session >= 0),
    add column premi_spendable_pct integer not null default 25
      check (premi_spendable_pct between 0 and 25)`.execute(db);

  // ---- The journal ----------------------------------------------------------------------------
  // Accounts (one unit's books):
  //   cash        the unit's production money (kas produksi / rekening), debit = money in
  //   receivable  what the partner owes for checked items (offtake), until paid
  //   revenue     the month's production income, cleared by the premi run's distribution
  //   premi       premi owed to one inmate (per inmate and pocket: saved, spendable), credit = owed
  //   premi_pool  the premi share of own sales that found no maker in the month, carried forward
  //   pnbp        PNBP owed to the state, until deposited
  //   capital     production capital (modal produksi): its share, minus unit-bought materials
  // Amounts: debit positive, credit negative; every entry's lines sum to zero.
  await db.schema
    .createTable('journal_entries')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('premi_run', 'premi_reversal', 'withdrawal', 'payout', 'transfer_out', 'transfer_in', 'pnbp_deposit', 'capital')`,
        ),
    )
    // The document behind the entry (a run, a withdrawal, a payout, a transfer, a deposit).
    .addColumn('source_id', 'uuid', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('journal_entries_source_key', ['kind', 'source_id'])
    .execute();
  await db.schema
    .createIndex('journal_entries_unit_day_idx')
    .on('journal_entries')
    .columns(['unit_id', 'day'])
    .execute();
  await db.schema
    .createTable('journal_lines')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('journal_entries.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('account', 'text', (c) =>
      c
        .notNull()
        .check(sql`account in ('cash', 'receivable', 'revenue', 'premi', 'premi_pool', 'pnbp', 'capital')`),
    )
    // What the line is for, so the reconciliation can read revenue = premi + PNBP + capital +
    // material cost off the journal itself: offtake, sales, payment, share, material_cost,
    // material_purchase, topup, withdrawal, payout, transfer, deposit, pool.
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('inmate_id', 'uuid', (c) => c.references('inmates.id'))
    .addColumn('pocket', 'text', (c) => c.check(sql`pocket in ('saved', 'spendable')`))
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount <> 0`))
    .addCheckConstraint(
      'journal_lines_premi_names_inmate',
      sql`(account = 'premi') = (inmate_id is not null) and (account = 'premi') = (pocket is not null)`,
    )
    .execute();
  await db.schema.createIndex('journal_lines_entry_idx').on('journal_lines').column('entry_id').execute();
  // An inmate's statement and balances: their lines in day order, amounts in the index.
  await sql`create index journal_lines_inmate_idx on journal_lines (inmate_id, day, id)
    include (pocket, amount) where inmate_id is not null`.execute(db);
  // A unit's account balances (PNBP owed, capital, cash) and the month's reconciliation.
  await sql`create index journal_lines_unit_account_idx on journal_lines (unit_id, account, day)
    include (purpose, amount)`.execute(db);

  // Balanced at commit: a deferred check once per entry, after all its lines are in. Lines may be
  // added only to an entry written by the same transaction (and in its unit and on its day), so an
  // entry checked at commit cannot be changed afterwards by adding lines to it. A restore loads
  // entries written by other transactions; it says so with the setting simandiri.restoring.
  await sql`alter table journal_entries add column xact xid8 not null default pg_current_xact_id()`.execute(
    db,
  );
  await sql`create function journal_line_belongs() returns trigger language plpgsql as $$
    declare e record;
    begin
      select unit_id, day, xact into e from journal_entries where id = new.entry_id;
      if e.unit_id is distinct from new.unit_id or e.day is distinct from new.day then
        raise exception 'journal line of entry % is in another unit or on another day', new.entry_id
          using errcode = '23514', constraint = 'journal_line_belongs';
      end if;
      if e.xact <> pg_current_xact_id() and coalesce(current_setting('simandiri.restoring', true), '') <> 'on' then
        raise exception 'journal entry % is posted: add a new entry instead', new.entry_id
          using errcode = '23514', constraint = 'journal_immutable';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger journal_lines_belong before insert on journal_lines
    for each row execute function journal_line_belongs()`.execute(db);
  await sql`create function journal_entry_balanced() returns trigger language plpgsql as $$
    declare total numeric; n integer;
    begin
      select coalesce(sum(amount), 0), count(*) into total, n from journal_lines where entry_id = new.id;
      if total <> 0 or n < 2 then
        raise exception 'journal entry % does not balance: % lines sum to %', new.id, n, total
          using errcode = '23514', constraint = 'journal_entry_balanced';
      end if;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger journal_entries_balanced after insert on journal_entries
    deferrable initially deferred for each row execute function journal_entry_balanced()`.execute(db);
  // Posted is posted: a mistake is corrected by a reversing entry, never by editing or deleting.
  await sql`create function journal_immutable() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: correct a posting with a reversal', tg_table_name
        using errcode = '23514', constraint = 'journal_immutable';
    end $$`.execute(db);
  await sql`create trigger journal_entries_immutable before update or delete on journal_entries
    for each row execute function journal_immutable()`.execute(db);
  await sql`create trigger journal_lines_immutable before update or delete on journal_lines
    for each row execute function journal_immutable()`.execute(db);

  // ---- Monthly premi runs ---------------------------------------------------------------------
  await db.schema
    .createTable('premi_runs')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    // The first day of the month the run covers (a reversal: the month it is posted in).
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().defaultTo('regular').check(sql`kind in ('regular', 'reversal')`),
    )
    .addColumn('reverses_id', 'uuid', (c) => c.references('premi_runs.id').unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'reviewed', 'posted')`),
    )
    .addColumn('revenue_offtake', 'bigint', money)
    .addColumn('revenue_sales', 'bigint', money)
    .addColumn('material_cost', 'bigint', money)
    .addColumn('premi', 'bigint', money)
    .addColumn('pnbp', 'bigint', money)
    .addColumn('capital', 'bigint', money)
    .addColumn('topup', 'bigint', money)
    // Premi of own sales with no maker this month (carried in premi_pool), and what the pool gave.
    .addColumn('pooled', 'bigint', money)
    .addColumn('from_pool', 'bigint', money)
    .addColumn('payments', 'bigint', money)
    .addColumn('purchases', 'bigint', money)
    .addColumn('min_session', 'bigint', money)
    .addColumn('spendable_pct', 'integer', (c) => c.notNull().defaultTo(25))
    .addColumn('reason', 'text')
    .addColumn('computed_at', 'timestamptz', now)
    .addColumn('prepared_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('approved_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('posted_at', 'timestamptz')
    .addColumn('entry_id', 'uuid', (c) => c.references('journal_entries.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('premi_runs_reversal', sql`(kind = 'reversal') = (reverses_id is not null)`)
    .addCheckConstraint('premi_runs_reversal_reason', sql`kind = 'regular' or reason is not null`)
    .addCheckConstraint('premi_runs_posted', sql`(status = 'posted') = (entry_id is not null)`)
    .execute();
  await db.schema
    .createIndex('premi_runs_unit_month_idx')
    .on('premi_runs')
    .columns(['unit_id', 'month'])
    .execute();

  // A group of revenue split one way: offtake of one agreement, or own sales of one split.
  await db.schema
    .createTable('premi_run_groups')
    .addColumn('id', 'uuid', id)
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('premi_runs.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('offtake', 'sales')`))
    .addColumn('agreement_id', 'uuid', (c) => c.references('agreements.id'))
    .addColumn('premi_pct', 'integer', (c) => c.notNull())
    .addColumn('pnbp_pct', 'integer', (c) => c.notNull())
    .addColumn('capital_pct', 'integer', (c) => c.notNull())
    .addColumn('from_agreement', 'boolean', (c) => c.notNull())
    .addColumn('revenue', 'bigint', (c) => c.notNull())
    .addColumn('material_cost', 'bigint', (c) => c.notNull())
    .addColumn('premi', 'bigint', (c) => c.notNull())
    .addColumn('pnbp', 'bigint', (c) => c.notNull())
    .addColumn('capital', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'premi_run_groups_split',
      sql`premi_pct + pnbp_pct + capital_pct = 100 and revenue = premi + pnbp + capital + material_cost`,
    )
    .execute();
  await db.schema.createIndex('premi_run_groups_run_idx').on('premi_run_groups').column('run_id').execute();

  // One row per inmate: what they earned and why.
  await db.schema
    .createTable('premi_run_lines')
    .addColumn('id', 'uuid', id)
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('premi_runs.id').onDelete('cascade'))
    .addColumn('inmate_id', 'uuid', (c) => c.notNull().references('inmates.id'))
    .addColumn('items_passed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_own', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('offtake_value', 'bigint', money)
    .addColumn('offtake_premi', 'bigint', money)
    .addColumn('sales_value', 'bigint', money)
    .addColumn('sales_premi', 'bigint', money)
    .addColumn('minimum', 'bigint', money)
    .addColumn('topup', 'bigint', money)
    .addColumn('total', 'bigint', money)
    .addColumn('saved', 'bigint', money)
    .addColumn('spendable', 'bigint', money)
    .addUniqueConstraint('premi_run_lines_key', ['run_id', 'inmate_id'])
    .addCheckConstraint(
      'premi_run_lines_sum',
      sql`total = offtake_premi + sales_premi + topup and total = saved + spendable`,
    )
    .execute();
  await db.schema
    .createIndex('premi_run_lines_inmate_idx')
    .on('premi_run_lines')
    .column('inmate_id')
    .execute();

  // The breakdown behind a line: per product, the items, the rate or price, the value, the premi.
  await db.schema
    .createTable('premi_run_items')
    .addColumn('id', 'uuid', id)
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('premi_runs.id').onDelete('cascade'))
    .addColumn('group_id', 'uuid', (c) => c.notNull().references('premi_run_groups.id').onDelete('cascade'))
    .addColumn('inmate_id', 'uuid', (c) => c.notNull().references('inmates.id'))
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
    .addColumn('qty', 'integer', (c) => c.notNull())
    .addColumn('rate', 'bigint', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('premi', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('premi_run_items_run_idx')
    .on('premi_run_items')
    .columns(['run_id', 'inmate_id'])
    .execute();

  // ---- Savings: withdrawals, payouts, transfers ------------------------------------------------
  await db.schema
    .createTable('premi_withdrawals')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('inmate_id', 'uuid', (c) => c.notNull().references('inmates.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('canteen', 'family', 'other')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('premi_withdrawals_number_key', ['unit_id', 'number'])
    .execute();
  await db.schema
    .createIndex('premi_withdrawals_inmate_idx')
    .on('premi_withdrawals')
    .column('inmate_id')
    .execute();

  await db.schema
    .createTable('premi_payouts')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    // One payout per register record: the ledger closes at zero.
    .addColumn('inmate_id', 'uuid', (c) => c.notNull().references('inmates.id').unique())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'date', (c) => c.notNull())
    .addColumn('saved', 'bigint', (c) => c.notNull().check(sql`saved >= 0`))
    .addColumn('spendable', 'bigint', (c) => c.notNull().check(sql`spendable >= 0`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('tunai', 'transfer')`))
    .addColumn('reference', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('premi_payouts_number_key', ['unit_id', 'number'])
    .execute();

  // A transfer carries the balance to the new unit: sent by the old unit (its entry), received by
  // the new unit into the person's record there (its entry).
  await db.schema
    .createTable('premi_transfers')
    .addColumn('id', 'uuid', id)
    .addColumn('from_unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('from_inmate_id', 'uuid', (c) => c.notNull().references('inmates.id').unique())
    .addColumn('to_unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('to_inmate_id', 'uuid', (c) => c.references('inmates.id'))
    .addColumn('saved', 'bigint', (c) => c.notNull().check(sql`saved >= 0`))
    .addColumn('spendable', 'bigint', (c) => c.notNull().check(sql`spendable >= 0`))
    .addColumn('sent_on', 'date', (c) => c.notNull())
    .addColumn('received_on', 'date')
    .addColumn('sent_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('received_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('premi_transfers_other_unit', sql`from_unit_id <> to_unit_id`)
    .addCheckConstraint('premi_transfers_received', sql`(to_inmate_id is null) = (received_on is null)`)
    .execute();
  await db.schema
    .createIndex('premi_transfers_to_idx')
    .on('premi_transfers')
    .columns(['to_unit_id', 'received_on'])
    .execute();

  // ---- PNBP deposits ---------------------------------------------------------------------------
  // Deposited to the state treasury through SIMPONI: the billing code (15 digits) and the NTPN
  // (Nomor Transaksi Penerimaan Negara, 16 characters) the bank returns.
  await db.schema
    .createTable('pnbp_deposits')
    .addColumn('id', 'uuid', id)
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('deposited_on', 'date', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('billing_code', 'text', (c) => c.notNull().check(sql`billing_code ~ '^[0-9]{15}$'`))
    .addColumn('ntpn', 'text', (c) => c.notNull().unique().check(sql`ntpn ~ '^[0-9A-Z]{16}$'`))
    .addColumn('period', 'date', (c) => c.check(sql`period is null or extract(day from period) = 1`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('pnbp_deposits_unit_idx')
    .on('pnbp_deposits')
    .columns(['unit_id', 'deposited_on'])
    .execute();
}
