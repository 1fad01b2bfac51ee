// SQL for own-business (UMKM) plans and the help given for them. Every read takes the viewer's
// scope by the person (a unit's staff: their unit's people; a Bapas officer: their assigned people).
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { AssistanceKind } from '../../db/schema.ts';

const PAGE = 25;

const people = (scope: Scope, col: string, unit: string) =>
  scopeFilter(scope, { unit, partner: null, person: col });

/** The person a plan is about, within scope. */
export async function person(conn: Conn, scope: Scope, inmateId: string) {
  return conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.name', 'i.unit_id', 'i.status', 'u.name as unit_name'])
    .where('i.id', '=', inmateId)
    .where(people(scope, 'i.id', 'i.unit_id'))
    .executeTakeFirst();
}

export async function findPlan(conn: Conn, inmateId: string) {
  const r = await conn
    .selectFrom('business_plans')
    .selectAll()
    .where('inmate_id', '=', inmateId)
    .executeTakeFirst();
  return r && { ...r, capital_needed: r.capital_needed === null ? null : toNumber(r.capital_needed) };
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function assistanceOf(conn: Conn, planId: string) {
  const rows = await conn
    .selectFrom('business_assistance')
    .select(['id', 'kind', 'item', 'value', 'giver', 'partner_id', 'given_on'])
    .where('plan_id', '=', planId)
    .orderBy('given_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, value: toNumber(r.value) }));
}

/** The catalogue of the person's unit; `learned` marks products of programmes they took part in. */
export async function productChoices(conn: Conn, unitId: string, inmateId: string) {
  return conn
    .selectFrom('products as p')
    .select(['p.id', 'p.name'])
    .select(
      sql<boolean>`exists (select 1 from enrolments e where e.inmate_id = ${inmateId}::uuid
        and e.programme_id = p.programme_id)`.as('learned'),
    )
    .where('p.unit_id', '=', unitId)
    .where('p.active', '=', true)
    .orderBy('p.name')
    .execute()
    .then((rows) => rows.sort((a, b) => Number(b.learned) - Number(a.learned)));
}

/** Names of products by id (a plan's, already checked against its unit when saved). */
export async function productNames(conn: Conn, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await conn
    .selectFrom('products')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

export async function productsOfUnit(conn: Conn, unitId: string, ids: readonly string[]) {
  if (ids.length === 0) return 0;
  const r = await conn
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_id', '=', unitId)
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return toNumber(r?.n);
}

export interface PlanValues {
  business_name: string | null;
  trade: string;
  description: string;
  product_ids: string[];
  location: string | null;
  capital_needed: number | null;
}

export async function insertPlan(
  conn: Conn,
  v: PlanValues & { inmate_id: string; unit_id: string; created_by: string | null },
): Promise<string> {
  const r = await conn.insertInto('business_plans').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePlan(conn: Conn, id: string, v: PlanValues): Promise<void> {
  await conn
    .updateTable('business_plans')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertAssistance(
  conn: Conn,
  v: {
    plan_id: string;
    unit_id: string;
    kind: AssistanceKind;
    item: string;
    value: number;
    giver: string;
    partner_id: string | null;
    given_on: string;
    recorded_by: string | null;
  },
): Promise<string> {
  const r = await conn.insertInto('business_assistance').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listPlans(conn: Conn, scope: Scope, page: number) {
  const q = conn
    .selectFrom('business_plans as bp')
    .innerJoin('inmates as i', 'i.id', 'bp.inmate_id')
    .where(people(scope, 'bp.inmate_id', 'bp.unit_id'));
  const [rows, count] = await Promise.all([
    q
      .select(['bp.id', 'bp.inmate_id', 'i.name', 'bp.trade', 'bp.business_name'])
      .select(
        sql<string>`(select coalesce(sum(ba.value), 0) from business_assistance ba where ba.plan_id = bp.id)`.as(
          'assistance_total',
        ),
      )
      .orderBy('i.name')
      .limit(PAGE)
      .offset((page - 1) * PAGE)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, assistance_total: toNumber(r.assistance_total) })),
    total: toNumber(count?.n),
    pageSize: PAGE,
  };
}
