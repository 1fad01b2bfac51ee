// Input and output schemas of the release pipeline: the list's window, a case's details, a
// checklist item, a consent and its withdrawal, the release, the unit's checklist templates, and what
// the API answers. The HTML forms post the same bodies (empty answers arrive absent).
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, pageParam, uuid } from '../../app/schema.ts';
import { INTEGRASI_KINDS, PLANS, PURPOSES, RELEASE_KINDS, WINDOWS } from './reintegration.rules.ts';

export const ITEM_STATUSES = ['open', 'done', 'not_applicable'] as const;

export const PipelineQuery = Type.Object({
  window: Type.Optional({
    ...enumOf(WINDOWS),
    description: '30 or 90 days ahead, or released; 90 when absent',
  }),
  page: pageParam(),
});

export const InmateParams = Type.Object({ inmateId: uuid });
export const ItemParams = Type.Object({ inmateId: uuid, itemId: uuid });
export const ConsentParams = Type.Object({ inmateId: uuid, consentId: uuid });

export const CaseBody = Type.Object({
  integrasi_kind: Type.Optional(enumOf(INTEGRASI_KINDS)),
  integrasi_date: Type.Optional({ ...date, description: 'The planned integrasi day; needs decree_number' }),
  decree_number: optText(100),
  decree_date: Type.Optional(date),
  plan: Type.Optional(enumOf(PLANS)),
  guarantor_name: optText(200),
  guarantor_relation: optText(100),
  guarantor_phone: optText(30),
  address_after_release: optText(500),
  bank_name: optText(100),
  bank_account: optText(40),
  bapas_unit_id: Type.Optional(uuid),
  pk_user_id: Type.Optional(uuid),
});

export const ItemBody = Type.Object({
  owner_id: Type.Optional(uuid),
  due_on: date,
  status: enumOf(ITEM_STATUSES),
  note: optText(500),
});

export const ConsentBody = Type.Object({
  purpose: enumOf(PURPOSES),
  given_on: date,
  note: optText(500),
});

export const WithdrawBody = Type.Object({
  withdrawn_on: Type.Optional({ ...date, description: "Today in the unit's zone when absent" }),
});

export const ReleaseBody = Type.Object({
  released_on: date,
  release_kind: enumOf(RELEASE_KINDS),
});

const daysBefore = Type.Integer({
  minimum: 0,
  maximum: 180,
  description: 'Due this many days before release',
});

export const TemplateBody = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 200 }),
  days_before: daysBefore,
});

export const TemplateUpdateBody = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 200 }),
  days_before: daysBefore,
  active: Type.Boolean(),
});

export const IdOut = Type.Object({ id: Type.String() });

export const PipelineOut = Type.Object({
  inmate_id: Type.String(),
  name: Type.String(),
  reg_number: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  release_date: nullable(Type.String()),
  days_left: nullable(Type.Integer()),
  integrasi_kind: nullable(Type.String()),
  plan: nullable(Type.String()),
  participant: nullable(Type.String({ description: 'current, former, or null (never in a programme)' })),
  case_id: nullable(Type.String()),
  released_on: nullable(Type.String()),
  release_kind: nullable(Type.String()),
  open_items: Type.Integer(),
  overdue_items: Type.Integer(),
});

const ItemOut = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  label: nullable(Type.String()),
  owner_id: nullable(Type.String()),
  owner_name: nullable(Type.String()),
  due_on: Type.String(),
  status: Type.String(),
  note: nullable(Type.String()),
  done_on: nullable(Type.String()),
  overdue: Type.Boolean(),
});

const ConsentOut = Type.Object({
  id: Type.String(),
  purpose: Type.String(),
  given_on: Type.String(),
  note: nullable(Type.String()),
  withdrawn_on: nullable(Type.String()),
});

export const CaseOut = Type.Object({
  inmate_id: Type.String(),
  name: Type.String(),
  reg_number: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  status: Type.String(),
  expected_release_date: nullable(Type.String()),
  release_date: nullable(Type.String()),
  case: nullable(
    Type.Object({
      id: Type.String(),
      integrasi_kind: nullable(Type.String()),
      integrasi_date: nullable(Type.String()),
      decree_number: nullable(Type.String()),
      decree_date: nullable(Type.String()),
      plan: nullable(Type.String()),
      guarantor_name: nullable(Type.String()),
      guarantor_relation: nullable(Type.String()),
      guarantor_phone: nullable(Type.String()),
      address_after_release: nullable(Type.String()),
      bank_name: nullable(Type.String()),
      bank_account: nullable(Type.String()),
      bapas_unit_id: nullable(Type.String()),
      bapas_name: nullable(Type.String()),
      pk_user_id: nullable(Type.String()),
      pk_name: nullable(Type.String()),
      released_on: nullable(Type.String()),
      release_kind: nullable(Type.String()),
    }),
  ),
  items: Type.Array(ItemOut),
  consents: Type.Array(ConsentOut),
});

export const TemplateOut = Type.Object({
  id: Type.String(),
  label: Type.String(),
  days_before: Type.Integer(),
  active: Type.Boolean(),
});

export const SummaryQuery = Type.Object({ unit_id: uuid });
export const SummaryOut = Type.Object({
  within30: Type.Integer(),
  within90: Type.Integer(),
  overdueItems: Type.Integer(),
});
