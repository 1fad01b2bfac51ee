// Input and output schemas of the monthly reports: the list's filters, the draft, the narrative, the
// signature, the review and the revision (JSON and the HTML forms alike), and what the API answers.
// The figures keep the names of the shared aggregate shapes (src/modules/rollups/rollups.figures.ts).
import { Type } from 'typebox';
import { date, enumOf, nullable, optText, uuid } from '../../app/schema.ts';

export const STATUSES = ['draft', 'submitted', 'acknowledged', 'returned'] as const;

const month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

export const ListQuery = Type.Object({
  month: Type.Optional({ ...month, description: 'YYYY-MM; every month when absent' }),
  status: Type.Optional(enumOf(STATUSES)),
  unit_id: Type.Optional(uuid),
});

export const DraftBody = Type.Object({
  unit_id: Type.Optional({ ...uuid, description: "Defaults to the user's unit" }),
  month: { ...month, description: 'YYYY-MM: a month that has ended in the unit' },
  narrative: optText(20_000),
});

export const NarrativeBody = Type.Object({
  narrative: Type.Optional(Type.String({ maxLength: 20_000, description: 'Empty when absent' })),
});

export const SubmitBody = Type.Object({
  signed_on: Type.Optional({
    ...date,
    description: "The signing date; today in the unit's zone when absent",
  }),
});

export const ReviewBody = Type.Object({ note: optText(2000) });
export const ReturnBody = Type.Object({
  note: Type.String({ maxLength: 2000, description: 'What the unit must correct (required)' }),
});
export const ReviseBody = Type.Object({
  reason: Type.String({ maxLength: 2000, description: 'Why a new version is made (required)' }),
});

const n = Type.Integer({ minimum: 0 });
const rupiah = Type.Integer({ description: 'Whole rupiah' });

const Participants = Type.Object({ narapidana: n, tahanan: n, intern: n, staff: n, total: n });
const Marks = Type.Object({ hadir: n, terlambat: n, izin: n, sakit: n, alpa: n, dispensasi: n });
const monthFigures = {
  month: Type.String({ description: 'YYYY-MM' }),
  participants: Participants,
  enrolled: n,
  completed: n,
  sessionsHeld: n,
  sessionsCancelled: n,
  marks: Marks,
  competencies: n,
  certificates: n,
  certificatesRevoked: n,
  itemsFinished: n,
  itemsChecked: n,
  itemsPassed: n,
  offtakeValue: rupiah,
  salesCount: Type.Integer(),
  salesValue: rupiah,
};

const UnitFigures = Type.Object({
  ...monthFigures,
  unitId: Type.String(),
  programmesRunning: n,
  programAksiServed: n,
  premi: Type.Optional(rupiah),
  pnbp: Type.Optional(rupiah),
  capital: Type.Optional(rupiah),
  pnbpDeposited: Type.Optional(rupiah),
  agreementsNew: n,
  agreementsEnding: n,
  agreementsActive: n,
  partnersActive: n,
});

const Rate = Type.Object({
  count: n,
  n,
  pct: nullable(Type.Number({ description: 'Percent, one decimal; null when n is under 5 (not shown)' })),
});

export const FiguresOut = Type.Object(
  {
    month: Type.String(),
    unit: UnitFigures,
    programmes: Type.Array(
      Type.Object({
        ...monthFigures,
        unitId: Type.String(),
        programmeId: Type.String(),
        name: Type.String(),
        kind: nullable(Type.String()),
        partnerName: nullable(Type.String()),
      }),
    ),
    programAksi: Type.Array(
      Type.Object({
        id: Type.String(),
        number: nullable(Type.Integer()),
        title: Type.String(),
        programmes: n,
      }),
    ),
    computedAt: nullable(Type.String({ description: 'When the aggregates read were recomputed' })),
    outcomes: Type.Optional(
      Type.Object(
        {
          from: Type.String({ description: 'YYYY-MM: the first release month counted' }),
          to: Type.String({ description: 'YYYY-MM: the report month' }),
          counts: Type.Object({ released: n, followedUp: n, m6: n, m6Working: n, m12: n, m12Reoffended: n }),
          rates: Type.Object({ followedUp: Rate, working6: Rate, reoffended12: Rate }),
        },
        {
          description:
            'Reintegration outcomes of the participants released in the 12 months up to the month (absent from reports submitted before issue 16)',
        },
      ),
    ),
  },
  {
    description:
      'Counts and sums of the month, never a person; premi and PNBP only for readers allowed totals',
  },
);

export const ReportListOut = Type.Object({
  id: Type.String(),
  unit_id: Type.String(),
  unit_name: Type.String(),
  month: Type.String({ description: 'YYYY-MM' }),
  version: Type.Integer(),
  status: enumOf(STATUSES),
  submitted_at: nullable(Type.String({ format: 'date-time' })),
  first_submitted_at: nullable(Type.String({ format: 'date-time' })),
  due_on: Type.String({ format: 'date' }),
  late: Type.Boolean(),
});

export const ListOut = Type.Object({
  items: Type.Array(ReportListOut),
  counts: Type.Record(Type.String(), Type.Integer()),
});

const VersionOut = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  status: enumOf(STATUSES),
  revision_reason: nullable(Type.String()),
  submitted_at: nullable(Type.String({ format: 'date-time' })),
  reviewed_at: nullable(Type.String({ format: 'date-time' })),
  review_note: nullable(Type.String()),
});

export const ReportOut = Type.Object({
  ...ReportListOut.properties,
  kanwil_name: Type.String(),
  narrative: Type.String(),
  revision_reason: nullable(Type.String()),
  drafted_by_name: nullable(Type.String()),
  signed_by_name: nullable(Type.String()),
  signed_on: nullable(Type.String({ format: 'date' })),
  reviewed_by_name: nullable(Type.String()),
  reviewed_at: nullable(Type.String({ format: 'date-time' })),
  review_note: nullable(Type.String()),
  live: Type.Boolean({ description: 'True for a draft: figures read live, not frozen' }),
  latest: Type.Boolean(),
  figures: FiguresOut,
  versions: Type.Array(VersionOut),
});

export const CreatedOut = Type.Object({ id: Type.String() });
export const StatusOut = Type.Object({ id: Type.String(), status: enumOf(STATUSES) });
