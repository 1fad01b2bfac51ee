// The roll-ups' figures and states in words, shared by the pages and the exports: a cell's value,
// the freshness stamp ("Angka per Rabu, 2 Desember 2026 06.31 WIB; 3 perubahan belum dihitung")
// and a unit's (or a Kanwil's) monthly report status.
import {
  formatDateLong,
  formatDateShort,
  formatDayShort,
  formatNumber,
  formatRupiah,
  formatTime,
} from '../../app/format.ts';
import type { Lang, Translate } from '../../app/i18n.ts';
import type { TimeZone } from '../../db/schema.ts';
import type { Freshness } from './rollups.figures.ts';
import { COL_KIND, type ColKey, isSent, type ReportCount, type ReportStatus } from './rollups.tables.ts';

/** "87,5%", "Rp 1.250.000", "1.204"; a dash when there is nothing to count yet. */
export function cellText(col: ColKey, v: number | null, lang: Lang): string {
  if (v === null) return '–';
  const kind = COL_KIND[col];
  if (kind === 'money') return formatRupiah(v);
  if (kind === 'rate') return `${formatNumber(v, lang, 1)}%`;
  return formatNumber(v, lang);
}

export function freshnessText(t: Translate, lang: Lang, zone: TimeZone, f: Freshness): string {
  const lag = replicaLagText(t, lang, f);
  if (!f.computedAt) return [t('rollups.fresh.never'), lag].filter(Boolean).join(' ');
  const at = `${formatDateLong(f.computedAt, zone, lang)} ${formatTime(f.computedAt, zone, lang)}`;
  const pending =
    f.pending > 0
      ? t('rollups.fresh.pending', { n: formatNumber(f.pending, lang) })
      : t('rollups.fresh.none');
  return [t('rollups.fresh', { at, pending }), lag].filter(Boolean).join(' ');
}

const durations = new Map<string, Intl.NumberFormat>();
/** "45 detik", "2 menit", "3 jam", "2 hari" (English "2 minutes"): whole units, rounded down. */
export function durationText(seconds: number, lang: Lang): string {
  const [n, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [seconds / 60, 'minute']
        : seconds < 86_400
          ? [seconds / 3600, 'hour']
          : [seconds / 86_400, 'day'];
  const key = `${lang}|${unit}`;
  let f = durations.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      style: 'unit',
      unit,
      unitDisplay: 'long',
    });
    durations.set(key, f);
  }
  return f.format(Math.floor(n));
}

/**
 * "Data replika tertinggal 2 menit.": said when the figures came from a read replica that is at
 * least DATABASE_REPLICA_LAG_NOTICE_SECONDS behind the primary; empty otherwise.
 */
export function replicaLagText(t: Translate, lang: Lang, f: Freshness): string {
  return f.replicaLagSeconds === null
    ? ''
    : t('rollups.fresh.lag', { lag: durationText(f.replicaLagSeconds, lang) });
}

export const isUnitReport = (r: ReportStatus | ReportCount | null): r is ReportStatus =>
  r !== null && 'status' in r;

/** A unit's report in words, whether it is late, and the report page when there is one to open. */
export function reportWords(t: Translate, zone: TimeZone, s: ReportStatus) {
  const date = s.submittedAt ? formatDateShort(s.submittedAt, zone) : '';
  const text =
    s.status === 'submitted'
      ? t('rollups.report.submitted', { date })
      : s.status === 'acknowledged'
        ? t('rollups.report.acknowledged', { date })
        : s.status === 'returned'
          ? t('rollups.report.returned', { date })
          : s.status === 'draft'
            ? t('rollups.report.draft')
            : t('rollups.report.none');
  const open = s.reportId && s.status !== 'none' && s.status !== 'draft';
  const due = isSent(s) || s.late ? null : t('rollups.report.due', { date: formatDayShort(s.dueOn) });
  return { text, late: s.late, due, href: open ? `/reports/${s.reportId}` : null };
}

/** A Kanwil's units' reports: "2 dari 3 terkirim", with the late ones. */
export function reportCountWords(t: Translate, c: ReportCount) {
  return {
    text: t('rollups.report.count', { sent: c.sent, n: c.units }),
    late: c.late > 0 ? t('rollups.report.lateCount', { n: c.late }) : null,
  };
}

/** The report column as one plain text (the exports). */
export function reportPlain(t: Translate, zone: TimeZone, r: ReportStatus | ReportCount | null): string {
  if (r === null) return '';
  if (isUnitReport(r)) {
    const w = reportWords(t, zone, r);
    return [w.text, w.late ? t('rollups.report.late') : w.due].filter(Boolean).join('; ');
  }
  const w = reportCountWords(t, r);
  return [w.text, w.late].filter(Boolean).join('; ');
}
