// SQL for the data-subject export: everything held about one person, read-only from every module's
// tables (the reporting exception in docs/architecture.md), one statement per section. The caller
// (subject-access.policy.ts) has already found the person within the principal's units.
import { sql } from 'kysely';
import type { Conn } from '../../db/database.ts';

export async function register(conn: Conn, id: string) {
  return conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select([
      'i.id',
      'i.unit_id',
      'u.name as unit_name',
      'u.timezone',
      'i.reg_number',
      'i.register_class',
      'i.name',
      'i.nik',
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
      'i.status',
      'i.pseudonymised_at',
      'i.created_at',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}
/** The unit whose letterhead the PDF carries. */
export async function letterhead(conn: Conn, unitId: string) {
  return conn
    .selectFrom('units as u')
    .innerJoin('kanwil as k', 'k.id', 'u.kanwil_id')
    .select(['u.name', 'k.name as kanwil_name', 'u.type', 'u.address', 'u.city', 'u.phone', 'u.email'])
    .where('u.id', '=', unitId)
    .executeTakeFirstOrThrow();
}

export type RegisterRow = NonNullable<Awaited<ReturnType<typeof register>>>;

const statusHistory = (conn: Conn, id: string) =>
  conn
    .selectFrom('inmate_status_history')
    .select(['status', 'on_date', 'reason', 'created_at'])
    .where('inmate_id', '=', id)
    .orderBy('on_date')
    .orderBy('created_at')
    .execute();

const expiryChanges = (conn: Conn, id: string) =>
  conn
    .selectFrom('inmate_expiry_changes')
    .select([
      'kind',
      'previous_expiry',
      'new_expiry',
      'reference',
      'authority',
      'order_date',
      'basis',
      'created_at',
    ])
    .where('inmate_id', '=', id)
    .orderBy('created_at')
    .execute();

const registerF = (conn: Conn, id: string) =>
  conn
    .selectFrom('register_f_entries')
    .select(['entry_date', 'violation', 'sanction'])
    .where('inmate_id', '=', id)
    .orderBy('entry_date')
    .execute();

const candidacies = (conn: Conn, id: string) =>
  conn
    .selectFrom('intake_candidates as c')
    .innerJoin('intakes as it', 'it.id', 'c.intake_id')
    .innerJoin('programmes as p', 'p.id', 'it.programme_id')
    .select([
      'p.name as programme_name',
      'it.opened_on',
      'c.total',
      'c.decision',
      'c.decision_reason',
      'c.consent_recorded_at',
      'c.consent_note',
      'c.consent_withdrawn_at',
    ])
    .where('c.inmate_id', '=', id)
    .orderBy('it.opened_on')
    .execute();

const enrolments = (conn: Conn, id: string) =>
  conn
    .selectFrom('enrolments as e')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .select([
      'p.name as programme_name',
      'p.kind',
      'p.skill_area',
      'e.name as name_on_enrolment',
      'e.status',
      'e.end_reason',
      'e.status_note',
      'e.started_on',
      'e.ended_on',
    ])
    .where('e.inmate_id', '=', id)
    .orderBy('e.started_on')
    .execute();

const attendance = (conn: Conn, id: string) =>
  conn
    .selectFrom('attendance_marks as m')
    .innerJoin('enrolments as e', 'e.id', 'm.enrolment_id')
    .innerJoin('programme_sessions as s', 's.id', 'm.session_id')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .select(['s.day', 'p.name as programme_name', 'm.status', 'm.note', 's.status as session_status'])
    .where('e.inmate_id', '=', id)
    .orderBy('s.day')
    .orderBy('s.starts_at')
    .execute();

const competencies = (conn: Conn, id: string) =>
  conn
    .selectFrom('competency_assessments as ca')
    .innerJoin('enrolments as e', 'e.id', 'ca.enrolment_id')
    .innerJoin('curriculum_units as cu', 'cu.id', 'ca.curriculum_unit_id')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .select([
      'p.name as programme_name',
      'cu.code',
      'cu.title',
      'ca.status',
      'ca.assessed_on',
      'ca.evidence',
      'ca.note',
    ])
    .where('e.inmate_id', '=', id)
    .orderBy('e.started_on')
    .orderBy('cu.position')
    .execute();

const certificates = (conn: Conn, id: string) =>
  conn
    .selectFrom('certificates as c')
    .innerJoin('enrolments as e', 'e.id', 'c.enrolment_id')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .select([
      'c.number',
      'p.name as programme_name',
      'c.holder_name',
      'c.issued_on',
      'c.hours',
      'c.attendance_rate',
      'c.status',
      'c.revoked_reason',
    ])
    .where('e.inmate_id', '=', id)
    .orderBy('c.issued_on')
    .execute();

const production = (conn: Conn, id: string) =>
  conn
    .selectFrom('production_entries as pe')
    .innerJoin('enrolments as e', 'e.id', 'pe.enrolment_id')
    .innerJoin('products as pr', 'pr.id', 'pe.product_id')
    .innerJoin('programmes as p', 'p.id', 'pe.programme_id')
    .select([
      'pe.day',
      'p.name as programme_name',
      'pr.name as product_name',
      'pe.finished',
      'pe.in_progress',
    ])
    .where('e.inmate_id', '=', id)
    .orderBy('pe.day')
    .execute();

const qualityChecks = (conn: Conn, id: string) =>
  conn
    .selectFrom('qc_batch_lines as l')
    .innerJoin('qc_batches as b', 'b.id', 'l.batch_id')
    .innerJoin('enrolments as e', 'e.id', 'l.enrolment_id')
    .innerJoin('products as pr', 'pr.id', 'l.product_id')
    .select(['b.number', 'b.sent_on', 'b.checked_on', 'pr.name as product_name', 'l.submitted', 'l.passed'])
    .where('e.inmate_id', '=', id)
    .orderBy('b.sent_on')
    .execute();

const premiLines = (conn: Conn, id: string) =>
  conn
    .selectFrom('premi_run_lines as l')
    .innerJoin('premi_runs as r', 'r.id', 'l.run_id')
    .select([
      'r.month',
      'r.kind',
      'r.status',
      'l.items_passed',
      'l.items_own',
      'l.sessions',
      'l.total',
      'l.saved',
      'l.spendable',
    ])
    .where('l.inmate_id', '=', id)
    .orderBy('r.month')
    .orderBy('r.created_at')
    .execute();

const premiWithdrawals = (conn: Conn, id: string) =>
  conn
    .selectFrom('premi_withdrawals')
    .select(['number', 'day', 'amount', 'purpose', 'reason', 'recipient'])
    .where('inmate_id', '=', id)
    .orderBy('day')
    .execute();

const premiPayouts = (conn: Conn, id: string) =>
  conn
    .selectFrom('premi_payouts')
    .select(['number', 'paid_on', 'saved', 'spendable', 'method', 'reference'])
    .where('inmate_id', '=', id)
    .orderBy('paid_on')
    .execute();

/** What the unit owes the person per pocket (credits are negative in the journal: flipped). */
const premiBalance = async (conn: Conn, id: string) => [
  await conn
    .selectFrom('journal_lines')
    .select([
      sql<string>`coalesce(-sum(amount) filter (where pocket = 'saved'), 0)`.as('saved'),
      sql<string>`coalesce(-sum(amount) filter (where pocket = 'spendable'), 0)`.as('spendable'),
    ])
    .where('inmate_id', '=', id)
    .executeTakeFirstOrThrow(),
];

const reintegrationCase = (conn: Conn, id: string) =>
  conn
    .selectFrom('reintegration_cases as rc')
    .leftJoin('units as b', 'b.id', 'rc.bapas_unit_id')
    .leftJoin('users as pk', 'pk.id', 'rc.pk_user_id')
    .select([
      'rc.integrasi_kind',
      'rc.integrasi_date',
      'rc.decree_number',
      'rc.decree_date',
      'rc.plan',
      'rc.guarantor_name',
      'rc.guarantor_relation',
      'rc.guarantor_phone',
      'rc.address_after_release',
      'rc.bank_name',
      'rc.bank_account',
      'b.name as bapas_name',
      'pk.full_name as pk_name',
      'rc.released_on',
      'rc.release_kind',
      'rc.pseudonymised_at',
    ])
    .where('rc.inmate_id', '=', id)
    .execute();

const checklist = (conn: Conn, id: string) =>
  conn
    .selectFrom('readiness_items as ri')
    .innerJoin('reintegration_cases as rc', 'rc.id', 'ri.case_id')
    .select(['ri.kind', 'ri.label', 'ri.due_on', 'ri.status', 'ri.done_on', 'ri.note'])
    .where('rc.inmate_id', '=', id)
    .orderBy('ri.due_on')
    .execute();

const consents = (conn: Conn, id: string) =>
  conn
    .selectFrom('reintegration_consents')
    .select(['purpose', 'given_on', 'withdrawn_on', 'note'])
    .where('inmate_id', '=', id)
    .orderBy('given_on')
    .orderBy('created_at')
    .execute();

const applications = (conn: Conn, id: string) =>
  conn
    .selectFrom('job_applications as a')
    .innerJoin('job_offers as o', 'o.id', 'a.offer_id')
    .innerJoin('partners as pa', 'pa.id', 'a.partner_id')
    .select([
      'o.position',
      'pa.legal_name as employer',
      'o.place',
      'a.status',
      'a.applied_on',
      'a.status_on',
      'a.note',
      (eb) =>
        sql<string>`coalesce((select string_agg(ev.status || ' ' || ev.on_date::text, ', ' order by ev.on_date, ev.created_at)
          from job_application_events ev where ev.application_id = ${eb.ref('a.id')}), '')`.as('history'),
    ])
    .where('a.inmate_id', '=', id)
    .orderBy('a.applied_on')
    .execute();

const businessPlan = (conn: Conn, id: string) =>
  conn
    .selectFrom('business_plans as bp')
    .select([
      'bp.business_name',
      'bp.trade',
      'bp.description',
      'bp.location',
      'bp.capital_needed',
      (eb) =>
        sql<string>`coalesce((select string_agg(pr.name, ', ' order by pr.name) from products pr
          where pr.id = any(${eb.ref('bp.product_ids')})), '')`.as('products'),
    ])
    .where('bp.inmate_id', '=', id)
    .execute();

const assistance = (conn: Conn, id: string) =>
  conn
    .selectFrom('business_assistance as ba')
    .innerJoin('business_plans as bp', 'bp.id', 'ba.plan_id')
    .select(['ba.kind', 'ba.item', 'ba.value', 'ba.giver', 'ba.given_on'])
    .where('bp.inmate_id', '=', id)
    .orderBy('ba.given_on')
    .execute();

const followUps = (conn: Conn, id: string) =>
  conn
    .selectFrom('follow_ups')
    .select([
      'month_no',
      'contacted_on',
      'contact_lost',
      'work_status',
      'income_band',
      'in_trade',
      'reoffended',
      'note',
      'by_bapas',
    ])
    .where('inmate_id', '=', id)
    .orderBy('month_no')
    .execute();

const accessLog = (conn: Conn, id: string) =>
  conn
    .selectFrom('inmate_access_log')
    .select(['at', 'viewer_name', 'channel', 'source'])
    .where('inmate_id', '=', id)
    .orderBy('at')
    .execute();

/** Every section after the register record, in the order the export lists them. */
export const SECTION_READS = {
  statusHistory,
  expiryChanges,
  registerF,
  candidacies,
  enrolments,
  attendance,
  competencies,
  certificates,
  production,
  qualityChecks,
  premiLines,
  premiBalance,
  premiWithdrawals,
  premiPayouts,
  reintegrationCase,
  checklist,
  consents,
  applications,
  businessPlan,
  assistance,
  followUps,
  accessLog,
} as const;

export type SectionKey = keyof typeof SECTION_READS;
export type Sections = { [K in SectionKey]: Awaited<ReturnType<(typeof SECTION_READS)[K]>> };

export async function sections(conn: Conn, id: string): Promise<Sections> {
  // One after another: a lawful request is rare, and 22 reads at once would hold 22 connections.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(SECTION_READS) as SectionKey[]) out[k] = await SECTION_READS[k](conn, id);
  return out as Sections;
}
