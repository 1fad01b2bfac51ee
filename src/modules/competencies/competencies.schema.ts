import { Type } from 'typebox';
import { date, nullable, uuid } from '../../app/schema.ts';
import { COMPETENCY_STATUSES } from './competencies.rules.ts';

const status = Type.Enum([...COMPETENCY_STATUSES]);

const assessment = {
  status,
  assessed_on: Type.Optional({ ...date, description: 'Required for competent and not_yet_competent' }),
  evidence: Type.Optional(
    Type.String({ maxLength: 2000, description: 'Required for competent and not_yet_competent' }),
  ),
};

export const AssessBody = Type.Object({ unit_id: uuid, ...assessment });
export const AssessApiBody = Type.Object(assessment);
export const UnitParams = Type.Object({ id: uuid, unitId: uuid });

/**
 * A bulk page's form: per row (a participant on the unit page, a unit on the participant page)
 * `status.<row id>` (one of DECISIONS), `assessed_on.<id>`, `evidence.<id>` and `note.<id>`.
 */
export const SheetFormBody = Type.Object({}, { additionalProperties: Type.String({ maxLength: 2000 }) });

export const BatchApiBody = Type.Object({
  assessments: Type.Array(
    Type.Object({
      enrolment_id: uuid,
      unit_id: uuid,
      status: Type.Enum([...COMPETENCY_STATUSES, 'pending'], {
        description:
          "'pending' keeps a status without a verdict and turns a withdrawn verdict into in_progress",
      }),
      assessed_on: Type.Optional({
        ...date,
        description: 'Required for competent and not_yet_competent; not kept without a verdict',
      }),
      evidence: Type.Optional(
        Type.String({ maxLength: 2000, description: 'Required for competent and not_yet_competent' }),
      ),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
    }),
    { minItems: 1, maxItems: 2000 },
  ),
});

export const BatchOut = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});

export const RecordUnitOut = Type.Object({
  unit_id: Type.String(),
  code: nullable(Type.String()),
  title: Type.String(),
  core: Type.Boolean(),
  target_hours: Type.Number(),
  hours_attended: Type.Number({ description: 'From attendance and the units the session journals list' }),
  status,
  assessed_on: nullable(date),
  evidence: Type.Optional(nullable(Type.String())),
  note: Type.Optional(nullable(Type.String())),
  assessed_by: Type.Optional(nullable(Type.String())),
});

export const ParticipantOut = Type.Object({
  enrolment_id: Type.String(),
  programme_id: Type.String(),
  name: Type.String(),
  status: Type.String(),
  units: Type.Array(RecordUnitOut),
});

export const MatrixOut = Type.Object({
  programme_id: Type.String(),
  units: Type.Array(
    Type.Object({
      id: Type.String(),
      code: nullable(Type.String()),
      title: Type.String(),
      core: Type.Boolean(),
      target_hours: Type.Number(),
    }),
  ),
  participants: Type.Array(ParticipantOut),
});
