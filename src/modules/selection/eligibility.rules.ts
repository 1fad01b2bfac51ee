// Pure eligibility rules for programme selection: whether an inmate may be proposed as a candidate
// for a programme, and if not, every reason why. Reasons are message keys with parameters. No I/O.
import type { Eligibility, InmateStatus, RegisterClass, RiskLevel } from '../../db/schema.ts';
import { enrolmentAllowed, type Reason } from '../enrolments/enrolments.rules.ts';
import { categoryOf, hasRegisterFWithin, monthsBefore, remainingMonths } from '../inmates/inmates.rules.ts';

/** What the rules need to know about an inmate. */
export interface EligibilityInmate {
  register_class: RegisterClass;
  gender: 'L' | 'P';
  expected_release_date: string | null;
  risk_level: RiskLevel | null;
  health_restriction: boolean;
  status: InmateStatus;
  register_f: ReadonlyArray<{ entry_date: string }>;
}

export type { Reason };

export type EligibilityResult =
  | { eligible: true; needsConsent: boolean }
  | { eligible: false; reasons: Reason[] };

/**
 * Applies a programme's stored rules on `today` ('YYYY-MM-DD'). An unknown release date counts as
 * too short when a minimum is set, because the rule cannot be shown to hold. A detainee may be
 * eligible, but `needsConsent` says their participation is voluntary (see canEnrol).
 */
export function checkEligibility(
  rules: Eligibility,
  inmate: EligibilityInmate,
  today: string,
): EligibilityResult {
  const reasons: Reason[] = [];
  if (inmate.status !== 'active') reasons.push({ key: 'selection.reason.not_active' });
  if (rules.min_remaining_months !== undefined) {
    const short = remainingShort(inmate, rules.min_remaining_months, today);
    if (short) reasons.push(short);
  }
  if (
    rules.no_register_f_months !== undefined &&
    hasRegisterFWithin(inmate.register_f, rules.no_register_f_months, today)
  )
    reasons.push({ key: 'selection.reason.register_f', params: { months: rules.no_register_f_months } });
  if (rules.risk_levels && rules.risk_levels.length > 0) {
    // The risk-and-needs assessment is for narapidana with more than a year left: nobody else is
    // missing one.
    if (inmate.risk_level === null) {
      if (riskAssessmentApplies(inmate, today)) reasons.push({ key: 'selection.reason.risk_unknown' });
    } else if (!rules.risk_levels.includes(inmate.risk_level))
      reasons.push({ key: 'selection.reason.risk_level', params: { level: inmate.risk_level } });
  }
  if (rules.gender && rules.gender !== inmate.gender) reasons.push({ key: 'selection.reason.gender' });
  if (inmate.health_restriction && rules.allow_health_restriction !== true)
    reasons.push({ key: 'selection.reason.health' });
  if (reasons.length > 0) return { eligible: false, reasons };
  return { eligible: true, needsConsent: categoryOf(inmate.register_class) === 'tahanan' };
}

/**
 * Why the time left is too short, in the words of the inmate's category: a detainee's date ends the
 * detention order (sisa masa penahanan), a narapidana's the sentence (sisa masa pidana). A date that
 * has passed is named as such, and less than a month is not "0 bulan".
 */
export function remainingShort(
  inmate: { register_class: RegisterClass; expected_release_date: string | null },
  min: number,
  today: string,
): Reason | null {
  const left = remainingMonths(inmate.expected_release_date, today);
  if (left === null || inmate.expected_release_date === null)
    return { key: 'selection.reason.release_unknown' };
  if (left >= min) return null;
  const detainee = categoryOf(inmate.register_class) === 'tahanan';
  if (inmate.expected_release_date <= today)
    return {
      key: detainee ? 'selection.reason.detention_ended' : 'selection.reason.sentence_ended',
      params: { date: inmate.expected_release_date },
    };
  if (left === 0)
    return {
      key: detainee ? 'selection.reason.detention_under_month' : 'selection.reason.remaining_under_month',
      params: { min },
    };
  return {
    key: detainee ? 'selection.reason.detention_short' : 'selection.reason.remaining_short',
    params: { months: left, min },
  };
}

/** Whether the risk-and-needs assessment is for this person: a narapidana with more than 12 months left. */
export function riskAssessmentApplies(
  inmate: { register_class: RegisterClass; expected_release_date: string | null },
  today: string,
): boolean {
  if (categoryOf(inmate.register_class) !== 'narapidana') return false;
  // Unknown release: it cannot be shown that the assessment is not due.
  return inmate.expected_release_date === null || inmate.expected_release_date > monthsBefore(today, -12);
}

/** A detainee (register A.*) takes part only by choice: enrolment needs their consent on record. */
export function canEnrol(
  inmate: { register_class: RegisterClass; expected_release_date?: string | null },
  consentRecordedAt: Date | string | null,
  startsOn?: string,
): { ok: true } | { ok: false; reason: Reason } {
  const detainee = categoryOf(inmate.register_class) === 'tahanan';
  return enrolmentAllowed(
    { detainee, expected_release_date: inmate.expected_release_date ?? null },
    consentRecordedAt,
    startsOn,
  );
}

/** An inmate's place in the programme that matters to a new one: held (active, suspended) or completed. */
export type PlaceStatus = 'active' | 'suspended' | 'completed';

/**
 * One who holds a place in the programme, or has completed it, is neither proposed, added nor
 * enrolled again from an intake: a second place would list them twice and take a seat.
 */
export function placeReason(place: PlaceStatus | null): Reason | null {
  if (place === null) return null;
  return { key: place === 'completed' ? 'selection.reason.completed' : 'selection.reason.enrolled' };
}
