// The rules of materials and stock adjustments, as pure functions: what a typed quantity means,
// which stock-take lines need a reason, and what an approved adjustment posts to the ledgers.
import type { FieldError } from '../../app/errors.ts';
import type { AdjustmentKind } from '../../db/schema.ts';

/** A whole number typed in a form ("12", " 3 "), or null for anything else (fractions, signs, words). */
export function wholeNumber(text: string | undefined): number | null {
  const s = (text ?? '').trim();
  if (!/^[0-9]{1,12}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** An item of a stock adjustment: `m.<id>` for a material, `p.<id>` for a finished product. */
export type ItemKey = `m.${string}` | `p.${string}`;
export const itemKey = (l: { material_id?: string | null; product_id?: string | null }): ItemKey =>
  l.material_id ? `m.${l.material_id}` : `p.${l.product_id ?? ''}`;

export interface LineInput {
  material_id?: string | undefined;
  product_id?: string | undefined;
  expected?: number | undefined;
  counted?: number | undefined;
  qty?: number | undefined;
  reason?: string | undefined;
}

/**
 * The field errors of one line, given what the records hold now (`onHand`; for a product the
 * stock not reserved is what a write-off may take). Stock-take: a count, whole and not negative,
 * unchanged records since the page showed them, a reason for every difference. Write-off: a
 * quantity above zero, within the stock, and a reason. Field names name the item (`reason.m.<id>`).
 */
export function lineErrors(
  kind: AdjustmentKind,
  l: LineInput,
  now: { onHand: number; available: number },
): FieldError[] {
  const key = itemKey(l);
  const out: FieldError[] = [];
  const reason = l.reason?.trim() ?? '';
  if (kind === 'stocktake') {
    if (l.counted === undefined || !Number.isInteger(l.counted) || l.counted < 0)
      return [{ field: `counted.${key}`, key: 'adjustments.badCount' }];
    if (l.expected !== undefined && l.expected !== now.onHand)
      out.push({ field: `counted.${key}`, key: 'adjustments.expectedChanged', params: { n: now.onHand } });
    else if (l.counted !== now.onHand && reason === '')
      out.push({ field: `reason.${key}`, key: 'adjustments.reasonRequired' });
    return out;
  }
  if (l.qty === undefined || !Number.isInteger(l.qty) || l.qty <= 0)
    out.push({ field: `qty.${key}`, key: 'stock.badQuantity' });
  else if (l.qty > now.available)
    out.push({ field: `qty.${key}`, key: 'adjustments.exceedsOnHand', params: { n: now.available } });
  if (reason === '') out.push({ field: `reason.${key}`, key: 'err.required' });
  return out;
}

/** What an approved line posts: a signed count difference, a write-off, or nothing (no difference). */
export function posting(
  kind: AdjustmentKind,
  l: { expected: number | null; counted: number | null; qty: number | null },
): { kind: 'counted' | 'written_off'; qty: number } | null {
  if (kind === 'write_off') return l.qty ? { kind: 'written_off', qty: l.qty } : null;
  const diff = (l.counted ?? 0) - (l.expected ?? 0);
  return diff === 0 ? null : { kind: 'counted', qty: diff };
}
