// An inmate's month of participation as a printed statement with the unit's letterhead and the
// Kepala UPT's signature block: evidence for the kemandirian aspect of SPPN. Never the NIK.

import { formatDay, formatNumber, formatTime } from '../../app/format.ts';
import type { Lang, Translate } from '../../app/i18n.ts';
import {
  type Doc,
  drawLetterhead,
  ensureSpace,
  FONT,
  facts,
  footers,
  heading,
  type Letterhead,
  newDocument,
  signatureBlock,
  toBuffer,
} from '../../app/pdf.ts';
import { isPresent, MARK_STATUSES, sessionHours } from '../attendance/attendance.rules.ts';
import { assertSppnEvidence, type inmateMonth } from './attendance-reports.service.ts';

type InmateMonth = Awaited<ReturnType<typeof inmateMonth>>;

export interface EvidenceOptions {
  t: Translate;
  lang: Lang;
  today: string;
  letterhead: Letterhead;
  head: { full_name: string; nip: string | null; position: string | null } | undefined;
  monthLabel: string;
}

export async function inmateMonthPdf(d: InmateMonth, opts: EvidenceOptions): Promise<Buffer> {
  assertSppnEvidence(d);
  const { t } = opts;
  const doc = await newDocument({
    title: `${t('attReports.monthlyTitle')} — ${d.month}`,
    author: opts.letterhead.unitName,
  });
  drawInmateMonth(doc, d, opts);
  footers(doc, (page, total) => `${t('attReports.monthlyTitle')} · ${d.month} · ${page}/${total}`);
  return toBuffer(doc);
}

/**
 * A group's evidence in one file (a wali scores 70 inmates without 70 downloads): each inmate's
 * statement starts on a new page under the letterhead, is a bookmark of the file, and numbers its
 * own pages, so a section printed alone reads exactly like the single statement.
 */
export async function groupMonthPdf(
  ds: readonly InmateMonth[],
  opts: EvidenceOptions & { title: string },
): Promise<Buffer> {
  const { t } = opts;
  const doc = await newDocument({ title: opts.title, author: opts.letterhead.unitName });
  const starts: Array<{ page: number; label: string }> = [];
  ds.forEach((d, i) => {
    assertSppnEvidence(d);
    if (i > 0) doc.addPage();
    const page = doc.bufferedPageRange().count - 1;
    starts.push({ page, label: d.inmate.reg_number });
    doc.outline.addItem(`${d.inmate.name} (${d.inmate.reg_number})`);
    drawInmateMonth(doc, d, opts);
  });
  const total = doc.bufferedPageRange().count;
  footers(doc, (page) => {
    const at = page - 1;
    const k = starts.findLastIndex((s) => s.page <= at);
    const s = starts[k];
    if (!s) return opts.title;
    const end = starts[k + 1]?.page ?? total;
    return `${t('attReports.monthlyTitle')} · ${s.label} · ${ds[0]?.month ?? ''} · ${at - s.page + 1}/${end - s.page}`;
  });
  return toBuffer(doc);
}

/** One inmate's statement from the top of the current page: letterhead, totals, sessions, signature. */
function drawInmateMonth(doc: Doc, d: InmateMonth, opts: EvidenceOptions): void {
  const { t, lang } = opts;
  const zone = d.inmate.timezone;
  drawLetterhead(doc, opts.letterhead);
  doc.font(FONT.bold).fontSize(12).text(t('attReports.monthlyTitle'), { align: 'center' });
  doc.moveDown(0.8);
  facts(doc, [
    [t('attReports.name'), d.inmate.name],
    [t('attReports.regNumber'), d.inmate.reg_number],
    [t('attReports.unit'), d.inmate.unit_name],
    [t('attReports.month'), opts.monthLabel],
  ]);

  heading(doc, t('attReports.totals'));
  if (d.programmes.length === 0) doc.text(t('attReports.noSessions'));
  for (const p of d.programmes) {
    const counts = MARK_STATUSES.filter((s) => p.counts[s] > 0)
      .map((s) => `${t(`attReports.status.${s}`)} ${p.counts[s]}`)
      .join(', ');
    facts(doc, [
      [
        t('attReports.programme'),
        p.partner_name ? `${p.programme_name} (${p.partner_name})` : p.programme_name,
      ],
      [
        t('attReports.sessions'),
        `${p.sessions}${p.cancelled ? ` (+${p.cancelled} ${t('attReports.cancelled').toLowerCase()})` : ''}`,
      ],
      [t('attReports.status'), counts || '—'],
      [t('attReports.rate'), p.rate.rate === null ? '—' : `${formatNumber(p.rate.rate, lang, 1)}%`],
      [t('attReports.hours'), formatNumber(p.hours, lang, 1)],
    ]);
    doc.moveDown(0.4);
  }

  if (d.production) {
    heading(doc, t('prodReports.sppnTitle'));
    if (d.production.length === 0) doc.text(t('prodReports.sppnNone'));
    for (const p of d.production) {
      facts(doc, [
        [t('attReports.programme'), p.programme_name],
        [t('prodReports.finished'), formatNumber(p.finished, lang)],
        [t('prodReports.passed'), formatNumber(p.passed, lang)],
        [t('prodReports.rejected'), formatNumber(p.rejected, lang)],
      ]);
      doc.moveDown(0.4);
    }
  }

  if (d.rows.length > 0) {
    heading(doc, t('attReports.sessions'));
    const x = doc.page.margins.left;
    const cols = [150, 150, 90, 105];
    const line = (cells: string[], bold = false) => {
      ensureSpace(doc, 30);
      const y = doc.y;
      let cx = x;
      let bottom = y;
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(9);
      cells.forEach((c, i) => {
        doc.text(c, cx, y, { width: (cols[i] ?? 100) - 6 });
        bottom = Math.max(bottom, doc.y);
        cx += cols[i] ?? 100;
      });
      doc.y = bottom + 3;
    };
    line(
      [t('attReports.day'), t('attReports.programme'), t('attReports.status'), t('attReports.topic')],
      true,
    );
    for (const r of d.rows) {
      const status =
        r.session_status === 'cancelled'
          ? t('attReports.sessionStatus.cancelled')
          : r.mark
            ? t(`attReports.status.${r.mark}`)
            : t('attReports.unmarked');
      const hours =
        r.session_status !== 'cancelled' && r.mark && isPresent(r.mark)
          ? ` (${formatNumber(sessionHours(r.starts_at, r.ends_at), lang, 1)} ${t('attReports.hours').toLowerCase()})`
          : '';
      line([
        `${formatDay(r.day, lang)}\n${formatTime(r.starts_at, zone, lang)}–${formatTime(r.ends_at, zone, lang)}`,
        r.programme_name,
        `${status}${hours}`,
        r.topic ?? '',
      ]);
    }
    doc.x = x;
  }

  signatureBlock(doc, {
    place: opts.letterhead.city ?? '',
    dateText: formatDay(opts.today, lang).replace(/^[^,]+, /, ''),
    title: opts.head?.position ?? 'Kepala',
    name: opts.head?.full_name ?? '....................................',
    nip: opts.head?.nip ?? null,
  });
}
