// SQL for the product gallery's management: the unit's active products beside their gallery
// entries (a read of products, programmes and stock columns), and the entries themselves.

import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { PhotoConfirmation } from '../../db/schema.ts';
import { rupiah } from '../stock/stock.rules.ts';

function productsIn(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('products as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('programmes as pr', 'pr.id', 'p.programme_id')
    .leftJoin('gallery_entries as g', 'g.product_id', 'p.id')
    .select([
      'p.id as product_id',
      'p.unit_id',
      'u.name as unit_name',
      'p.name',
      'p.price',
      'p.description',
      'p.photo_file_id as product_photo_file_id',
      'p.active',
      'p.on_hand',
      'p.reserved',
      'g.id as entry_id',
      'g.blurb',
      'g.photo_file_id',
      'g.photo_confirmation',
      'g.photo_consent_note',
      'g.photo_confirmed_at',
      'g.published',
      'g.published_at',
      'g.updated_at',
    ])
    .where(scopeFilter(scope, { unit: 'p.unit_id', partner: 'pr.partner_id' }));
}

type Raw = Awaited<ReturnType<ReturnType<typeof productsIn>['executeTakeFirstOrThrow']>>;

function row(r: Raw) {
  return {
    ...r,
    price: r.price === null ? null : rupiah(r.price),
    available: Math.max(0, r.on_hand - r.reserved),
  };
}

export type GalleryRow = ReturnType<typeof row>;

/** The active products of the scope's units (and any inactive one still in the gallery), by name. */
export async function listRows(conn: Conn, scope: Scope): Promise<GalleryRow[]> {
  const rows = await productsIn(conn, scope)
    .where((e) => e.or([e('p.active', '=', true), e('g.id', 'is not', null)]))
    .orderBy('u.name')
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  return rows.map(row);
}

export async function findByProduct(conn: Conn, scope: Scope, productId: string) {
  const r = await productsIn(conn, scope).where('p.id', '=', productId).executeTakeFirst();
  return r && row(r);
}

export async function findByEntry(conn: Conn, scope: Scope, entryId: string) {
  const r = await productsIn(conn, scope).where('g.id', '=', entryId).executeTakeFirst();
  return r && row(r);
}

/** The entry row locked for a change (two Humas staff editing at once change it one after the other). */
export async function lockEntry(conn: Conn, id: string) {
  return conn
    .selectFrom('gallery_entries')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export type EntryRow = Awaited<ReturnType<typeof lockEntry>>;

export async function insertEntry(
  conn: Conn,
  v: { unit_id: string; product_id: string; blurb: string | null; created_by: string | null },
) {
  return conn.insertInto('gallery_entries').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function updateEntry(
  conn: Conn,
  id: string,
  v: Partial<{
    blurb: string | null;
    photo_file_id: string | null;
    photo_confirmation: PhotoConfirmation | null;
    photo_consent_note: string | null;
    photo_confirmed_by: string | null;
    photo_confirmed_at: Date | null;
    published: boolean;
    published_at: Date | null;
    published_by: string | null;
  }>,
) {
  return conn
    .updateTable('gallery_entries')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
