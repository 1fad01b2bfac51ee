// Pure rules of job offers and applications: which status may follow which, the dates a status
// change may carry, and how well a person's training matches an offer. No I/O: unit-tested alone.
import type { ApplicationStatus } from '../../db/schema.ts';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'diajukan',
  'wawancara',
  'diterima',
  'ditolak',
  'mundur',
];

/**
 * What may follow each status. A refusal or a withdrawal ends the application; a person taken on
 * may still leave (mundur) later.
 */
export const NEXT_STATUS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  diajukan: ['wawancara', 'diterima', 'ditolak', 'mundur'],
  wawancara: ['diterima', 'ditolak', 'mundur'],
  diterima: ['mundur'],
  ditolak: [],
  mundur: [],
};

export type TransitionProblem = 'same' | 'not_allowed' | 'before_last' | 'future';

/** Why this status change may not be recorded, or null when it may. Days are YYYY-MM-DD. */
export function transitionProblem(
  from: { status: ApplicationStatus; status_on: string },
  to: { status: ApplicationStatus; on_date: string },
  today: string,
): TransitionProblem | null {
  if (from.status === to.status) return 'same';
  if (!NEXT_STATUS[from.status].includes(to.status)) return 'not_allowed';
  if (to.on_date > today) return 'future';
  if (to.on_date < from.status_on) return 'before_last';
  return null;
}

/** Compares skill areas and competencies as people type them: case and spacing do not count. */
export const norm = (s: string): string => s.trim().toLocaleLowerCase('id').replace(/\s+/g, ' ');

/** What a person has learned, as the matching reads it. */
export interface Training {
  /** Skill areas of the programmes they completed. */
  skillAreas: readonly string[];
  /** Curriculum units assessed competent: their code (if any) and title. */
  units: ReadonlyArray<{ code: string | null; title: string }>;
}

export interface Match {
  skillArea: boolean;
  /** The offer's competencies this person holds (as the offer names them). */
  competencies: string[];
  /** Higher is better: the skill area counts 1, each competency 1. Zero is no match. */
  score: number;
}

/**
 * How a person's training matches an offer: the skill area of a completed programme, and each
 * competency the offer asks for found among the units they were assessed competent in (by code, or
 * by title, either containing the other: "Merajut dasar" matches "merajut").
 */
export function matchTraining(
  offer: { skill_area: string | null; competencies: readonly string[] },
  t: Training,
): Match {
  const area = offer.skill_area ? norm(offer.skill_area) : '';
  const skillArea = area !== '' && t.skillAreas.some((a) => norm(a) === area);
  const competencies = offer.competencies.filter((c) => {
    const want = norm(c);
    if (!want) return false;
    return t.units.some((u) => {
      if (u.code && norm(u.code) === want) return true;
      const title = norm(u.title);
      return title === want || title.includes(want) || want.includes(title);
    });
  });
  return { skillArea, competencies, score: (skillArea ? 1 : 0) + competencies.length };
}

/** The competencies of the HTML form's text area: one per line (or comma), blanks and repeats dropped. */
export function competencyLines(text: string | undefined): string[] {
  const out: string[] = [];
  for (const raw of (text ?? '').split(/[\n,;]/)) {
    const c = raw.trim();
    if (c && !out.some((x) => norm(x) === norm(c))) out.push(c);
  }
  return out;
}
