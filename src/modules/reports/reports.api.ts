// /api/v1/reports: the same operations as the pages: list, one report with its figures and
// versions, draft, narrative, sign and submit, acknowledge, return and revise.
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { outcomeRates } from '../outcomes/outcomes.rules.ts';
import type { ReportFigures } from './reports.figures.ts';
import { reportsMay } from './reports.policy.ts';
import { monthOf } from './reports.rules.ts';
import {
  CreatedOut,
  DraftBody,
  ListOut,
  ListQuery,
  NarrativeBody,
  ReportOut,
  ReturnBody,
  ReviewBody,
  ReviseBody,
  StatusOut,
  SubmitBody,
} from './reports.schema.ts';
import * as service from './reports.service.ts';

const tags = ['reports'];
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

type ListRow = Awaited<ReturnType<typeof service.listReports>>['rows'][number];

function listOut(r: ListRow) {
  return {
    id: r.id,
    unit_id: r.unit_id,
    unit_name: r.unit_name,
    month: monthOf(r.month),
    version: r.version,
    status: r.status,
    submitted_at: iso(r.submitted_at),
    first_submitted_at: iso(r.first_submitted_at ? new Date(r.first_submitted_at) : null),
    due_on: r.due.dueOn,
    late: r.due.late,
  };
}

/** Premi and PNBP leave the API only for readers allowed the unit's totals. */
function figuresOut(f: ReportFigures, premi: boolean) {
  // The outcome rates as every reader sees them: none under five people (outcomes.rules.ts).
  const outcomes = f.outcomes ? { ...f.outcomes, rates: outcomeRates(f.outcomes.counts) } : undefined;
  if (premi) return { ...f, outcomes };
  const { premi: _p, pnbp: _n, capital: _c, pnbpDeposited: _d, ...unit } = f.unit;
  return { ...f, unit, outcomes };
}

export async function reportsApi(app: App) {
  app.get(
    '/api/v1/reports',
    {
      config: { permission: 'reports.view' },
      schema: {
        tags,
        summary:
          "The newest version of each unit-month's report in the caller's scope (drafts only for the unit's staff), with counts per status",
        querystring: ListQuery,
        response: { 200: ListOut },
      },
    },
    async (req) => {
      const r = await service.listReports(ctxOf(req), {
        month: req.query.month,
        status: req.query.status,
        unitId: req.query.unit_id,
      });
      return { items: r.rows.map(listOut), counts: r.counts };
    },
  );

  app.get(
    '/api/v1/reports/:id',
    {
      config: { permission: 'reports.view' },
      schema: {
        tags,
        summary: 'One report: its figures (frozen once submitted, live for a draft), narrative and versions',
        params: IdParams,
        response: { 200: ReportOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const d = await service.getReport(ctx, req.params.id);
      const [row] = (
        await service.listReports(ctx, { unitId: d.report.unit_id, month: monthOf(d.report.month) })
      ).rows;
      const r = d.report;
      return {
        id: r.id,
        unit_id: r.unit_id,
        unit_name: r.unit_name,
        kanwil_name: r.kanwil_name,
        month: monthOf(r.month),
        version: r.version,
        status: r.status,
        submitted_at: iso(r.submitted_at),
        first_submitted_at: row ? listOut(row).first_submitted_at : null,
        due_on: row?.due.dueOn ?? '',
        late: row?.due.late ?? false,
        narrative: r.narrative,
        revision_reason: r.revision_reason,
        drafted_by_name: r.drafted_by_name,
        signed_by_name: r.signed_by_name,
        signed_on: r.signed_on,
        reviewed_by_name: r.reviewed_by_name,
        reviewed_at: iso(r.reviewed_at),
        review_note: r.review_note,
        live: d.live,
        latest: d.latest,
        figures: figuresOut(d.figures, reportsMay(ctx.who).premi),
        versions: d.versions.map((v) => ({
          id: v.id,
          version: v.version,
          status: v.status,
          revision_reason: v.revision_reason,
          submitted_at: iso(v.submitted_at),
          reviewed_at: iso(v.reviewed_at),
          review_note: v.review_note,
        })),
      };
    },
  );

  app.post(
    '/api/v1/reports',
    {
      config: { permission: 'reports.draft' },
      schema: {
        tags,
        summary:
          'Start the report of a month that has ended in the unit (409 reports.exists when the month has one: revise it)',
        body: DraftBody,
        response: { 201: CreatedOut },
      },
    },
    async (req, reply) => {
      const r = await service.draftReport(ctxOf(req), {
        unitId: req.body.unit_id,
        month: req.body.month,
        narrative: req.body.narrative,
      });
      return reply.code(201).send(r);
    },
  );

  app.put(
    '/api/v1/reports/:id/narrative',
    {
      config: { permission: 'reports.draft' },
      schema: {
        tags,
        summary: "Write a draft's narrative (409 reports.not_draft once submitted)",
        params: IdParams,
        body: NarrativeBody,
        response: { 200: StatusOut },
      },
    },
    async (req) => {
      await service.setNarrative(ctxOf(req), { id: req.params.id, narrative: req.body.narrative ?? '' });
      return { id: req.params.id, status: 'draft' as const };
    },
  );

  app.post(
    '/api/v1/reports/:id/submit',
    {
      config: { permission: 'reports.submit' },
      schema: {
        tags,
        summary:
          'The Kepala UPT signs and submits a draft: the figures freeze (409 reports.already_submitted when submitted twice)',
        params: IdParams,
        body: SubmitBody,
        response: { 200: StatusOut },
      },
    },
    async (req) => {
      await service.submitReport(ctxOf(req), { id: req.params.id, signedOn: req.body.signed_on });
      return { id: req.params.id, status: 'submitted' as const };
    },
  );

  app.post(
    '/api/v1/reports/:id/acknowledge',
    {
      config: { permission: 'reports.review' },
      schema: {
        tags,
        summary:
          'The Kanwil acknowledges a submitted report of its region (409 reports.not_submitted otherwise)',
        params: IdParams,
        body: ReviewBody,
        response: { 200: StatusOut },
      },
    },
    async (req) => {
      await service.acknowledgeReport(ctxOf(req), { id: req.params.id, note: req.body.note });
      return { id: req.params.id, status: 'acknowledged' as const };
    },
  );

  app.post(
    '/api/v1/reports/:id/return',
    {
      config: { permission: 'reports.review' },
      schema: {
        tags,
        summary: 'The Kanwil returns a submitted report of its region with a note (required)',
        params: IdParams,
        body: ReturnBody,
        response: { 200: StatusOut },
      },
    },
    async (req) => {
      await service.returnReport(ctxOf(req), { id: req.params.id, note: req.body.note });
      return { id: req.params.id, status: 'returned' as const };
    },
  );

  app.post(
    '/api/v1/reports/:id/revise',
    {
      config: { permission: 'reports.draft' },
      schema: {
        tags,
        summary: 'Start version n+1 of a submitted report with a reason; every version stays',
        params: IdParams,
        body: ReviseBody,
        response: { 201: CreatedOut },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.reviseReport(ctxOf(req), { id: req.params.id, reason: req.body.reason })),
  );
}
