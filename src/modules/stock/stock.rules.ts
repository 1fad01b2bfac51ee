// The rules of the stock ledgers, as pure functions. A product's stock has five columns (awaiting
// the partner's check, at the check, on hand for sale, reserved for an order, sold); each movement
// kind moves whole items between them. Stock is the sum of the movements; the columns on the
// product row are that sum, kept in the same transaction, and may never go below zero.
import type { MaterialMovementKind, MaterialOwner, ProductMovementKind } from '../../db/schema.ts';

export interface ProductDeltas {
  d_awaiting: number;
  d_in_check: number;
  d_on_hand: number;
  d_reserved: number;
  d_sold: number;
}

export const ZERO: ProductDeltas = { d_awaiting: 0, d_in_check: 0, d_on_hand: 0, d_reserved: 0, d_sold: 0 };

/**
 * What `qty` items of a movement do to the columns. `qty` is positive except for the two kinds that
 * correct a count (`produced` when a log entry is lowered, `counted` when fewer were found), which
 * may be negative. `route` is the product's: a partner's product waits for the partner's check.
 */
export function productEffect(
  kind: ProductMovementKind,
  qty: number,
  route: 'partner' | 'own',
): ProductDeltas {
  const d = { ...ZERO };
  switch (kind) {
    case 'produced':
      if (route === 'partner') d.d_awaiting = qty;
      else d.d_on_hand = qty;
      break;
    case 'sent_to_check':
      d.d_awaiting = -qty;
      d.d_in_check = qty;
      break;
    case 'passed': // bought by the partner at its piece rate
      d.d_in_check = -qty;
      d.d_sold = qty;
      break;
    case 'rework': // back to the maker, to be sent again when mended
      d.d_in_check = -qty;
      d.d_awaiting = qty;
      break;
    case 'reject_to_stock':
      d.d_in_check = -qty;
      d.d_on_hand = qty;
      break;
    case 'reject_scrap':
      d.d_in_check = -qty;
      break;
    case 'reserved':
      d.d_reserved = qty;
      break;
    case 'unreserved':
      d.d_reserved = -qty;
      break;
    case 'sold':
      d.d_on_hand = -qty;
      d.d_sold = qty;
      break;
    case 'sale_cancelled':
      d.d_on_hand = qty;
      d.d_sold = -qty;
      break;
    case 'written_off':
      d.d_on_hand = -qty;
      break;
    case 'counted':
      d.d_on_hand = qty;
      break;
  }
  return d;
}

/** Kinds whose quantity may be negative (a lowered log entry, a count that found fewer). */
export const SIGNED_KINDS: ReadonlySet<ProductMovementKind> = new Set(['produced', 'counted']);

export interface ProductStock {
  awaiting_check: number;
  in_check: number;
  on_hand: number;
  reserved: number;
  sold: number;
}

/** The stock after the deltas, or the first column that would go below zero (or reserve more than held). */
export function applyDeltas(
  s: ProductStock,
  d: ProductDeltas,
): { ok: true; stock: ProductStock } | { ok: false; column: keyof ProductStock } {
  const next: ProductStock = {
    awaiting_check: s.awaiting_check + d.d_awaiting,
    in_check: s.in_check + d.d_in_check,
    on_hand: s.on_hand + d.d_on_hand,
    reserved: s.reserved + d.d_reserved,
    sold: s.sold + d.d_sold,
  };
  for (const k of Object.keys(next) as (keyof ProductStock)[])
    if (next[k] < 0) return { ok: false, column: k };
  if (next.reserved > next.on_hand) return { ok: false, column: 'on_hand' };
  return { ok: true, stock: next };
}

/** What can still be sold: on hand and not held for an order. */
export const available = (s: Pick<ProductStock, 'on_hand' | 'reserved'>) => s.on_hand - s.reserved;

/**
 * The cost of taking `qty` out of a unit-bought material's stock at average cost: value x qty /
 * on hand, rounded down, and the whole remaining value when the last unit leaves, so the stock's
 * value reaches exactly zero with its quantity (integer rupiah, no drift).
 */
export function costOfUse(onHand: number, value: number, qty: number): number {
  if (qty <= 0 || onHand <= 0) return 0;
  if (qty >= onHand) return value;
  return Math.floor((value * qty) / onHand);
}

/** Material movement kinds that take from the stock (their qty is given positive, stored negative). */
export const MATERIAL_OUTGOING: ReadonlySet<MaterialMovementKind> = new Set([
  'issued',
  'used',
  'written_off',
]);

/**
 * What a material movement does to the stock: the signed change of quantity and of value at cost
 * (unit-bought materials: received at its cost, returned or counted up at the average cost, taken
 * out at costOfUse; consignment carries no value), or the quantity left when it would go below zero.
 */
export function materialEffect(
  mat: { on_hand: number; value: number; owner: MaterialOwner },
  kind: MaterialMovementKind,
  qty: number,
  cost?: number,
): { ok: true; qty: number; value: number } | { ok: false; left: number } {
  const delta = MATERIAL_OUTGOING.has(kind) ? -qty : qty;
  const { on_hand: onHand, value } = mat;
  if (onHand + delta < 0) return { ok: false, left: onHand };
  let dValue = 0;
  if (mat.owner === 'unit') {
    if (delta > 0 && kind === 'received') dValue = cost ?? 0;
    else if (delta > 0) dValue = onHand > 0 ? Math.floor((value * delta) / onHand) : 0;
    else dValue = -costOfUse(onHand, value, -delta);
  }
  return { ok: true, qty: delta, value: dValue };
}

/** A document number: `KW/2026/0007` (series, year, sequence padded to four digits). */
export function documentNumber(series: string, year: number, seq: number): string {
  return `${series}/${year}/${String(seq).padStart(4, '0')}`;
}

/** pg returns bigint as a string; money is integer rupiah, safe in a JS number up to 9 x 10^15. */
export function rupiah(v: string | number | bigint | null | undefined): number {
  if (v === null || v === undefined) return 0;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer rupiah amount: ${String(v)}`);
  return n;
}
