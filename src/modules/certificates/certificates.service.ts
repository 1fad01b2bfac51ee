// Completion and certificates: the programme's completion rule, who may complete and why not,
// completing a participant and issuing their certificate in one step, revoking, and verifying.
import { randomBytes } from 'node:crypto';
import { AppError, conflict, fieldError, isUniqueViolation, notFound } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { agreement } from '../agreements/agreements.policy.ts';
import { isPresent, sessionHours } from '../attendance/attendance.rules.ts';
import { type ParticipantMark, participantMarks } from '../attendance/attendance.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  type CompetencyRecordUnit,
  competencyRecord,
  programmeMatrix,
} from '../competencies/competencies.service.ts';
import {
  completeEnrolmentTx,
  listEnrolments,
  programmeOfEnrolment,
} from '../enrolments/enrolments.service.ts';
import { expiryOf } from '../inmates/inmates.service.ts';
import { partner as partnerPolicy } from '../partners/partners.policy.ts';
import { programme as programmePolicy } from '../programmes/programmes.policy.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';
import { headOfUnit } from '../users/users.service.ts';
import * as repo from './certificates.repo.ts';
import { type CompletionResult, certificateNumber, completionCheck, initialsOf } from './completion.rules.ts';

export type { CertificateRow } from './certificates.repo.ts';

/** Hours in the hall: every present mark earns its session's length. */
function hoursPresent(marks: readonly ParticipantMark[]): number {
  const h = marks
    .filter((m) => isPresent(m.status))
    .reduce((t, m) => t + sessionHours(m.starts_at, m.ends_at), 0);
  return Math.round(h * 100) / 100;
}

function check(
  status: Parameters<typeof completionCheck>[0]['status'],
  min: number,
  marks: readonly ParticipantMark[],
  record: readonly CompetencyRecordUnit[],
  release?: { expiry: string | null; onDay: string },
) {
  return completionCheck({
    status,
    minAttendance: min,
    marks: marks.map((m) => m.status),
    units: record.map((u) => ({ code: u.code, title: u.title, core: u.core, status: u.status })),
    release,
  });
}

/**
 * The release check's input for each participant: an inmate's tanggal ekspirasi against the day
 * they complete (the day a completed place ended, otherwise `today`); none for interns and staff.
 */
async function releaseOf(
  ctx: Pick<Ctx, 'db'>,
  places: ReadonlyArray<{ id: string; inmate_id: string | null; status: string; ended_on: string | null }>,
  today: string,
) {
  const ids = places.flatMap((p) => (p.inmate_id ? [p.inmate_id] : []));
  const expiry = await expiryOf(ctx.db, ids);
  return new Map(
    places.map((p) => [
      p.id,
      p.inmate_id
        ? {
            expiry: expiry.get(p.inmate_id) ?? null,
            onDay: p.status === 'completed' && p.ended_on ? p.ended_on : today,
          }
        : undefined,
    ]),
  );
}

export interface ParticipantStanding {
  id: string;
  name: string;
  kind: string;
  status: string;
  hours: number;
  check: CompletionResult;
  /** The participant's valid certificate, if they hold one. */
  certificateId: string | null;
}

/** The completion page: the rule, every participant with whether they may complete and why not. */
export async function completionOverview(ctx: Ctx, programmeId: string) {
  const m = await programmeMatrix(ctx, programmeId);
  const day = today(ctx, m.programme.timezone);
  const [min, marks, certificates, release] = await Promise.all([
    repo.minAttendanceOf(ctx.db, programmeId),
    participantMarks(ctx, { programmeId, enrolmentIds: m.rows.map((r) => r.id) }),
    repo.certificatesOfProgramme(ctx.db, ctx.who.scope, programmeId),
    listEnrolments(ctx, programmeId).then((places) => releaseOf(ctx, places, day)),
  ]);
  const rows: ParticipantStanding[] = m.rows.map((r) => {
    const own = marks.filter((x) => x.enrolment_id === r.id);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      hours: hoursPresent(own),
      check: check(r.status, min, own, r.record, release.get(r.id)),
      certificateId: certificates.find((c) => c.enrolment_id === r.id && c.status === 'valid')?.id ?? null,
    };
  });
  return { programme: m.programme, min, rows, certificates };
}

export async function setCompletionRule(ctx: Ctx, programmeId: string, min: number) {
  const p = await programmePolicy(ctx, programmeId, { for: 'manage' });
  if (!Number.isInteger(min) || min < 0 || min > 100)
    throw fieldError('min_attendance', 'certificates.minRange');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.minAttendanceOf(trx, p.id);
    await repo.setMinAttendance(trx, p.id, min);
    await recordAudit(trx, ctx.who.actor, {
      action: 'programmes.completion_rule',
      entity: 'programme',
      entityId: p.id,
      unitId: p.unit_id,
      before: { completion_min_attendance: before },
      after: { completion_min_attendance: min },
    });
  });
}

/**
 * Completes a participant who meets the rule and issues their certificate, in one transaction:
 * either both happen or neither. The number takes the next place in the unit's sequence for the
 * year under a lock, so two issues at once never share a number.
 */
export async function completeAndIssue(
  ctx: Ctx,
  enrolmentId: string,
  opts: { issuedOn?: string | undefined } = {},
): Promise<string> {
  const programmeId = await programmeOfEnrolment(ctx, enrolmentId);
  const p = await programmePolicy(ctx, programmeId);
  const unit = await unitPolicy(ctx, p.unit_id);
  const issuedOn = opts.issuedOn ?? today(ctx, p.timezone);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const tx = withDb(ctx, trx);
      const e = await completeEnrolmentTx(tx, enrolmentId, issuedOn);
      const [min, marks, record, release] = await Promise.all([
        repo.minAttendanceOf(trx, p.id),
        participantMarks(tx, { programmeId: p.id, enrolmentIds: [e.id] }),
        competencyRecord(tx, e.id),
        releaseOf(tx, [e], issuedOn),
      ]);
      const result = check(e.status, min, marks, record, release.get(e.id));
      // Past the tanggal ekspirasi: say why, so staff know to put the register right first.
      const late = result.reasons.find((r) => r.code === 'past_expiry');
      if (late)
        throw conflict('certificates.past_expiry', 'certificates.reason.past_expiry', { date: late.expiry });
      if (!result.eligible || result.rate === null)
        throw conflict('certificates.not_eligible', 'certificates.notEligible');
      const year = Number(issuedOn.slice(0, 4));
      await repo.lockSequence(trx, p.unit_id, year);
      const seq = (await repo.countIssued(trx, p.unit_id, year)) + 1;
      const v: repo.CertificateValues = {
        number: certificateNumber(seq, unit.code, p.name, year),
        verify_token: randomBytes(24).toString('base64url'),
        enrolment_id: e.id,
        programme_id: p.id,
        unit_id: p.unit_id,
        holder_name: e.name,
        holder_initials: initialsOf(e.name),
        issued_on: issuedOn,
        hours: hoursPresent(marks),
        attendance_rate: result.rate,
        competencies: record.map((u) => ({
          code: u.code,
          title: u.title,
          hours: u.hoursAttended,
          status: u.status,
        })),
        issued_by: ctx.who.id,
      };
      const id = await repo.insertCertificate(trx, v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'certificates.issue',
        entity: 'certificate',
        entityId: id,
        unitId: p.unit_id,
        // The token is a bearer secret printed on paper; it stays out of the audit log.
        after: { number: v.number, enrolment_id: e.id, hours: v.hours, attendance_rate: v.attendance_rate },
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'certificates_enrolment_valid_key'))
      throw conflict('certificates.already_valid', 'certificates.alreadyValid');
    throw err;
  }
}

/** A certificate within the principal's scope (its unit; an instructor's own partner's programme). */
export async function getCertificate(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const c = await repo.findCertificate(ctx.db, ctx.who.scope, id);
  if (!c) throw notFound('certificates');
  return c;
}

/** A person's certificates within the principal's scope, newest first (their page in the register). */
export async function certificatesOfInmate(ctx: Pick<Ctx, 'db' | 'who'>, inmateId: string) {
  return repo.certificatesOfInmate(ctx.db, ctx.who.scope, inmateId);
}

/** Revokes a valid certificate with a reason; a new one may then be issued to the same participant. */
export async function revokeCertificate(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction().execute((trx) => revokeWithin(withDb(ctx, trx), id, reason));
  return getCertificate(ctx, id);
}

/**
 * The revocation inside the caller's transaction (`ctx.db` is it): the Kepala UPT approving a
 * petugas's request revokes and decides the request at once (modules/approvals).
 */
export async function revokeWithin(ctx: Ctx, id: string, reason: string): Promise<void> {
  const why = reason.trim();
  if (why.length < 5) throw fieldError('reason', 'certificates.reasonRequired');
  const c = await repo.findCertificate(ctx.db, ctx.who.scope, id, true);
  if (!c) throw notFound('certificates');
  if (c.status === 'revoked') throw conflict('certificates.already_revoked', 'certificates.alreadyRevoked');
  await repo.revoke(ctx.db, id, { reason: why, by: ctx.who.id });
  await recordAudit(ctx.db, ctx.who.actor, {
    action: 'certificates.revoke',
    entity: 'certificate',
    entityId: id,
    unitId: c.unit_id,
    before: { status: 'valid' },
    after: { status: 'revoked', reason: why },
  });
}

/** Tokens are base64url of 24 random bytes; anything else cannot exist and is simply not found. */
export async function verifyCertificate(ctx: Pick<Ctx, 'db'>, token: string) {
  const c = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await repo.findByToken(ctx.db, token) : undefined;
  if (!c) throw new AppError('certificates.not_found', 404, 'verify.unknown');
  return {
    number: c.number,
    holder_initials: c.holder_initials,
    programme_name: c.programme_name,
    issued_on: c.issued_on,
    status: c.status,
    revoked_on: c.revoked_at ? dayInZone(new Date(c.revoked_at), c.timezone) : null,
  };
}

export function verifyUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/verify/${token}`;
}

/** Everything the printed certificate needs: the unit's letterhead, who signs, the snapshot. */
export async function certificateDocument(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const c = await getCertificate(ctx, id);
  const p = await programmePolicy(ctx, c.programme_id);
  const unit = await unitPolicy(ctx, c.unit_id);
  const head = await headOfUnit(ctx.db, c.unit_id);
  let partner: { name: string; signatory: string | null; position: string | null } | null = null;
  if (p.partner_id) {
    const pr = await partnerPolicy(ctx, p.partner_id);
    const party = p.agreement_id
      ? (await agreement(ctx, p.agreement_id)).parties.find((x) => x.role === 'second' && x.signatory_name)
      : undefined;
    const contact = pr.contacts[0];
    partner = {
      name: pr.legal_name,
      signatory: party?.signatory_name ?? contact?.name ?? null,
      position: party?.signatory_position ?? contact?.position ?? null,
    };
  }
  return { certificate: c, programme: p, unit, head, partner };
}
export type CertificateDocument = Awaited<ReturnType<typeof certificateDocument>>;
