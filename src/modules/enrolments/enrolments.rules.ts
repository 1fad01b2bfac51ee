// Pure rules of taking a place, with no I/O: who may be enrolled at all (a detainee only by their
// own choice; nobody after their tanggal ekspirasi).

/** Why something is refused: a message key with its parameters. */
export interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * A detainee (register A.*, `detainee`) takes part only by choice: enrolment needs their consent on
 * record. Nobody takes a place after their term ends (decision 12): the ekspirasi day itself counts.
 */
export function enrolmentAllowed(
  inmate: { detainee: boolean; expected_release_date: string | null },
  consentRecordedAt: Date | string | null,
  startsOn?: string,
): { ok: true } | { ok: false; reason: Reason } {
  if (inmate.detainee && !consentRecordedAt)
    return { ok: false, reason: { key: 'selection.reason.consent_missing' } };
  if (startsOn && inmate.expected_release_date && inmate.expected_release_date < startsOn)
    return {
      ok: false,
      reason: { key: 'selection.reason.past_expiry', params: { date: inmate.expected_release_date } },
    };
  return { ok: true };
}
