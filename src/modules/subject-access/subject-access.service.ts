// The data-subject export (UU 27/2022, issue 16 item 7): everything held about one person, for a
// lawful request, as JSON and as a PDF. The NIK leaves masked, as everywhere. Every export is
// audited (who, which person, which format, which sections) and written to the person's access log.
import type { Ctx } from '../../app/principal.ts';
import type { MarkStatus } from '../../db/schema.ts';
import { attendanceRateOfCounts } from '../attendance/attendance.rules.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { maskedNik } from '../inmates/inmates.rules.ts';
import { recordInmateView } from '../privacy/privacy.service.ts';
import { subject } from './subject-access.policy.ts';
import * as repo from './subject-access.repo.ts';

export type { SectionKey } from './subject-access.repo.ts';
export const SECTION_KEYS = Object.keys(repo.SECTION_READS) as repo.SectionKey[];

/** Everything held about the person, with the register record's NIK masked. */
export async function subjectData(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, inmateId: string) {
  await subject(ctx, inmateId);
  const reg = await repo.register(ctx.db, inmateId);
  if (!reg) throw new Error('the person vanished between the policy and the read');
  const { nik, timezone, ...rest } = reg;
  const sections = await repo.sections(ctx.db, inmateId);
  const counts: Partial<Record<MarkStatus, number>> = {};
  for (const m of sections.attendance)
    if (m.session_status !== 'cancelled') counts[m.status] = (counts[m.status] ?? 0) + 1;
  return {
    generated_at: ctx.now,
    generated_by: ctx.who.fullName,
    zone: timezone,
    register: { ...rest, nik_masked: maskedNik(nik) },
    attendanceSummary: { ...counts, ...attendanceRateOfCounts(counts) },
    sections,
  };
}
export type SubjectData = Awaited<ReturnType<typeof subjectData>>;

/** The letterhead of the unit holding the person (the PDF's). */
export const letterheadOf = (ctx: Pick<Ctx, 'db'>, d: SubjectData) =>
  repo.letterhead(ctx.db, d.register.unit_id);

/** How many rows each section holds (the page's overview). */
export function sectionCounts(d: SubjectData): Array<{ key: repo.SectionKey; n: number }> {
  return SECTION_KEYS.map((key) => ({ key, n: d.sections[key].length }));
}

/** The export for download: read, then audited and logged in one transaction. */
export async function exportSubject(
  ctx: Ctx,
  inmateId: string,
  format: 'json' | 'pdf',
  o: { requestId?: string | null; source?: string } = {},
): Promise<SubjectData> {
  const d = await subjectData(ctx, inmateId);
  await ctx.db.transaction().execute(async (trx) => {
    await recordAudit(trx, ctx.who.actor, {
      action: 'privacy.subject_export',
      entity: 'inmate',
      entityId: inmateId,
      unitId: d.register.unit_id,
      after: {
        inmate_id: inmateId,
        format,
        sections: sectionCounts(d).map((s) => `${s.key}:${s.n}`),
      },
    });
    await recordInmateView(trx, {
      inmateId,
      viewerId: ctx.who.id,
      viewerName: ctx.who.username,
      channel: 'export',
      source: o.source ?? `subject-access.${format}`,
      requestId: o.requestId ?? ctx.who.actor.requestId ?? null,
    });
  });
  return d;
}
