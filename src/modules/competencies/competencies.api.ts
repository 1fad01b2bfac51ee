// /api/v1: a programme's competency matrix, one participant's record, assessing one unit, and
// assessing many (any participants × units of one programme) in one request.
import { type App, ctxOf } from '../../app/http.ts';
import type { Ctx } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { assessMany } from './competencies.bulk.ts';
import {
  AssessApiBody,
  BatchApiBody,
  BatchOut,
  MatrixOut,
  ParticipantOut,
  UnitParams,
} from './competencies.schema.ts';
import type { CompetencyRecordUnit } from './competencies.service.ts';
import * as service from './competencies.service.ts';

const tags = ['competencies'];

const unitOut = (
  u: CompetencyRecordUnit & { evidence?: string | null; note?: string | null; assessedBy?: string | null },
) => ({
  unit_id: u.unitId,
  code: u.code,
  title: u.title,
  core: u.core,
  target_hours: u.targetHours,
  hours_attended: u.hoursAttended,
  status: u.status,
  assessed_on: u.assessedOn,
  ...(u.evidence !== undefined ? { evidence: u.evidence } : {}),
  ...(u.note !== undefined ? { note: u.note } : {}),
  ...(u.assessedBy !== undefined ? { assessed_by: u.assessedBy } : {}),
});

async function participant(ctx: Ctx, id: string) {
  const d = await service.participantCompetencies(ctx, id);
  return {
    enrolment_id: d.enrolment.id,
    programme_id: d.programme.id,
    name: d.enrolment.name,
    status: d.enrolment.status,
    units: d.units.map(unitOut),
  };
}

export async function competenciesApi(app: App) {
  app.get(
    '/api/v1/programmes/:id/competencies',
    {
      config: { permission: 'attendance.view' },
      schema: {
        tags,
        summary: 'Participants × curriculum units: status, assessment date and hours attended',
        params: IdParams,
        response: { 200: MatrixOut },
      },
    },
    async (req) => {
      const d = await service.programmeMatrix(ctxOf(req), req.params.id);
      return {
        programme_id: d.programme.id,
        units: d.units.map((u) => ({
          id: u.id,
          code: u.code,
          title: u.title,
          core: u.core,
          target_hours: u.target_hours,
        })),
        participants: d.rows.map((r) => ({
          enrolment_id: r.id,
          programme_id: d.programme.id,
          name: r.name,
          status: r.status,
          units: r.record.map(unitOut),
        })),
      };
    },
  );

  app.put(
    '/api/v1/programmes/:id/competencies',
    {
      config: { permission: 'competencies.assess' },
      schema: {
        tags,
        summary: 'Assess many participants and units of a programme in one transaction',
        description:
          'Every row is checked before anything is saved: a refusal is a 400 naming each row and field ' +
          '(`assessments.<index>.<field>`), and nothing is written. Rows that change nothing are counted ' +
          'as unchanged; each changed assessment is audited.',
        params: IdParams,
        body: BatchApiBody,
        response: { 200: BatchOut },
      },
    },
    async (req) =>
      assessMany(
        ctxOf(req),
        { programmeId: req.params.id, items: req.body.assessments },
        (i, _item, name) => `assessments.${i}.${name}`,
      ),
  );

  app.get(
    '/api/v1/enrolments/:id/competencies',
    {
      config: { permission: 'attendance.view' },
      schema: {
        tags,
        summary: "One participant's competency record with evidence",
        params: IdParams,
        response: { 200: ParticipantOut },
      },
    },
    async (req) => participant(ctxOf(req), req.params.id),
  );

  app.put(
    '/api/v1/enrolments/:id/competencies/:unitId',
    {
      config: { permission: 'competencies.assess' },
      schema: {
        tags,
        summary: 'Assess one curriculum unit of a participant (a verdict needs a date and evidence)',
        params: UnitParams,
        body: AssessApiBody,
        response: { 200: ParticipantOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.assessUnit(ctx, req.params.id, { ...req.body, unit_id: req.params.unitId });
      return participant(ctx, req.params.id);
    },
  );
}
