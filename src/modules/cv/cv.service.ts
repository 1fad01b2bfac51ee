// The one-page CV from the training record (issue 16 item 2): for the unit's staff (to hand to the
// person, the readiness checklist's CV item), and for a partner's instructor only through an
// application to their own partner's offer and only while the person's cv_sharing consent is live.
import { conflict, notFound } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import { letterheadOf } from '../../app/pdf.ts';
import type { Ctx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { verifyUrl } from '../certificates/certificates.service.ts';
import { inmate } from '../inmates/inmates.policy.ts';
import { recordInmateView } from '../privacy/privacy.service.ts';
import { hasConsent } from '../reintegration/reintegration.consents.ts';
import { cvPdfOf } from './cv.pdf.ts';
import * as repo from './cv.repo.ts';
import { type CvSheet, cvSheet, dateOnly } from './cv.sheet.ts';

export interface CvFile {
  pdf: Buffer;
  filename: string;
}

/**
 * The public address certificates' QR codes open (config PUBLIC_BASE_URL), set when the module's
 * routes are registered, so `cvForPartner(ctx, id)` prints the same QR as the staff route.
 */
let publicBase = 'http://localhost:3000';
export function setPublicBaseUrl(url: string): void {
  publicBase = url;
}

async function recordOf(db: Db, inmateId: string) {
  const p = await repo.person(db, inmateId);
  if (!p) throw notFound('inmates');
  const [programmes, competencies, certificates, marks, work] = await Promise.all([
    repo.programmes(db, inmateId),
    repo.competencies(db, inmateId),
    repo.certificates(db, inmateId),
    repo.markCounts(db, inmateId),
    repo.work(db, inmateId),
  ]);
  return { p, record: { person: p, programmes, competencies, certificates, marks, work } };
}

/** What the CV of a person says, once the caller may read it. */
async function sheetOf(db: Db, inmateId: string, baseUrl: string) {
  const { p, record } = await recordOf(db, inmateId);
  return { p, sheet: cvSheet(record, (token) => verifyUrl(baseUrl, token)) };
}

async function fileOf(ctx: Pick<Ctx, 'now'>, p: repo.CvPerson, sheet: CvSheet): Promise<CvFile> {
  const pdf = await cvPdfOf(sheet, letterheadOf(p), dateOnly(dayInZone(ctx.now, p.timezone)));
  const slug = p.name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return { pdf, filename: `cv-${slug || 'peserta'}.pdf` };
}

/** The CV's content for the unit's staff: 404 outside the principal's units (a PK's scope has none). */
export async function cvDocument(ctx: Pick<Ctx, 'db' | 'who'>, inmateId: string, baseUrl = publicBase) {
  await inmate(ctx, inmateId);
  return (await sheetOf(ctx.db, inmateId, baseUrl)).sheet;
}

/** The CV as a PDF for the unit's staff; the route logs the view in the access log. */
export async function cvPdf(ctx: Ctx, inmateId: string, baseUrl = publicBase): Promise<CvFile> {
  await inmate(ctx, inmateId);
  const { p, sheet } = await sheetOf(ctx.db, inmateId, baseUrl);
  return fileOf(ctx, p, sheet);
}

/**
 * The CV of the person behind a job application, for the offer's partner: 404 unless the
 * application is to the principal's own partner's offer in their unit; 409 unless the person's
 * cv_sharing consent is live today (a withdrawal refuses it at once). Each disclosure is audited
 * and written to the person's access log.
 */
export async function cvForPartner(ctx: Ctx, applicationId: string, baseUrl = publicBase): Promise<CvFile> {
  const app = await repo.application(ctx.db, ctx.who.scope, applicationId);
  if (!app) throw notFound('job_applications');
  if (!(await hasConsent(ctx.db, app.inmate_id, 'cv_sharing')))
    throw conflict('cv.no_consent', 'cv.noConsent');
  const { p, sheet } = await sheetOf(ctx.db, app.inmate_id, baseUrl);
  await ctx.db.transaction().execute(async (trx) => {
    await recordAudit(trx, ctx.who.actor, {
      action: 'cv.shared',
      entity: 'inmate',
      entityId: app.inmate_id,
      unitId: app.unit_id,
      after: { inmate_id: app.inmate_id, application_id: app.id, partner_id: app.partner_id },
    });
    await recordInmateView(trx, {
      inmateId: app.inmate_id,
      viewerId: ctx.who.id,
      viewerName: ctx.who.username,
      channel: 'export',
      source: 'cv.partner',
      requestId: ctx.who.actor.requestId ?? null,
    });
  });
  return fileOf(ctx, p, sheet);
}
