// The audit log, filtered and scoped to the units the viewer may see: HTML and /api/v1/audit.
import { Type } from 'typebox';
import { startOfDay } from '../../app/format.ts';
import { type App, type FastifyRequest, userOf } from '../../app/http.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { AuditOut, AuditQuery } from './audit.schema.ts';
import { listAudit } from './audit.service.ts';
import { AuditPage } from './audit.views.tsx';

const perm = { permission: 'audit.view' as const };
const PAGE = 50;

type Query = {
  action?: string;
  entity?: string;
  actor?: string;
  unit_id?: string;
  from?: string;
  to?: string;
  page?: number;
};

function fetch(app: App, req: FastifyRequest, q: Query) {
  const page = q.page ?? 1;
  // Dates are the viewer's calendar days; 'to' includes its whole day.
  const zone = userOf(req).zone;
  const from = q.from ? startOfDay(q.from, zone) : undefined;
  const to = q.to ? new Date(startOfDay(q.to, zone).getTime() + 86_400_000) : undefined;
  return listAudit(app.db, {
    scope: userOf(req).scope,
    action: q.action,
    entity: q.entity,
    actor: q.actor,
    unitId: q.unit_id,
    from,
    to,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
}

export async function auditRoutes(app: App) {
  app.get('/admin/audit', { config: perm, schema: { querystring: AuditQuery } }, async (req, reply) => {
    const r = await fetch(app, req, req.query);
    const { page, ...rest } = req.query;
    return reply.html(
      renderPage(
        AuditPage({ ctx: viewCtx(req), rows: r.rows, total: r.total, page: page ?? 1, query: rest }),
      ),
    );
  });

  app.get(
    '/api/v1/audit',
    {
      config: perm,
      schema: {
        tags: ['audit'],
        summary: 'Audit records in your scope, newest first',
        querystring: AuditQuery,
        response: {
          200: Type.Object({
            items: Type.Array(AuditOut),
            total: Type.Integer(),
            page: Type.Integer(),
            page_size: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const r = await fetch(app, req, req.query);
      return {
        items: r.rows.map((x) => ({ ...x, at: x.at.toISOString() })),
        total: r.total,
        page: req.query.page ?? 1,
        page_size: PAGE,
      };
    },
  );
}
