// /api/v1 twins of the approvals inbox and its requests: the inbox of the caller's unit, asking
// (a petugas) and deciding (the Kepala UPT).
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { viewCtx } from '../../app/view.ts';
import { itemWords } from './approvals.parts.tsx';
import type { RevocationRequestRow, UnlockRequestRow } from './approvals.requests.ts';
import {
  AskBody,
  CreatedOut,
  DecisionBody,
  InboxOut,
  RevocationDecisionOut,
  RevocationRequestOut,
  UnlockDecisionOut,
  UnlockRequestOut,
} from './approvals.schema.ts';
import * as service from './approvals.service.ts';

const tags = ['approvals'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const common = (r: UnlockRequestRow | RevocationRequestRow) => ({
  id: r.id,
  unit_id: r.unit_id,
  reason: r.reason,
  status: r.status,
  requested_by_name: r.requested_by_name,
  requested_at: r.requested_at.toISOString(),
  decided_by_name: r.decided_by_name,
  decided_at: iso(r.decided_at),
  decision_note: r.decision_note,
});

export async function approvalsApi(app: App) {
  const lockDays = app.config.attendanceLockDays;

  app.get(
    '/api/v1/approvals',
    {
      config: { permission: 'approvals.view' },
      schema: {
        tags,
        summary: "What waits for the Kepala UPT's decision in their unit, oldest first, with counts per kind",
        response: { 200: InboxOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const unitId = ctx.who.unitId;
      const items = unitId ? await service.approvalsInbox(ctx, { unitId }) : [];
      const v = viewCtx(req);
      const counts: Record<string, number> = {};
      for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
      return {
        unit_id: unitId,
        total: items.length,
        counts,
        items: items.map((i) => ({
          kind: i.kind,
          id: i.id,
          href: i.href,
          since: i.since.toISOString(),
          age_days: service.ageInDays(i.since, ctx.now, ctx.who.zone),
          text: itemWords(v, i),
          params: i.params,
        })),
      };
    },
  );

  app.post(
    '/api/v1/sessions/:id/unlock-requests',
    {
      config: { permission: 'attendance.record' },
      schema: {
        tags,
        summary: "Ask the Kepala UPT to open a locked session's attendance again, with a reason",
        params: IdParams,
        body: AskBody,
        response: { 201: CreatedOut },
      },
    },
    async (req, reply) => {
      const id = await service.requestUnlock(ctxOf(req), {
        sessionId: req.params.id,
        reason: req.body.reason,
        lockDays,
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/v1/approvals/unlocks/:id',
    {
      config: { permission: 'attendance.view' },
      schema: {
        tags,
        summary: 'One attendance unlock request',
        params: IdParams,
        response: { 200: UnlockRequestOut },
      },
    },
    async (req) => {
      const r = await service.unlockRequest(ctxOf(req), req.params.id);
      return {
        ...common(r),
        session_id: r.session_id,
        day: r.day,
        programme_id: r.programme_id,
        programme_name: r.programme_name,
        unlocked_until: iso(r.unlocked_until),
      };
    },
  );

  app.post(
    '/api/v1/approvals/unlocks/:id/decision',
    {
      config: { permission: 'attendance.unlock' },
      schema: {
        tags,
        summary:
          "The Kepala UPT's decision: approved, the staff may change the record until the end of the next day",
        params: IdParams,
        body: DecisionBody,
        response: { 200: UnlockDecisionOut },
      },
    },
    async (req) => {
      const r = await service.decideUnlock(ctxOf(req), req.params.id, req.body);
      return {
        status: req.body.approve ? ('approved' as const) : ('rejected' as const),
        unlocked_until: iso(r.unlockedUntil),
      };
    },
  );

  app.post(
    '/api/v1/certificates/:id/revocation-requests',
    {
      config: { permission: 'certificates.issue' },
      schema: {
        tags,
        summary: 'Ask the Kepala UPT to revoke a certificate, with a reason',
        params: IdParams,
        body: AskBody,
        response: { 201: CreatedOut },
      },
    },
    async (req, reply) => {
      const id = await service.requestRevocation(ctxOf(req), {
        certificateId: req.params.id,
        reason: req.body.reason,
      });
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/v1/approvals/revocations/:id',
    {
      config: { permission: 'selection.view' },
      schema: {
        tags,
        summary: 'One certificate revocation request',
        params: IdParams,
        response: { 200: RevocationRequestOut },
      },
    },
    async (req) => {
      const r = await service.revocationRequest(ctxOf(req), req.params.id);
      return {
        ...common(r),
        certificate_id: r.certificate_id,
        certificate_number: r.certificate_number,
        certificate_status: r.certificate_status,
        programme_name: r.programme_name,
      };
    },
  );

  app.post(
    '/api/v1/approvals/revocations/:id/decision',
    {
      config: { permission: 'certificates.revoke' },
      schema: {
        tags,
        summary: "The Kepala UPT's decision: approving revokes the certificate with the request's reason",
        params: IdParams,
        body: DecisionBody,
        response: { 200: RevocationDecisionOut },
      },
    },
    async (req) => {
      await service.decideRevocation(ctxOf(req), req.params.id, req.body);
      return { status: req.body.approve ? ('approved' as const) : ('rejected' as const) };
    },
  );
}
