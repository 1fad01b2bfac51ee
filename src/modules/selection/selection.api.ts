// /api/v1: intakes, candidates, assessment, consent, the TPP decision and its approval, and enrolling
// an accepted candidate (the enrolments themselves: enrolments.api.ts).

import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import type { Ctx } from '../../app/principal.ts';
import { IdParams, uuid } from '../../app/schema.ts';
import {
  CandidateBody,
  CandidateParams,
  CloseBody,
  ConsentBody,
  EnrolCandidateBody,
  IntakeBody,
  IntakeDetailOut,
  IntakeListOut,
  IntakeListQuery,
  IntakeOut,
  ScoresBody,
  TppBody,
} from './selection.schema.ts';
import * as service from './selection.service.ts';

const view = { permission: 'selection.view' as const };
const manage = { permission: 'selection.manage' as const };
const approve = { permission: 'selection.approve' as const };
const tags = ['selection'];
const Created = Type.Object({ id: uuid });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The intake page's data in API form: dates as ISO strings, eligibility flattened. */
export async function intakeJson(ctx: Ctx, id: string) {
  const d = await service.intakeDetail(ctx, id);
  return {
    intake: { ...d.intake, closed_at: iso(d.intake.closed_at) },
    candidates: d.candidates.map((c) => ({
      ...c,
      consent_recorded_at: iso(c.consent_recorded_at),
      consent_withdrawn_at: iso(c.consent_withdrawn_at),
    })),
    tpp: d.tpp ? { ...d.tpp, approved_at: iso(d.tpp.approved_at) } : null,
    proposals: d.proposals.map((p) => ({
      ...p,
      eligible: p.result.eligible,
      needs_consent: p.result.eligible ? p.result.needsConsent : false,
      reasons: p.result.eligible ? [] : p.result.reasons,
    })),
  };
}

export async function selectionApi(app: App) {
  app.get(
    '/api/v1/intakes',
    {
      config: view,
      schema: {
        tags,
        summary: "Intakes of the programmes in the caller's units, newest first",
        querystring: IntakeListQuery,
        response: { 200: IntakeListOut },
      },
    },
    async (req) => {
      const r = await service.listIntakes(ctxOf(req), {
        status: req.query.status,
        programmeId: req.query.programme_id,
        page: req.query.page ?? 1,
      });
      return { items: r.rows, total: r.total, page_size: r.pageSize };
    },
  );

  app.post(
    '/api/v1/intakes/:id/close',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Close an intake after the decision, or cancel an open one; it becomes read-only',
        params: IdParams,
        body: CloseBody,
      },
    },
    async (req, reply) => {
      await service.closeIntake(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/intakes/:id/candidates/:candidateId/consent/withdraw',
    {
      config: manage,
      schema: {
        tags,
        summary: "Withdraw a detainee's consent; an active place ends at their own request",
        params: CandidateParams,
        body: ConsentBody,
        response: { 200: Type.Object({ enrolments_ended: Type.Integer() }) },
      },
    },
    async (req) => {
      const ids = { intakeId: req.params.id, candidateId: req.params.candidateId };
      const r = await service.withdrawConsent(ctxOf(req), ids, req.body);
      return { enrolments_ended: r.enrolmentsEnded };
    },
  );

  app.get(
    '/api/v1/programmes/:id/intakes',
    {
      config: view,
      schema: {
        tags,
        summary: "A programme's intakes",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(IntakeOut) }) },
      },
    },
    async (req) => ({
      items: (await service.intakesOf(ctxOf(req), req.params.id)).map((i) => ({
        ...i,
        closed_at: iso(i.closed_at),
      })),
    }),
  );

  app.post(
    '/api/v1/programmes/:id/intakes',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Open an intake (default criteria when none given)',
        params: IdParams,
        body: IntakeBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const id = await service.openIntake(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/v1/intakes/:id',
    {
      config: view,
      schema: {
        tags,
        summary:
          'An intake: ranked candidates, the TPP record, and the unit’s other active inmates with why they are not eligible',
        params: IdParams,
        response: { 200: IntakeDetailOut },
      },
    },
    async (req) => intakeJson(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/intakes/:id/candidates',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add an eligible inmate as a candidate',
        params: IdParams,
        body: CandidateBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const id = await service.addCandidate(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ id });
    },
  );

  app.put(
    '/api/v1/intakes/:id/candidates/:candidateId/scores',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Score a candidate on every criterion',
        params: CandidateParams,
        body: ScoresBody,
      },
    },
    async (req, reply) => {
      const ids = { intakeId: req.params.id, candidateId: req.params.candidateId };
      await service.scoreCandidate(ctxOf(req), ids, req.body.scores);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/intakes/:id/candidates/:candidateId/consent',
    {
      config: manage,
      schema: {
        tags,
        summary: "Record a detainee's consent to take part",
        params: CandidateParams,
        body: ConsentBody,
      },
    },
    async (req, reply) => {
      const ids = { intakeId: req.params.id, candidateId: req.params.candidateId };
      await service.recordConsent(ctxOf(req), ids, req.body);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/v1/intakes/:id/tpp',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record the TPP session and a decision per candidate',
        params: IdParams,
        body: TppBody,
        response: { 200: Created },
      },
    },
    async (req) => ({
      id: await service.recordTpp(ctxOf(req), req.params.id, req.body),
    }),
  );

  app.post(
    '/api/v1/intakes/:id/approve',
    { config: approve, schema: { tags, summary: 'Approve the TPP decision (Kepala UPT)', params: IdParams } },
    async (req, reply) => {
      await service.approveTpp(ctxOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/intakes/:id/candidates/:candidateId/enrol',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Enrol an accepted candidate after approval',
        params: CandidateParams,
        body: EnrolCandidateBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const ids = { intakeId: req.params.id, candidateId: req.params.candidateId };
      const id = await service.enrolCandidate(ctxOf(req), ids, req.body);
      return reply.code(201).send({ id });
    },
  );
}
