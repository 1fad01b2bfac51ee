// The catalogue's rules as pure functions: the units of measure a product is counted in, the name
// it has in an agreement's piece-rate table, the quantity one stock movement stands for, and a
// product kind's code.
import type { ProductMovementKind } from '../../db/schema.ts';

/** Units of measure for finished items: a short fixed list (materials have their own). */
export const PRODUCT_UOMS = ['buah', 'pasang', 'set', 'lembar', 'kg'] as const;
export type ProductUom = (typeof PRODUCT_UOMS)[number];

export const PRODUCT_ROUTES = ['partner', 'own'] as const;

/** The product's name in the agreement's piece-rate table: its own name unless told otherwise. */
export function rateNameOf(p: { name: string; rate_name: string | null }): string {
  return p.rate_name?.trim() || p.name;
}

interface Deltas {
  d_awaiting: number;
  d_in_check: number;
  d_on_hand: number;
  d_reserved: number;
  d_sold: number;
}

/**
 * How many items one movement moved, signed as the movement says it (a lowered log entry or a
 * count that found fewer is negative): the column the kind adds to, or takes from when it only takes.
 */
export function movementQty(kind: ProductMovementKind, d: Deltas): number {
  switch (kind) {
    case 'produced':
      return d.d_awaiting + d.d_on_hand;
    case 'sent_to_check':
      return d.d_in_check;
    case 'passed':
    case 'sold':
      return d.d_sold;
    case 'rework':
      return d.d_awaiting;
    case 'reject_to_stock':
    case 'sale_cancelled':
    case 'counted':
      return d.d_on_hand;
    case 'reject_scrap':
      return -d.d_in_check;
    case 'reserved':
      return d.d_reserved;
    case 'unreserved':
      return -d.d_reserved;
    case 'written_off':
      return -d.d_on_hand;
  }
}

/** "Mebel & Kerajinan Kayu" -> "mebel-kerajinan-kayu": a kind's code made from its name. */
export function kindCode(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** Whether the bytes are a JPEG or a PNG (a product photo is one of those, whatever its name says). */
export function isPhotoBytes(content: Buffer): boolean {
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return true;
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return content.length >= png.length && png.every((b, i) => content[i] === b);
}
