// A reporting module's repo (docs/architecture.md): read-only, set-based SQL over the production
// log, the quality check, stock, sales and offtake invoices (one query per summary, never one per
// row). Written for the indexes of migration 0019: production_entries (unit_id, day), a batch's
// lines by (batch_id, ...), a unit's batches by (unit_id, ...), sales (unit_id, sold_on). Money
// comes back from pg as strings and leaves here as integer rupiah.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type {
  MaterialOwner,
  MaterialUom,
  ParticipantKind,
  PaymentMethod,
  ProductRoute,
  SaleChannel,
  SaleStatus,
  TimeZone,
} from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

type Num = string | number | null;

/** Optional narrowing (a unit, a programme, an inmate) on top of the scope; never instead of it. */
const and = (cond: RawBuilder<unknown> | false | '' | null | undefined) => (cond ? sql`and ${cond}` : sql``);

/** Production records belong to a programme's partner too: an instructor sees their partner's only. */
const scoped = (scope: Scope, unit: string): RawBuilder<SqlBool> =>
  scopeFilter(scope, { unit, partner: 'pr.partner_id' });

export interface Range {
  from: string;
  to: string;
  unitId?: string | undefined;
  programmeId?: string | undefined;
  inmateId?: string | undefined;
}

export interface ParticipantRow {
  enrolment_id: string;
  name: string;
  kind: ParticipantKind;
  inmate_id: string | null;
  reg_number: string | null;
  programme_id: string;
  programme_name: string;
  unit_id: string;
  unit_name: string;
  finished: number;
  passed: number;
  rejected: number;
  value: number;
}

/**
 * Per participant (enrolment) with a record in the range: items finished (by the log's day), and
 * items passed and rejected with their value at each line's own rate (by the check's day).
 */
export async function participantProduction(conn: Conn, scope: Scope, r: Range): Promise<ParticipantRow[]> {
  const ofInmate = (col: string) =>
    r.inmateId && sql`${sql.ref(col)} in (select e.id from enrolments e where e.inmate_id = ${r.inmateId})`;
  const res = await sql<Record<string, unknown>>`
    with made as (
      select pe.enrolment_id, sum(pe.finished) as finished
        from production_entries pe
        join programmes pr on pr.id = pe.programme_id
       where pe.day between ${r.from} and ${r.to} and ${scoped(scope, 'pe.unit_id')}
             ${and(r.unitId && sql`pe.unit_id = ${r.unitId}`)}
             ${and(r.programmeId && sql`pe.programme_id = ${r.programmeId}`)}
             ${and(ofInmate('pe.enrolment_id'))}
       group by pe.enrolment_id
    ), checked as (
      select l.enrolment_id, sum(l.passed) as passed, sum(l.submitted - l.passed) as rejected,
             sum(l.passed * coalesce(l.rate, 0)) as value
        from qc_batches b
        join programmes pr on pr.id = b.programme_id
        join qc_batch_lines l on l.batch_id = b.id
       where b.checked_on between ${r.from} and ${r.to} and l.passed is not null
             and ${scoped(scope, 'b.unit_id')}
             ${and(r.unitId && sql`b.unit_id = ${r.unitId}`)}
             ${and(r.programmeId && sql`b.programme_id = ${r.programmeId}`)}
             ${and(ofInmate('l.enrolment_id'))}
       group by l.enrolment_id
    )
    select e.id as enrolment_id, e.name, e.kind, e.inmate_id, i.reg_number,
           pr.id as programme_id, pr.name as programme_name, u.id as unit_id, u.name as unit_name,
           m.finished, c.passed, c.rejected, c.value
      from (select enrolment_id from made union select enrolment_id from checked) x
      join enrolments e on e.id = x.enrolment_id
      join programmes pr on pr.id = e.programme_id
      join units u on u.id = pr.unit_id
      left join inmates i on i.id = e.inmate_id
      left join made m on m.enrolment_id = x.enrolment_id
      left join checked c on c.enrolment_id = x.enrolment_id
     order by u.name, pr.name, e.name, e.id`.execute(conn);
  return res.rows.map((row) => ({
    enrolment_id: String(row.enrolment_id),
    name: String(row.name),
    kind: row.kind as ParticipantKind,
    inmate_id: (row.inmate_id as string | null) ?? null,
    reg_number: (row.reg_number as string | null) ?? null,
    programme_id: String(row.programme_id),
    programme_name: String(row.programme_name),
    unit_id: String(row.unit_id),
    unit_name: String(row.unit_name),
    finished: toNumber(row.finished as Num),
    passed: toNumber(row.passed as Num),
    rejected: toNumber(row.rejected as Num),
    value: rupiah(row.value as Num),
  }));
}

export interface ProgrammeMonthRow {
  programme_id: string;
  programme_name: string;
  unit_id: string;
  unit_name: string;
  month: string;
  finished: number;
  sent: number;
  passed: number;
  rejected: number;
  value: number;
  own_stock: number;
}

/**
 * Per programme and calendar month in the range: items finished, sent to the partner's check (by
 * the batch's sending day), passed and rejected with their value (by the check's day), and items
 * that went to the unit's own sale stock (own-route products finished, rejects kept for sale).
 */
export async function programmeMonths(conn: Conn, scope: Scope, r: Range): Promise<ProgrammeMonthRow[]> {
  // The year's rows are summed in one pass each, per programme, product and day (log) or per batch
  // (lines), and only those few sums meet programmes, products and the calendar. Filtering the log
  // by unit before the programme's partner is the same filter as on each row: a programme has one
  // partner, so the partner narrowing is applied to the sums (`progs`).
  const res = await sql<Record<string, unknown>>`
    with progs as (
      select pr.id from programmes pr
       where ${scoped(scope, 'pr.unit_id')} ${and(r.unitId && sql`pr.unit_id = ${r.unitId}`)}
    ), days as (
      select pe.programme_id, pe.product_id, pe.day, sum(pe.finished) as finished
        from production_entries pe
       where pe.day between ${r.from} and ${r.to}
         and ${scopeFilter(scope, { unit: 'pe.unit_id', partner: null })}
             ${and(r.unitId && sql`pe.unit_id = ${r.unitId}`)}
       group by 1, 2, 3
    ), made as (
      select d.programme_id, to_char(d.day, 'YYYY-MM') as month, sum(d.finished) as finished,
             coalesce(sum(d.finished) filter (where p.route = 'own'), 0) as own_made
        from days d
        join progs on progs.id = d.programme_id
        join products p on p.id = d.product_id
       group by 1, 2
    ), batches as (
      select b.id, b.programme_id, to_char(b.sent_on, 'YYYY-MM') as sent_month,
             case when b.checked_on between ${r.from} and ${r.to} then to_char(b.checked_on, 'YYYY-MM') end
               as checked_month,
             b.sent_on between ${r.from} and ${r.to} as sent_in
        from qc_batches b
        join programmes pr on pr.id = b.programme_id
       where (b.sent_on between ${r.from} and ${r.to} or b.checked_on between ${r.from} and ${r.to})
         and ${scoped(scope, 'b.unit_id')} ${and(r.unitId && sql`b.unit_id = ${r.unitId}`)}
    ), per_batch as (
      select l.batch_id, sum(l.submitted) as submitted, sum(l.passed) as passed,
             sum(l.submitted - l.passed) as rejected, sum(l.passed * coalesce(l.rate, 0)) as value
        from qc_batch_lines l
       where l.batch_id in (select id from batches)
       group by l.batch_id
    ), kept_batch as (
      select l.batch_id, sum(q.qty) as kept
        from qc_batch_lines l
        join qc_rejects q on q.line_id = l.id and q.disposition = 'own_stock'
       where l.batch_id in (select id from batches where checked_month is not null)
       group by l.batch_id
    ), sent as (
      select b.programme_id, b.sent_month as month, sum(pb.submitted) as sent
        from batches b join per_batch pb on pb.batch_id = b.id
       where b.sent_in
       group by 1, 2
    ), checked as (
      select b.programme_id, b.checked_month as month, sum(pb.passed) as passed,
             sum(pb.rejected) as rejected, sum(pb.value) as value, coalesce(sum(kb.kept), 0) as kept
        from batches b
        join per_batch pb on pb.batch_id = b.id
        left join kept_batch kb on kb.batch_id = b.id
       where b.checked_month is not null and pb.passed is not null
       group by 1, 2
    ), keys as (
      select programme_id, month from made
      union select programme_id, month from sent
      union select programme_id, month from checked
    )
    select pr.id as programme_id, pr.name as programme_name, u.id as unit_id, u.name as unit_name,
           k.month, md.finished, s.sent, c.passed, c.rejected, c.value,
           coalesce(md.own_made, 0) + coalesce(c.kept, 0) as own_stock
      from keys k
      join programmes pr on pr.id = k.programme_id
      join units u on u.id = pr.unit_id
      left join made md on md.programme_id = k.programme_id and md.month = k.month
      left join sent s on s.programme_id = k.programme_id and s.month = k.month
      left join checked c on c.programme_id = k.programme_id and c.month = k.month
     order by u.name, pr.name, pr.id, k.month`.execute(conn);
  return res.rows.map((row) => ({
    programme_id: String(row.programme_id),
    programme_name: String(row.programme_name),
    unit_id: String(row.unit_id),
    unit_name: String(row.unit_name),
    month: String(row.month),
    finished: toNumber(row.finished as Num),
    sent: toNumber(row.sent as Num),
    passed: toNumber(row.passed as Num),
    rejected: toNumber(row.rejected as Num),
    value: rupiah(row.value as Num),
    own_stock: toNumber(row.own_stock as Num),
  }));
}

/** A unit's month in three numbers: value at piece rate, passed and rejected (the dashboard's tiles). */
export async function checkedTotals(conn: Conn, scope: Scope, r: Range & { unitId: string }) {
  const res = await sql<{ passed: Num; rejected: Num; value: Num }>`
    select sum(l.passed) as passed, sum(l.submitted - l.passed) as rejected,
           sum(l.passed * coalesce(l.rate, 0)) as value
      from qc_batches b
      join programmes pr on pr.id = b.programme_id
      join qc_batch_lines l on l.batch_id = b.id
     where b.unit_id = ${r.unitId} and b.checked_on between ${r.from} and ${r.to}
       and l.passed is not null and ${scoped(scope, 'b.unit_id')}`.execute(conn);
  const row = res.rows[0];
  return {
    passed: toNumber(row?.passed),
    rejected: toNumber(row?.rejected),
    value: rupiah(row?.value),
  };
}

/** The programmes a viewer may filter the participants report by. */
export async function programmeOptions(conn: Conn, scope: Scope, unitId?: string) {
  return sql<{ id: string; name: string }>`
    select pr.id, pr.name from programmes pr
     where ${scoped(scope, 'pr.unit_id')} ${and(unitId && sql`pr.unit_id = ${unitId}`)}
     order by pr.name, pr.id`
    .execute(conn)
    .then((r) => r.rows);
}

export interface ProductStockRow {
  id: string;
  name: string;
  uom: string;
  route: ProductRoute;
  programme_name: string | null;
  unit_name: string;
  awaiting_check: number;
  in_check: number;
  on_hand: number;
  reserved: number;
  sold: number;
}

/** Products with their maintained stock columns: active ones, and retired ones still holding stock. */
export async function productStock(conn: Conn, scope: Scope, unitId?: string): Promise<ProductStockRow[]> {
  const r = await sql<ProductStockRow>`
    select p.id, p.name, p.uom, p.route, pr.name as programme_name, u.name as unit_name,
           p.awaiting_check, p.in_check, p.on_hand, p.reserved, p.sold
      from products p
      join units u on u.id = p.unit_id
      left join programmes pr on pr.id = p.programme_id
     where ${scopeFilter(scope, { unit: 'p.unit_id', partner: null })}
           ${and(unitId && sql`p.unit_id = ${unitId}`)}
       and (p.active or p.awaiting_check + p.in_check + p.on_hand > 0)
     order by u.name, p.name, p.id`.execute(conn);
  return r.rows;
}

export interface MaterialStockRow {
  id: string;
  name: string;
  uom: MaterialUom;
  owner: MaterialOwner;
  partner_name: string | null;
  unit_name: string;
  on_hand: number;
  value: number;
  low_stock_level: number;
  low: boolean;
}

/** A material is low when a level is set and what is on hand has come down to it. */
const LOW = sql<boolean>`(m.active and m.low_stock_level > 0 and m.on_hand <= m.low_stock_level)`;

export async function materialStock(conn: Conn, scope: Scope, unitId?: string): Promise<MaterialStockRow[]> {
  // Consignment belongs to its partner, but the stock is the unit's to keep: no partner narrowing.
  const r = await sql<Omit<MaterialStockRow, 'value'> & { value: Num }>`
    select m.id, m.name, m.uom, m.owner, pa.legal_name as partner_name, u.name as unit_name,
           m.on_hand, m.stock_value as value, m.low_stock_level, ${LOW} as low
      from materials m
      join units u on u.id = m.unit_id
      left join partners pa on pa.id = m.partner_id
     where ${scopeFilter(scope, { unit: 'm.unit_id', partner: null })}
           ${and(unitId && sql`m.unit_id = ${unitId}`)}
       and (m.active or m.on_hand > 0)
     order by u.name, m.name, m.id`.execute(conn);
  return r.rows.map((row) => ({ ...row, value: rupiah(row.value) }));
}

export async function lowStockCount(conn: Conn, scope: Scope, unitId: string): Promise<number> {
  const r = await sql<{ n: Num }>`
    select count(*) as n from materials m
     where m.unit_id = ${unitId} and ${scopeFilter(scope, { unit: 'm.unit_id', partner: null })}
       and ${LOW}`.execute(conn);
  return toNumber(r.rows[0]?.n);
}

export interface SaleRow {
  id: string;
  number: string;
  sold_on: string;
  channel: SaleChannel;
  buyer_name: string | null;
  payment_method: PaymentMethod;
  payment_ref: string | null;
  total: number;
  status: SaleStatus;
  reverses_number: string | null;
  unit_name: string;
}

/** Every sale and reversal dated in the range, in the order of the book (day, then number). */
export async function salesBetween(conn: Conn, scope: Scope, r: Range): Promise<SaleRow[]> {
  const res = await sql<Omit<SaleRow, 'total'> & { total: Num }>`
    select s.id, s.number, s.sold_on, s.channel, s.buyer_name, s.payment_method, s.payment_ref,
           s.total, s.status, o.number as reverses_number, u.name as unit_name
      from sales s
      join units u on u.id = s.unit_id
      left join sales o on o.id = s.reverses_id
     where s.sold_on between ${r.from} and ${r.to}
       and ${scopeFilter(scope, { unit: 's.unit_id', partner: null })}
           ${and(r.unitId && sql`s.unit_id = ${r.unitId}`)}
     order by u.name, s.sold_on, s.number`.execute(conn);
  return res.rows.map((row) => ({ ...row, total: rupiah(row.total) }));
}

export interface OpenInvoiceRow {
  id: string;
  number: string;
  partner_id: string;
  partner_name: string;
  unit_name: string;
  timezone: TimeZone;
  issued_on: string;
  due_on: string | null;
  total: number;
  paid: number;
}

/** Offtake invoices not yet paid in full (cancelled ones are owed nothing). */
export async function openInvoices(conn: Conn, scope: Scope, unitId?: string): Promise<OpenInvoiceRow[]> {
  const res = await sql<Omit<OpenInvoiceRow, 'total' | 'paid'> & { total: Num; paid: Num }>`
    select i.id, i.number, i.partner_id, pa.legal_name as partner_name, u.name as unit_name, u.timezone,
           i.issued_on, i.due_on, i.total, i.paid
      from offtake_invoices i
      join partners pa on pa.id = i.partner_id
      join units u on u.id = i.unit_id
     where i.status = 'open' and i.paid < i.total
       and ${scopeFilter(scope, { unit: 'i.unit_id', partner: 'i.partner_id' })}
           ${and(unitId && sql`i.unit_id = ${unitId}`)}
     order by pa.legal_name, pa.id, i.issued_on, i.number`.execute(conn);
  return res.rows.map((row) => ({ ...row, total: rupiah(row.total), paid: rupiah(row.paid) }));
}
