// SQL for job offers, their matched candidates and applications. Every read takes the viewer's
// scope: a unit's offers, and for a partner instructor only their own partner's.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { ApplicationStatus, PayBasis } from '../../db/schema.ts';

const PAGE = 25;

/** A live consent to share the person's CV on `day`: given by then, not withdrawn by then. */
export function cvConsentLive(inmateCol: string, day: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from reintegration_consents rc
    where rc.inmate_id = ${sql.ref(inmateCol)} and rc.purpose = 'cv_sharing'
      and rc.given_on <= ${day}::date and (rc.withdrawn_on is null or rc.withdrawn_on > ${day}::date))`;
}

function scoped(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('job_offers as o')
    .innerJoin('partners as p', 'p.id', 'o.partner_id')
    .select([
      'o.id',
      'o.unit_id',
      'o.partner_id',
      'p.legal_name as partner_name',
      'o.position',
      'o.place',
      'o.home_based',
      'o.pay_from',
      'o.pay_to',
      'o.pay_basis',
      'o.requirements',
      'o.skill_area',
      'o.competencies',
      'o.opens_on',
      'o.closes_on',
      'o.status',
      sql<string>`(select count(*) from job_applications ja where ja.offer_id = o.id)`.as('applications'),
    ])
    .where(scopeFilter(scope, { unit: 'o.unit_id', partner: 'o.partner_id' }));
}

type RawOffer = Awaited<ReturnType<ReturnType<typeof scoped>['executeTakeFirstOrThrow']>>;

function offerOf(r: RawOffer) {
  return {
    ...r,
    pay_from: r.pay_from === null ? null : toNumber(r.pay_from),
    pay_to: r.pay_to === null ? null : toNumber(r.pay_to),
    applications: toNumber(r.applications),
  };
}
export type OfferRow = ReturnType<typeof offerOf>;

export async function findOffer(conn: Conn, scope: Scope, id: string): Promise<OfferRow | undefined> {
  const r = await scoped(conn, scope).where('o.id', '=', id).executeTakeFirst();
  return r && offerOf(r);
}

export async function listOffers(
  conn: Conn,
  scope: Scope,
  f: { q?: string | undefined; status?: 'open' | 'closed' | undefined; page: number },
) {
  let q = scoped(conn, scope);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('o.position', 'ilike', like), eb('p.legal_name', 'ilike', like)]));
  }
  if (f.status) q = q.where('o.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .orderBy('o.status', 'desc')
      .orderBy('o.closes_on', 'desc')
      .orderBy('o.position')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows: rows.map(offerOf), total: toNumber(count?.n), pageSize: PAGE };
}

export interface OfferValues {
  partner_id: string;
  position: string;
  place: string;
  home_based: boolean;
  pay_from: number | null;
  pay_to: number | null;
  pay_basis: PayBasis | null;
  requirements: string;
  skill_area: string | null;
  competencies: string[];
  opens_on: string;
  closes_on: string;
  status: 'open' | 'closed';
}

export async function insertOffer(
  conn: Conn,
  v: OfferValues & { unit_id: string; created_by: string | null },
): Promise<string> {
  const r = await conn.insertInto('job_offers').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateOffer(conn: Conn, id: string, v: OfferValues): Promise<void> {
  await conn
    .updateTable('job_offers')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The people of a unit (within scope) with some training: completed programmes and competent units. */
export async function trainingOfUnit(conn: Conn, scope: Scope, unitId: string, day: string) {
  const people = scopeFilter(scope, { unit: 'i.unit_id', partner: null, person: 'i.id' });
  const [inmates, programmes, units] = await Promise.all([
    conn
      .selectFrom('inmates as i')
      .select(['i.id', 'i.name', 'i.status'])
      .select(cvConsentLive('i.id', day).as('cv_consent'))
      .where('i.unit_id', '=', unitId)
      .where('i.status', 'in', ['active', 'released'])
      .where('i.pseudonymised_at', 'is', null)
      .where(people)
      // Only people with some training: a unit's whole register is not read for each offer.
      .where(
        sql<SqlBool>`exists (select 1 from enrolments te where te.inmate_id = i.id and (te.status = 'completed'
          or exists (select 1 from competency_assessments tca where tca.enrolment_id = te.id and tca.status = 'competent')))`,
      )
      .execute(),
    conn
      .selectFrom('enrolments as e')
      .innerJoin('inmates as i', 'i.id', 'e.inmate_id')
      .innerJoin('programmes as pr', 'pr.id', 'e.programme_id')
      .select(['i.id as inmate_id', 'pr.name', 'pr.skill_area'])
      .where('i.unit_id', '=', unitId)
      .where('e.status', '=', 'completed')
      .where(people)
      .execute(),
    conn
      .selectFrom('competency_assessments as ca')
      .innerJoin('enrolments as e', 'e.id', 'ca.enrolment_id')
      .innerJoin('inmates as i', 'i.id', 'e.inmate_id')
      .innerJoin('curriculum_units as cu', 'cu.id', 'ca.curriculum_unit_id')
      .select(['i.id as inmate_id', 'cu.code', 'cu.title'])
      .where('i.unit_id', '=', unitId)
      .where('ca.status', '=', 'competent')
      .where(people)
      .execute(),
  ]);
  return { inmates, programmes, units };
}

/** The status of each person's application to this offer. */
export async function applicationStatuses(conn: Conn, offerId: string) {
  const rows = await conn
    .selectFrom('job_applications')
    .select(['inmate_id', 'status'])
    .where('offer_id', '=', offerId)
    .execute();
  return new Map(rows.map((r) => [r.inmate_id, r.status]));
}

/** One person who may apply: in the offer's unit and the viewer's scope, with their CV consent. */
export async function applicant(conn: Conn, scope: Scope, unitId: string, inmateId: string, day: string) {
  return conn
    .selectFrom('inmates as i')
    .select(['i.id', 'i.name', 'i.status', 'i.unit_id'])
    .select(cvConsentLive('i.id', day).as('cv_consent'))
    .where('i.id', '=', inmateId)
    .where('i.unit_id', '=', unitId)
    .where('i.pseudonymised_at', 'is', null)
    .where(scopeFilter(scope, { unit: 'i.unit_id', partner: null, person: 'i.id' }))
    .executeTakeFirst();
}

function applications(conn: Conn, scope: Scope, day: string) {
  return conn
    .selectFrom('job_applications as a')
    .innerJoin('inmates as i', 'i.id', 'a.inmate_id')
    .select([
      'a.id',
      'a.offer_id',
      'a.inmate_id',
      'a.unit_id',
      'a.partner_id',
      'i.name',
      'a.status',
      'a.applied_on',
      'a.status_on',
      'a.note',
    ])
    .select(cvConsentLive('a.inmate_id', day).as('cv_consent'))
    .where(scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' }));
}
export type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applications>['executeTakeFirstOrThrow']>>;

/**
 * One application within scope. `consentOnly` keeps only people whose CV consent is live (what a
 * partner's instructor may see).
 */
export async function findApplication(
  conn: Conn,
  scope: Scope,
  id: string,
  o: { day: string; consentOnly: boolean },
) {
  let q = applications(conn, scope, o.day).where('a.id', '=', id);
  if (o.consentOnly) q = q.where(cvConsentLive('a.inmate_id', o.day));
  return q.executeTakeFirst();
}

export async function applicationsOfOffer(
  conn: Conn,
  scope: Scope,
  offerId: string,
  o: { day: string; consentOnly: boolean },
) {
  let q = applications(conn, scope, o.day).where('a.offer_id', '=', offerId);
  if (o.consentOnly) q = q.where(cvConsentLive('a.inmate_id', o.day));
  const rows = await q.orderBy('a.applied_on', 'desc').orderBy('i.name').execute();
  const events = rows.length
    ? await conn
        .selectFrom('job_application_events')
        .select(['application_id', 'status', 'on_date', 'note'])
        .where(
          'application_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('on_date')
        .orderBy('created_at')
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    events: events
      .filter((e) => e.application_id === r.id)
      .map(({ status, on_date, note }) => ({ status, on_date, note })),
  }));
}

export async function insertApplication(
  conn: Conn,
  v: {
    offer_id: string;
    inmate_id: string;
    unit_id: string;
    partner_id: string;
    applied_on: string;
    note: string | null;
    created_by: string | null;
  },
): Promise<string> {
  const r = await conn
    .insertInto('job_applications')
    .values({ ...v, status: 'diajukan', status_on: v.applied_on })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setApplicationStatus(
  conn: Conn,
  id: string,
  v: { status: ApplicationStatus; status_on: string },
): Promise<void> {
  await conn
    .updateTable('job_applications')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertEvent(
  conn: Conn,
  v: {
    application_id: string;
    status: ApplicationStatus;
    on_date: string;
    note: string | null;
    recorded_by: string | null;
  },
): Promise<void> {
  await conn.insertInto('job_application_events').values(v).execute();
}

/** Locks the application row for a status change (two clicks at once record one change). */
export async function lockApplication(conn: Conn, id: string) {
  return conn
    .selectFrom('job_applications')
    .select(['status', 'status_on'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}
