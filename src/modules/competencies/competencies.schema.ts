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
