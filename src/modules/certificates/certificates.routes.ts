// Completion and certificate pages: a programme's completion rule and standings, completing and
// issuing, one certificate (page, PDF, revocation), and the public verification page.

import { askFirst } from '../../app/confirm.tsx';
import { contentDisposition } from '../../app/downloads.ts';
import { AppError, notFound } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { programmeOfEnrolment } from '../enrolments/enrolments.service.ts';
import { certificatePdf } from './certificates.pdf.ts';
import { certificateMay, completionMay } from './certificates.policy.ts';
import { CompletionRuleBody, RevokeBody, TokenParams } from './certificates.schema.ts';
import * as service from './certificates.service.ts';
import { VerifyNotFoundPage, VerifyPage } from './certificates.verify.views.tsx';
import { CertificatePage, CompletionPage, issueAsk, revokeAsk } from './certificates.views.tsx';

// Participants' names and standings: the same readers as the participants page.
const view = { permission: 'selection.view' as const };

export async function certificatesRoutes(app: App) {
  const completionPage = async (req: FastifyRequest, programmeId: string, rule?: FormState) => {
    const ctx = ctxOf(req);
    const o = await service.completionOverview(ctx, programmeId);
    return renderPage(
      CompletionPage({
        ctx: viewCtx(req),
        programme: o.programme,
        min: o.min,
        rows: o.rows,
        certificates: o.certificates,
        rule: rule ?? emptyForm({ min_attendance: o.min }),
        may: completionMay(ctx.who),
      }),
    );
  };

  const certificatePage = async (req: FastifyRequest, id: string, revoke?: FormState) => {
    const ctx = ctxOf(req);
    const c = await service.getCertificate(ctx, id);
    const verifyUrl = service.verifyUrl(app.config.publicBaseUrl, c.verify_token);
    return renderPage(
      CertificatePage({
        ctx: viewCtx(req),
        c,
        verifyUrl,
        revoke: revoke ?? emptyForm(),
        may: certificateMay(ctx.who, c),
      }),
    );
  };

  app.get('/programmes/:id/completion', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await completionPage(req, req.params.id)),
  );

  app.post(
    '/programmes/:id/completion',
    {
      config: { permission: 'programmes.manage' },
      schema: { params: IdParams, body: CompletionRuleBody },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => completionPage(req, req.params.id, form),
        action: () => service.setCompletionRule(ctxOf(req), req.params.id, req.body.min_attendance),
        flash: 'certificates.ruleSaved',
        redirect: () => `/programmes/${req.params.id}/completion`,
      }),
  );

  app.post(
    '/enrolments/:id/certificate',
    { config: { permission: 'certificates.issue' }, schema: { params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const asking = await askFirst(req, reply, {
        back: `/programmes/${await programmeOfEnrolment(ctx, req.params.id)}/completion`,
        ask: async (v) => {
          const o = await service.completionOverview(ctx, await programmeOfEnrolment(ctx, req.params.id));
          const r = o.rows.find((x) => x.id === req.params.id);
          if (!r) throw notFound('enrolments');
          return issueAsk(v, r.name, r.status === 'completed');
        },
      });
      if (asking) return reply;
      let id = '';
      return submitForm(req, reply, {
        // The button sits on the programme's completion page: a refusal on a field shows it again.
        render: async () => completionPage(req, await programmeOfEnrolment(ctxOf(req), req.params.id)),
        action: async () => {
          id = await service.completeAndIssue(ctxOf(req), req.params.id);
        },
        flash: 'certificates.issued',
        redirect: () => `/certificates/${id}`,
      });
    },
  );

  app.get('/certificates/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await certificatePage(req, req.params.id)),
  );

  app.get(
    '/certificates/:id/sertifikat.pdf',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => {
      const d = await service.certificateDocument(ctxOf(req), req.params.id);
      const pdf = await certificatePdf(
        d,
        service.verifyUrl(app.config.publicBaseUrl, d.certificate.verify_token),
      );
      const name = `sertifikat-${d.certificate.number.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', name))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/certificates/:id/revoke',
    {
      config: { permission: 'certificates.revoke' },
      schema: { params: IdParams, body: RevokeBody },
      attachValidation: true,
    },
    async (req, reply) => {
      // A reason is asked on the form first; with one, the revocation asks for confirmation.
      if (!req.validationError && req.body.reason?.trim()) {
        const ctx = ctxOf(req);
        const reason = req.body.reason.trim();
        const asking = await askFirst(req, reply, {
          back: `/certificates/${req.params.id}`,
          ask: async (v) => {
            const c = await service.getCertificate(ctx, req.params.id);
            return revokeAsk(v, c.number, c.holder_name, reason);
          },
        });
        if (asking) return reply;
      }
      return submitForm(req, reply, {
        render: (form) => certificatePage(req, req.params.id, form),
        action: () => service.revokeCertificate(ctxOf(req), req.params.id, req.body.reason),
        flash: 'certificates.revoked',
        redirect: () => `/certificates/${req.params.id}`,
      });
    },
  );

  // Token only, no look-up by number: numbers follow a sequence anyone could walk, and the token
  // (24 random bytes, printed only in the QR code) proves the visitor holds the paper.
  app.get(
    '/verify/:token',
    { config: { permission: 'public' }, schema: { params: TokenParams } },
    async (req, reply) => {
      reply
        .header('x-robots-tag', 'noindex, nofollow')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer');
      try {
        const c = await service.verifyCertificate(ctxOf(req), req.params.token);
        return reply.html(renderPage(VerifyPage({ c })));
      } catch (err) {
        if (err instanceof AppError && err.status === 404)
          return reply.html(renderPage(VerifyNotFoundPage()), 404);
        throw err;
      }
    },
  );
}
