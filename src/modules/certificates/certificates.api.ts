// /api/v1: a programme's completion rule and standings, completing and issuing, reading and
// revoking a certificate. The verification token is a bearer secret: the API returns the
// verification address only to those who may see the certificate.
import { Type } from 'typebox';
import { type App, actorOf, userOf } from '../../app/http.ts';
import { IdParams } from '../users/users.schema.ts';
import { CompletionRuleBody, RevokeBody } from './certificates.schema.ts';
import * as service from './certificates.service.ts';

const view = { permission: 'selection.view' as const };
const tags = ['certificates'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Reason = Type.Object({
  code: Type.String(),
  status: Type.Optional(Type.String()),
  rate: Type.Optional(Type.Number()),
  min: Type.Optional(Type.Number()),
  unit: Type.Optional(Type.String()),
  expiry: Type.Optional(Type.String({ format: 'date', description: 'past_expiry: the tanggal ekspirasi' })),
});

const CompletionOut = Type.Object({
  programme_id: Type.String({ format: 'uuid' }),
  min_attendance: Type.Integer(),
  participants: Type.Array(
    Type.Object({
      enrolment_id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      kind: Type.String(),
      status: Type.String(),
      hours: Type.Number(),
      attendance_rate: Nullable(Type.Number()),
      eligible: Type.Boolean(),
      reasons: Type.Array(Reason),
      certificate_id: Nullable(Type.String({ format: 'uuid' })),
    }),
  ),
});

const CertificateOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String(),
  enrolment_id: Type.String({ format: 'uuid' }),
  programme_id: Type.String({ format: 'uuid' }),
  programme_name: Type.String(),
  holder_name: Type.String(),
  issued_on: Type.String({ format: 'date' }),
  hours: Type.Number(),
  attendance_rate: Type.Number(),
  competencies: Type.Array(
    Type.Object({
      code: Nullable(Type.String()),
      title: Type.String(),
      hours: Type.Number(),
      status: Type.String(),
    }),
  ),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
  revoked_reason: Nullable(Type.String()),
  revoked_at: Nullable(Type.String({ format: 'date-time' })),
  verify_url: Type.String(),
});

export async function certificatesApi(app: App) {
  const certificateJson = async (scope: Parameters<typeof service.getCertificate>[1], id: string) => {
    const c = await service.getCertificate(app.db, scope, id);
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

  const completionJson = async (scope: Parameters<typeof service.completionOverview>[1], id: string) => {
    const o = await service.completionOverview(app.db, scope, id);
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
    async (req) => completionJson(userOf(req).scope, req.params.id),
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
      const scope = userOf(req).scope;
      await service.setCompletionRule(app.db, actorOf(req), scope, req.params.id, req.body.min_attendance);
      return completionJson(scope, req.params.id);
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
      const scope = userOf(req).scope;
      const id = await service.completeAndIssue(app.db, actorOf(req), scope, req.params.id);
      return reply.code(201).send(await certificateJson(scope, id));
    },
  );

  app.get(
    '/api/v1/certificates/:id',
    {
      config: view,
      schema: { tags, summary: 'One certificate', params: IdParams, response: { 200: CertificateOut } },
    },
    async (req) => certificateJson(userOf(req).scope, req.params.id),
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
      const scope = userOf(req).scope;
      await service.revokeCertificate(app.db, actorOf(req), scope, req.params.id, req.body.reason);
      return certificateJson(scope, req.params.id);
    },
  );
}
