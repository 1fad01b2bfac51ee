// Input and output schemas of job offers and applications: the offer (JSON and HTML form), the
// list's filters, an application and a status change, and what the API answers.
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, uuid } from '../../app/schema.ts';
import { APPLICATION_STATUSES } from './job-offers.rules.ts';

export const PAY_BASES = ['month', 'week', 'day', 'piece'] as const;
export const OFFER_STATUSES = ['open', 'closed'] as const;
export const STATUSES = APPLICATION_STATUSES as unknown as [
  'diajukan',
  'wawancara',
  'diterima',
  'ditolak',
  'mundur',
];

const rupiah = Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Whole rupiah' });

const fields = {
  partner_id: uuid,
  position: Type.String({ minLength: 3, maxLength: 200 }),
  place: Type.String({ minLength: 2, maxLength: 200 }),
  home_based: Type.Optional(Type.Boolean({ description: 'Work done at home (e.g. knitting on order)' })),
  pay_from: Type.Optional(rupiah),
  pay_to: Type.Optional(rupiah),
  pay_basis: Type.Optional(enumOf(PAY_BASES)),
  requirements: optText(2000),
  skill_area: Type.Optional(
    Type.String({ maxLength: 100, description: "Matched against completed programmes' skill area" }),
  ),
  opens_on: date,
  closes_on: date,
  status: Type.Optional(enumOf(OFFER_STATUSES)),
};

/** The API body: competencies as a list. */
export const OfferBody = Type.Object({
  ...fields,
  competencies: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      maxItems: 30,
      description: 'Curriculum unit codes or titles the offer asks for',
    }),
  ),
});

/** The HTML form: competencies one per line. */
export const OfferForm = Type.Object({ ...fields, competencies: optText(3000) });

export const OfferListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(enumOf(OFFER_STATUSES)),
  page: pageParam(),
});

export const OfferParams = Type.Object({ id: uuid });
export const ApplicationParams = Type.Object({ id: uuid, applicationId: uuid });

export const ApplicationBody = Type.Object({
  inmate_id: uuid,
  applied_on: Type.Optional({ ...date, description: 'Today when absent' }),
  note: optText(1000),
});

export const StatusBody = Type.Object({
  status: enumOf(STATUSES),
  on_date: Type.Optional({ ...date, description: 'Today when absent' }),
  note: optText(1000),
});

export const OfferOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  partner_id: Type.String(),
  partner_name: Type.String(),
  position: Type.String(),
  place: Type.String(),
  home_based: Type.Boolean(),
  pay_from: nullable(Type.Integer()),
  pay_to: nullable(Type.Integer()),
  pay_basis: nullable(Type.String()),
  requirements: Type.String(),
  skill_area: nullable(Type.String()),
  competencies: Type.Array(Type.String()),
  opens_on: Type.String(),
  closes_on: Type.String(),
  status: Type.String(),
  applications: Type.Integer(),
});

export const CandidateOut = Type.Object({
  inmate_id: Type.String(),
  name: Type.String(),
  status: Type.String({ description: 'The person: active or released' }),
  cv_consent: Type.Boolean({ description: 'A live consent to share their CV with employers' }),
  skill_area: Type.Boolean(),
  competencies: Type.Array(Type.String()),
  programmes: Type.Array(Type.String()),
  score: Type.Integer(),
  application_status: nullable(Type.String()),
});

export const EventOut = Type.Object({
  status: Type.String(),
  on_date: Type.String(),
  note: nullable(Type.String()),
});

export const ApplicationOut = Type.Object({
  id: Type.String(),
  offer_id: Type.String(),
  inmate_id: Type.String(),
  name: Type.String(),
  status: Type.String(),
  applied_on: Type.String(),
  status_on: Type.String(),
  note: nullable(Type.String()),
  cv_consent: Type.Boolean(),
  events: Type.Array(EventOut),
});
