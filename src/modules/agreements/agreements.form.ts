// Converts between the agreement form (lists as lines of text, parties as fixed fields) and the
// service's input. Pure, so the parsing of "product; unit; rate" lines is unit-tested.
import { type FieldError, invalid } from '../../app/errors.ts';
import type { AgreementParty, MaterialsBy, PayModel, PieceRate } from '../../db/schema.ts';
import type { TermsVersion } from './agreements.rules.ts';
import type { AgreementInput, AgreementRow } from './agreements.service.ts';

export interface AgreementFormValues {
  title: string;
  number_first?: string | undefined;
  number_second?: string | undefined;
  signed_on?: string | undefined;
  signed_place?: string | undefined;
  valid_from: string;
  valid_to?: string | undefined;
  scope?: string | undefined;
  obligations_first?: string | undefined;
  obligations_second?: string | undefined;
  materials_by?: MaterialsBy | undefined;
  pay_model?: PayModel | undefined;
  piece_rates?: string | undefined;
  rejects_saleable?: boolean | undefined;
  premi_pct?: number | undefined;
  pnbp_pct?: number | undefined;
  capital_pct?: number | undefined;
  notes?: string | undefined;
  program_aksi_ids?: string[] | undefined;
  first_name?: string | undefined;
  first_signatory?: string | undefined;
  first_position?: string | undefined;
  first_nip?: string | undefined;
  second_name?: string | undefined;
  second_signatory?: string | undefined;
  second_position?: string | undefined;
  second_nip?: string | undefined;
  other_name?: string | undefined;
  other_signatory?: string | undefined;
  other_position?: string | undefined;
}

export const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(\d+[.)]|[-•*])\s*/, '').trim())
    .filter(Boolean);

/** "Tas rajut; buah; 25.000" -> { product, unit, rate: 25000 }. Rupiah may carry dots or "Rp". */
export function parsePieceRates(text: string | undefined): { rates: PieceRate[]; badLine: number | null } {
  const rates: PieceRate[] = [];
  const rows = (text ?? '').split(/\r?\n/).map((l) => l.trim());
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const [product, unit, rate] = row.split(/[;|]/).map((p) => p.trim());
    const amount = Number(
      (rate ?? '')
        .replace(/^rp\.?\s*/i, '')
        .replace(/[.\s]/g, '')
        .replace(',', '.'),
    );
    if (!product || !unit || !rate || !Number.isInteger(amount) || amount < 0)
      return { rates, badLine: i + 1 };
    rates.push({ product, unit, rate: amount });
  }
  return { rates, badLine: null };
}

function party(
  role: AgreementParty['role'],
  name?: string,
  signatory?: string,
  position?: string,
  nip?: string,
): AgreementParty | null {
  if (!name) return null;
  return { role, name, signatory_name: signatory, signatory_position: position, signatory_nip: nip };
}

export function formToInput(v: AgreementFormValues): AgreementInput {
  const errors: FieldError[] = [];
  const { rates, badLine } = parsePieceRates(v.piece_rates);
  if (badLine !== null) errors.push({ field: 'piece_rates', key: 'agreements.badPieceRate' });
  if (errors.length) throw invalid(errors);
  const parties = [
    party('first', v.first_name, v.first_signatory, v.first_position, v.first_nip),
    party('second', v.second_name, v.second_signatory, v.second_position, v.second_nip),
    party('other', v.other_name, v.other_signatory, v.other_position),
  ].filter((p): p is AgreementParty => p !== null);
  return {
    title: v.title,
    number_first: v.number_first,
    number_second: v.number_second,
    signed_on: v.signed_on,
    signed_place: v.signed_place,
    valid_from: v.valid_from,
    parties,
    program_aksi_ids: v.program_aksi_ids,
    terms: {
      scope: v.scope,
      valid_to: v.valid_to,
      obligations_first: lines(v.obligations_first),
      obligations_second: lines(v.obligations_second),
      materials_by: v.materials_by,
      pay_model: v.pay_model,
      piece_rates: rates,
      rejects_saleable: v.rejects_saleable ?? false,
      premi_pct: v.premi_pct,
      pnbp_pct: v.pnbp_pct,
      capital_pct: v.capital_pct,
      notes: v.notes,
    },
  };
}

/** The form prefilled from a stored agreement and its own terms, for editing a draft. */
export function formFromAgreement(
  a: AgreementRow,
  own: TermsVersion | undefined,
  programAksiIds: string[],
): Record<string, unknown> {
  const p = (role: AgreementParty['role']) => a.parties.find((x) => x.role === role);
  return {
    partner_id: a.partner_id,
    kind: a.kind,
    title: a.title,
    number_first: a.number_first ?? '',
    number_second: a.number_second ?? '',
    signed_on: a.signed_on ?? '',
    signed_place: a.signed_place ?? '',
    valid_from: a.valid_from,
    valid_to: own?.valid_to ?? '',
    scope: own?.scope ?? '',
    obligations_first: (own?.obligations_first ?? []).join('\n'),
    obligations_second: (own?.obligations_second ?? []).join('\n'),
    materials_by: own?.materials_by ?? '',
    pay_model: own?.pay_model ?? 'none',
    piece_rates: (own?.piece_rates ?? []).map((r) => `${r.product}; ${r.unit}; ${r.rate}`).join('\n'),
    rejects_saleable: own?.rejects_saleable ? 'true' : '',
    premi_pct: own?.premi_pct ?? '',
    pnbp_pct: own?.pnbp_pct ?? '',
    capital_pct: own?.capital_pct ?? '',
    notes: own?.notes ?? '',
    program_aksi_ids: programAksiIds,
    first_name: p('first')?.name ?? '',
    first_signatory: p('first')?.signatory_name ?? '',
    first_position: p('first')?.signatory_position ?? '',
    first_nip: p('first')?.signatory_nip ?? '',
    second_name: p('second')?.name ?? '',
    second_signatory: p('second')?.signatory_name ?? '',
    second_position: p('second')?.signatory_position ?? '',
    second_nip: p('second')?.signatory_nip ?? '',
    other_name: p('other')?.name ?? '',
    other_signatory: p('other')?.signatory_name ?? '',
    other_position: p('other')?.signatory_position ?? '',
  };
}
