// The money rules of premi, PNBP and production capital, as pure functions over integer rupiah.
// Every split and allocation returns parts that sum exactly to the amount split.

/** A premi/PNBP/capital split in whole percent that totals 100. */
export interface Split {
  premi: number;
  pnbp: number;
  capital: number;
}

/**
 * The national default split of production profit.
 * Source: Keputusan Menteri Kehakiman RI No. M.01-PP.02.01 Tahun 1990 (premi 50%, PNBP 15%,
 * production capital 35%); a unit may apply another split and an agreement may override it
 * (units.premi_pct/pnbp_pct/capital_pct, agreement_terms.*_pct; see agreements.rules effectiveSplit).
 */
export const DEFAULT_SPLIT: Split = { premi: 50, pnbp: 15, capital: 35 };

/**
 * The largest share of premi an inmate may spend inside; the rest is saved and paid at release.
 * Source: SE Dirjenpas No. PAS1.PK.01.04-87 Tahun 2010 on the tabungan premi (at most 25%).
 */
export const MAX_SPENDABLE_PCT = 25;

export function splitTotals100(s: Split): boolean {
  return (
    [s.premi, s.pnbp, s.capital].every((p) => Number.isInteger(p) && p >= 0) &&
    s.premi + s.pnbp + s.capital === 100
  );
}

export interface Weighted<K extends string = string> {
  key: K;
  weight: number;
}

/**
 * Largest-remainder (Hamilton) allocation of `total` rupiah over weights: each part is the floor of
 * its exact share, and the rupiah left over go one each to the largest remainders. Ties in the
 * remainder go to the larger weight, then to the smaller key (a stable, documented order: callers
 * pass the inmate's registration number, or the account name, as the key), so the same input always
 * gives the same parts. A negative total (a reversal) is allocated as its absolute value and negated.
 * All-zero weights allocate nothing (every part 0) only when the total is 0; otherwise that is a
 * caller's error, because the rupiah would have nowhere to go.
 */
export function allocate<K extends string>(total: number, weights: readonly Weighted<K>[]): Map<K, number> {
  assertRupiah(total);
  const out = new Map<K, number>();
  for (const w of weights) {
    if (!Number.isSafeInteger(w.weight) || w.weight < 0)
      throw new RangeError(`bad weight for ${w.key}: ${w.weight}`);
    if (out.has(w.key)) throw new RangeError(`duplicate key ${w.key}`);
    out.set(w.key, 0);
  }
  if (total === 0) return out;
  const sum = weights.reduce((s, w) => s + BigInt(w.weight), 0n);
  if (sum === 0n) throw new RangeError('nothing to allocate over: every weight is zero');
  const sign = total < 0 ? -1n : 1n;
  const abs = BigInt(total) * sign;
  let given = 0n;
  const rows = weights.map((w) => {
    const exact = abs * BigInt(w.weight);
    const part = exact / sum;
    given += part;
    return { key: w.key, weight: w.weight, part, rem: exact % sum };
  });
  let left = abs - given;
  const order = [...rows].sort((a, b) =>
    a.rem !== b.rem
      ? a.rem > b.rem
        ? -1
        : 1
      : b.weight !== a.weight
        ? b.weight - a.weight
        : compareKeys(a.key, b.key),
  );
  for (const r of order) {
    if (left === 0n) break;
    r.part += 1n;
    left -= 1n;
  }
  for (const r of rows) out.set(r.key, Number(r.part * sign));
  return out;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertRupiah(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer rupiah amount: ${n}`);
}

export interface RevenueSplit {
  revenue: number;
  /** The part of the revenue that repays the unit-bought materials used (never above the revenue). */
  materialCost: number;
  premi: number;
  pnbp: number;
  capital: number;
}

/**
 * A revenue split: first the cost of the unit-bought materials used is repaid to the production
 * capital (never more than the revenue), then the profit is split premi/PNBP/capital by percent.
 * revenue = materialCost + premi + pnbp + capital, to the rupiah.
 * Source: Kepmen Kehakiman M.01-PP.02.01/1990 (the split applies to the profit of production);
 * consignment materials from the partner cost the unit nothing and are not deducted.
 */
export function splitRevenue(revenue: number, materialCost: number, split: Split): RevenueSplit {
  assertRupiah(revenue);
  assertRupiah(materialCost);
  if (!splitTotals100(split)) throw new RangeError('split does not total 100');
  const sign = revenue < 0 ? -1 : 1;
  const abs = Math.abs(revenue);
  const cost = Math.min(Math.max(Math.abs(materialCost), 0), abs);
  const parts = allocate(abs - cost, [
    { key: 'premi', weight: split.premi },
    { key: 'pnbp', weight: split.pnbp },
    { key: 'capital', weight: split.capital },
  ]);
  const v = (k: 'premi' | 'pnbp' | 'capital') => (parts.get(k) ?? 0) * sign || 0;
  return {
    revenue,
    materialCost: cost * sign || 0,
    premi: v('premi'),
    pnbp: v('pnbp'),
    capital: v('capital'),
  };
}

/**
 * The spendable part of a premi credit: the unit's percentage (at most 25%), rounded down, so the
 * saved part is never less than the rule requires. saved + spendable = amount.
 */
export function pockets(amount: number, spendablePct: number): { saved: number; spendable: number } {
  assertRupiah(amount);
  const pct = Math.min(Math.max(Math.trunc(spendablePct), 0), MAX_SPENDABLE_PCT);
  const spendable = Math.trunc((amount * pct) / 100) || 0;
  return { saved: amount - spendable, spendable };
}

/**
 * The trainee minimum: a participant who attends a training session earns at least the unit's
 * per-session amount (the daily extra-fooding value). Returns the minimum for the month and the
 * top-up that brings what was earned from production up to it (0 when production earned more).
 * Source: UU 22/2022 on Pemasyarakatan, art. 9 (the right to premi for work done) and the unit's
 * own setting (units.premi_min_session); the top-up is paid from the production capital.
 */
export function traineeMinimum(
  perSession: number,
  sessions: number,
  earned: number,
): { minimum: number; topup: number } {
  assertRupiah(perSession);
  assertRupiah(earned);
  const minimum = perSession * Math.max(0, sessions);
  return { minimum, topup: Math.max(0, minimum - earned) };
}

/** Kode billing SIMPONI: 15 digits. */
export function validBillingCode(s: string): boolean {
  return /^[0-9]{15}$/.test(s);
}

/** NTPN (Nomor Transaksi Penerimaan Negara): 16 letters and digits, upper case. */
export function validNtpn(s: string): boolean {
  return /^[0-9A-Z]{16}$/.test(s);
}

/** One line of a journal entry. Debit positive, credit negative. */
export interface LedgerLine {
  account: 'cash' | 'receivable' | 'revenue' | 'premi' | 'premi_pool' | 'pnbp' | 'capital';
  purpose: string;
  amount: number;
  inmateId?: string | null;
  pocket?: 'saved' | 'spendable' | null;
}

/**
 * The lines of an entry as stored: lines with the same account, purpose, inmate and pocket merged,
 * zero lines dropped. Throws when the lines do not sum to zero (the database would refuse them too).
 */
export function normaliseLines(lines: readonly LedgerLine[]): LedgerLine[] {
  const merged = new Map<string, LedgerLine>();
  let sum = 0;
  for (const l of lines) {
    assertRupiah(l.amount);
    sum += l.amount;
    const k = `${l.account}|${l.purpose}|${l.inmateId ?? ''}|${l.pocket ?? ''}`;
    const had = merged.get(k);
    if (had) had.amount += l.amount;
    else merged.set(k, { ...l, inmateId: l.inmateId ?? null, pocket: l.pocket ?? null });
  }
  if (sum !== 0) throw new RangeError(`journal entry does not balance: lines sum to ${sum}`);
  return [...merged.values()].filter((l) => l.amount !== 0);
}

/** The reversal of an entry's lines: every amount negated. */
export function reversed(lines: readonly LedgerLine[]): LedgerLine[] {
  return lines.map((l) => ({ ...l, amount: -l.amount || 0 }));
}
