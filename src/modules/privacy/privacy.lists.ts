// The privacy module's paged lists, each declared once for its page and its /api/v1 twin: the
// breach register and the inmate access log (see app/list-route.ts).
import { defineList } from '../../app/list-route.ts';
import { AccessLogPage } from './privacy.access.views.tsx';
import { privacyMay } from './privacy.policy.ts';
import { AccessLogOut, AccessLogQuery, BreachListQuery, BreachOut } from './privacy.schema.ts';
import * as service from './privacy.service.ts';
import { BreachListPage } from './privacy.views.tsx';

const tags = ['privacy'];

/** A breach as the API answers it. */
export function breachOut(b: service.Breach) {
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

export const breachList = defineList({
  path: '/privacy/breaches',
  permission: 'privacy.breaches.view',
  query: BreachListQuery,
  load: async (ctx, q, page) => ({
    ...(await service.listBreaches(ctx, { status: q.status, unitId: q.unit_id, page })),
    pageSize: service.PAGE_SIZE,
  }),
  view: (list, ctx) => BreachListPage({ ...list, may: privacyMay(ctx.who) }),
  api: {
    tags,
    summary: 'Personal data breaches of your units, open ones first',
    item: BreachOut,
    row: breachOut,
  },
});

export const accessLogList = defineList({
  path: '/privacy/access-log',
  permission: 'privacy.access_log',
  query: AccessLogQuery,
  load: async (ctx, q) => ({
    ...(await service.listInmateViews(ctx, service.accessFilter(ctx, q))),
    pageSize: service.PAGE_SIZE,
  }),
  view: (list) =>
    AccessLogPage({ ...list, title: list.ctx.t('privacy.access.title'), base: '/privacy/access-log' }),
  api: {
    tags,
    summary: "Who viewed which inmate's record in your units (Kepala UPT, administrators)",
    item: AccessLogOut,
    row: (x) => ({
      at: x.at.toISOString(),
      unit_id: x.unit_id,
      inmate_id: x.inmate_id,
      reg_number: x.reg_number,
      inmate_name: x.inmate_name,
      viewer_id: x.viewer_id,
      viewer_name: x.viewer_name,
      channel: x.channel,
      source: x.source,
    }),
  },
});
