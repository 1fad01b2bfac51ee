// The privacy module's JSON API under /api/v1/privacy: the same operations as the pages.
import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import {
  AccessLogOut,
  AccessLogQuery,
  BreachBody,
  BreachListQuery,
  BreachOut,
  CloseBody,
  LegalBasisBody,
  LegalBasisOut,
  NoticeBody,
} from './privacy.schema.ts';
import * as service from './privacy.service.ts';

const view = { permission: 'privacy.breaches.view' as const };
const manage = { permission: 'privacy.breaches.manage' as const };
const tags = ['privacy'];
const Created = Type.Object({ id: Type.String() });

function out(b: service.Breach) {
  return {
    id: b.id,
    unit_id: b.unit_id,
    unit_name: b.unit_name,
    title: b.title,
    description: b.description,
    occurred_at: b.occurred_at?.toISOString() ?? null,
    found_at: b.found_at.toISOString(),
    notify_due_at: b.state.dueAt.toISOString(),
    categories: b.categories,
    people_affected: b.people_affected,
    measures: b.measures,
    status: b.status,
    overdue: b.state.overdue,
    pending: b.state.pending,
    notices: b.notices.map((n) => ({
      recipient: n.recipient,
      notified_at: n.notified_at.toISOString(),
      notified_to: n.notified_to,
      channel: n.channel,
      late: n.late,
    })),
    closed_at: b.closed_at?.toISOString() ?? null,
    closing_note: b.closing_note,
  };
}

export async function privacyApi(app: App) {
  app.get(
    '/api/v1/privacy/breaches',
    {
      config: view,
      schema: {
        tags,
        summary: 'Personal data breaches of your units, open ones first',
        querystring: BreachListQuery,
        response: { 200: Type.Object({ items: Type.Array(BreachOut), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const r = await service.listBreaches(ctxOf(req), {
        status: req.query.status,
        unitId: req.query.unit_id,
        page: req.query.page ?? 1,
      });
      return { items: r.rows.map(out), total: r.total };
    },
  );

  app.post(
    '/api/v1/privacy/breaches',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a personal data breach; the notices are due 3 x 24 hours after found_at',
        body: BreachBody,
        response: { 201: BreachOut },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await service.createBreach(ctx, req.body);
      return reply.code(201).send(out(await service.getBreach(ctx, id)));
    },
  );

  app.get(
    '/api/v1/privacy/breaches/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One breach with its deadline and notices',
        params: IdParams,
        response: { 200: BreachOut },
      },
    },
    async (req) => out(await service.getBreach(ctxOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/privacy/breaches/:id/notifications',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record the notice to the data subjects or to the authority',
        params: IdParams,
        body: NoticeBody,
        response: { 200: BreachOut },
      },
    },
    async (req) => {
      await service.recordNotice(ctxOf(req), req.params.id, req.body);
      return out(await service.getBreach(ctxOf(req), req.params.id));
    },
  );

  app.post(
    '/api/v1/privacy/breaches/:id/close',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Close a breach once both notices are recorded',
        params: IdParams,
        body: CloseBody,
        response: { 200: BreachOut },
      },
    },
    async (req) => {
      await service.closeBreach(ctxOf(req), req.params.id, req.body);
      return out(await service.getBreach(ctxOf(req), req.params.id));
    },
  );

  app.get(
    '/api/v1/privacy/legal-basis',
    {
      config: { permission: 'privacy.basis.view' },
      schema: {
        tags,
        summary: 'The legal basis, purpose and retention of each category of personal data',
        response: { 200: Type.Object({ items: Type.Array(LegalBasisOut) }) },
      },
    },
    async (req) => ({ items: await service.listLegalBasis(ctxOf(req)) }),
  );

  app.post(
    '/api/v1/privacy/legal-basis',
    {
      config: { permission: 'reference.manage' },
      schema: {
        tags,
        summary: 'Add a category of personal data (national administrators)',
        body: LegalBasisBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await service.saveLegalBasis(ctxOf(req), req.body) }),
  );

  app.put(
    '/api/v1/privacy/legal-basis/:id',
    {
      config: { permission: 'reference.manage' },
      schema: {
        tags,
        summary: "Replace a category's legal basis, purpose, retention or holders (national administrators)",
        params: IdParams,
        body: LegalBasisBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.saveLegalBasis(ctxOf(req), req.body, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/privacy/access-log',
    {
      config: { permission: 'privacy.access_log' },
      schema: {
        tags,
        summary: "Who viewed which inmate's record in your units (Kepala UPT, administrators)",
        querystring: AccessLogQuery,
        response: { 200: Type.Object({ items: Type.Array(AccessLogOut), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const r = await service.listInmateViews(ctx, service.accessFilter(ctx, req.query));
      return {
        items: r.rows.map((x) => ({
          at: x.at.toISOString(),
          unit_id: x.unit_id,
          inmate_id: x.inmate_id,
          reg_number: x.reg_number,
          inmate_name: x.inmate_name,
          viewer_id: x.viewer_id,
          viewer_name: x.viewer_name,
          channel: x.channel,
          source: x.source,
        })),
        total: r.total,
      };
    },
  );
}
