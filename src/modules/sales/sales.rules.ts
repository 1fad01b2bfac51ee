// The rules of a direct sale, as pure functions: what a sale's lines add up to, what a reversal of
// it looks like, how the sales book nets a period, and the amount in Indonesian words that a
// kuitansi carries ("satu juta dua ratus lima puluh ribu rupiah").
import type { PaymentMethod, SaleStatus } from '../../db/schema.ts';

/** The series of receipt numbers (KW/2026/0007) and of the reversals that cancel them. */
export const RECEIPT_SERIES = 'KW';
export const REVERSAL_SERIES = 'KW-BTL';

export interface LineAmount {
  qty: number;
  unitPrice: number;
}

/** A line's amount and the sale's total, in integer rupiah. */
export const lineAmount = (l: LineAmount) => l.qty * l.unitPrice;
export const saleTotal = (lines: readonly LineAmount[]) => lines.reduce((s, l) => s + lineAmount(l), 0);

/** The lines of the reversal that cancels a sale: the same products and prices, quantities negated. */
export function reversalLines<L extends LineAmount>(lines: readonly L[]): L[] {
  return lines.map((l) => ({ ...l, qty: -l.qty }));
}

/** Transfers and QRIS payments are traced by their reference; cash needs none. */
export const needsReference = (m: PaymentMethod) => m !== 'tunai';

/** Only a completed sale may be asked to be cancelled; only a pending request is decided. */
export const mayRequestCancel = (s: SaleStatus) => s === 'completed';
export const isCancelPending = (s: SaleStatus) => s === 'cancel_requested';

export interface BookRow {
  status: SaleStatus;
  payment_method: PaymentMethod;
  total: number;
  /** How many sales the row stands for (a group of rows summed in SQL); one when absent. */
  n?: number;
}

export interface BookTotals {
  /** Receipts issued in the period (reversals are not receipts). */
  receipts: number;
  /** What the receipts of the period say, cancelled ones included. */
  gross: number;
  /** The reversals booked in the period (a negative amount or zero). */
  reversed: number;
  /** gross + reversed: what the unit kept. A cancelled sale and its reversal sum to zero. */
  net: number;
  byMethod: Record<PaymentMethod, number>;
}

/** The period's totals: every row counts with its sign, so a cancelled sale nets out with its reversal. */
export function bookTotals(rows: readonly BookRow[]): BookTotals {
  const t: BookTotals = {
    receipts: 0,
    gross: 0,
    reversed: 0,
    net: 0,
    byMethod: { tunai: 0, transfer: 0, qris: 0 },
  };
  for (const r of rows) {
    if (r.status === 'reversal') t.reversed += r.total;
    else {
      t.receipts += r.n ?? 1;
      t.gross += r.total;
    }
    t.net += r.total;
    t.byMethod[r.payment_method] += r.total;
  }
  return t;
}

const ONES = [
  '',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
];

/** 0 < n < 1000 in words: "seratus dua puluh lima". */
function hundreds(n: number): string {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 1) out.push('seratus');
  else if (h > 1) out.push(`${ONES[h]} ratus`);
  if (rest > 0 && rest < 12) out.push(ONES[rest] ?? '');
  else if (rest >= 12 && rest < 20) out.push(`${ONES[rest - 10]} belas`);
  else if (rest >= 20) {
    out.push(`${ONES[Math.floor(rest / 10)]} puluh`);
    if (rest % 10) out.push(ONES[rest % 10] ?? '');
  }
  return out.join(' ');
}

const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'];

/**
 * A whole number in Indonesian words (terbilang): 1250000 -> "satu juta dua ratus lima puluh
 * ribu". "seribu" and "seratus" for one thousand and one hundred; negative numbers get "minus".
 */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`terbilang takes a whole number: ${n}`);
  if (n === 0) return 'nol';
  if (n < 0) return `minus ${terbilang(-n)}`;
  const parts: string[] = [];
  let rest = n;
  for (let scale = 0; rest > 0; scale++) {
    const group = rest % 1000;
    rest = Math.floor(rest / 1000);
    if (group === 0) continue;
    const name = SCALES[scale] ?? '';
    if (scale === 1 && group === 1) parts.unshift('seribu');
    else parts.unshift(name ? `${hundreds(group)} ${name}` : hundreds(group));
  }
  return parts.join(' ');
}

/** The amount of a kuitansi in words: "satu juta dua ratus lima puluh ribu rupiah". */
export const rupiahInWords = (amount: number) => `${terbilang(amount)} rupiah`;
