// The rules of an agreement's life, as pure functions: which status changes are allowed, which
// terms are in force on a given day (addenda apply from their own date onward), the premi split that
// applies, and which reminders are due.

import { daysBetween } from '../../app/days.ts';
import type { AgreementStatus, MaterialsBy, PayModel, PieceRate } from '../../db/schema.ts';

export type AgreementAction = 'sign' | 'activate' | 'expire' | 'terminate';

export type RuleViolation =
  | 'agreements.transition_not_allowed'
  | 'agreements.sign_needs_date'
  | 'agreements.not_started'
  | 'agreements.not_ended'
  | 'agreements.reason_required';

export interface TransitionInput {
  status: AgreementStatus;
  action: AgreementAction;
  today: string;
  validFrom: string;
  validTo: string | null;
  signedOn: string | null;
  reason?: string | undefined;
}

const ALLOWED: Record<AgreementAction, readonly AgreementStatus[]> = {
  sign: ['draft'],
  activate: ['signed'],
  expire: ['active'],
  terminate: ['draft', 'signed', 'active'],
};

const RESULT: Record<AgreementAction, AgreementStatus> = {
  sign: 'signed',
  activate: 'active',
  expire: 'expired',
  terminate: 'terminated',
};

/** The status after the action, or the rule it breaks. Who may act is the policy's business. */
export function transition(
  i: TransitionInput,
): { ok: true; status: AgreementStatus } | { ok: false; violation: RuleViolation } {
  if (!ALLOWED[i.action].includes(i.status))
    return { ok: false, violation: 'agreements.transition_not_allowed' };
  if (i.action === 'sign' && !i.signedOn) return { ok: false, violation: 'agreements.sign_needs_date' };
  if (i.action === 'activate' && i.today < i.validFrom)
    return { ok: false, violation: 'agreements.not_started' };
  if (i.action === 'expire' && (i.validTo === null || i.today <= i.validTo))
    return { ok: false, violation: 'agreements.not_ended' };
  if (i.action === 'terminate' && !i.reason?.trim())
    return { ok: false, violation: 'agreements.reason_required' };
  return { ok: true, status: RESULT[i.action] };
}

/** Only a draft may be edited in place; anything signed changes through an addendum. */
export const isEditable = (status: AgreementStatus) => status === 'draft';

export interface TermsVersion {
  source_id: string;
  source_kind: 'pks' | 'mou' | 'addendum';
  source_status: AgreementStatus;
  effective_from: string;
  scope: string | null;
  valid_to: string | null;
  obligations_first: string[];
  obligations_second: string[];
  materials_by: MaterialsBy | null;
  pay_model: PayModel;
  piece_rates: PieceRate[];
  rejects_saleable: boolean;
  premi_pct: number | null;
  pnbp_pct: number | null;
  capital_pct: number | null;
  notes: string | null;
}

/** An addendum's terms count once it is signed; the base agreement's own terms always count. */
function counts(v: TermsVersion): boolean {
  return v.source_kind !== 'addendum' || ['signed', 'active', 'expired'].includes(v.source_status);
}

/** The version in force on `day` (YYYY-MM-DD): the latest counted one effective on or before it. */
export function termsInForce(versions: readonly TermsVersion[], day: string): TermsVersion | undefined {
  let best: TermsVersion | undefined;
  for (const v of versions) {
    if (!counts(v) || v.effective_from > day) continue;
    if (
      !best ||
      v.effective_from > best.effective_from ||
      (v.effective_from === best.effective_from && v.source_kind === 'addendum')
    ) {
      best = v;
    }
  }
  return best;
}

export interface Split {
  premi: number;
  pnbp: number;
  capital: number;
  fromAgreement: boolean;
}

/** The agreement's own split when it sets one, else the unit's default (50/15/35 unless changed). */
export function effectiveSplit(
  terms: Pick<TermsVersion, 'premi_pct' | 'pnbp_pct' | 'capital_pct'> | undefined,
  unit: { premi_pct: number; pnbp_pct: number; capital_pct: number },
): Split {
  if (terms && terms.premi_pct !== null && terms.pnbp_pct !== null && terms.capital_pct !== null) {
    return { premi: terms.premi_pct, pnbp: terms.pnbp_pct, capital: terms.capital_pct, fromAgreement: true };
  }
  return { premi: unit.premi_pct, pnbp: unit.pnbp_pct, capital: unit.capital_pct, fromAgreement: false };
}

export type ReminderKind = 'agreement.ending_90' | 'agreement.ending_30' | 'agreement.overdue';

/** Which reminder applies today to an agreement that ends on validTo (none for open-ended ones). */
export function reminderFor(
  a: { status: AgreementStatus; validTo: string | null },
  today: string,
): ReminderKind | undefined {
  if (a.validTo === null) return undefined;
  if (a.status === 'active' && today > a.validTo) return 'agreement.overdue';
  if (a.status !== 'active' && a.status !== 'signed') return undefined;
  const left = daysBetween(today, a.validTo);
  if (left < 0) return undefined;
  if (left <= 30) return 'agreement.ending_30';
  if (left <= 90) return 'agreement.ending_90';
  return undefined;
}

/**
 * The piece rate for a product in the terms in force: matched on the product's name as the
 * agreement writes it (case and spacing ignored). Undefined when the terms have no rate for it.
 */
export function pieceRateFor(
  terms: Pick<TermsVersion, 'piece_rates'> | undefined,
  product: string,
): number | undefined {
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return terms?.piece_rates.find((r) => key(r.product) === key(product))?.rate;
}
