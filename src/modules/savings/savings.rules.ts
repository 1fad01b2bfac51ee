// The rules of an inmate's tabungan premi, as pure functions: the running balance of a statement,
// what a withdrawal may take (only the spendable pocket: SE Dirjenpas PAS1.PK.01.04-87/2010, at most
// 25% of premi may be spent inside; the rest is saved and paid at release), and the Indonesian
// words a printed statement uses for each kind of posting.
import type { JournalKind } from '../../db/schema.ts';

/** Document number series (nextNumber): PRM-TRK/2026/0001 withdrawals, PRM-BYR/2026/0001 payouts. */
export const WITHDRAWAL_SERIES = 'PRM-TRK';
export const PAYOUT_SERIES = 'PRM-BYR';

export const PURPOSES = ['canteen', 'family', 'other'] as const;
export type WithdrawalPurpose = (typeof PURPOSES)[number];
export const PAYOUT_METHODS = ['tunai', 'transfer'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/** How a posting is named on the printed statement (always Indonesian, as the inmate reads it). */
export const KIND_WORDS: Record<JournalKind, string> = {
  premi_run: 'Premi bulanan',
  premi_reversal: 'Koreksi premi',
  withdrawal: 'Penarikan',
  payout: 'Pembayaran saat bebas',
  transfer_out: 'Dipindahkan ke unit lain',
  transfer_in: 'Pindahan dari unit lain',
  pnbp_deposit: 'Setoran PNBP',
  capital: 'Modal produksi',
};

export const PURPOSE_WORDS: Record<WithdrawalPurpose, string> = {
  canteen: 'Belanja kantin',
  family: 'Kiriman untuk keluarga',
  other: 'Keperluan lain',
};

export interface Balance {
  saved: number;
  spendable: number;
}

/** One posting of the inmate: what it added to each pocket (positive = credited to the inmate). */
export interface Posting extends Balance {
  day: string;
  kind: JournalKind;
}

export interface RunningPosting<P extends Posting> {
  posting: P;
  amount: number;
  balance: Balance & { total: number };
}

/** Each posting with the balance after it, in the order given (day, then when it was written). */
export function runningBalance<P extends Posting>(postings: readonly P[]): RunningPosting<P>[] {
  let saved = 0;
  let spendable = 0;
  return postings.map((p) => {
    saved += p.saved;
    spendable += p.spendable;
    return {
      posting: p,
      amount: p.saved + p.spendable,
      balance: { saved, spendable, total: saved + spendable },
    };
  });
}

/** A withdrawal takes from the spendable pocket only, never more than is in it. */
export function mayWithdraw(balance: Balance, amount: number): boolean {
  return Number.isSafeInteger(amount) && amount > 0 && amount <= balance.spendable;
}

/** What a payout at release pays: both pockets, or nothing when there is nothing owed. */
export function payoutAmounts(balance: Balance): (Balance & { total: number }) | null {
  if (balance.saved < 0 || balance.spendable < 0) return null;
  const total = balance.saved + balance.spendable;
  return total > 0 ? { ...balance, total } : null;
}

/** "Rp 25.000", "25.000", "25000": whole rupiah as people type them, or null when it is not one. */
export function parseRupiah(text: string | number | null | undefined): number | null {
  if (typeof text === 'number') return Number.isSafeInteger(text) ? text : null;
  const t = (text ?? '').trim().replace(/^rp\.?\s*/i, '');
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(t)) return null;
  const n = Number(t.replace(/\./g, ''));
  return Number.isSafeInteger(n) ? n : null;
}
