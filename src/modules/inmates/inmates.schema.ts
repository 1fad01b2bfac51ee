// Input and output shapes of the inmate register. Outputs never carry the NIK, only nik_masked.
import { Type } from 'typebox';
import { date, nullable, optText, pageParam, UnitIdOrOwn } from '../../app/schema.ts';
import { EXPIRY_CHANGE_KINDS, REGISTER_CLASSES } from './inmates.rules.ts';

export const GENDERS = ['L', 'P'] as const;
export const RISK_LEVELS = ['rendah', 'sedang', 'tinggi'] as const;
export const STATUSES = ['active', 'released', 'transferred'] as const;
export const CHANGES = ['release', 'transfer', 'readmit'] as const;

export const RegisterClassSchema = Type.Union(REGISTER_CLASSES.map((c) => Type.Literal(c)));
const Nik = Type.String({ pattern: '^[0-9]{16}$', description: 'NIK: 16 digits; stored, never returned' });

const fields = {
  unit_id: UnitIdOrOwn,
  reg_number: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'Registration number, e.g. "B.I 123/2025"; the register class follows from it',
  }),
  name: Type.String({ minLength: 2, maxLength: 120 }),
  gender: Type.Union(GENDERS.map((g) => Type.Literal(g))),
  birth_date: date,
  entry_date: date,
  expected_release_date: Type.Optional({
    ...date,
    description:
      'Tanggal ekspirasi. Once recorded it changes only through /expiry-changes (with its basis); left out on an update, it is kept',
  }),
  block: optText(40),
  room: optText(40),
  education: optText(60),
  risk_level: Type.Optional(Type.Union(RISK_LEVELS.map((r) => Type.Literal(r)))),
  health_restriction: Type.Optional(Type.Boolean()),
};

/** The API body: skills and interests as lists; NIK null clears it, absent keeps it. */
export const InmateBody = Type.Object({
  ...fields,
  skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })),
  interests: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })),
  nik: Type.Optional(nullable(Nik)),
});

/** The HTML form: skills and interests as comma-separated text; an empty NIK keeps the stored one. */
export const InmateForm = Type.Object({
  ...fields,
  skills: optText(600),
  interests: optText(600),
  nik: Type.Optional(Nik),
});

export const InmateListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Name or registration number' })),
  status: Type.Optional(Type.Union(STATUSES.map((s) => Type.Literal(s)))),
  register_class: Type.Optional(RegisterClassSchema),
  block: Type.Optional(Type.String({ maxLength: 40 })),
  expiry: Type.Optional(
    Type.Literal('past', {
      description: "'past': only people still active after their tanggal ekspirasi (the unit's local date)",
    }),
  ),
  page: pageParam(),
});

export const StatusBody = Type.Object({
  change: Type.Union(CHANGES.map((c) => Type.Literal(c))),
  on_date: date,
  reason: optText(500),
});

export const RegisterFBody = Type.Object({
  entry_date: date,
  violation: Type.String({ minLength: 2, maxLength: 500 }),
  sanction: optText(500),
});

export const InmateOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  reg_number: Type.String(),
  register_class: Type.String(),
  category: Type.Union([Type.Literal('tahanan'), Type.Literal('narapidana')]),
  name: Type.String(),
  gender: Type.String(),
  birth_date: Type.String(),
  entry_date: Type.String(),
  expected_release_date: nullable(Type.String()),
  block: nullable(Type.String()),
  room: nullable(Type.String()),
  education: nullable(Type.String()),
  skills: Type.Array(Type.String()),
  interests: Type.Array(Type.String()),
  risk_level: nullable(Type.String()),
  health_restriction: Type.Boolean(),
  nik_masked: nullable(Type.String()),
  status: Type.String(),
  past_expiry: Type.Boolean({
    description:
      "Still active after the tanggal ekspirasi (expected_release_date) in the unit's local date: the register " +
      'needs a release, or an extension or correction recorded through /expiry-changes',
  }),
});

export const StatusEntryOut = Type.Object({
  id: Type.String(),
  status: Type.String(),
  on_date: Type.String(),
  reason: nullable(Type.String()),
  created_by_name: nullable(Type.String()),
});

export const RegisterFOut = Type.Object({
  id: Type.String(),
  entry_date: Type.String(),
  violation: Type.String(),
  sanction: nullable(Type.String()),
  created_by_name: nullable(Type.String()),
});

/** A new detention order (detainees) or a corrected tanggal ekspirasi with its basis. */
export const ExpiryChangeBody = Type.Object({
  kind: Type.Union(
    EXPIRY_CHANGE_KINDS.map((k) => Type.Literal(k)),
    {
      description:
        'detention_extension: a new detention order (perpanjangan penahanan); correction: a corrected date',
    },
  ),
  new_expiry: date,
  reference: Type.Optional(
    Type.String({
      maxLength: 120,
      description: 'Order or decree number; required for a detention extension',
    }),
  ),
  authority: Type.Optional(
    Type.String({ maxLength: 200, description: 'Who issued it; required for a detention extension' }),
  ),
  order_date: Type.Optional({
    ...date,
    description: 'Date of the order; required for a detention extension',
  }),
  basis: Type.Optional(Type.String({ maxLength: 500, description: 'Required for a correction' })),
});

export const ExpiryChangeOut = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  previous_expiry: nullable(Type.String()),
  new_expiry: Type.String(),
  reference: nullable(Type.String()),
  authority: nullable(Type.String()),
  order_date: nullable(Type.String()),
  basis: nullable(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  created_by_name: nullable(Type.String()),
});

export const InmateDetailOut = Type.Object({
  inmate: InmateOut,
  status_history: Type.Array(StatusEntryOut),
  register_f: Type.Array(RegisterFOut),
  expiry_changes: Type.Array(ExpiryChangeOut),
});

/** Marking people absent from a full roster: released or transferred out, with a reason. */
export const AbsentBody = Type.Object({
  change: Type.Union([Type.Literal('release'), Type.Literal('transfer')]),
  on_date: date,
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
