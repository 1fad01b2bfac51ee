// The audit log, scoped to the units the viewer may see: HTML and /api/v1/audit. Unit-level viewers
// read records (personal fields redacted where they may not read the entity); regional and national
// offices read counts per unit and action (audit.access.ts).
import { dayInZone, startOfDay } from '../../app/format.ts';
import { type App, ctxOf, type FastifyRequest, userOf } from '../../app/http.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { auditViewOf, recordFor } from './audit.access.ts';
import { AuditList, AuditQuery } from './audit.schema.ts';
import { countAudit, listAudit } from './audit.service.ts';
import { AuditCountsPage, AuditPage } from './audit.views.tsx';

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

/** Offices' counts cover the last 30 days unless they ask for a period: a national count is a scan. */
const COUNTS_DAYS = 30;

async function fetch(req: FastifyRequest, query: Query) {
  const ctx = ctxOf(req);
  const user = userOf(req);
  const counts = auditViewOf(user.roles) === 'counts';
  const q =
    counts && !query.from && !query.to
      ? { ...query, from: dayInZone(new Date(ctx.now.getTime() - COUNTS_DAYS * 86_400_000), user.zone) }
      : query;
  const page = q.page ?? 1;
  // Dates are the viewer's calendar days; 'to' includes its whole day.
  const from = q.from ? startOfDay(q.from, user.zone) : undefined;
  const to = q.to ? new Date(startOfDay(q.to, user.zone).getTime() + 86_400_000) : undefined;
  const filter = { action: q.action, entity: q.entity, unitId: q.unit_id, from, to };
  if (counts) {
    const rows = await countAudit(ctx, filter);
    return {
      view: 'counts' as const,
      items: [],
      counts: rows,
      total: rows.reduce((n, c) => n + c.count, 0),
      page,
      query: q,
    };
  }
  const r = await listAudit(ctx, { ...filter, actor: q.actor, limit: PAGE, offset: (page - 1) * PAGE });
  return {
    view: 'records' as const,
    items: r.rows.map((x) => recordFor(user.roles, x)),
    counts: [],
    total: r.total,
    page,
    query: q,
  };
}

export async function auditRoutes(app: App) {
  app.get('/admin/audit', { config: perm, schema: { querystring: AuditQuery } }, async (req, reply) => {
    const r = await fetch(req, req.query);
    const { page: _page, ...rest } = r.query;
    const ctx = viewCtx(req);
    return reply.html(
      renderPage(
        r.view === 'counts'
          ? AuditCountsPage({ ctx, counts: r.counts, total: r.total, query: rest })
          : AuditPage({ ctx, rows: r.items, total: r.total, page: r.page, query: rest }),
      ),
    );
  });

  app.get(
    '/api/v1/audit',
    {
      config: perm,
      schema: {
        tags: ['audit'],
        summary:
          'Audit records in your scope, newest first (counts per action for regional and national offices)',
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (req) => {
      const { query: _query, ...r } = await fetch(req, req.query);
      return {
        ...r,
        items: r.items.map((x) => ({ ...x, at: x.at.toISOString() })),
        page_size: PAGE,
      };
    },
  );
}
