// The rules of the partner's quality check, as pure functions: the counts of a checked line must
// add up to what was sent, and where a rejected item goes (back to its maker, into the unit's own
// sale stock when the agreement allows it, or written off).
import type { MessageKey } from '../../app/i18n.ts';
import type { RejectDisposition, RejectReason } from '../../db/schema.ts';

export const REJECT_REASONS: readonly RejectReason[] = ['size', 'stitching', 'colour', 'finishing', 'other'];
export const QC_STATUSES = ['sent', 'checked', 'invoiced'] as const;

export interface RejectInput {
  qty: number;
  reason: RejectReason;
  reworkable: boolean;
  note?: string | null | undefined;
}

export interface CheckLineInput {
  lineId: string;
  passed: number;
  rejects: RejectInput[];
}

const whole = (n: number) => Number.isInteger(n) && n >= 0;

/**
 * What is wrong with one line's counts, or null: whole numbers only, no more passed than sent, and
 * passed plus rejected equal to what was sent (every item sent comes back one way or another).
 */
export function lineProblem(
  submitted: number,
  l: Pick<CheckLineInput, 'passed' | 'rejects'>,
): { key: MessageKey; params: Record<string, number> } | null {
  if (!whole(l.passed) || l.rejects.some((r) => !whole(r.qty) || r.qty === 0))
    return { key: 'stock.badQuantity', params: {} };
  if (l.passed > submitted)
    return { key: 'quality.passedOverSubmitted', params: { passed: l.passed, submitted } };
  const rejected = l.rejects.reduce((a, r) => a + r.qty, 0);
  if (l.passed + rejected !== submitted)
    return { key: 'quality.countsMismatch', params: { passed: l.passed, rejected, submitted } };
  return null;
}

/** Where a rejected item goes: reworkable to its maker; otherwise own stock if the agreement allows. */
export function disposition(reworkable: boolean, rejectsSaleable: boolean): RejectDisposition {
  if (reworkable) return 'rework';
  return rejectsSaleable ? 'own_stock' : 'scrap';
}

/** The stock movement a reject's disposition posts. */
export const MOVEMENT_OF: Record<RejectDisposition, 'rework' | 'reject_to_stock' | 'reject_scrap'> = {
  rework: 'rework',
  own_stock: 'reject_to_stock',
  scrap: 'reject_scrap',
};
