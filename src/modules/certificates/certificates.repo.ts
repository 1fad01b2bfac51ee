// SQL for completion and certificates: the programme's completion rule, the per-unit-per-year
// number sequence, and certificates by id, programme, person, token (the marks that feed the rule
// come from the attendance service).
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { CertificateCompetency } from '../../db/schema.ts';

export async function minAttendanceOf(conn: Conn, programmeId: string): Promise<number> {
  const r = await conn
    .selectFrom('programmes')
    .select('completion_min_attendance')
    .where('id', '=', programmeId)
    .executeTakeFirstOrThrow();
  return r.completion_min_attendance;
}

export async function setMinAttendance(conn: Conn, programmeId: string, min: number): Promise<void> {
  await conn
    .updateTable('programmes')
    .set({ completion_min_attendance: min, updated_at: new Date() })
    .where('id', '=', programmeId)
    .execute();
}

/** A transaction-scoped lock per unit and year, so two issues at once never take the same number. */
export async function lockSequence(conn: Conn, unitId: string, year: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`certificates:${unitId}:${year}`}, 0))`.execute(
    conn,
  );
}

/** Certificates a unit issued in a year, revoked ones included: numbers are never reused. */
export async function countIssued(conn: Conn, unitId: string, year: number): Promise<number> {
  const r = await conn
    .selectFrom('certificates')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_id', '=', unitId)
    .where('issued_on', '>=', `${year}-01-01`)
    .where('issued_on', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface CertificateValues {
  number: string;
  verify_token: string;
  enrolment_id: string;
  programme_id: string;
  unit_id: string;
  holder_name: string;
  holder_initials: string;
  issued_on: string;
  hours: number;
  attendance_rate: number;
  competencies: CertificateCompetency[];
  issued_by: string | null;
}

export async function insertCertificate(conn: Conn, v: CertificateValues): Promise<string> {
  const r = await conn
    .insertInto('certificates')
    .values({ ...v, competencies: JSON.stringify(v.competencies) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

function scoped(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('certificates as c')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .innerJoin('enrolments as e', 'e.id', 'c.enrolment_id')
    .select([
      'c.id',
      'c.number',
      'c.verify_token',
      'c.enrolment_id',
      'c.programme_id',
      'p.name as programme_name',
      'c.unit_id',
      'e.inmate_id',
      'e.kind',
      'e.started_on',
      'e.ended_on',
      'c.holder_name',
      'c.holder_initials',
      'c.issued_on',
      'c.hours',
      'c.attendance_rate',
      'c.competencies',
      'c.status',
      'c.revoked_reason',
      'c.revoked_at',
      'c.created_at',
    ])
    .where(scopeFilter(scope, { unit: 'c.unit_id', partner: 'p.partner_id' }));
}
export type CertificateRow = Awaited<ReturnType<typeof findCertificate>> & {};

export async function findCertificate(conn: Conn, scope: Scope, id: string, lock = false) {
  const q = scoped(conn, scope).where('c.id', '=', id);
  return (lock ? q.forUpdate('c') : q).executeTakeFirst();
}

export async function certificatesOfProgramme(conn: Conn, scope: Scope, programmeId: string) {
  return scoped(conn, scope)
    .where('c.programme_id', '=', programmeId)
    .orderBy('c.issued_on', 'desc')
    .orderBy('c.number', 'desc')
    .execute();
}

export async function certificatesOfInmate(conn: Conn, scope: Scope, inmateId: string) {
  return scoped(conn, scope).where('e.inmate_id', '=', inmateId).orderBy('c.issued_on', 'desc').execute();
}

/** The public page's view of a certificate: deliberately no name, enrolment or person columns. */
export async function findByToken(conn: Conn, token: string) {
  return conn
    .selectFrom('certificates as c')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select([
      'c.number',
      'c.holder_initials',
      'p.name as programme_name',
      'u.timezone',
      'c.issued_on',
      'c.status',
      'c.revoked_at',
    ])
    .where('c.verify_token', '=', token)
    .executeTakeFirst();
}

export async function revoke(
  conn: Conn,
  id: string,
  v: { reason: string; by: string | null },
): Promise<void> {
  await conn
    .updateTable('certificates')
    .set({ status: 'revoked', revoked_reason: v.reason, revoked_at: new Date(), revoked_by: v.by })
    .where('id', '=', id)
    .execute();
}
