// Pages of the approvals inbox: /approvals for the Kepala UPT, the petugas's forms to ask for a
// locked roll call to be opened or a certificate revoked, and each request's page with its decision.
import { formRoute, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { can } from '../../app/policy.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { session as attendanceSession } from '../attendance/attendance.policy.ts';
import { getCertificate } from '../certificates/certificates.service.ts';
import { AskForm, DecisionForm } from './approvals.schema.ts';
import * as service from './approvals.service.ts';
import {
  AskPage,
  InboxPage,
  RevocationRequestPage,
  revokeSubject,
  UnlockRequestPage,
  unlockSubject,
} from './approvals.views.tsx';

export async function approvalsRoutes(app: App) {
  const lockDays = app.config.attendanceLockDays;

  app.get('/approvals', { config: { permission: 'approvals.view' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const unitId = ctx.who.unitId;
    const items = unitId ? await service.approvalsInbox(ctx, { unitId }) : [];
    return reply.html(
      renderPage(
        InboxPage({
          ctx: viewCtx(req),
          unitName: ctx.who.homeName ?? '',
          items,
          zone: ctx.who.zone,
          now: ctx.now,
        }),
      ),
    );
  });

  // ---- attendance unlocks ----
  formRoute(app, {
    path: '/sessions/:id/unlock-request',
    permission: 'attendance.record',
    params: IdParams,
    body: AskForm,
    page: async (req, p, form = emptyForm()) => {
      const s = await attendanceSession(ctxOf(req), p.id, { lockDays });
      const ctx = viewCtx(req);
      return renderPage(
        AskPage({
          ctx,
          kind: 'unlock',
          subject: unlockSubject(ctx, s),
          action: `/sessions/${p.id}/unlock-request`,
          back: `/sessions/${p.id}/attendance`,
          form,
        }),
      );
    },
    action: (req, p, b) => service.requestUnlock(ctxOf(req), { sessionId: p.id, reason: b.reason, lockDays }),
    flash: 'approvals.unlock.requested',
    redirect: (p) => `/sessions/${p.id}/attendance`,
  });

  const unlockPage = async (req: FastifyRequest, id: string, form: FormState = emptyForm()) => {
    const ctx = ctxOf(req);
    const r = await service.unlockRequest(ctx, id);
    const decide = can(ctx.who, 'attendance.unlock');
    return renderPage(UnlockRequestPage({ ctx: viewCtx(req), r, decide, now: ctx.now, form }));
  };
  app.get(
    '/approvals/unlocks/:id',
    { config: { permission: 'attendance.view' }, schema: { params: IdParams } },
    async (req, reply) => reply.html(await unlockPage(req, req.params.id)),
  );
  app.post(
    '/approvals/unlocks/:id/decision',
    {
      config: { permission: 'attendance.unlock' },
      schema: { params: IdParams, body: DecisionForm },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => unlockPage(req, req.params.id, form),
        action: () =>
          service.decideUnlock(ctxOf(req), req.params.id, {
            approve: req.body.decision === 'approve',
            note: req.body.note,
          }),
        flash: req.body?.decision === 'approve' ? 'approvals.unlock.approved' : 'approvals.unlock.rejected',
        redirect: () => `/approvals/unlocks/${req.params.id}`,
      }),
  );

  // ---- certificate revocations ----
  formRoute(app, {
    path: '/certificates/:id/revocation-request',
    permission: 'certificates.issue',
    params: IdParams,
    body: AskForm,
    page: async (req, p, form = emptyForm()) => {
      const c = await getCertificate(ctxOf(req), p.id);
      const ctx = viewCtx(req);
      return renderPage(
        AskPage({
          ctx,
          kind: 'revoke',
          subject: revokeSubject(ctx, { ...c, certificate_number: c.number }),
          action: `/certificates/${p.id}/revocation-request`,
          back: `/certificates/${p.id}`,
          form,
        }),
      );
    },
    action: (req, p, b) => service.requestRevocation(ctxOf(req), { certificateId: p.id, reason: b.reason }),
    flash: 'approvals.revoke.requested',
    redirect: (p) => `/certificates/${p.id}`,
  });

  const revocationPage = async (req: FastifyRequest, id: string, form: FormState = emptyForm()) => {
    const ctx = ctxOf(req);
    const r = await service.revocationRequest(ctx, id);
    const decide = can(ctx.who, 'certificates.revoke');
    return renderPage(
      RevocationRequestPage({ ctx: viewCtx(req), r, decide, now: ctx.now, zone: ctx.who.zone, form }),
    );
  };
  app.get(
    '/approvals/revocations/:id',
    { config: { permission: 'selection.view' }, schema: { params: IdParams } },
    async (req, reply) => reply.html(await revocationPage(req, req.params.id)),
  );
  app.post(
    '/approvals/revocations/:id/decision',
    {
      config: { permission: 'certificates.revoke' },
      schema: { params: IdParams, body: DecisionForm },
      attachValidation: true,
    },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => revocationPage(req, req.params.id, form),
        action: () =>
          service.decideRevocation(ctxOf(req), req.params.id, {
            approve: req.body.decision === 'approve',
            note: req.body.note,
          }),
        flash: req.body?.decision === 'approve' ? 'approvals.revoke.approved' : 'approvals.revoke.rejected',
        redirect: () => `/approvals/revocations/${req.params.id}`,
      }),
  );
}
