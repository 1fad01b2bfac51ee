// Input and output shapes of the inmate register. Outputs never carry the NIK, only nik_masked.
import { Type } from 'typebox';
import { EXPIRY_CHANGE_KINDS, REGISTER_CLASSES } from './inmates.rules.ts';

const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const day = Type.String({ format: 'date' });
const nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const GENDERS = ['L', 'P'] as const;
export const RISK_LEVELS = ['rendah', 'sedang', 'tinggi'] as const;
export const STATUSES = ['active', 'released', 'transferred'] as const;
export const CHANGES = ['release', 'transfer', 'readmit'] as const;

export const RegisterClassSchema = Type.Union(REGISTER_CLASSES.map((c) => Type.Literal(c)));
const Nik = Type.String({ pattern: '^[0-9]{16}$', description: 'NIK: 16 digits; stored, never returned' });

const fields = {
  unit_id: Type.Optional(Type.String({ format: 'uuid', description: "Defaults to the user's unit" })),
  reg_number: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'Registration number, e.g. "B.I 123/2025"; the register class follows from it',
  }),
  name: Type.String({ minLength: 2, maxLength: 120 }),
  gender: Type.Union(GENDERS.map((g) => Type.Literal(g))),
  birth_date: day,
  entry_date: day,
  expected_release_date: Type.Optional({
    ...day,
    description:
      'Tanggal ekspirasi. Once recorded it changes only through /expiry-changes (with its basis); left out on an update, it is kept',
  }),
  block: opt(40),
  room: opt(40),
  education: opt(60),
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
  skills: opt(600),
  interests: opt(600),
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
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});

export const StatusBody = Type.Object({
  change: Type.Union(CHANGES.map((c) => Type.Literal(c))),
  on_date: day,
  reason: opt(500),
});

export const RegisterFBody = Type.Object({
  entry_date: day,
  violation: Type.String({ minLength: 2, maxLength: 500 }),
  sanction: opt(500),
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
  new_expiry: day,
  reference: Type.Optional(
    Type.String({
      maxLength: 120,
      description: 'Order or decree number; required for a detention extension',
    }),
  ),
  authority: Type.Optional(
    Type.String({ maxLength: 200, description: 'Who issued it; required for a detention extension' }),
  ),
  order_date: Type.Optional({ ...day, description: 'Date of the order; required for a detention extension' }),
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
  on_date: day,
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
