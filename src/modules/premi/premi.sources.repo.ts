// The month's records a premi run is computed from. Like the production reports' repo, these read
// other modules' tables read-only (quality-check lines, sales, production movements, material use,
// attendance), one set-based query each, so a unit of 1,500 inmates computes in a handful of queries.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';
import { allocate } from '../ledger/ledger.rules.ts';
import { rupiah } from '../stock/stock.rules.ts';

export interface Period {
  unitId: string;
  from: string;
  to: string;
}

/** Passed items per batch agreement, check date, maker, product and rate (checked or invoiced batches). */
export async function offtakeRows(db: Conn, p: Period) {
  const r = await sql<{
    agreement_id: string | null;
    day: string;
    inmate_id: string | null;
    reg_number: string | null;
    product_id: string;
    rate: string;
    passed: string;
  }>`select b.agreement_id, b.checked_on::text as day, e.inmate_id, i.reg_number, l.product_id,
        coalesce(l.rate, 0) as rate, sum(l.passed) as passed
      from qc_batches b
      join qc_batch_lines l on l.batch_id = b.id
      join enrolments e on e.id = l.enrolment_id
      left join inmates i on i.id = e.inmate_id
      where b.unit_id = ${p.unitId} and b.status in ('checked', 'invoiced')
        and b.checked_on between ${p.from} and ${p.to} and l.passed > 0
      group by b.agreement_id, b.checked_on, e.inmate_id, i.reg_number, l.product_id, coalesce(l.rate, 0)`.execute(
    db,
  );
  return r.rows.map((x) => ({ ...x, rate: rupiah(x.rate), passed: Number(x.passed) }));
}

/** Net sales per product in the month (reversal rows are negative), with its programme's agreement. */
export async function salesRows(db: Conn, p: Period) {
  const r = await sql<{ product_id: string; agreement_id: string | null; last_day: string; revenue: string }>`
    select sl.product_id, pr.agreement_id, max(s.sold_on)::text as last_day, sum(sl.amount) as revenue
      from sales s
      join sale_lines sl on sl.sale_id = s.id
      join products p on p.id = sl.product_id
      left join programmes pr on pr.id = p.programme_id
      where s.unit_id = ${p.unitId} and s.sold_on between ${p.from} and ${p.to}
      group by sl.product_id, pr.agreement_id`.execute(db);
  return r.rows.map((x) => ({ ...x, revenue: rupiah(x.revenue) }));
}

/**
 * Cost of the unit-bought materials used by the month's production, per product. A save posts one
 * `used` movement per material for all its entries (its value at average cost), and keeps what
 * each entry used in production_entry_materials: the month's used value of each material is
 * shared among the products by the quantities their entries used, exact to the rupiah (largest
 * remainder), so the products' costs add up to what the movements took out of stock.
 */
export async function materialCostRows(db: Conn, p: Period) {
  const [values, uses] = await Promise.all([
    sql<{ material_id: string; cost: string }>`
      select mm.material_id, -sum(mm.value) as cost
        from material_movements mm
        join materials m on m.id = mm.material_id and m.owner = 'unit'
        where mm.unit_id = ${p.unitId} and mm.kind = 'used' and mm.day between ${p.from} and ${p.to}
        group by mm.material_id`.execute(db),
    sql<{ material_id: string; product_id: string; qty: string }>`
      select pem.material_id, pe.product_id, sum(pem.qty) as qty
        from production_entries pe
        join production_entry_materials pem on pem.entry_id = pe.id
        join materials m on m.id = pem.material_id and m.owner = 'unit'
        where pe.unit_id = ${p.unitId} and pe.day between ${p.from} and ${p.to}
        group by pem.material_id, pe.product_id`.execute(db),
  ]);
  return costPerProduct(
    values.rows.map((v) => ({ materialId: v.material_id, cost: rupiah(v.cost) })),
    uses.rows.map((u) => ({ materialId: u.material_id, productId: u.product_id, qty: Number(u.qty) })),
  );
}

/** Pure: each material's cost shared among the products that used it, by quantity. */
export function costPerProduct(
  values: ReadonlyArray<{ materialId: string; cost: number }>,
  uses: ReadonlyArray<{ materialId: string; productId: string; qty: number }>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) {
    const weights = uses
      .filter((u) => u.materialId === v.materialId && u.qty > 0)
      .map((u) => ({ key: u.productId, weight: u.qty }));
    // A value with no entry left to carry it (every entry's use since lowered to zero) is not charged.
    if (v.cost === 0 || weights.length === 0) continue;
    for (const [productId, cost] of allocate(v.cost, weights))
      out.set(productId, (out.get(productId) ?? 0) + cost);
  }
  return out;
}

/** Items each inmate made for the unit's own stock in the month: own-route production and rejects taken into stock. */
export async function madeRows(db: Conn, p: Period) {
  const r = await sql<{
    inmate_id: string;
    reg_number: string;
    product_id: string;
    price: string;
    qty: string;
  }>`
    select e.inmate_id, i.reg_number, pm.product_id, coalesce(pd.price, 0) as price, sum(pm.d_on_hand) as qty
      from products pd
      join product_movements pm on pm.product_id = pd.id
      join enrolments e on e.id = pm.enrolment_id
      join inmates i on i.id = e.inmate_id
      where pd.unit_id = ${p.unitId} and pm.day between ${p.from} and ${p.to}
        and ((pm.kind = 'produced' and pd.route = 'own') or pm.kind = 'reject_to_stock')
      group by e.inmate_id, i.reg_number, pm.product_id, coalesce(pd.price, 0)`.execute(db);
  return r.rows.map((x) => ({
    inmateId: x.inmate_id,
    regNumber: x.reg_number,
    productId: x.product_id,
    price: rupiah(x.price),
    qty: Number(x.qty),
  }));
}

/** Training sessions attended (present or late) per inmate, in sessions of the month not cancelled. */
export async function attendanceRows(db: Conn, p: Period) {
  const r = await sql<{ inmate_id: string; reg_number: string; sessions: string }>`
    select e.inmate_id, i.reg_number, count(*) as sessions
      from programmes pr
      join programme_sessions ps on ps.programme_id = pr.id
      join attendance_marks am on am.session_id = ps.id
      join enrolments e on e.id = am.enrolment_id
      join inmates i on i.id = e.inmate_id
      where pr.unit_id = ${p.unitId} and pr.kind = 'training' and ps.status <> 'cancelled'
        and ps.day between ${p.from} and ${p.to} and am.status in ('hadir', 'terlambat')
      group by e.inmate_id, i.reg_number`.execute(db);
  return r.rows.map((x) => ({
    inmateId: x.inmate_id,
    regNumber: x.reg_number,
    sessions: Number(x.sessions),
  }));
}

/** Offtake payments received and unit-bought materials received with a cost, in the month. */
export async function cashMoves(db: Conn, p: Period) {
  const r = await sql<{ payments: string; purchases: string }>`
    select
      (select coalesce(sum(op.amount), 0) from offtake_payments op
         join offtake_invoices oi on oi.id = op.invoice_id
         where oi.unit_id = ${p.unitId} and op.paid_on between ${p.from} and ${p.to}) as payments,
      (select coalesce(sum(mm.value), 0) from material_movements mm
         where mm.unit_id = ${p.unitId} and mm.kind = 'received' and mm.value > 0
           and mm.day between ${p.from} and ${p.to}) as purchases`.execute(db);
  const x = r.rows[0];
  return { payments: rupiah(x?.payments), purchases: rupiah(x?.purchases) };
}
