// /api/v1: a programme's completion rule and standings, completing and issuing, reading and
// revoking a certificate. The verification token is a bearer secret: the API returns the
// verification address only to those who may see the certificate.
import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import type { Ctx } from '../../app/principal.ts';
import { date, IdParams, nullable, uuid } from '../../app/schema.ts';
import { CompletionRuleBody, RevokeBody } from './certificates.schema.ts';
import * as service from './certificates.service.ts';

const view = { permission: 'selection.view' as const };
const tags = ['certificates'];

const Reason = Type.Object({
  code: Type.String(),
  status: Type.Optional(Type.String()),
  rate: Type.Optional(Type.Number()),
  min: Type.Optional(Type.Number()),
  unit: Type.Optional(Type.String()),
  expiry: Type.Optional(Type.String({ format: 'date', description: 'past_expiry: the tanggal ekspirasi' })),
});

const CompletionOut = Type.Object({
  programme_id: uuid,
  min_attendance: Type.Integer(),
  participants: Type.Array(
    Type.Object({
      enrolment_id: uuid,
      name: Type.String(),
      kind: Type.String(),
      status: Type.String(),
      hours: Type.Number(),
      attendance_rate: nullable(Type.Number()),
      eligible: Type.Boolean(),
      reasons: Type.Array(Reason),
      certificate_id: nullable(uuid),
    }),
  ),
});

const CertificateOut = Type.Object({
  id: uuid,
  number: Type.String(),
  enrolment_id: uuid,
  programme_id: uuid,
  programme_name: Type.String(),
  holder_name: Type.String(),
  issued_on: date,
  hours: Type.Number(),
  attendance_rate: Type.Number(),
  competencies: Type.Array(
    Type.Object({
      code: nullable(Type.String()),
      title: Type.String(),
      hours: Type.Number(),
      status: Type.String(),
    }),
  ),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
  revoked_reason: nullable(Type.String()),
  revoked_at: nullable(Type.String({ format: 'date-time' })),
  verify_url: Type.String(),
});

export async function certificatesApi(app: App) {
  const certificateJson = async (ctx: Ctx, id: string) => {
    const c = await service.getCertificate(ctx, id);
    return {
      id: c.id,
      number: c.number,
      enrolment_id: c.enrolment_id,
      programme_id: c.programme_id,
      programme_name: c.programme_name,
      holder_name: c.holder_name,
      issued_on: c.issued_on,
      hours: Number(c.hours),
      attendance_rate: Number(c.attendance_rate),
      competencies: c.competencies,
      status: c.status,
      revoked_reason: c.revoked_reason,
      revoked_at: c.revoked_at ? new Date(c.revoked_at).toISOString() : null,
      verify_url: service.verifyUrl(app.config.publicBaseUrl, c.verify_token),
    };
  };

  const completionJson = async (ctx: Ctx, id: string) => {
    const o = await service.completionOverview(ctx, id);
    return {
      programme_id: o.programme.id,
      min_attendance: o.min,
      participants: o.rows.map((r) => ({
        enrolment_id: r.id,
        name: r.name,
        kind: r.kind,
        status: r.status,
        hours: r.hours,
        attendance_rate: r.check.rate,
        eligible: r.check.eligible,
        reasons: r.check.reasons,
        certificate_id: r.certificateId,
      })),
    };
  };

  app.get(
    '/api/v1/programmes/:id/completion',
    {
      config: view,
      schema: {
        tags,
        summary: 'The completion rule and whether each participant may complete, with the reasons why not',
        params: IdParams,
        response: { 200: CompletionOut },
      },
    },
    async (req) => completionJson(ctxOf(req), req.params.id),
  );

  app.put(
    '/api/v1/programmes/:id/completion',
    {
      config: { permission: 'programmes.manage' },
      schema: {
        tags,
        summary: "Sets the programme's minimum attendance rate (percent) for completion",
        params: IdParams,
        body: CompletionRuleBody,
        response: { 200: CompletionOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.setCompletionRule(ctx, req.params.id, req.body.min_attendance);
      return completionJson(ctx, req.params.id);
    },
  );

  app.post(
    '/api/v1/enrolments/:id/certificate',
    {
      config: { permission: 'certificates.issue' },
      schema: {
        tags,
        summary: 'Completes a participant who meets the rule and issues their certificate (409 if not)',
        params: IdParams,
        response: { 201: CertificateOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.completeAndIssue(ctx, req.params.id);
      return reply.code(201).send(await certificateJson(ctx, id));
    },
  );

  app.get(
    '/api/v1/certificates/:id',
    {
      config: view,
      schema: { tags, summary: 'One certificate', params: IdParams, response: { 200: CertificateOut } },
    },
    async (req) => certificateJson(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/certificates/:id/revoke',
    {
      config: { permission: 'certificates.revoke' },
      schema: {
        tags,
        summary: 'Revokes a valid certificate with a reason; a new one may then be issued',
        params: IdParams,
        body: RevokeBody,
        response: { 200: CertificateOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.revokeCertificate(ctx, req.params.id, req.body.reason);
      return certificateJson(ctx, req.params.id);
    },
  );
}
