// Pure rules of PNBP, the capital account and the monthly reconciliation: months and their days,
// the deposit's input checks, and the reconciliation read off a month's journal sums.
import type { FieldError } from '../../app/errors.ts';
import { validBillingCode, validNtpn } from '../ledger/ledger.rules.ts';

export const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';
const MONTH = new RegExp(MONTH_PATTERN);

export const isMonth = (s: string) => MONTH.test(s);

/** The first and last day of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** How people type codes: spaces and dashes between groups of digits; an NTPN in lower case. */
export const cleanCode = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();

/** "1.250.000", "Rp 1.250.000" or "1250000" -> 1250000; NaN when not whole rupiah. */
export function parseRupiah(text: string | number): number {
  if (typeof text === 'number') return text;
  const s = text
    .trim()
    .replace(/^rp\.?\s*/i, '')
    .replace(/[.\s]/g, '');
  return /^[0-9]+$/.test(s) ? Number(s) : Number.NaN;
}

export interface DepositFields {
  amount: number;
  billingCode: string;
  ntpn: string;
  period?: string | null | undefined;
}

/** The deposit's own mistakes, one message per field, before anything is read. */
export function depositErrors(d: DepositFields): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(d.amount) || d.amount <= 0)
    errors.push({ field: 'amount', key: 'pnbp.badAmount' });
  if (!validBillingCode(d.billingCode)) errors.push({ field: 'billing_code', key: 'pnbp.badBillingCode' });
  if (!validNtpn(d.ntpn)) errors.push({ field: 'ntpn', key: 'pnbp.badNtpn' });
  if (d.period && !isMonth(d.period)) errors.push({ field: 'period', key: 'pnbp.badMonth' });
  return errors;
}

export interface Sum {
  account: string;
  purpose: string;
  amount: number;
}

const total = (sums: readonly Sum[], account: string, purposes: readonly string[]) =>
  sums.filter((s) => s.account === account && purposes.includes(s.purpose)).reduce((a, s) => a + s.amount, 0);

export interface Reconciliation {
  revenueOfftake: number;
  revenueSales: number;
  revenue: number;
  premi: number;
  pnbp: number;
  capital: number;
  materialCost: number;
  distributed: number;
  /** revenue − distributed: zero when the month balances. */
  difference: number;
}

/**
 * A month's reconciliation from its journal sums (debit +, credit −; see the journal conventions):
 * revenue recognised (offtake + own sales) = premi share + PNBP + capital share + material cost.
 * The premi share counts what makers were credited from this month's revenue ('share') and what
 * went into the sales pool ('pool' on premi_pool), net of what the pool gave out this month (the
 * pool's +y and the makers' −y cancel), so a pool payment is not counted as this month's revenue.
 * Trainee top-ups come from capital, not revenue, and are left out on both sides.
 */
export function reconcile(sums: readonly Sum[]): Reconciliation {
  const revenueOfftake = -total(sums, 'revenue', ['offtake']) || 0;
  const revenueSales = -total(sums, 'revenue', ['sales']) || 0;
  const premi = -(total(sums, 'premi', ['share', 'pool']) + total(sums, 'premi_pool', ['pool'])) || 0;
  const pnbp = -total(sums, 'pnbp', ['share']) || 0;
  const capital = -total(sums, 'capital', ['share']) || 0;
  const materialCost = -total(sums, 'capital', ['material_cost']) || 0;
  const revenue = revenueOfftake + revenueSales;
  const distributed = premi + pnbp + capital + materialCost;
  return {
    revenueOfftake,
    revenueSales,
    revenue,
    premi,
    pnbp,
    capital,
    materialCost,
    distributed,
    difference: revenue - distributed,
  };
}

/** How the journal compares with a source record: the records' amount minus the journal's. */
export function sourceCheck(
  journal: number,
  records: number,
): { journal: number; records: number; difference: number } {
  return { journal, records, difference: records - journal };
}
