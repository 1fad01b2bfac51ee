// SQL for the CV: one person's training record read from the programmes, competencies,
// certificates, attendance, production and quality-check tables (read-only, a few grouped queries:
// the reporting exception in docs/architecture.md). The caller has already decided who may read it.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { MarkStatus } from '../../db/schema.ts';

/** The person and the unit whose letterhead the CV carries. */
export async function person(conn: Conn, inmateId: string) {
  return conn
    .selectFrom('inmates as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('kanwil as k', 'k.id', 'u.kanwil_id')
    .select([
      'i.id',
      'i.unit_id',
      'i.name',
      'i.gender',
      'i.birth_date',
      'i.education',
      'i.skills',
      'u.name as unit_name',
      'k.name as kanwil_name',
      'u.type',
      'u.address',
      'u.city',
      'u.phone',
      'u.email',
      'u.timezone',
    ])
    .where('i.id', '=', inmateId)
    .executeTakeFirst();
}
export type CvPerson = NonNullable<Awaited<ReturnType<typeof person>>>;

/** The person's programmes, oldest first, with the partner that taught them. */
export async function programmes(conn: Conn, inmateId: string) {
  return conn
    .selectFrom('enrolments as e')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .leftJoin('partners as pa', 'pa.id', 'p.partner_id')
    .select([
      'e.id',
      'p.name',
      'p.kind',
      'p.skill_area',
      'pa.legal_name as partner_name',
      'e.status',
      'e.end_reason',
      'e.started_on',
      'e.ended_on',
    ])
    .where('e.inmate_id', '=', inmateId)
    .orderBy('e.started_on')
    .orderBy('p.name')
    .execute();
}

/** The curriculum units assessed competent, in programme order. */
export async function competencies(conn: Conn, inmateId: string) {
  return conn
    .selectFrom('competency_assessments as ca')
    .innerJoin('enrolments as e', 'e.id', 'ca.enrolment_id')
    .innerJoin('curriculum_units as cu', 'cu.id', 'ca.curriculum_unit_id')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .select(['cu.code', 'cu.title', 'cu.target_hours', 'ca.assessed_on', 'p.name as programme_name'])
    .where('e.inmate_id', '=', inmateId)
    .where('ca.status', '=', 'competent')
    .orderBy('e.started_on')
    .orderBy('cu.position')
    .execute();
}

/** Certificates still valid (a revoked one is no qualification), with the token their QR opens. */
export async function certificates(conn: Conn, inmateId: string) {
  return conn
    .selectFrom('certificates as c')
    .innerJoin('enrolments as e', 'e.id', 'c.enrolment_id')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .select(['c.id', 'c.number', 'c.verify_token', 'c.issued_on', 'p.name as programme_name'])
    .where('e.inmate_id', '=', inmateId)
    .where('c.status', '=', 'valid')
    .orderBy('c.issued_on')
    .execute();
}

/** Marks of held sessions by status, across all the person's programmes. */
export async function markCounts(conn: Conn, inmateId: string) {
  const rows = await conn
    .selectFrom('attendance_marks as m')
    .innerJoin('enrolments as e', 'e.id', 'm.enrolment_id')
    .innerJoin('programme_sessions as s', 's.id', 'm.session_id')
    .select(['m.status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('e.inmate_id', '=', inmateId)
    .where('s.status', '<>', 'cancelled')
    .groupBy('m.status')
    .execute();
  const counts: Partial<Record<MarkStatus, number>> = {};
  for (const r of rows) counts[r.status] = toNumber(r.n);
  return counts;
}

/** Items finished in the production log, and items sent to and passed at the partner's quality check. */
export async function work(conn: Conn, inmateId: string) {
  const r = await conn
    .selectNoFrom([
      sql<string>`(select coalesce(sum(pe.finished), 0) from production_entries pe
        join enrolments e on e.id = pe.enrolment_id where e.inmate_id = ${inmateId})`.as('made'),
      sql<string>`(select coalesce(sum(l.passed), 0) from qc_batch_lines l
        join qc_batches b on b.id = l.batch_id join enrolments e on e.id = l.enrolment_id
        where e.inmate_id = ${inmateId} and b.status <> 'sent')`.as('passed'),
      sql<string>`(select coalesce(sum(l.submitted), 0) from qc_batch_lines l
        join qc_batches b on b.id = l.batch_id join enrolments e on e.id = l.enrolment_id
        where e.inmate_id = ${inmateId} and b.status <> 'sent')`.as('checked'),
    ])
    .executeTakeFirstOrThrow();
  return { made: toNumber(r.made), passed: toNumber(r.passed), checked: toNumber(r.checked) };
}

/**
 * A job application as a partner's instructor may see it: within their unit and their partner
 * (scopeFilter), else not found. No `person` column: a Bapas officer gets no CV through an offer.
 */
export async function application(conn: Conn, scope: Scope, id: string) {
  return conn
    .selectFrom('job_applications as a')
    .select(['a.id', 'a.inmate_id', 'a.unit_id', 'a.partner_id', 'a.offer_id'])
    .where('a.id', '=', id)
    .where(scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' }))
    .executeTakeFirst();
}
