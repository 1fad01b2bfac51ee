// Pure rules of the release pipeline: which day a person leaves, which window (30 or 90 days) that
// falls in from the unit's own today, the built-in readiness checklist and its due dates, and the
// checks on a case's integrasi and release. No I/O, so they are tested without a database.
import { daysBetween } from '../../app/days.ts';
import type { FieldError } from '../../app/errors.ts';
import type { IntegrasiKind, ReadinessKind, ReleaseKind, ReleasePlan } from '../../db/schema.ts';

export const INTEGRASI_KINDS: readonly IntegrasiKind[] = ['PB', 'CB', 'CMB'];
export const RELEASE_KINDS: readonly ReleaseKind[] = ['ekspirasi', 'PB', 'CB', 'CMB'];
export const PLANS: readonly ReleasePlan[] = ['work', 'umkm', 'training', 'none_yet'];
export const PURPOSES = ['cv_sharing', 'follow_up'] as const;

/** The pipeline's tabs: leaving within 30 days, within 90 days (the 30 included), already released. */
export const WINDOWS = ['30', '90', 'released'] as const;
export type PipelineWindow = (typeof WINDOWS)[number];
export const WINDOW_DAYS = { '30': 30, '90': 90 } as const;

/** 'YYYY-MM-DD' plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The day a person leaves: a planned integrasi moves it before the tanggal ekspirasi. */
export function releaseDateOf(p: { integrasi_date: string | null; expected_release_date: string | null }) {
  return p.integrasi_date ?? p.expected_release_date;
}

/** The smallest window a release date falls in from the unit's today (release day itself counts). */
export function windowOf(releaseDate: string | null, today: string): '30' | '90' | null {
  if (!releaseDate) return null;
  const days = daysBetween(today, releaseDate);
  if (days < 0) return null;
  if (days <= WINDOW_DAYS['30']) return '30';
  if (days <= WINDOW_DAYS['90']) return '90';
  return null;
}

/** The built-in checklist, in the order the case page shows it, with days before release it is due. */
export const BUILT_IN: ReadonlyArray<{ kind: Exclude<ReadinessKind, 'custom'>; daysBefore: number }> = [
  { kind: 'ktp', daysBefore: 30 },
  { kind: 'bank_account', daysBefore: 21 },
  { kind: 'certificates', daysBefore: 14 },
  { kind: 'cv', daysBefore: 14 },
  { kind: 'guarantor', daysBefore: 21 },
  { kind: 'plan', daysBefore: 14 },
  { kind: 'bapas_pk', daysBefore: 14 },
];

/**
 * When an item is due: its days before release, but never before today (an item added late is due
 * today, not in the past); without a release date, in 30 days.
 */
export function dueOn(releaseDate: string | null, daysBefore: number, today: string): string {
  if (!releaseDate) return addDays(today, 30);
  const due = addDays(releaseDate, -daysBefore);
  return due < today ? today : due;
}

/** An open item past its due day in the unit's today. */
export function isOverdue(item: { status: string; due_on: string }, today: string): boolean {
  return item.status === 'open' && item.due_on < today;
}

export interface IntegrasiInput {
  integrasi_kind?: IntegrasiKind | undefined;
  integrasi_date?: string | undefined;
  decree_number?: string | undefined;
  decree_date?: string | undefined;
}

/** An integrasi needs its kind, its date and the decree (SK) number; a decree date not after today. */
export function integrasiProblems(i: IntegrasiInput, today: string): FieldError[] {
  const out: FieldError[] = [];
  const any = i.integrasi_kind || i.integrasi_date || i.decree_number?.trim() || i.decree_date;
  if (!any) return out;
  if (!i.integrasi_kind) out.push({ field: 'integrasi_kind', key: 'err.required' });
  if (!i.integrasi_date) out.push({ field: 'integrasi_date', key: 'err.required' });
  if (!i.decree_number?.trim()) out.push({ field: 'decree_number', key: 'reintegration.decreeRequired' });
  if (i.decree_date && i.decree_date > today)
    out.push({ field: 'decree_date', key: 'reintegration.decreeInFuture' });
  if (i.decree_date && i.integrasi_date && i.integrasi_date < i.decree_date)
    out.push({ field: 'integrasi_date', key: 'reintegration.integrasiBeforeDecree' });
  return out;
}

/**
 * A release happens on or after entry and not after the unit's today, to an active person; a
 * release by integrasi (PB, CB, CMB) needs that integrasi, with its decree, recorded on the case.
 */
export function releaseProblems(
  r: { released_on: string; release_kind: ReleaseKind },
  c: { entry_date: string; status: string; integrasi_kind: IntegrasiKind | null },
  today: string,
): FieldError[] {
  const out: FieldError[] = [];
  if (c.status !== 'active') out.push({ field: 'released_on', key: 'reintegration.notActive' });
  if (r.released_on > today) out.push({ field: 'released_on', key: 'reintegration.releaseInFuture' });
  if (r.released_on < c.entry_date)
    out.push({ field: 'released_on', key: 'reintegration.releaseBeforeEntry' });
  if (r.release_kind !== 'ekspirasi' && r.release_kind !== c.integrasi_kind)
    out.push({ field: 'release_kind', key: 'reintegration.releaseNeedsDecree' });
  return out;
}
