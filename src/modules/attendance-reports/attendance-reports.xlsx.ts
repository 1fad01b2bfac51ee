// The summaries as XLSX workbooks (exceljs): a programme by participant and by month, and an
// inmate's month of participation as SPPN evidence. Never the NIK.
// exceljs is loaded on the first export, not at start-up (it adds ~0.3 s to every start).

import type ExcelJS from 'exceljs';
import { formatTime } from '../../app/format.ts';
import type { Translate } from '../../app/i18n.ts';
import { isPresent, MARK_STATUSES, sessionHours } from '../attendance/attendance.rules.ts';
import {
  assertSppnEvidence,
  type inmateMonth,
  type MonthSummary,
  type ParticipantSummary,
} from './attendance-reports.service.ts';

function sheet(wb: ExcelJS.Workbook, name: string, headers: string[]) {
  const ws = wb.addWorksheet(name);
  const row = ws.addRow(headers);
  row.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: ws.rowCount }];
  headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length + 2));
  });
  return ws;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function newBook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Simandiri';
  wb.created = new Date();
  return wb;
}

const statusHeaders = (t: Translate) => MARK_STATUSES.map((s) => t(`attReports.status.${s}`));

export async function participantsWorkbook(
  t: Translate,
  programme: { name: string; unit_name: string },
  rows: ParticipantSummary[],
): Promise<Buffer> {
  const wb = await newBook();
  const ws = sheet(wb, t('attReports.byParticipant'), [
    t('attReports.name'),
    t('attReports.kind'),
    t('attReports.regNumber'),
    t('attReports.enrolmentStatus'),
    ...statusHeaders(t),
    t('attReports.counted'),
    t('attReports.rate'),
    t('attReports.currentRun'),
    t('attReports.longestRun'),
    t('attReports.hours'),
    t('attReports.lastSession'),
  ]);
  ws.getColumn(1).width = 32;
  for (const r of rows) {
    ws.addRow([
      r.name,
      t(`enrolments.kind.${r.kind}`),
      r.reg_number ?? '',
      t(`enrolments.status.${r.enrolment_status}`),
      ...MARK_STATUSES.map((s) => r.counts[s]),
      r.rate.counted,
      r.rate.rate,
      r.currentRun,
      r.longestRun,
      r.hours,
      r.lastDay ?? '',
    ]);
  }
  ws.headerFooter.oddHeader = `${programme.unit_name} — ${programme.name}`;
  return toBuffer(wb);
}

export async function monthsWorkbook(
  t: Translate,
  programme: { name: string; unit_name: string },
  rows: MonthSummary[],
): Promise<Buffer> {
  const wb = await newBook();
  const ws = sheet(wb, t('attReports.byMonth'), [
    t('attReports.month'),
    t('attReports.held'),
    t('attReports.cancelled'),
    t('attReports.participants'),
    ...statusHeaders(t),
    t('attReports.counted'),
    t('attReports.rate'),
  ]);
  for (const r of rows) {
    ws.addRow([
      r.month,
      r.held,
      r.cancelled,
      r.participants,
      ...MARK_STATUSES.map((s) => r.counts[s]),
      r.rate.counted,
      r.rate.rate,
    ]);
  }
  ws.headerFooter.oddHeader = `${programme.unit_name} — ${programme.name}`;
  return toBuffer(wb);
}

export async function inmateMonthWorkbook(
  t: Translate,
  d: Awaited<ReturnType<typeof inmateMonth>>,
): Promise<Buffer> {
  assertSppnEvidence(d);
  const wb = await newBook();
  const zone = d.inmate.timezone;
  const sum = wb.addWorksheet(t('attReports.totals'));
  sum.addRow([t('attReports.monthlyTitle')]).font = { bold: true };
  sum.addRow([t('attReports.unit'), d.inmate.unit_name]);
  sum.addRow([t('attReports.name'), d.inmate.name]);
  sum.addRow([t('attReports.regNumber'), d.inmate.reg_number]);
  sum.addRow([t('attReports.month'), d.month]);
  sum.addRow([]);
  sum.addRow([
    t('attReports.programme'),
    t('attReports.sessions'),
    t('attReports.cancelled'),
    ...statusHeaders(t),
    t('attReports.unmarked'),
    t('attReports.rate'),
    t('attReports.hours'),
  ]).font = { bold: true };
  for (const p of d.programmes) {
    sum.addRow([
      p.programme_name,
      p.sessions,
      p.cancelled,
      ...MARK_STATUSES.map((s) => p.counts[s]),
      p.unmarked,
      p.rate.rate,
      p.hours,
    ]);
  }
  if (d.production) {
    sum.addRow([]);
    sum.addRow([t('prodReports.sppnTitle')]).font = { bold: true };
    sum.addRow([
      t('attReports.programme'),
      t('prodReports.finished'),
      t('prodReports.passed'),
      t('prodReports.rejected'),
    ]).font = { bold: true };
    for (const p of d.production) sum.addRow([p.programme_name, p.finished, p.passed, p.rejected]);
    if (d.production.length === 0) sum.addRow([t('prodReports.sppnNone')]);
  }
  sum.getColumn(1).width = 36;

  const ws = sheet(wb, t('attReports.sessions'), [
    t('attReports.day'),
    t('attReports.time'),
    t('attReports.programme'),
    t('attReports.status'),
    t('attReports.hours'),
    t('attReports.topic'),
    t('attReports.note'),
  ]);
  ws.getColumn(3).width = 32;
  ws.getColumn(6).width = 40;
  for (const r of d.rows) {
    const cancelled = r.session_status === 'cancelled';
    const status = cancelled
      ? t('attReports.sessionStatus.cancelled')
      : r.mark
        ? t(`attReports.status.${r.mark}`)
        : t('attReports.unmarked');
    const hours = !cancelled && r.mark && isPresent(r.mark) ? sessionHours(r.starts_at, r.ends_at) : 0;
    ws.addRow([
      r.day,
      `${formatTime(r.starts_at, zone)}–${formatTime(r.ends_at, zone)}`,
      r.programme_name,
      status,
      hours,
      r.topic ?? '',
      r.note ?? '',
    ]);
  }
  return toBuffer(wb);
}
