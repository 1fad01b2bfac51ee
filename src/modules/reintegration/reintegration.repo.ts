// SQL of the release pipeline: one person's case (with the inmate and unit it hangs on), the
// pipeline lists and counts by each unit's own today, the checklist, templates and consents. Every
// read a Bapas probation officer may make passes `person`, so they see only people assigned to them.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';

/** Rows about one person: a unit's staff see their unit's, a PK the people assigned to them. */
export const CASE = { unit: 'rc.unit_id', partner: null, person: 'rc.inmate_id' };
export const PERSON = { unit: 'i.unit_id', partner: null, person: 'i.id' };

/** The unit's own today, in SQL (each unit's time zone; `u` is the unit joined). */
export function unitToday(now: Date) {
  return sql<string>`(${now.toISOString()}::timestamptz at time zone u.timezone)::date`;
}

/** The day a person leaves: the integrasi date when planned, else the tanggal ekspirasi. */
export const releaseDateSql = sql<string | null>`coalesce(rc.integrasi_date, i.expected_release_date)`;

function caseQuery(conn: Conn) {
  return conn
    .selectFrom('reintegration_cases as rc')
    .innerJoin('inmates as i', 'i.id', 'rc.inmate_id')
    .innerJoin('units as u', 'u.id', 'rc.unit_id')
    .leftJoin('units as b', 'b.id', 'rc.bapas_unit_id')
    .leftJoin('users as pk', 'pk.id', 'rc.pk_user_id')
    .selectAll('rc')
    .select([
      'i.name as inmate_name',
      'i.reg_number',
      'i.status as inmate_status',
      'i.entry_date',
      'i.expected_release_date',
      'u.name as unit_name',
      'u.kanwil_id',
      'u.timezone',
      'b.name as bapas_name',
      'pk.full_name as pk_name',
    ])
    .select(releaseDateSql.as('release_date'));
}

/** One person's case within the scope (a PK's only when it names them). */
export async function findCase(conn: Conn, scope: Scope, inmateId: string) {
  return caseQuery(conn)
    .where('rc.inmate_id', '=', inmateId)
    .where(scopeFilter(scope, CASE))
    .executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** The case's row under lock (a release and an edit on one case queue here). */
export async function lockCase(conn: Conn, inmateId: string) {
  return conn
    .selectFrom('reintegration_cases')
    .select(['id', 'released_on'])
    .where('inmate_id', '=', inmateId)
    .forUpdate()
    .executeTakeFirst();
}

/** A person of the scope's units (a PK's assigned people), whether or not they have a case yet. */
export async function findPerson(conn: Conn, scope: Scope, inmateId: string) {
  return conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select([
      'i.id',
      'i.unit_id',
      'i.name',
      'i.reg_number',
      'i.status',
      'i.entry_date',
      'i.expected_release_date',
      'i.pseudonymised_at',
      'u.name as unit_name',
      'u.kanwil_id',
      'u.timezone',
    ])
    .where('i.id', '=', inmateId)
    .where(scopeFilter(scope, PERSON))
    .executeTakeFirst();
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/** Whether the person holds a consent for the purpose on the day (given by then, not withdrawn by then). */
export async function consentOn(
  conn: Conn,
  inmateId: string,
  purpose: 'cv_sharing' | 'follow_up',
  onDate: string | null,
) {
  let q = conn
    .selectFrom('reintegration_consents')
    .select('id')
    .where('inmate_id', '=', inmateId)
    .where('purpose', '=', purpose);
  if (onDate === null) q = q.where('withdrawn_on', 'is', null);
  else
    q = q
      .where('given_on', '<=', onDate)
      .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', onDate)]));
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/**
 * A unit's pipeline counts from its own today: active people leaving within 30 and 90 days, and the
 * open checklist items past due on cases not yet released. A PK's scope counts only their people.
 */
export async function summary(conn: Conn, scope: Scope, unitId: string, now: Date) {
  const today = unitToday(now);
  const people = await conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .leftJoin('reintegration_cases as rc', 'rc.inmate_id', 'i.id')
    .select([
      sql<number>`count(*) filter (where ${releaseDateSql} between ${today} and ${today} + 30)::int`.as(
        'within30',
      ),
      sql<number>`count(*) filter (where ${releaseDateSql} between ${today} and ${today} + 90)::int`.as(
        'within90',
      ),
    ])
    .where('i.unit_id', '=', unitId)
    .where('i.status', '=', 'active')
    .where(scopeFilter(scope, PERSON))
    .executeTakeFirstOrThrow();
  const items = await conn
    .selectFrom('readiness_items as ri')
    .innerJoin('reintegration_cases as rc', 'rc.id', 'ri.case_id')
    .innerJoin('units as u', 'u.id', 'ri.unit_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ri.unit_id', '=', unitId)
    .where('ri.status', '=', 'open')
    .where('rc.released_on', 'is', null)
    .where(sql<boolean>`ri.due_on < ${today}`)
    .where(scopeFilter(scope, CASE))
    .executeTakeFirstOrThrow();
  return { within30: people.within30, within90: people.within90, overdueItems: items.n };
}
