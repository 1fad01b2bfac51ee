// SQL for the inmate register. Every read takes the viewer's scope; a record of another unit is
// simply not found.
import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { Database, ExpiryChangeKind, InmateStatus, RegisterClass, RiskLevel } from '../../db/schema.ts';

const PAGE = 25;

/**
 * inmates.rules.ts isPastExpiry in SQL: active, and the tanggal ekspirasi is before the unit's own
 * calendar day at `now` (WIB, WITA or WIT), so a list across zones flags each person by their unit.
 * Needs `i` (inmates) and `u` (units) in the query.
 */
export function pastExpirySql(now: Date) {
  return sql<boolean>`coalesce(i.status = 'active' and i.expected_release_date < (${now.toISOString()}::timestamptz at time zone u.timezone)::date, false)`;
}

/** A person belongs to a unit, never to a partner. */
const COLS = { unit: 'i.unit_id', partner: null };

function scoped(conn: Conn, scope: Scope, now: Date = new Date()) {
  return conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(pastExpirySql(now).as('past_expiry'))
    .select([
      'i.id',
      'i.unit_id',
      'u.name as unit_name',
      'i.reg_number',
      'i.register_class',
      'i.name',
      'i.gender',
      'i.birth_date',
      'i.entry_date',
      'i.expected_release_date',
      'i.block',
      'i.room',
      'i.education',
      'i.skills',
      'i.interests',
      'i.risk_level',
      'i.health_restriction',
      'i.nik',
      'i.status',
    ])
    .where(scopeFilter(scope, COLS));
}

export type InmateRow = Awaited<ReturnType<typeof findInmate>> & {};

/**
 * A person's row with the records their page lists (status history, Register F, changes of the
 * tanggal ekspirasi), read in one statement: one round trip instead of four.
 */
export async function findInmateWithRecords(conn: Conn, scope: Scope, id: string) {
  const row = await scoped(conn, scope)
    .select((eb) => [
      jsonArrayFrom(statusHistory(eb)).as('history'),
      jsonArrayFrom(registerFEntries(eb)).as('registerF'),
      jsonArrayFrom(expiryChanges(eb)).as('expiryChanges'),
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  // Inside JSON a timestamp is text (dates stay 'YYYY-MM-DD' as everywhere): back to an instant.
  const expiry = row.expiryChanges.map((c) => ({ ...c, created_at: new Date(c.created_at) }));
  return { ...row, expiryChanges: expiry };
}

/** For the subqueries of one person's records: `i` is the person. */
type PersonEb = ExpressionBuilder<Database & { i: Database['inmates'] }, 'i'>;

export async function findInmate(conn: Conn, scope: Scope, id: string, now?: Date) {
  return scoped(conn, scope, now).where('i.id', '=', id).executeTakeFirst();
}

export interface InmateFilter {
  q?: string | undefined;
  status?: InmateStatus | undefined;
  register_class?: RegisterClass | undefined;
  block?: string | undefined;
  /** 'past': only people still active after their tanggal ekspirasi. */
  expiry?: 'past' | undefined;
  page: number;
  now?: Date | undefined;
}

export async function listInmates(conn: Conn, scope: Scope, f: InmateFilter) {
  const now = f.now ?? new Date();
  let q = scoped(conn, scope, now);
  if (f.expiry === 'past') q = q.where(pastExpirySql(now));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('i.name', 'ilike', like), eb('i.reg_number', 'ilike', like)]));
  }
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.register_class) q = q.where('i.register_class', '=', f.register_class);
  if (f.block) q = q.where('i.block', '=', f.block);
  const [rows, count] = await Promise.all([
    q
      .orderBy('i.name')
      .orderBy('i.reg_number')
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

/** The blocks in use in the viewer's units, for the list filter. */
export async function blocksInUse(conn: Conn, scope: Scope): Promise<string[]> {
  const q = conn
    .selectFrom('inmates as i')
    .select('i.block')
    .distinct()
    .where('i.block', 'is not', null)
    .where(scopeFilter(scope, COLS));
  return (await q.orderBy('i.block').execute()).map((r) => r.block ?? '');
}

export async function regNumberTaken(conn: Conn, unitId: string, regNumber: string, exceptId?: string) {
  let q = conn
    .selectFrom('inmates')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('reg_number', '=', regNumber);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface InmateValues {
  reg_number: string;
  register_class: RegisterClass;
  name: string;
  gender: 'L' | 'P';
  birth_date: string;
  entry_date: string;
  expected_release_date: string | null;
  block: string | null;
  room: string | null;
  education: string | null;
  skills: string[];
  interests: string[];
  risk_level: RiskLevel | null;
  health_restriction: boolean;
}

export async function insertInmate(
  conn: Conn,
  v: InmateValues & { unit_id: string; nik: string | null },
): Promise<string> {
  const r = await conn.insertInto('inmates').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateInmate(
  conn: Conn,
  id: string,
  v: InmateValues & { nik?: string | null },
): Promise<void> {
  await conn
    .updateTable('inmates')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setStatus(conn: Conn, id: string, status: InmateStatus): Promise<void> {
  await conn.updateTable('inmates').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertStatusEntry(
  conn: Conn,
  v: {
    inmate_id: string;
    status: InmateStatus;
    on_date: string;
    reason: string | null;
    created_by: string | null;
  },
): Promise<string> {
  const r = await conn
    .insertInto('inmate_status_history')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A person's changes of status, newest first. */
function statusHistory(eb: PersonEb) {
  return eb
    .selectFrom('inmate_status_history as h')
    .leftJoin('users as u', 'u.id', 'h.created_by')
    .select(['h.id', 'h.status', 'h.on_date', 'h.reason', 'u.full_name as created_by_name'])
    .whereRef('h.inmate_id', '=', 'i.id')
    .orderBy('h.on_date', 'desc')
    .orderBy('h.created_at', 'desc');
}

export async function insertRegisterF(
  conn: Conn,
  v: {
    inmate_id: string;
    entry_date: string;
    violation: string;
    sanction: string | null;
    created_by: string | null;
  },
): Promise<string> {
  const r = await conn.insertInto('register_f_entries').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A person's Register F entries, newest first. */
function registerFEntries(eb: PersonEb) {
  return eb
    .selectFrom('register_f_entries as f')
    .leftJoin('users as u', 'u.id', 'f.created_by')
    .select(['f.id', 'f.entry_date', 'f.violation', 'f.sanction', 'u.full_name as created_by_name'])
    .whereRef('f.inmate_id', '=', 'i.id')
    .orderBy('f.entry_date', 'desc');
}

export async function countInUnit(conn: Conn, unitId: string): Promise<number> {
  const r = await conn
    .selectFrom('inmates')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return toNumber(r?.n);
}

/** Active inmates of a unit with their Register F dates, for proposing programme candidates. */
export async function activeWithRegisterF(conn: Conn, unitId: string) {
  return conn
    .selectFrom('inmates as i')
    .select((eb) => [
      'i.id',
      'i.reg_number',
      'i.register_class',
      'i.name',
      'i.gender',
      'i.expected_release_date',
      'i.risk_level',
      'i.health_restriction',
      'i.status',
      eb
        .selectFrom('register_f_entries as f')
        .select(sql<string[]>`coalesce(array_agg(f.entry_date::text), '{}')`.as('d'))
        .whereRef('f.inmate_id', '=', 'i.id')
        .as('register_f_dates'),
    ])
    .where('i.unit_id', '=', unitId)
    .where('i.status', '=', 'active')
    .orderBy('i.name')
    .execute();
}

/** How many people of a unit are still active after their tanggal ekspirasi (the dashboard's count). */
export async function countPastExpiry(conn: Conn, unitId: string, now: Date): Promise<number> {
  const r = await conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('i.unit_id', '=', unitId)
    .where('i.status', '=', 'active')
    .where(pastExpirySql(now))
    .executeTakeFirst();
  return toNumber(r?.n);
}

/** The same count for every unit in scope that has any, in one grouped query (regional overview). */
export async function countPastExpiryByUnit(
  conn: Conn,
  scope: Scope,
  now: Date,
): Promise<Map<string, number>> {
  const q = conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select((eb) => ['i.unit_id', eb.fn.countAll<string>().as('n')])
    .where('i.status', '=', 'active')
    .where(pastExpirySql(now))
    .where(scopeFilter(scope, COLS))
    .groupBy('i.unit_id');
  return new Map((await q.execute()).map((r) => [r.unit_id, toNumber(r.n)]));
}

export async function setExpiry(conn: Conn, id: string, expiry: string): Promise<void> {
  await conn
    .updateTable('inmates')
    .set({ expected_release_date: expiry, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertExpiryChange(
  conn: Conn,
  v: {
    inmate_id: string;
    kind: ExpiryChangeKind;
    previous_expiry: string | null;
    new_expiry: string;
    reference: string | null;
    authority: string | null;
    order_date: string | null;
    basis: string | null;
    created_by: string | null;
  },
): Promise<string> {
  const r = await conn
    .insertInto('inmate_expiry_changes')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The changes of a person's tanggal ekspirasi, newest first. */
function expiryChanges(eb: PersonEb) {
  return eb
    .selectFrom('inmate_expiry_changes as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select([
      'c.id',
      'c.kind',
      'c.previous_expiry',
      'c.new_expiry',
      'c.reference',
      'c.authority',
      'c.order_date',
      'c.basis',
      'c.created_at',
      'u.full_name as created_by_name',
    ])
    .whereRef('c.inmate_id', '=', 'i.id')
    .orderBy('c.created_at', 'desc');
}

/** The tanggal ekspirasi of some inmates (for the completion rule of a programme). */
export async function expiryOf(conn: Conn, inmateIds: readonly string[]) {
  if (inmateIds.length === 0) return new Map<string, string | null>();
  const rows = await conn
    .selectFrom('inmates')
    .select(['id', 'expected_release_date'])
    .where('id', 'in', inmateIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.expected_release_date]));
}
