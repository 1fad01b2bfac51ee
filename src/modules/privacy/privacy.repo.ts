// SQL of the privacy module: the legal basis reference table, the breach register with its
// notifications, and the inmate access log. Breach and log reads take the viewer's units.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { BreachRecipient, BreachStatus } from '../../db/schema.ts';

/** Breaches and access-log rows belong to a unit, never to a partner. */
const BREACH = { unit: 'b.unit_id', partner: null };
const LOG = { unit: 'l.unit_id', partner: null };

// ---- legal basis ----

export async function listLegalBasis(conn: Conn) {
  return conn
    .selectFrom('privacy_legal_basis')
    .select([
      'id',
      'code',
      'category',
      'specific',
      'legal_basis',
      'purpose',
      'retention',
      'holders',
      'updated_at',
    ])
    .orderBy('specific', 'desc')
    .orderBy('code')
    .execute();
}
export type LegalBasisRow = Awaited<ReturnType<typeof listLegalBasis>>[number];

export async function findLegalBasis(conn: Conn, id: string) {
  return conn.selectFrom('privacy_legal_basis').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function codeTaken(conn: Conn, code: string, exceptId?: string) {
  let q = conn.selectFrom('privacy_legal_basis').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface LegalBasisValues {
  code: string;
  category: string;
  specific: boolean;
  legal_basis: string;
  purpose: string;
  retention: string;
  holders: string;
}

export async function insertLegalBasis(conn: Conn, v: LegalBasisValues) {
  return (await conn.insertInto('privacy_legal_basis').values(v).returning('id').executeTakeFirstOrThrow())
    .id;
}

export async function updateLegalBasis(conn: Conn, id: string, v: LegalBasisValues) {
  await conn
    .updateTable('privacy_legal_basis')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function categoryCodes(conn: Conn): Promise<string[]> {
  return (await conn.selectFrom('privacy_legal_basis').select('code').execute()).map((r) => r.code);
}

// ---- breaches ----

function breachBase(conn: Conn) {
  return conn
    .selectFrom('privacy_breaches as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select([
      'b.id',
      'b.unit_id',
      'u.name as unit_name',
      'u.timezone',
      'b.title',
      'b.description',
      'b.occurred_at',
      'b.found_at',
      'b.notify_due_at',
      'b.categories',
      'b.people_affected',
      'b.measures',
      'b.status',
      'b.closed_at',
      'b.closing_note',
      'b.created_at',
    ]);
}
export type BreachRow = Awaited<ReturnType<typeof findBreach>> & {};

export async function findBreach(conn: Conn, scope: Scope, id: string) {
  return breachBase(conn).where('b.id', '=', id).where(scopeFilter(scope, BREACH)).executeTakeFirst();
}

export interface BreachFilter {
  status?: BreachStatus | undefined;
  unitId?: string | undefined;
  page: number;
}

export const PAGE_SIZE = 50;

export async function listBreaches(conn: Conn, scope: Scope, f: BreachFilter) {
  let q = breachBase(conn).where(scopeFilter(scope, BREACH));
  if (f.status) q = q.where('b.status', '=', f.status);
  if (f.unitId) q = q.where('b.unit_id', '=', f.unitId);
  const [rows, total] = await Promise.all([
    q
      .orderBy(sql`b.status = 'open'`, 'desc')
      .orderBy('b.notify_due_at', 'desc')
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: toNumber(total?.n) };
}

/** Open breaches of the units in scope that still miss at least one of the two notices. */
export async function unnotifiedBreaches(conn: Conn, scope: Scope) {
  return (
    breachBase(conn)
      .where('b.status', '=', 'open')
      // Both recipients (subjects, authority) must have a notice; one row each at most.
      .where(sql<boolean>`(select count(*) from privacy_breach_notifications n where n.breach_id = b.id) < 2`)
      .where(scopeFilter(scope, BREACH))
      .orderBy('b.notify_due_at')
      .limit(50)
      .execute()
  );
}

export async function noticesOf(conn: Conn, breachIds: readonly string[]) {
  if (breachIds.length === 0) return [];
  return conn
    .selectFrom('privacy_breach_notifications as n')
    .leftJoin('users as us', 'us.id', 'n.recorded_by')
    .select([
      'n.id',
      'n.breach_id',
      'n.recipient',
      'n.notified_at',
      'n.notified_to',
      'n.channel',
      'n.created_at',
      'us.full_name as recorded_by_name',
    ])
    .where('n.breach_id', 'in', breachIds)
    .orderBy('n.notified_at')
    .execute();
}
export type NoticeRow = Awaited<ReturnType<typeof noticesOf>>[number];

export interface BreachValues {
  unit_id: string;
  title: string;
  description: string;
  occurred_at: Date | null;
  found_at: Date;
  notify_due_at: Date;
  categories: string[];
  people_affected: number;
  measures: string;
  created_by: string | null;
}

export async function insertBreach(conn: Conn, v: BreachValues) {
  return (await conn.insertInto('privacy_breaches').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertNotice(
  conn: Conn,
  v: {
    breach_id: string;
    recipient: BreachRecipient;
    notified_at: Date;
    notified_to: string;
    channel: string;
    recorded_by: string | null;
  },
) {
  return (
    await conn.insertInto('privacy_breach_notifications').values(v).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export async function closeBreach(conn: Conn, id: string, note: string, at: Date) {
  await conn
    .updateTable('privacy_breaches')
    .set({ status: 'closed', closed_at: at, closing_note: note, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Locks the breach row so two notices or a notice and a close do not cross. */
export async function lockBreach(conn: Conn, id: string) {
  await conn.selectFrom('privacy_breaches').select('id').where('id', '=', id).forUpdate().execute();
}

// ---- inmate access log ----

/**
 * One statement per view. The unit is read from the register row in the same statement (the one
 * read of the inmates table outside its module, like the attendance reports), so the log names the
 * unit that held the record when it was seen.
 */
export async function insertInmateView(
  conn: Conn,
  v: {
    inmate_id: string;
    viewer_id: string | null;
    viewer_name: string;
    channel: 'page' | 'api' | 'export';
    source: string;
    request_id: string | null;
  },
) {
  await conn
    .insertInto('inmate_access_log')
    .columns(['unit_id', 'inmate_id', 'viewer_id', 'viewer_name', 'channel', 'source', 'request_id'])
    .expression((eb) =>
      eb
        .selectFrom('inmates')
        .select([
          'unit_id',
          'id',
          eb.val(v.viewer_id).as('viewer_id'),
          eb.val(v.viewer_name).as('viewer_name'),
          eb.val(v.channel).as('channel'),
          eb.val(v.source).as('source'),
          eb.val(v.request_id).as('request_id'),
        ])
        .where('id', '=', v.inmate_id),
    )
    .execute();
}

export interface AccessFilter {
  inmateId?: string | undefined;
  viewer?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
}

export async function listInmateViews(conn: Conn, scope: Scope, f: AccessFilter) {
  let q = conn
    .selectFrom('inmate_access_log as l')
    .leftJoin('inmates as i', 'i.id', 'l.inmate_id')
    .leftJoin('users as us', 'us.id', 'l.viewer_id')
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .where(scopeFilter(scope, LOG));
  if (f.inmateId) q = q.where('l.inmate_id', '=', f.inmateId);
  if (f.viewer) {
    const like = `%${f.viewer.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb(sql`lower(l.viewer_name)`, 'like', like), eb(sql`lower(us.full_name)`, 'like', like)]),
    );
  }
  if (f.from) q = q.where('l.at', '>=', f.from);
  if (f.to) q = q.where('l.at', '<', f.to);
  const [rows, total] = await Promise.all([
    q
      .select([
        'l.id',
        'l.at',
        'l.unit_id',
        'u.name as unit_name',
        'u.timezone',
        'l.inmate_id',
        'i.reg_number',
        'i.name as inmate_name',
        'l.viewer_id',
        'l.viewer_name',
        'us.full_name as viewer_full_name',
        'l.channel',
        'l.source',
      ])
      .orderBy('l.at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(PAGE_SIZE)
      .offset((f.page - 1) * PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toNumber(total?.n) };
}
export type AccessRow = Awaited<ReturnType<typeof listInmateViews>>['rows'][number];
