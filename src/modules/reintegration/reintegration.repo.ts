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

export const PAGE_SIZE = 100;

/** Whether the person took part in a programme: now (active, suspended), before, or never. */
const participantSql = sql<'current' | 'former' | null>`(select case
    when bool_or(e.status in ('active', 'suspended')) then 'current'
    when count(*) > 0 then 'former' end
  from enrolments e where e.inmate_id = i.id)`;

/**
 * The pipeline's page of people: active people leaving within the window from their unit's own
 * today (participants and former participants first, then the soonest), or the released cases
 * (most recent first).
 */
export async function pipeline(
  conn: Conn,
  scope: Scope,
  o: { window: '30' | '90' | 'released'; now: Date; page: number },
) {
  const today = unitToday(o.now);
  let q = conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .leftJoin('reintegration_cases as rc', 'rc.inmate_id', 'i.id')
    .where(scopeFilter(scope, PERSON));
  if (o.window === 'released') q = q.where('rc.released_on', 'is not', null);
  else {
    const days = o.window === '30' ? 30 : 90;
    q = q
      .where('i.status', '=', 'active')
      .where(sql<boolean>`${releaseDateSql} between ${today} and ${today} + ${days}::int`);
  }
  const rows = q
    .select([
      'i.id as inmate_id',
      'i.name',
      'i.reg_number',
      'i.unit_id',
      'u.name as unit_name',
      'i.expected_release_date',
      'rc.id as case_id',
      'rc.integrasi_kind',
      'rc.integrasi_date',
      'rc.plan',
      'rc.released_on',
      'rc.release_kind',
      'rc.pk_user_id',
    ])
    .select(releaseDateSql.as('release_date'))
    .select(sql<number | null>`(${releaseDateSql} - ${today})::int`.as('days_left'))
    .select(participantSql.as('participant'))
    .select(
      sql<number>`(select count(*) from readiness_items ri where ri.case_id = rc.id and ri.status = 'open')::int`.as(
        'open_items',
      ),
    )
    .select(
      sql<number>`(select count(*) from readiness_items ri where ri.case_id = rc.id and ri.status = 'open'
        and ri.due_on < ${today})::int`.as('overdue_items'),
    );
  const ordered =
    o.window === 'released'
      ? rows.orderBy('rc.released_on', 'desc').orderBy('i.name')
      : rows.orderBy(sql`(${participantSql}) is null`).orderBy(sql`${releaseDateSql}`).orderBy('i.name');
  const [page, count] = await Promise.all([
    ordered
      .limit(PAGE_SIZE)
      .offset((o.page - 1) * PAGE_SIZE)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: page, total: count.n, pageSize: PAGE_SIZE };
}
export type PipelineRow = Awaited<ReturnType<typeof pipeline>>['rows'][number];

/** A case's checklist: the built-in items in their order, then the unit's own. */
export async function itemsOf(conn: Conn, caseId: string, now: Date) {
  return conn
    .selectFrom('readiness_items as ri')
    .innerJoin('units as u', 'u.id', 'ri.unit_id')
    .leftJoin('users as o', 'o.id', 'ri.owner_id')
    .leftJoin('users as d', 'd.id', 'ri.done_by')
    .select([
      'ri.id',
      'ri.kind',
      'ri.template_id',
      'ri.label',
      'ri.owner_id',
      'o.full_name as owner_name',
      'ri.due_on',
      'ri.status',
      'ri.note',
      'ri.done_on',
      'd.full_name as done_by_name',
    ])
    .select(sql<boolean>`ri.status = 'open' and ri.due_on < ${unitToday(now)}`.as('overdue'))
    .where('ri.case_id', '=', caseId)
    .orderBy(
      sql`array_position(array['ktp','bank_account','certificates','cv','guarantor','plan','bapas_pk','custom'], ri.kind)`,
    )
    .orderBy('ri.created_at')
    .orderBy('ri.id')
    .execute();
}
export type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

export async function findItem(conn: Conn, caseId: string, itemId: string) {
  return conn
    .selectFrom('readiness_items')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateItem(
  conn: Conn,
  id: string,
  v: {
    owner_id: string | null;
    due_on: string;
    status: 'open' | 'done' | 'not_applicable';
    note: string | null;
    done_on: string | null;
    done_by: string | null;
  },
) {
  await conn
    .updateTable('readiness_items')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertItems(
  conn: Conn,
  rows: ReadonlyArray<{
    case_id: string;
    unit_id: string;
    kind: 'ktp' | 'bank_account' | 'certificates' | 'cv' | 'guarantor' | 'plan' | 'bapas_pk' | 'custom';
    template_id: string | null;
    label: string | null;
    due_on: string;
  }>,
) {
  if (rows.length === 0) return;
  await conn
    .insertInto('readiness_items')
    .values([...rows])
    .execute();
}

/** A person's consents, newest first (live and withdrawn). */
export async function consentsOf(conn: Conn, inmateId: string) {
  return conn
    .selectFrom('reintegration_consents as c')
    .leftJoin('users as r', 'r.id', 'c.recorded_by')
    .leftJoin('users as w', 'w.id', 'c.withdrawn_by')
    .select([
      'c.id',
      'c.purpose',
      'c.given_on',
      'c.note',
      'c.withdrawn_on',
      'r.full_name as recorded_by_name',
      'w.full_name as withdrawn_by_name',
    ])
    .where('c.inmate_id', '=', inmateId)
    .orderBy('c.given_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
}
export type ConsentRow = Awaited<ReturnType<typeof consentsOf>>[number];

export async function liveConsent(conn: Conn, inmateId: string, purpose: 'cv_sharing' | 'follow_up') {
  return conn
    .selectFrom('reintegration_consents')
    .selectAll()
    .where('inmate_id', '=', inmateId)
    .where('purpose', '=', purpose)
    .where('withdrawn_on', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function findConsent(conn: Conn, inmateId: string, id: string) {
  return conn
    .selectFrom('reintegration_consents')
    .selectAll()
    .where('inmate_id', '=', inmateId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertConsent(
  conn: Conn,
  v: {
    inmate_id: string;
    unit_id: string;
    purpose: 'cv_sharing' | 'follow_up';
    given_on: string;
    note: string | null;
    recorded_by: string | null;
  },
) {
  const r = await conn
    .insertInto('reintegration_consents')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function withdrawConsent(conn: Conn, id: string, on: string, by: string | null) {
  await conn
    .updateTable('reintegration_consents')
    .set({ withdrawn_on: on, withdrawn_by: by })
    .where('id', '=', id)
    .execute();
}

/** Bapas units of a regional office, and their active probation officers, for the case form. */
export async function bapasOptions(conn: Conn, kanwilId: string) {
  const units = await conn
    .selectFrom('units')
    .select(['id', 'name'])
    .where('kanwil_id', '=', kanwilId)
    .where('type', '=', 'bapas')
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  const officers = units.length
    ? await conn
        .selectFrom('users')
        .select(['id', 'full_name', 'unit_id'])
        .where(
          'unit_id',
          'in',
          units.map((u) => u.id),
        )
        .where(sql<boolean>`'pembimbing_kemasyarakatan' = any(roles)`)
        .where('active', '=', true)
        .orderBy('full_name')
        .execute()
    : [];
  return { units, officers };
}

/** The unit's staff who may own a checklist item (active users of the unit with the pipeline's rights). */
export async function staffOf(conn: Conn, unitId: string) {
  return conn
    .selectFrom('users')
    .select(['id', 'full_name'])
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .where(sql<boolean>`roles && array['kepala_upt','petugas']::text[]`)
    .orderBy('full_name')
    .execute();
}

export async function insertCase(
  conn: Conn,
  v: { inmate_id: string; unit_id: string; created_by: string | null },
) {
  const r = await conn
    .insertInto('reintegration_cases')
    .values(v)
    .onConflict((oc) => oc.column('inmate_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export interface CaseValues {
  integrasi_kind: 'PB' | 'CB' | 'CMB' | null;
  integrasi_date: string | null;
  decree_number: string | null;
  decree_date: string | null;
  plan: 'work' | 'umkm' | 'training' | 'none_yet' | null;
  guarantor_name: string | null;
  guarantor_relation: string | null;
  guarantor_phone: string | null;
  address_after_release: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bapas_unit_id: string | null;
  pk_user_id: string | null;
}

export async function updateCase(conn: Conn, id: string, v: Partial<CaseValues>) {
  await conn
    .updateTable('reintegration_cases')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setReleased(
  conn: Conn,
  id: string,
  v: { released_on: string; release_kind: 'ekspirasi' | 'PB' | 'CB' | 'CMB' },
) {
  await conn
    .updateTable('reintegration_cases')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** A unit's checklist templates (active first). */
export async function templatesOf(conn: Conn, scope: Scope, unitId: string) {
  return conn
    .selectFrom('readiness_templates as t')
    .select(['t.id', 't.unit_id', 't.label', 't.days_before', 't.active', 't.created_at'])
    .where('t.unit_id', '=', unitId)
    .where(scopeFilter(scope, { unit: 't.unit_id', partner: null }))
    .orderBy('t.active', 'desc')
    .orderBy('t.label')
    .execute();
}
export type TemplateRow = Awaited<ReturnType<typeof templatesOf>>[number];

export async function findTemplate(conn: Conn, scope: Scope, id: string) {
  return conn
    .selectFrom('readiness_templates as t')
    .selectAll('t')
    .where('t.id', '=', id)
    .where(scopeFilter(scope, { unit: 't.unit_id', partner: null }))
    .executeTakeFirst();
}

export async function insertTemplate(
  conn: Conn,
  v: { unit_id: string; label: string; days_before: number; created_by: string | null },
) {
  const r = await conn.insertInto('readiness_templates').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateTemplate(
  conn: Conn,
  id: string,
  v: { label: string; days_before: number; active: boolean },
) {
  await conn.updateTable('readiness_templates').set(v).where('id', '=', id).execute();
}

/** A unit's active templates, for a new case's checklist. */
export async function activeTemplates(conn: Conn, unitId: string) {
  return conn
    .selectFrom('readiness_templates')
    .select(['id', 'label', 'days_before'])
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .orderBy('created_at')
    .execute();
}

/** The unit's cases not yet released, with their release date: a new template's item goes on each. */
export async function openCasesOf(conn: Conn, unitId: string) {
  return conn
    .selectFrom('reintegration_cases as rc')
    .innerJoin('inmates as i', 'i.id', 'rc.inmate_id')
    .select(['rc.id', 'rc.unit_id'])
    .select(releaseDateSql.as('release_date'))
    .where('rc.unit_id', '=', unitId)
    .where('rc.released_on', 'is', null)
    .execute();
}

/** A case's open items with the lead time they were dated by (a template's, or null: built-in). */
export async function openItemsOf(conn: Conn, caseId: string) {
  return conn
    .selectFrom('readiness_items as ri')
    .leftJoin('readiness_templates as t', 't.id', 'ri.template_id')
    .select(['ri.id', 'ri.kind', 'ri.due_on', 't.days_before'])
    .where('ri.case_id', '=', caseId)
    .where('ri.status', '=', 'open')
    .execute();
}

export async function setDue(conn: Conn, id: string, due: string) {
  await conn
    .updateTable('readiness_items')
    .set({ due_on: due, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
