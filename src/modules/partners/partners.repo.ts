// SQL for partners (mitra). Every read takes the viewer's scope: their units, and for a partner
// instructor, only their own partner.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, nameTakenInUnit, toNumber } from '../../db/database.ts';
import type { PartnerContact, PartnerType } from '../../db/schema.ts';

const PAGE = 25;

function scoped(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('partners as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.unit_id',
      'u.name as unit_name',
      'p.type',
      'p.legal_name',
      'p.nib',
      'p.npwp',
      'p.address',
      'p.city',
      'p.phone',
      'p.email',
      'p.website',
      'p.notes',
      'p.contacts',
      'p.active',
    ])
    .where(scopeFilter(scope, { unit: 'p.unit_id', partner: 'p.id' }));
}

export type PartnerRow = Awaited<ReturnType<typeof findPartner>> & {};

export async function findPartner(conn: Conn, scope: Scope, id: string) {
  return scoped(conn, scope).where('p.id', '=', id).executeTakeFirst();
}

export async function listPartners(
  conn: Conn,
  scope: Scope,
  f: { q?: string | undefined; type?: PartnerType | undefined; page: number },
) {
  let q = scoped(conn, scope);
  if (f.q) q = q.where('p.legal_name', 'ilike', `%${f.q.replace(/[%_\\]/g, '')}%`);
  if (f.type) q = q.where('p.type', '=', f.type);
  const [rows, count] = await Promise.all([
    q
      .orderBy('p.legal_name')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: toNumber(count?.n), pageSize: PAGE };
}

export async function partnerOptions(conn: Conn, scope: Scope, unitId?: string) {
  let q = scoped(conn, scope).where('p.active', '=', true);
  if (unitId) q = q.where('p.unit_id', '=', unitId);
  return (await q.orderBy('p.legal_name').execute()).map((p) => ({
    id: p.id,
    name: p.legal_name,
    unit_id: p.unit_id,
  }));
}

export const nameTaken = (conn: Conn, unitId: string, name: string, exceptId?: string) =>
  nameTakenInUnit(conn, 'partners', unitId, name, exceptId);

export interface PartnerValues {
  unit_id: string;
  type: PartnerType;
  legal_name: string;
  nib: string | null;
  npwp: string | null;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  notes: string | null;
  contacts: PartnerContact[];
}

export async function insertPartner(conn: Conn, v: PartnerValues): Promise<string> {
  const r = await conn
    .insertInto('partners')
    .values({ ...v, contacts: JSON.stringify(v.contacts) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePartner(
  conn: Conn,
  id: string,
  v: Omit<PartnerValues, 'unit_id'>,
): Promise<void> {
  await conn
    .updateTable('partners')
    .set({ ...v, contacts: JSON.stringify(v.contacts), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function partnerIdByName(conn: Conn, unitId: string, name: string): Promise<string | undefined> {
  const r = await conn
    .selectFrom('partners')
    .select('id')
    .where('unit_id', '=', unitId)
    .where(sql`lower(legal_name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return r?.id;
}
