// The unit's monthly report (Laporan Bulanan Pembinaan Kemandirian): the petugas drafts it and
// writes the narrative, the Kepala UPT signs and submits it (the figures freeze in that
// transaction), the Kanwil acknowledges it or returns it with a note, and a correction is a new
// version with a reason. Also who has submitted and who is late, for the Kanwil's pages.
import { conflict, fieldError, forbidden, invalid, isUniqueViolation, notFound } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { MonthlyReportStatus, TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ReportStatus } from '../rollups/rollups.figures.ts';
import { refreshPendingMonths, refreshUnitMonth } from '../rollups/rollups.service.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';
import { listUnits } from '../units/units.service.ts';
import { headOfUnit } from '../users/users.service.ts';
import { frozenFigures, outcomeWindow, type ReportFigures, readFigures } from './reports.figures.ts';
import { mayReport, report, seesDrafts } from './reports.policy.ts';
import * as repo from './reports.repo.ts';
import {
  dueOn,
  isLate,
  MAY,
  MONTH,
  monthOf,
  monthRefusal,
  monthStart,
  monthsBefore,
} from './reports.rules.ts';

export type { ReportFigures } from './reports.figures.ts';
export type { LatestReportRow, ReportRow } from './reports.repo.ts';

export const REPORT_STATUSES: readonly MonthlyReportStatus[] = [
  'draft',
  'submitted',
  'acknowledged',
  'returned',
];

export type { ReportStatus };

const clean = (s: string | null | undefined) => s?.trim() ?? '';
const NARRATIVE_MAX = 20_000;

function checkMonth(field: string, month: string, zone: TimeZone, ctx: Ctx) {
  if (!MONTH.test(month)) throw fieldError(field, 'reports.monthFormat');
  const refusal = monthRefusal(month, today(ctx, zone));
  if (refusal) throw fieldError(field, refusal);
}

function audit(
  trx: Ctx['db'],
  ctx: Ctx,
  action: string,
  r: { id: string; unit_id: string },
  after: object,
  before?: object,
) {
  return recordAudit(trx, ctx.who.actor, {
    action,
    entity: 'monthly_report',
    entityId: r.id,
    unitId: r.unit_id,
    ...(before ? { before } : {}),
    after,
  });
}

/** The facts of a version as the audit log keeps them (the snapshot itself stays in the row). */
const facts = (r: { month: string; version: number; status: string }) => ({
  month: monthOf(r.month),
  version: r.version,
  status: r.status,
});

/**
 * Starts the report of a month that has ended in the unit's calendar: version 1, a draft. A
 * unit-month that already has a report is 409 `reports.exists` (revise it instead).
 */
export async function draftReport(
  ctx: Ctx,
  input: { unitId?: string | null | undefined; month: string; narrative?: string | null | undefined },
): Promise<{ id: string }> {
  if (!mayReport(ctx.who, 'draft')) throw forbidden();
  const unitId = input.unitId ?? ctx.who.unitId;
  if (!unitId) throw fieldError('unit_id', 'err.required');
  const u = await unitPolicy(ctx, unitId);
  checkMonth('month', input.month, u.timezone, ctx);
  const narrative = clean(input.narrative);
  if (narrative.length > NARRATIVE_MAX) throw fieldError('narrative', 'reports.narrativeLong');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const latest = await repo.latestVersion(trx, unitId, monthStart(input.month));
      if (latest) throw conflict('reports.exists', 'reports.exists');
      const values = {
        unit_id: unitId,
        month: monthStart(input.month),
        version: 1,
        narrative,
        revision_reason: null,
        drafted_by: ctx.who.id,
      };
      const id = await repo.insertReport(trx, values);
      await audit(
        trx,
        ctx,
        'reports.draft',
        { id, unit_id: unitId },
        { ...facts({ ...values, status: 'draft' }), narrative },
      );
      return { id };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'monthly_reports_version_key'))
      throw conflict('reports.exists', 'reports.exists');
    throw err;
  }
}

/** The petugas's narrative of a draft (a submitted version is 409: revise it instead). */
export async function setNarrative(ctx: Ctx, input: { id: string; narrative: string }): Promise<void> {
  const r = await report(ctx, input.id, { for: 'draft' });
  const narrative = clean(input.narrative);
  if (narrative.length > NARRATIVE_MAX) throw fieldError('narrative', 'reports.narrativeLong');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockReport(trx, r.id);
    if (!row || !MAY.narrative(row.status)) throw conflict('reports.not_draft', 'reports.notDraft');
    await repo.updateReport(trx, r.id, { narrative });
    await audit(trx, ctx, 'reports.narrative', r, { ...facts(row), narrative }, { narrative: row.narrative });
  });
}

/**
 * The Kepala UPT signs and submits a draft: the unit-month is recomputed from the records and its
 * figures, programme rows and Program Aksi items are frozen into the report, all in one
 * transaction. Submitting twice is 409 `reports.already_submitted`; an empty narrative is 400.
 */
export async function submitReport(ctx: Ctx, input: { id: string; signedOn?: string | null | undefined }) {
  const r = await report(ctx, input.id, { for: 'submit' });
  const month = monthOf(r.month);
  const day = today(ctx, r.timezone);
  const signedOn = input.signedOn ?? day;
  const errors = [];
  if (!clean(r.narrative)) errors.push({ field: 'narrative', key: 'reports.narrativeRequired' as const });
  if (signedOn > day) errors.push({ field: 'signed_on', key: 'reports.signedFuture' as const });
  else if (monthOf(signedOn) <= month)
    errors.push({ field: 'signed_on', key: 'reports.signedEarly' as const });
  if (r.status !== 'draft') throw conflict('reports.already_submitted', 'reports.alreadySubmitted');
  if (errors.length) throw invalid(errors);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockReport(trx, r.id);
    if (!row || !MAY.submit(row.status))
      throw conflict('reports.already_submitted', 'reports.alreadySubmitted');
    if (!clean(row.narrative)) throw fieldError('narrative', 'reports.narrativeRequired');
    await refreshUnitMonth(trx, r.unit_id, month);
    const window = outcomeWindow(month);
    await refreshPendingMonths(trx, r.unit_id, window.from, window.to);
    const figures = await readFigures(withDb(ctx, trx), r.unit_id, month);
    await repo.updateReport(trx, r.id, {
      status: 'submitted',
      figures: JSON.stringify(figures),
      signed_by: ctx.who.id,
      signed_on: signedOn,
      submitted_at: ctx.now,
    });
    await audit(trx, ctx, 'reports.submit', r, {
      ...facts({ ...row, status: 'submitted' }),
      signed_on: signedOn,
    });
  });
}

async function review(
  ctx: Ctx,
  input: { id: string; note?: string | null | undefined },
  to: 'acknowledged' | 'returned',
) {
  const r = await report(ctx, input.id, { for: 'review' });
  const note = clean(input.note);
  if (to === 'returned' && !note) throw fieldError('note', 'reports.noteRequired');
  if (note.length > 2000) throw fieldError('note', 'reports.noteLong');
  if (!MAY.review(r.status)) throw conflict('reports.not_submitted', 'reports.notSubmitted');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockReport(trx, r.id);
    if (!row || !MAY.review(row.status)) throw conflict('reports.not_submitted', 'reports.notSubmitted');
    await repo.updateReport(trx, r.id, {
      status: to,
      reviewed_by: ctx.who.id,
      reviewed_at: ctx.now,
      review_note: note || null,
    });
    await audit(
      trx,
      ctx,
      to === 'returned' ? 'reports.return' : 'reports.acknowledge',
      r,
      { ...facts({ ...row, status: to }), review_note: note || null },
      { status: row.status },
    );
  });
}

/** The Kanwil acknowledges a submitted report of its region (a note is optional). */
export const acknowledgeReport = (ctx: Ctx, input: { id: string; note?: string | null | undefined }) =>
  review(ctx, input, 'acknowledged');

/** The Kanwil returns a submitted report of its region with a note saying what to correct. */
export const returnReport = (ctx: Ctx, input: { id: string; note: string }) => review(ctx, input, 'returned');

/**
 * "Ajukan revisi": version n+1 of the unit-month as a draft (its narrative carried over), with the
 * reason; every earlier version stays as it was. Only the newest version, once submitted.
 */
export async function reviseReport(ctx: Ctx, input: { id: string; reason: string }): Promise<{ id: string }> {
  const r = await report(ctx, input.id, { for: 'draft' });
  const reason = clean(input.reason);
  if (!reason) throw fieldError('reason', 'reports.reasonRequired');
  if (reason.length > 2000) throw fieldError('reason', 'reports.noteLong');
  if (r.status === 'draft') throw conflict('reports.not_submitted', 'reports.reviseDraft');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const latest = await repo.latestVersion(trx, r.unit_id, r.month);
      if (!latest || latest.id !== r.id || !MAY.revise(latest.status, true))
        throw conflict('reports.not_latest', 'reports.notLatest');
      const values = {
        unit_id: r.unit_id,
        month: r.month,
        version: latest.version + 1,
        narrative: r.narrative,
        revision_reason: reason,
        drafted_by: ctx.who.id,
      };
      const id = await repo.insertReport(trx, values);
      await audit(
        trx,
        ctx,
        'reports.revise',
        { id, unit_id: r.unit_id },
        {
          ...facts({ ...values, status: 'draft' }),
          revision_reason: reason,
          revises: r.id,
        },
      );
      return { id };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'monthly_reports_version_key'))
      throw conflict('reports.not_latest', 'reports.notLatest');
    throw err;
  }
}

export interface ReportDetail {
  report: repo.ReportRow;
  /** Every version of the unit-month the reader may see, newest first. */
  versions: repo.ReportRow[];
  figures: ReportFigures;
  /** True for a draft: the figures are read live from the aggregates, not frozen. */
  live: boolean;
  /** Whether this is the newest version (only it may be revised). */
  latest: boolean;
}

/** One report with its figures (frozen, or live for a draft) and the unit-month's versions. */
export async function getReport(ctx: Ctx, id: string): Promise<ReportDetail> {
  const r = await report(ctx, id);
  const all = await repo.versionsOf(ctx.db, ctx.who.scope, r.unit_id, r.month);
  const versions = seesDrafts(ctx.who) ? all : all.filter((v) => v.status !== 'draft');
  const frozen = frozenFigures(r.figures);
  return {
    report: r,
    versions,
    figures: frozen ?? (await readFigures(ctx, r.unit_id, monthOf(r.month))),
    live: frozen === null,
    latest: all[0]?.id === r.id,
  };
}

/** What the PDF and XLSX print: the report, its figures, the unit's letterhead and the signatory. */
export async function reportDocument(ctx: Ctx, id: string) {
  const d = await getReport(ctx, id);
  const unit = await unitPolicy(ctx, d.report.unit_id);
  const head = d.report.signed_by
    ? {
        full_name: d.report.signed_by_name ?? '',
        nip: d.report.signed_by_nip,
        position: d.report.signed_by_position,
      }
    : await headOfUnit(ctx.db, d.report.unit_id);
  return { ...d, unit, head: head ?? null };
}
export type ReportDocument = Awaited<ReturnType<typeof reportDocument>>;

export interface MonthRow {
  month: string;
  report: repo.LatestReportRow | null;
  status: ReportStatus;
}

/**
 * The reports list: for the unit's staff, each of the last 12 ended months of their unit(s) with
 * its newest version (or none yet); for the offices above, their region's submitted reports.
 */
export async function unitMonths12(
  ctx: Ctx,
): Promise<Array<{ unitId: string; unitName: string; months: MonthRow[] }>> {
  const units = await listUnits(ctx);
  const out = [];
  for (const u of units) {
    const current = monthOf(today(ctx, u.timezone));
    const months = monthsBefore(current, 12);
    const rows = await repo.latestReports(ctx.db, ctx.who.scope, {
      unitIds: [u.id],
      from: monthStart(months.at(-1) ?? current),
      to: monthStart(months[0] ?? current),
    });
    const byMonth = new Map(rows.map((r) => [monthOf(r.month), r]));
    out.push({
      unitId: u.id,
      unitName: u.name,
      months: months.map((m) => {
        const r = byMonth.get(m) ?? null;
        return { month: m, report: r, status: statusOf(m, r, today(ctx, u.timezone), u.timezone) };
      }),
    });
  }
  return out;
}

/** The reports of the scope (newest version of each unit-month); drafts only for the unit's staff. */
export async function listReports(
  ctx: Ctx,
  f: { month?: string | undefined; status?: MonthlyReportStatus | undefined; unitId?: string | undefined },
) {
  if (f.month && !MONTH.test(f.month)) throw fieldError('month', 'reports.monthFormat');
  const visible = seesDrafts(ctx.who) ? REPORT_STATUSES : REPORT_STATUSES.filter((s) => s !== 'draft');
  const statuses = f.status ? visible.filter((s) => s === f.status) : visible;
  const rows = await repo.latestReports(ctx.db, ctx.who.scope, {
    ...(f.unitId ? { unitIds: [f.unitId] } : {}),
    ...(f.month ? { from: monthStart(f.month), to: monthStart(f.month) } : {}),
    statuses,
  });
  const counts = Object.fromEntries(visible.map((s) => [s, 0])) as Record<MonthlyReportStatus, number>;
  for (const r of rows) counts[r.status] += 1;
  return {
    rows: rows.map((r) => ({
      ...r,
      due: statusOf(monthOf(r.month), r, dayInZone(ctx.now, r.timezone), r.timezone),
    })),
    counts,
  };
}

function statusOf(
  month: string,
  r: repo.LatestReportRow | null,
  todayInZone: string,
  zone: TimeZone,
): ReportStatus {
  const submittedAt = r?.first_submitted_at ? new Date(r.first_submitted_at) : null;
  return {
    reportId: r?.id ?? null,
    version: r?.version ?? 0,
    status: r?.status ?? 'none',
    submittedAt,
    dueOn: dueOn(month),
    late: isLate(month, todayInZone, submittedAt ? dayInZone(submittedAt, zone) : null),
  };
}

/**
 * Who has submitted a month's report and who is late, per unit (the Kanwil's and national pages).
 * The status is the newest version's; `submittedAt` the first submission of any version, so a
 * revision after an on-time submission is not late. Units outside the scope are left out.
 */
export async function reportStatuses(
  ctx: Pick<Ctx, 'db' | 'who' | 'now'>,
  input: { month: string; unitIds: readonly string[] },
): Promise<Map<string, ReportStatus>> {
  if (!MONTH.test(input.month)) throw fieldError('month', 'reports.monthFormat');
  const wanted = new Set(input.unitIds);
  const units = (await listUnits(ctx)).filter((u) => wanted.has(u.id));
  const rows = await repo.latestReports(ctx.db, ctx.who.scope, {
    unitIds: units.map((u) => u.id),
    from: monthStart(input.month),
    to: monthStart(input.month),
  });
  const byUnit = new Map(rows.map((r) => [r.unit_id, r]));
  const out = new Map<string, ReportStatus>();
  for (const u of units) {
    let r = byUnit.get(u.id) ?? null;
    // A draft is the unit's working paper: the offices above see "not submitted" for it.
    if (r && r.status === 'draft' && !seesDrafts(ctx.who) && !r.first_submitted_at) r = null;
    out.set(u.id, statusOf(input.month, r, dayInZone(ctx.now, u.timezone), u.timezone));
  }
  return out;
}

/** Drafts with a narrative waiting for the Kepala UPT to sign (the approvals inbox). */
export async function reportsToSign(ctx: Pick<Ctx, 'db' | 'who'>) {
  if (!seesDrafts(ctx.who)) return [];
  return (await repo.draftsToSign(ctx.db, ctx.who.scope)).map((r) => ({ ...r, month: monthOf(r.month) }));
}

/** 404 unless the unit-month has a report the reader may see; its newest version's id. */
export async function latestReportId(ctx: Ctx, unitId: string, month: string): Promise<string> {
  const [r] = await repo.latestReports(ctx.db, ctx.who.scope, {
    unitIds: [unitId],
    from: monthStart(month),
    to: monthStart(month),
    statuses: seesDrafts(ctx.who) ? REPORT_STATUSES : REPORT_STATUSES.filter((s) => s !== 'draft'),
  });
  if (!r) throw notFound('reports');
  return r.id;
}
