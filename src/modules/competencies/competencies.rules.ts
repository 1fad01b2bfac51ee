// Competency rules without I/O: hours attended per curriculum unit (every present mark earns its
// session's hours, shared among the units that session's journal lists; attendance.rules
// hoursPerUnit), where production practice stops counting, and what an assessment must carry.

import type { MessageKey } from '../../app/i18n.ts';
import type { CompetencyStatus, MarkStatus } from '../../db/schema.ts';
import { hoursPerUnit, sessionHours } from '../attendance/attendance.rules.ts';

export const COMPETENCY_STATUSES: readonly CompetencyStatus[] = [
  'not_started',
  'in_progress',
  'competent',
  'not_yet_competent',
];

/** What the assessment pages offer per row: the two verdicts, or no verdict yet. */
export const DECISIONS = ['competent', 'not_yet_competent', 'pending'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface MarkOfSession {
  enrolment_id: string;
  session_id: string;
  status: MarkStatus;
  starts_at: Date;
  ends_at: Date;
}

export interface HoursOptions {
  /**
   * Sessions with a production log: the class made products for the partner or the unit. Such a
   * session is production practice for a unit once the participant has the unit's target hours,
   * so it adds course hours only up to the target (a session without a production log always
   * counts in full: it was teaching).
   */
  production?: ReadonlySet<string>;
  /** Each unit's target hours (a unit missing here has no cap). */
  targets?: ReadonlyMap<string, number>;
}

/** Hours per enrolment and curriculum unit, rounded to two decimals. Marks oldest first. */
export function hoursAttended(
  marks: readonly MarkOfSession[],
  journalUnits: ReadonlyMap<string, readonly string[]>,
  o: HoursOptions = {},
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const ordered = [...marks].sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime());
  for (const m of ordered) {
    const units = journalUnits.get(m.session_id) ?? [];
    const earned = hoursPerUnit(m.status, sessionHours(m.starts_at, m.ends_at), units);
    if (earned.size === 0) continue;
    const practice = o.production?.has(m.session_id) ?? false;
    const perUnit = out.get(m.enrolment_id) ?? new Map<string, number>();
    for (const [u, h] of earned) {
      const had = perUnit.get(u) ?? 0;
      const target = o.targets?.get(u);
      const counted = practice && target !== undefined ? Math.max(0, Math.min(h, target - had)) : h;
      perUnit.set(u, had + counted);
    }
    out.set(m.enrolment_id, perUnit);
  }
  for (const perUnit of out.values()) for (const [u, h] of perUnit) perUnit.set(u, Math.round(h * 100) / 100);
  return out;
}

/** A verdict (competent or not yet competent) is what needs a date and evidence. */
export const isVerdict = (s: CompetencyStatus): boolean => s === 'competent' || s === 'not_yet_competent';

export interface AssessmentProblem {
  field: 'assessed_on' | 'evidence';
  key: MessageKey;
}

/**
 * What is wrong with one assessment: a verdict needs the day it was assessed and the evidence
 * seen; the day can be neither in the future nor before the participant started. Without a
 * verdict nothing is required (the date is not kept, evidence and note are optional).
 */
export function assessmentProblems(
  a: { status: CompetencyStatus; assessedOn: string | null; evidence: string | null },
  on: { today: string; startedOn: string },
): AssessmentProblem[] {
  const out: AssessmentProblem[] = [];
  const verdict = isVerdict(a.status);
  if (verdict && !a.assessedOn) out.push({ field: 'assessed_on', key: 'competencies.dateRequired' });
  if (verdict && !a.evidence) out.push({ field: 'evidence', key: 'competencies.evidenceRequired' });
  if (a.assessedOn && a.assessedOn > on.today)
    out.push({ field: 'assessed_on', key: 'competencies.dateFuture' });
  else if (a.assessedOn && a.assessedOn < on.startedOn)
    out.push({ field: 'assessed_on', key: 'competencies.dateBeforeStart' });
  return out;
}

/**
 * The status a page's decision stands for: a verdict as given; "not assessed" keeps a status
 * without a verdict (not started, in progress) and turns a withdrawn verdict back into in progress.
 */
export function statusOfDecision(decision: Decision, current: CompetencyStatus): CompetencyStatus {
  if (decision !== 'pending') return decision;
  return isVerdict(current) ? 'in_progress' : current;
}
