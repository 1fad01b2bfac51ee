// /api/v1 roll-ups: the same figures as the pages, from the monthly aggregates, for other systems:
// the viewer's level (the nation's Kanwil, a region's units), one region, one unit. No person.
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import type { Freshness } from './rollups.figures.ts';
import { LevelOut, MonthQuery, UnitOut } from './rollups.schema.ts';
import { attendanceRateOf, passRateOf } from './rollups.service.ts';
import {
  type Figures,
  kanwilRollup,
  type LevelRollup,
  monthOf,
  type OutcomeLine,
  ownRollup,
  type ReportStatus,
  type RollupDeps,
  unitRollup,
} from './rollups.tables.ts';
import { isUnitReport } from './rollups.words.ts';

const tags = ['rollups'];
const base = '/api/v1/rollups';

function figuresOut(f: Figures) {
  const { rate, present, absent, dispensed, counted } = attendanceRateOf(f);
  return {
    month: f.month,
    participants: { ...f.participants },
    enrolled: f.enrolled,
    completed: f.completed,
    sessions_held: f.sessionsHeld,
    sessions_cancelled: f.sessionsCancelled,
    attendance: { present, absent, dispensed, counted, rate },
    competencies: f.competencies,
    certificates: f.certificates,
    certificates_revoked: f.certificatesRevoked,
    items_finished: f.itemsFinished,
    items_checked: f.itemsChecked,
    items_passed: f.itemsPassed,
    pass_rate: passRateOf(f),
    production_value: f.offtakeValue,
    sales_count: f.salesCount,
    sales_value: f.salesValue,
    premi: f.premi,
    pnbp: f.pnbp,
  };
}

const freshnessOut = (f: Freshness) => ({
  computed_at: f.computedAt ? f.computedAt.toISOString() : null,
  pending: f.pending,
  replica_lag_seconds: f.replicaLagSeconds,
});

const reportOut = (s: ReportStatus) => ({
  report_id: s.reportId,
  version: s.version,
  status: s.status,
  submitted_at: s.submittedAt ? s.submittedAt.toISOString() : null,
  due_on: s.dueOn,
  late: s.late,
});

const lineOut = (o: OutcomeLine) => ({
  released: o.released,
  followed_up: o.followedUp,
  working_6: o.working6,
  reoffended_12: o.reoffended12,
});

function levelOut(d: LevelRollup) {
  return {
    level: d.level,
    month: d.month,
    kanwil: d.kanwil,
    freshness: freshnessOut(d.freshness),
    rows: d.rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: d.level === 'nation' ? ('kanwil' as const) : ('unit' as const),
      figures: figuresOut(r.figures),
      report: isUnitReport(r.report) ? reportOut(r.report) : null,
      reports: r.report && !isUnitReport(r.report) ? r.report : null,
    })),
    total: figuresOut(d.total),
    trend: d.trend.map(figuresOut),
    outcomes: d.outcomes
      ? {
          from: d.outcomes.from,
          to: d.outcomes.to,
          rows: [...d.outcomes.lines].map(([id, o]) => ({ id, ...lineOut(o) })),
          total: d.outcomes.total ? lineOut(d.outcomes.total) : null,
        }
      : null,
  };
}

export function rollupsApi(deps: RollupDeps) {
  return async (app: App) => {
    const config = { permission: 'rollups.view' as const };

    app.get(
      base,
      {
        config,
        schema: {
          tags,
          summary:
            "The viewer's roll-up for a month: one row per Kanwil (national viewers) or per unit (a Kanwil's region), the total and 12 months",
          querystring: MonthQuery,
          response: { 200: LevelOut },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        return levelOut(await ownRollup(ctx, deps, { month: monthOf(ctx, req.query.month, req.lang) }));
      },
    );

    app.get(
      `${base}/kanwil/:id`,
      {
        config,
        schema: {
          tags,
          summary:
            "One Kanwil's units side by side for a month, with their report status, total and 12 months",
          params: IdParams,
          querystring: MonthQuery,
          response: { 200: LevelOut },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const month = monthOf(ctx, req.query.month, req.lang);
        return levelOut(await kanwilRollup(ctx, deps, { kanwilId: req.params.id, month }));
      },
    );

    app.get(
      `${base}/units/:id`,
      {
        config,
        schema: {
          tags,
          summary: "One unit's programmes for a month, its total and report status, and its 12 months",
          params: IdParams,
          querystring: MonthQuery,
          response: { 200: UnitOut },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const d = await unitRollup(ctx, deps, {
          unitId: req.params.id,
          month: monthOf(ctx, req.query.month, req.lang),
        });
        return {
          unit: d.unit,
          month: d.month,
          freshness: freshnessOut(d.freshness),
          figures: figuresOut(d.figures),
          report: d.report ? reportOut(d.report) : null,
          programmes: d.programmes.map((p) => ({
            programme_id: p.id,
            name: p.name,
            figures: figuresOut(p.figures),
          })),
          trend: d.trend.map(figuresOut),
        };
      },
    );
  };
}
