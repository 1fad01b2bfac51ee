// Hours attended per curriculum unit, without I/O: every present mark earns its session's hours,
// shared among the units that session's journal lists (attendance.rules hoursPerUnit).
import type { CompetencyStatus, MarkStatus } from '../../db/schema.ts';
import { hoursPerUnit, sessionHours } from '../attendance/attendance.rules.ts';

export const COMPETENCY_STATUSES: readonly CompetencyStatus[] = [
  'not_started',
  'in_progress',
  'competent',
  'not_yet_competent',
];

export interface MarkOfSession {
  enrolment_id: string;
  session_id: string;
  status: MarkStatus;
  starts_at: Date;
  ends_at: Date;
}

/** Hours per enrolment and curriculum unit, rounded to two decimals. */
export function hoursAttended(
  marks: readonly MarkOfSession[],
  journalUnits: ReadonlyMap<string, readonly string[]>,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const m of marks) {
    const units = journalUnits.get(m.session_id) ?? [];
    const earned = hoursPerUnit(m.status, sessionHours(m.starts_at, m.ends_at), units);
    if (earned.size === 0) continue;
    const perUnit = out.get(m.enrolment_id) ?? new Map<string, number>();
    for (const [u, h] of earned) perUnit.set(u, (perUnit.get(u) ?? 0) + h);
    out.set(m.enrolment_id, perUnit);
  }
  for (const perUnit of out.values()) for (const [u, h] of perUnit) perUnit.set(u, Math.round(h * 100) / 100);
  return out;
}
