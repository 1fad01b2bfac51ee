// The monthly premi run as pure rules over a unit's loaded month: revenue groups split premi/PNBP/
// capital, each group's premi allocated to its inmate makers, the trainee minimum, and the pockets.
// No I/O: premi.repo.ts loads the month set-based, premi.service.ts writes the result.
import { allocate, pockets, type Split, splitRevenue, traineeMinimum } from '../ledger/ledger.rules.ts';

/** Where a group's split came from: the agreement's terms in force, or the unit's own setting. */
export interface GroupSplit {
  agreementId: string | null;
  split: Split;
  fromAgreement: boolean;
}

/** Passed items of one maker, product and piece rate in one split (offtake, summed over batches). */
export interface OfftakeRow extends GroupSplit {
  /** null: a staff or intern maker, who earns no premi (their items still earn revenue). */
  inmateId: string | null;
  regNumber: string | null;
  productId: string;
  rate: number;
  passed: number;
}

/** A sold product's net sales in the month (reversals included) and the unit-bought materials used. */
export interface SalesProductRow extends GroupSplit {
  productId: string;
  revenue: number;
  materialCost: number;
}

/** Items an inmate made in the month for the unit's own stock (produced, or rejects taken into stock). */
export interface MadeRow {
  inmateId: string;
  regNumber: string;
  productId: string;
  qty: number;
  price: number;
}

export interface AttendanceRow {
  inmateId: string;
  regNumber: string;
  sessions: number;
}

export interface RunInput {
  minSession: number;
  spendablePct: number;
  offtake: readonly OfftakeRow[];
  sales: readonly SalesProductRow[];
  made: readonly MadeRow[];
  attendance: readonly AttendanceRow[];
  /** The premi_pool balance before the month (premi of own sales that found no maker earlier). */
  poolBalance: number;
  payments: number;
  purchases: number;
}

export interface ItemOut {
  inmateId: string;
  productId: string;
  qty: number;
  rate: number;
  value: number;
  premi: number;
}

export interface GroupOut extends GroupSplit {
  source: 'offtake' | 'sales';
  revenue: number;
  materialCost: number;
  premi: number;
  pnbp: number;
  capital: number;
  /** The group's premi that went to the pool (no inmate maker, or a negative sales group). */
  pooled: number;
  items: ItemOut[];
}

export interface LineOut {
  inmateId: string;
  regNumber: string;
  itemsPassed: number;
  itemsOwn: number;
  sessions: number;
  offtakeValue: number;
  offtakePremi: number;
  salesValue: number;
  /** Own-sales premi, including what the pool gave (fromPool). */
  salesPremi: number;
  fromPool: number;
  minimum: number;
  topup: number;
  total: number;
  saved: number;
  spendable: number;
}

export interface RunTotals {
  revenueOfftake: number;
  revenueSales: number;
  materialCost: number;
  premi: number;
  pnbp: number;
  capital: number;
  topup: number;
  pooled: number;
  fromPool: number;
  payments: number;
  purchases: number;
}

export interface RunComputation {
  totals: RunTotals;
  groups: GroupOut[];
  lines: LineOut[];
}

const splitKey = (g: GroupSplit) =>
  `${g.agreementId ?? '-'}|${g.split.premi}/${g.split.pnbp}/${g.split.capital}|${g.fromAgreement ? 'a' : 'u'}`;

/** The allocation key of an inmate: the registration number first, so ties break by it (ledger.rules). */
const makerKey = (regNumber: string, inmateId: string) => `${regNumber}|${inmateId}`;

class Lines {
  readonly byInmate = new Map<string, LineOut>();
  get(inmateId: string, regNumber: string): LineOut {
    let l = this.byInmate.get(inmateId);
    if (!l) {
      l = {
        inmateId,
        regNumber,
        itemsPassed: 0,
        itemsOwn: 0,
        sessions: 0,
        offtakeValue: 0,
        offtakePremi: 0,
        salesValue: 0,
        salesPremi: 0,
        fromPool: 0,
        minimum: 0,
        topup: 0,
        total: 0,
        saved: 0,
        spendable: 0,
      };
      this.byInmate.set(inmateId, l);
    }
    return l;
  }
}

/** Weighted makers of one group: an inmate's weight and their rows behind it. */
interface Maker {
  inmateId: string;
  regNumber: string;
  weight: number;
  rows: Array<{ productId: string; rate: number; qty: number; value: number }>;
}

/**
 * Allocates a group's premi over its makers by weight (largest remainder, ties by registration
 * number), then each maker's part over their products by value, as breakdown items.
 */
function allocateToMakers(
  premi: number,
  makers: readonly Maker[],
): { perInmate: Map<string, number>; items: ItemOut[] } {
  const byKey = allocate(
    premi,
    makers.map((m) => ({ key: makerKey(m.regNumber, m.inmateId), weight: m.weight })),
  );
  const perInmate = new Map<string, number>();
  const items: ItemOut[] = [];
  for (const m of makers) {
    const part = byKey.get(makerKey(m.regNumber, m.inmateId)) ?? 0;
    perInmate.set(m.inmateId, part);
    const rowKey = (r: { productId: string; rate: number }) => `${r.productId}|${r.rate}`;
    const byRow = allocate(
      part,
      m.rows.map((r) => ({ key: rowKey(r), weight: r.value })),
    );
    for (const r of m.rows)
      items.push({
        inmateId: m.inmateId,
        productId: r.productId,
        qty: r.qty,
        rate: r.rate,
        value: r.value,
        premi: byRow.get(rowKey(r)) ?? 0,
      });
  }
  return { perInmate, items };
}

function makersOf(
  rows: ReadonlyArray<{ inmateId: string; regNumber: string; productId: string; rate: number; qty: number }>,
): Maker[] {
  const out = new Map<string, Maker>();
  for (const r of rows) {
    if (r.qty <= 0) continue;
    const value = r.qty * r.rate;
    let m = out.get(r.inmateId);
    if (!m) {
      m = { inmateId: r.inmateId, regNumber: r.regNumber, weight: 0, rows: [] };
      out.set(r.inmateId, m);
    }
    const had = m.rows.find((x) => x.productId === r.productId && x.rate === r.rate);
    if (had) {
      had.qty += r.qty;
      had.value += value;
    } else m.rows.push({ productId: r.productId, rate: r.rate, qty: r.qty, value });
    m.weight += value;
  }
  return [...out.values()].sort((a, b) =>
    a.regNumber < b.regNumber ? -1 : a.regNumber > b.regNumber ? 1 : 0,
  );
}

const byGroupOrder = (a: GroupOut, b: GroupOut) =>
  a.source !== b.source
    ? a.source < b.source
      ? -1
      : 1
    : splitKey(a) < splitKey(b)
      ? -1
      : splitKey(a) > splitKey(b)
        ? 1
        : 0;

/**
 * The month's run. Sources and rules:
 * (a) Piece-rate offtake: revenue = passed x the rate fixed on each quality-check line; split by the
 *     agreement's split in force on the check date, else the unit's (Kepmen Kehakiman
 *     M.01-PP.02.01/1990; agreements.rules effectiveSplit); the premi part goes to the inmate makers
 *     by the value of their passed items (UU 22/2022 art. 9: premi for work done). Staff and interns
 *     earn no premi: they are left out of the weights. No inmate maker: the premi part goes to the pool.
 * (b) Own sales: net sales (cancellations are negative rows) minus the unit-bought materials used,
 *     split by splitRevenue; the premi part goes to the inmates who made the products sold, by the
 *     value (items x price) of what they made this month. No maker, or a negative group: the pool.
 *     The pool's balance from earlier months is added to the allocation when this month has makers.
 * (c) Trainee minimum (SE Dirjenpas PAS1.PK.01.04-87/2010, the daily extra-fooding value): sessions
 *     attended x units.premi_min_session, topped up from capital (ledger.rules traineeMinimum).
 * Each inmate's total is then split into saved and spendable pockets (at most 25% spendable).
 */
export function computeRun(input: RunInput): RunComputation {
  const lines = new Lines();
  const groups: GroupOut[] = [];

  // (a) offtake, one group per agreement and split
  const offtakeGroups = new Map<string, { g: GroupSplit; rows: OfftakeRow[] }>();
  for (const r of input.offtake) {
    if (r.passed <= 0) continue;
    const k = splitKey(r);
    const had = offtakeGroups.get(k);
    if (had) had.rows.push(r);
    else
      offtakeGroups.set(k, {
        g: { agreementId: r.agreementId, split: r.split, fromAgreement: r.fromAgreement },
        rows: [r],
      });
  }
  for (const { g, rows } of offtakeGroups.values()) {
    const revenue = rows.reduce((s, r) => s + r.passed * r.rate, 0);
    const s = splitRevenue(revenue, 0, g.split);
    const makers = makersOf(
      rows.flatMap((r) =>
        r.inmateId && r.regNumber
          ? [
              {
                inmateId: r.inmateId,
                regNumber: r.regNumber,
                productId: r.productId,
                rate: r.rate,
                qty: r.passed,
              },
            ]
          : [],
      ),
    );
    const withWeight = makers.filter((m) => m.weight > 0);
    const group: GroupOut = {
      ...g,
      source: 'offtake',
      revenue,
      materialCost: 0,
      premi: s.premi,
      pnbp: s.pnbp,
      capital: s.capital,
      pooled: 0,
      items: [],
    };
    if (withWeight.length === 0) group.pooled = s.premi;
    else {
      const { perInmate, items } = allocateToMakers(s.premi, withWeight);
      group.items = items;
      for (const m of makers) {
        const l = lines.get(m.inmateId, m.regNumber);
        l.offtakePremi += perInmate.get(m.inmateId) ?? 0;
        l.offtakeValue += m.weight;
        l.itemsPassed += m.rows.reduce((n, r) => n + r.qty, 0);
      }
    }
    // Items passed and their value are shown for every inmate maker, with or without premi.
    if (withWeight.length === 0)
      for (const m of makers) {
        const l = lines.get(m.inmateId, m.regNumber);
        l.offtakeValue += m.weight;
        l.itemsPassed += m.rows.reduce((n, r) => n + r.qty, 0);
      }
    groups.push(group);
  }

  // (b) own sales, one group per agreement and split of the products sold
  const salesGroups = new Map<string, { g: GroupSplit; rows: SalesProductRow[] }>();
  for (const r of input.sales) {
    const k = splitKey(r);
    const had = salesGroups.get(k);
    if (had) had.rows.push(r);
    else
      salesGroups.set(k, {
        g: { agreementId: r.agreementId, split: r.split, fromAgreement: r.fromAgreement },
        rows: [r],
      });
  }
  const salesMakerWeight = new Map<string, { regNumber: string; weight: number }>();
  for (const { g, rows } of salesGroups.values()) {
    const revenue = rows.reduce((s, r) => s + r.revenue, 0);
    if (revenue === 0 && rows.every((r) => r.materialCost === 0)) continue;
    const products = new Set(rows.map((r) => r.productId));
    // A negative group (cancellations above sales) repays no materials: there is no revenue to repay them from.
    const materialCost = revenue > 0 ? rows.reduce((s, r) => s + r.materialCost, 0) : 0;
    const s = splitRevenue(revenue, materialCost, g.split);
    const makers =
      revenue > 0
        ? makersOf(
            input.made
              .filter((m) => products.has(m.productId))
              .map((m) => ({
                inmateId: m.inmateId,
                regNumber: m.regNumber,
                productId: m.productId,
                rate: m.price,
                qty: m.qty,
              })),
          ).filter((m) => m.weight > 0)
        : [];
    const group: GroupOut = {
      ...g,
      source: 'sales',
      revenue,
      materialCost: s.materialCost,
      premi: s.premi,
      pnbp: s.pnbp,
      capital: s.capital,
      pooled: 0,
      items: [],
    };
    if (makers.length === 0) group.pooled = s.premi;
    else {
      const { perInmate, items } = allocateToMakers(s.premi, makers);
      group.items = items;
      for (const m of makers) {
        const l = lines.get(m.inmateId, m.regNumber);
        l.salesPremi += perInmate.get(m.inmateId) ?? 0;
        l.salesValue += m.weight;
        l.itemsOwn += m.rows.reduce((n, r) => n + r.qty, 0);
        const w = salesMakerWeight.get(m.inmateId);
        if (w) w.weight += m.weight;
        else salesMakerWeight.set(m.inmateId, { regNumber: m.regNumber, weight: m.weight });
      }
    }
    groups.push(group);
  }

  // The pool from earlier months goes to this month's own-sales makers, by the value they made.
  let fromPool = 0;
  if (input.poolBalance > 0 && salesMakerWeight.size > 0) {
    fromPool = input.poolBalance;
    const parts = allocate(
      fromPool,
      [...salesMakerWeight].map(([inmateId, w]) => ({
        key: makerKey(w.regNumber, inmateId),
        weight: w.weight,
      })),
    );
    for (const [inmateId, w] of salesMakerWeight) {
      const part = parts.get(makerKey(w.regNumber, inmateId)) ?? 0;
      const l = lines.get(inmateId, w.regNumber);
      l.fromPool += part;
      l.salesPremi += part;
    }
  }

  // (c) the trainee minimum
  for (const a of input.attendance) {
    if (a.sessions > 0) lines.get(a.inmateId, a.regNumber).sessions += a.sessions;
  }
  for (const l of lines.byInmate.values()) {
    const earned = l.offtakePremi + l.salesPremi;
    const m = traineeMinimum(input.minSession, l.sessions, earned);
    l.minimum = l.sessions > 0 ? m.minimum : 0;
    l.topup = l.sessions > 0 ? m.topup : 0;
    l.total = earned + l.topup;
    const p = pockets(l.total, input.spendablePct);
    l.saved = p.saved;
    l.spendable = p.spendable;
  }

  groups.sort(byGroupOrder);
  const sum = (f: (g: GroupOut) => number, source?: 'offtake' | 'sales') =>
    groups.filter((g) => !source || g.source === source).reduce((s, g) => s + f(g), 0);
  const lineList = [...lines.byInmate.values()].sort((a, b) =>
    a.regNumber < b.regNumber ? -1 : a.regNumber > b.regNumber ? 1 : 0,
  );
  return {
    totals: {
      revenueOfftake: sum((g) => g.revenue, 'offtake'),
      revenueSales: sum((g) => g.revenue, 'sales'),
      materialCost: sum((g) => g.materialCost),
      premi: sum((g) => g.premi),
      pnbp: sum((g) => g.pnbp),
      capital: sum((g) => g.capital),
      topup: lineList.reduce((s, l) => s + l.topup, 0),
      pooled: sum((g) => g.pooled),
      fromPool,
      payments: input.payments,
      purchases: input.purchases,
    },
    groups,
    lines: lineList,
  };
}
