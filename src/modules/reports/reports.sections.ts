// The report's sections as one list of labelled figures, so the page, the PDF and the workbook say
// the same things in the same order. Counts and sums only; premi and PNBP only for readers allowed
// the unit's totals. Reintegration outcomes (issue 16): the participants released in the twelve
// months ending with the report's month, each rate with its n and none under five people.
import type { Translate } from '../../app/i18n.ts';
import { outcomeRates } from '../outcomes/outcomes.rules.ts';
import { attendanceRateOf, passRateOf } from '../rollups/rollups.service.ts';
import type { ReportFigures, ReportProgramme } from './reports.figures.ts';

export type FigureKind = 'count' | 'money' | 'pct';

export interface Figure {
  label: string;
  /** null: nothing to compute from (a rate with no marks). */
  value: number | null;
  kind: FigureKind;
}

export interface Section {
  id: string;
  title: string;
  figures: Figure[];
}

const c = (label: string, value: number): Figure => ({ label, value, kind: 'count' });
const m = (label: string, value: number): Figure => ({ label, value, kind: 'money' });
const p = (label: string, value: number | null): Figure => ({ label, value, kind: 'pct' });

/** The sections of the month, in the order of the Laporan Bulanan. */
export function reportSections(f: ReportFigures, o: { t: Translate; premi: boolean }): Section[] {
  const { t } = o;
  const u = f.unit;
  const rate = attendanceRateOf(u);
  const sections: Section[] = [
    {
      id: 'programmes',
      title: t('reports.sec.programmes'),
      figures: [c(t('reports.f.programmesRunning'), u.programmesRunning)],
    },
    {
      id: 'participants',
      title: t('reports.sec.participants'),
      figures: [
        c(t('reports.f.narapidana'), u.participants.narapidana),
        c(t('reports.f.tahanan'), u.participants.tahanan),
        c(t('reports.f.intern'), u.participants.intern),
        c(t('reports.f.staff'), u.participants.staff),
        c(t('reports.f.participants'), u.participants.total),
        c(t('reports.f.enrolled'), u.enrolled),
        c(t('reports.f.completed'), u.completed),
      ],
    },
    {
      id: 'sessions',
      title: t('reports.sec.sessions'),
      figures: [
        c(t('reports.f.sessionsHeld'), u.sessionsHeld),
        c(t('reports.f.sessionsCancelled'), u.sessionsCancelled),
        p(t('reports.f.attendanceRate'), rate.rate),
        c(t('reports.f.present'), rate.present),
        c(t('reports.f.absent'), rate.absent),
      ],
    },
    {
      id: 'competencies',
      title: t('reports.sec.competencies'),
      figures: [
        c(t('reports.f.competencies'), u.competencies),
        c(t('reports.f.certificates'), u.certificates),
        c(t('reports.f.certificatesRevoked'), u.certificatesRevoked),
      ],
    },
    {
      id: 'production',
      title: t('reports.sec.production'),
      figures: [
        c(t('reports.f.itemsFinished'), u.itemsFinished),
        c(t('reports.f.itemsChecked'), u.itemsChecked),
        c(t('reports.f.itemsPassed'), u.itemsPassed),
        p(t('reports.f.passRate'), passRateOf(u)),
        m(t('reports.f.offtakeValue'), u.offtakeValue),
      ],
    },
    {
      id: 'sales',
      title: t('reports.sec.sales'),
      figures: [c(t('reports.f.salesCount'), u.salesCount), m(t('reports.f.salesValue'), u.salesValue)],
    },
  ];
  if (o.premi)
    sections.push({
      id: 'premi',
      title: t('reports.sec.premi'),
      figures: [
        m(t('reports.f.premi'), u.premi),
        m(t('reports.f.pnbp'), u.pnbp),
        m(t('reports.f.capital'), u.capital),
        m(t('reports.f.pnbpDeposited'), u.pnbpDeposited),
      ],
    });
  sections.push(
    {
      id: 'partners',
      title: t('reports.sec.partners'),
      figures: [
        c(t('reports.f.partnersActive'), u.partnersActive),
        c(t('reports.f.agreementsActive'), u.agreementsActive),
        c(t('reports.f.agreementsNew'), u.agreementsNew),
        c(t('reports.f.agreementsEnding'), u.agreementsEnding),
      ],
    },
    {
      id: 'aksi',
      title: t('reports.sec.aksi'),
      figures: [c(t('reports.f.programAksiServed'), u.programAksiServed)],
    },
  );
  if (f.outcomes) {
    const o2 = f.outcomes.counts;
    const r = outcomeRates(o2);
    sections.push({
      id: 'outcomes',
      title: t('reports.sec.outcomes'),
      figures: [
        c(t('reports.f.released'), o2.released),
        c(t('reports.f.followedUp'), o2.followedUp),
        p(t('reports.f.followedUpRate', { n: r.followedUp.n }), r.followedUp.pct),
        c(t('reports.f.m6'), o2.m6),
        c(t('reports.f.m6Working'), o2.m6Working),
        p(t('reports.f.workingRate', { n: r.working6.n }), r.working6.pct),
        c(t('reports.f.m12'), o2.m12),
        c(t('reports.f.m12Reoffended'), o2.m12Reoffended),
        p(t('reports.f.reoffendedRate', { n: r.reoffended12.n }), r.reoffended12.pct),
      ],
    });
  }
  return sections;
}

/** The columns of the per-programme table, and one programme's row (same order). */
export function programmeHeads(t: Translate): Array<{ label: string; kind: FigureKind | 'text' }> {
  return [
    { label: t('reports.p.name'), kind: 'text' },
    { label: t('reports.f.participants'), kind: 'count' },
    { label: t('reports.f.sessionsHeld'), kind: 'count' },
    { label: t('reports.f.sessionsCancelled'), kind: 'count' },
    { label: t('reports.f.attendanceRate'), kind: 'pct' },
    { label: t('reports.f.competencies'), kind: 'count' },
    { label: t('reports.f.certificates'), kind: 'count' },
    { label: t('reports.f.itemsFinished'), kind: 'count' },
    { label: t('reports.f.passRate'), kind: 'pct' },
  ];
}

export function programmeCells(r: ReportProgramme): Array<string | number | null> {
  return [
    r.partnerName ? `${r.name} (${r.partnerName})` : r.name,
    r.participants.total,
    r.sessionsHeld,
    r.sessionsCancelled,
    attendanceRateOf(r).rate,
    r.competencies,
    r.certificates,
    r.itemsFinished,
    passRateOf(r),
  ];
}

/** Program Aksi items as printed: "3. Judul" (number when it has one). */
export const aksiLabel = (a: { number: number | null; title: string }) =>
  a.number === null ? a.title : `${a.number}. ${a.title}`;
