import { Type } from 'typebox';
import { date, nullable, pageParam, uuid } from '../../app/schema.ts';

const lit = <T extends string>(vs: readonly T[]) => Type.Union(vs.map((v) => Type.Literal(v)));

export const STATUSES = ['draft', 'signed', 'active', 'expired', 'terminated'] as const;
export const MATERIALS = ['unit', 'partner', 'shared'] as const;
export const PAY_MODELS = ['none', 'piece_rate', 'profit_split'] as const;

export const PartySchema = Type.Object({
  role: Type.Union([Type.Literal('first'), Type.Literal('second'), Type.Literal('other')]),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  signatory_name: Type.Optional(Type.String({ maxLength: 120 })),
  signatory_position: Type.Optional(Type.String({ maxLength: 120 })),
  signatory_nip: Type.Optional(Type.String({ pattern: '^[0-9]{18}$' })),
});

export const PieceRateSchema = Type.Object({
  product: Type.String({ minLength: 1, maxLength: 120 }),
  unit: Type.String({ minLength: 1, maxLength: 30 }),
  rate: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
});

export const TermsSchema = Type.Object({
  scope: Type.Optional(Type.String({ maxLength: 4000 })),
  valid_to: Type.Optional(date),
  obligations_first: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50 }),
  ),
  obligations_second: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50 }),
  ),
  materials_by: Type.Optional(lit(MATERIALS)),
  pay_model: Type.Optional(lit(PAY_MODELS)),
  piece_rates: Type.Optional(Type.Array(PieceRateSchema, { maxItems: 50 })),
  rejects_saleable: Type.Optional(
    Type.Boolean({ description: 'Rejects that cannot be reworked may be sold by the unit itself' }),
  ),
  premi_pct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  pnbp_pct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  capital_pct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
});

const common = {
  title: Type.String({ minLength: 3, maxLength: 300 }),
  number_first: Type.Optional(Type.String({ maxLength: 100 })),
  number_second: Type.Optional(Type.String({ maxLength: 100 })),
  signed_on: Type.Optional(date),
  signed_place: Type.Optional(Type.String({ maxLength: 100 })),
  valid_from: date,
  parties: Type.Optional(Type.Array(PartySchema, { maxItems: 10 })),
  program_aksi_ids: Type.Optional(Type.Array(uuid, { maxItems: 20, uniqueItems: true })),
  terms: Type.Optional(TermsSchema),
};

/** The API body for a PKS or MoU. */
export const AgreementBody = Type.Object({
  partner_id: uuid,
  kind: lit(['pks', 'mou'] as const),
  ...common,
});
/** The API body for an addendum: partner and kind follow from the parent. */
export const AddendumBody = Type.Object(common);

/** The HTML form: lists as text areas, one item per line; parties as fixed fields. */
const formFields = {
  title: common.title,
  number_first: common.number_first,
  number_second: common.number_second,
  signed_on: common.signed_on,
  signed_place: common.signed_place,
  valid_from: date,
  valid_to: Type.Optional(date),
  scope: Type.Optional(Type.String({ maxLength: 4000 })),
  obligations_first: Type.Optional(Type.String({ maxLength: 20000 })),
  obligations_second: Type.Optional(Type.String({ maxLength: 20000 })),
  materials_by: Type.Optional(lit(MATERIALS)),
  pay_model: Type.Optional(lit(PAY_MODELS)),
  piece_rates: Type.Optional(Type.String({ maxLength: 10000 })),
  rejects_saleable: Type.Optional(Type.Boolean()),
  premi_pct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  pnbp_pct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  capital_pct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
  program_aksi_ids: Type.Optional(Type.Array(uuid, { maxItems: 20 })),
  first_name: Type.Optional(Type.String({ maxLength: 200 })),
  first_signatory: Type.Optional(Type.String({ maxLength: 120 })),
  first_position: Type.Optional(Type.String({ maxLength: 120 })),
  first_nip: Type.Optional(Type.String({ pattern: '^[0-9]{18}$' })),
  second_name: Type.Optional(Type.String({ maxLength: 200 })),
  second_signatory: Type.Optional(Type.String({ maxLength: 120 })),
  second_position: Type.Optional(Type.String({ maxLength: 120 })),
  second_nip: Type.Optional(Type.String({ pattern: '^[0-9]{18}$' })),
  other_name: Type.Optional(Type.String({ maxLength: 200 })),
  other_signatory: Type.Optional(Type.String({ maxLength: 120 })),
  other_position: Type.Optional(Type.String({ maxLength: 120 })),
};
export const AgreementForm = Type.Object({
  partner_id: uuid,
  kind: lit(['pks', 'mou'] as const),
  ...formFields,
});
export const AddendumForm = Type.Object(formFields);

export const ActionBody = Type.Object({
  action: lit(['sign', 'activate', 'expire', 'terminate'] as const),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
  on: Type.Optional(date),
});

/** Marking signed: the signing date, asked for when the draft has none (an empty field is no date). */
export const SignBody = Type.Object({
  signed_on: Type.Optional(Type.Union([date, Type.Literal('')])),
});

export const AgreementListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(lit(STATUSES)),
  partner_id: Type.Optional(uuid),
  page: pageParam(),
});

export const AgreementQuery = Type.Object({ on: Type.Optional(date) });

export const EvaluationBody = Type.Object({
  evaluated_on: date,
  evaluator: Type.String({ minLength: 2, maxLength: 120 }),
  findings: Type.String({ minLength: 3, maxLength: 5000 }),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  actions: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 5000 }),
      Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 30 }),
    ]),
  ),
});

export const ActionStatusBody = Type.Object({ status: lit(['open', 'in_progress', 'done'] as const) });

export const TermsOut = Type.Object({
  source_id: Type.String(),
  source_kind: Type.String(),
  effective_from: Type.String(),
  scope: nullable(Type.String()),
  valid_to: nullable(Type.String()),
  obligations_first: Type.Array(Type.String()),
  obligations_second: Type.Array(Type.String()),
  materials_by: nullable(Type.String()),
  pay_model: Type.String(),
  piece_rates: Type.Array(PieceRateSchema),
  rejects_saleable: Type.Boolean(),
  split: Type.Object({
    premi: Type.Integer(),
    pnbp: Type.Integer(),
    capital: Type.Integer(),
    from_agreement: Type.Boolean(),
  }),
  notes: nullable(Type.String()),
});

export const AgreementOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  partner_id: Type.String(),
  partner_name: Type.String(),
  kind: Type.String(),
  parent_id: nullable(Type.String()),
  title: Type.String(),
  number_first: nullable(Type.String()),
  number_second: nullable(Type.String()),
  signed_on: nullable(Type.String()),
  signed_place: nullable(Type.String()),
  valid_from: Type.String(),
  valid_to: nullable(Type.String()),
  status: Type.String(),
  terminated_on: nullable(Type.String()),
  terminated_reason: nullable(Type.String()),
  parties: Type.Array(PartySchema),
});

export const AgreementDetailOut = Type.Object({
  agreement: AgreementOut,
  on: Type.String(),
  terms_in_force: nullable(TermsOut),
  addenda: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      status: Type.String(),
      valid_from: Type.String(),
    }),
  ),
  program_aksi: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
  documents: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      filename: Type.String(),
      mime: Type.String(),
      size: Type.Integer(),
      created_at: Type.String(),
    }),
  ),
  evaluations: Type.Array(
    Type.Object({
      id: Type.String(),
      evaluated_on: Type.String(),
      evaluator: Type.String(),
      findings: Type.String(),
      score: Type.Integer(),
      actions: Type.Array(
        Type.Object({
          id: Type.String(),
          action: Type.String(),
          status: Type.String(),
          due_on: nullable(Type.String()),
        }),
      ),
    }),
  ),
});
