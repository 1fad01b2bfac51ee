// Programme pages: list, add, edit, a programme's page with schedules and sessions, its month
// calendar, one session’s page, and the session actions (cancel, cancel a range, reschedule, extra).

import { notFound } from '../../app/errors.ts';
import { formRoute, submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { listRoute } from '../../app/list-route.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { listAgreements } from '../agreements/agreements.service.ts';
import { listHolidays, unitHolidays } from '../holidays/holidays.service.ts';
import { partnerOptions } from '../partners/partners.service.ts';
import { listProgramAksi } from '../program-aksi/program-aksi.service.ts';
import { unitOptions } from '../units/units.service.ts';
import { CalendarPage } from './programmes.calendar.views.tsx';
import { formFromProgramme, formToInput } from './programmes.form.ts';
import { ProgrammeFormPage } from './programmes.form.views.tsx';
import { ProgrammeListPage } from './programmes.list.views.tsx';
import { programme, programmeMay } from './programmes.policy.ts';
import {
  CancelBody,
  CancelRangeBody,
  MonthQuery,
  ProgrammeForm,
  ProgrammeListQuery,
  ProgrammeOut,
  ScheduleBody,
  ScheduleEditBody,
  ScheduleEndBody,
  ScheduleParams,
  SessionParams,
  SessionTimeBody,
} from './programmes.schema.ts';
import * as service from './programmes.service.ts';
import { SessionPage } from './programmes.session.views.tsx';
import { ProgrammePage, type ProgrammePageData } from './programmes.views.tsx';
import { addDays, monthRange } from './schedule.rules.ts';
import * as sessions from './sessions.service.ts';
import { sessionsWithStatus } from './sessions.status.ts';

const view = { permission: 'programmes.view' as const };
const manage = { permission: 'programmes.manage' as const };

/** How many held and how many next sessions the programme's page shows. */
const SESSIONS_SHOWN = 5;

export async function programmesRoutes(app: App) {
  const lockDays = app.config.attendanceLockDays;

  /** The last sessions held (newest first) and the next ones not yet begun (soonest first). */
  const lastAndNext = async (ctx: ReturnType<typeof ctxOf>, programmeId: string, todayThere: string) => {
    const [before, ahead] = await Promise.all([
      sessionsWithStatus(ctx, {
        programmeIds: [programmeId],
        from: '1970-01-01',
        to: todayThere,
        order: 'desc',
        limit: 40,
        lockDays,
      }),
      sessionsWithStatus(ctx, {
        programmeIds: [programmeId],
        from: todayThere,
        to: addDays(todayThere, 366),
        limit: 40,
        lockDays,
      }),
    ]);
    return {
      last: before.filter((s) => !s.cancelled && s.starts_at <= ctx.now).slice(0, SESSIONS_SHOWN),
      next: ahead.filter((s) => s.starts_at > ctx.now).slice(0, SESSIONS_SHOWN),
    };
  };

  /** One session's page (cancel, reschedule), with the answers just sent when a form failed. */
  const sessionPage = async (req: FastifyRequest, id: string, sessionId: string, form?: FormState) => {
    const ctx = ctxOf(req);
    const p = await programme(ctx, id, { for: 'manage' });
    const [s] = await sessionsWithStatus(ctx, {
      programmeIds: [p.id],
      ids: [sessionId],
      from: '1970-01-01',
      to: '9999-12-31',
      lockDays,
    });
    if (!s) throw notFound('sessions');
    return renderPage(SessionPage({ ctx: viewCtx(req), may: programmeMay(ctx.who), s, form }));
  };
  const formPage = async (req: FastifyRequest, form: FormState, programmeId?: string) => {
    const ctx = ctxOf(req);
    const unitId = String(form.values.unit_id ?? '') || ctx.who.unitId;
    const partnerId = String(form.values.partner_id ?? '') || null;
    const [units, partners, agreements, programAksi, instructors] = await Promise.all([
      unitOptions(ctx),
      partnerOptions(ctx),
      listAgreements(ctx, { page: 1 }),
      listProgramAksi(ctx, { activeOnly: true }),
      unitId && /^[0-9a-f-]{36}$/i.test(unitId) && (!partnerId || /^[0-9a-f-]{36}$/i.test(partnerId))
        ? service.instructorOptions(ctx, unitId, partnerId)
        : Promise.resolve([]),
    ]);
    return renderPage(
      ProgrammeFormPage({
        ctx: viewCtx(req),
        form,
        programmeId,
        units,
        partners,
        agreements: agreements.rows.map((a) => ({ id: a.id, title: a.title, partner_name: a.partner_name })),
        programAksi,
        instructors: instructors.map((u) => ({ id: u.id, full_name: u.full_name, roles: u.roles })),
      }),
    );
  };

  const detailPage = async (
    req: FastifyRequest,
    id: string,
    forms: Partial<ProgrammePageData['forms']> = {},
  ) => {
    const ctx = ctxOf(req);
    const d = await service.programmeDetail(ctx, id);
    const [around, programAksi] = await Promise.all([
      lastAndNext(ctx, d.programme.id, today(ctx, d.programme.timezone)),
      listProgramAksi(ctx),
    ]);
    return renderPage(
      ProgrammePage({
        ctx: viewCtx(req),
        may: programmeMay(ctx.who),
        d: {
          programme: d.programme,
          curriculum: d.curriculum,
          instructors: d.instructors,
          schedules: d.schedules,
          last: around.last,
          next: around.next,
          programAksi: programAksi.filter((x) => d.program_aksi_ids.includes(x.id)),
          forms: {
            schedule:
              forms.schedule ??
              emptyForm({
                weekdays: [],
                every_n_weeks: 1,
                starts_on: today(ctx, d.programme.timezone),
                start_time: '09:00',
                end_time: '12:00',
                skip_holidays: 'true',
              }),
            range: forms.range ?? emptyForm(),
            extra: forms.extra ?? emptyForm({ start_time: '09:00', end_time: '12:00' }),
            scheduleEdit: forms.scheduleEdit,
          },
        },
      }),
    );
  };

  // The API twin keeps its place at the head of programmesApi's routes (the OpenAPI order).
  listRoute(app, {
    path: '/programmes',
    permission: view.permission,
    query: ProgrammeListQuery,
    load: (ctx, q, page) => service.listProgrammes(ctx, { q: q.q, status: q.status, page }),
    view: (list, ctx) => ProgrammeListPage({ ...list, may: programmeMay(ctx.who) }),
    api: {
      tags: ['programmes'],
      summary: 'Programmes in your scope (a partner instructor sees only their partner’s)',
      item: ProgrammeOut,
    },
  });

  formRoute(app, {
    path: '/programmes/new',
    post: '/programmes',
    permission: manage.permission,
    body: ProgrammeForm,
    page: (req, _params, form) =>
      formPage(
        req,
        form ??
          emptyForm({
            kind: 'training',
            status: 'planned',
            unit_id: ctxOf(req).who.unitId ?? '',
            capacity: 20,
          }),
      ),
    action: (req, _params, body) => service.createProgramme(ctxOf(req), formToInput(body)),
    flash: 'programmes.created',
    redirect: (_params, id) => `/programmes/${id}`,
  });

  app.get('/programmes/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await detailPage(req, req.params.id)),
  );

  // The programme is asked for on the page and in the action: out of scope is 404 whatever the answers.
  formRoute(app, {
    path: '/programmes/:id/edit',
    post: '/programmes/:id',
    permission: manage.permission,
    params: IdParams,
    body: ProgrammeForm,
    page: async (req, { id }, form) => {
      const ctx = ctxOf(req);
      if (form) return formPage(req, form, (await programme(ctx, id, { for: 'manage' })).id);
      const d = await service.programmeDetail(ctx, id, { for: 'manage' });
      return formPage(req, emptyForm(formFromProgramme(d)), d.programme.id);
    },
    action: async (req, { id }, body) => {
      const ctx = ctxOf(req);
      const p = await programme(ctx, id, { for: 'manage' });
      await service.updateProgramme(ctx, p.id, formToInput(body));
      return p.id;
    },
    flash: 'common.saved',
    redirect: (_params, id) => `/programmes/${id}`,
  });

  app.get(
    '/programmes/:id/calendar',
    { config: view, schema: { params: IdParams, querystring: MonthQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const p = await programme(ctx, req.params.id);
      const month = req.query.month ?? today(ctx, p.timezone).slice(0, 7);
      const { from, to } = monthRange(month);
      const [rows, holidays] = await Promise.all([
        sessionsWithStatus(ctx, { programmeIds: [p.id], from, to, limit: 2000, lockDays }),
        // National holidays and the programme's own unit's: the days it does not meet.
        unitHolidays(ctx, { unitId: p.unit_id, from, to }),
      ]);
      return reply.html(
        renderPage(
          CalendarPage({
            ctx: viewCtx(req),
            may: programmeMay(ctx.who),
            heading: p.name,
            back: { href: `/programmes/${p.id}`, label: p.name },
            base: `/programmes/${p.id}/calendar`,
            month,
            sessions: rows,
            holidays,
          }),
        ),
      );
    },
  );

  // The unit calendar: every programme the user sees, with their units' holidays.
  app.get(
    '/programmes/calendar',
    { config: view, schema: { querystring: MonthQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const month = req.query.month ?? today(ctx).slice(0, 7);
      const { from, to } = monthRange(month);
      const [rows, holidays] = await Promise.all([
        sessionsWithStatus(ctx, { from, to, limit: 2000, lockDays }),
        listHolidays(ctx, Number(month.slice(0, 4))),
      ]);
      return reply.html(
        renderPage(
          CalendarPage({
            ctx: viewCtx(req),
            may: programmeMay(ctx.who),
            heading: null,
            back: { href: '/programmes', label: req.t('programmes.title') },
            base: '/programmes/calendar',
            month,
            sessions: rows,
            holidays: holidays.filter(
              (h) => h.day >= from && h.day <= to && (h.unit_id === null || h.unit_id === ctx.who.unitId),
            ),
          }),
        ),
      );
    },
  );

  app.post(
    '/programmes/:id/schedules',
    { config: manage, schema: { params: IdParams, body: ScheduleBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => detailPage(req, req.params.id, { schedule: form }),
        action: () => sessions.addSchedule(ctxOf(req), req.params.id, req.body),
        flash: 'programmes.scheduleSaved',
        redirect: () => `/programmes/${req.params.id}`,
      });
    },
  );

  app.post(
    '/programmes/:id/schedules/:scheduleId',
    { config: manage, schema: { params: ScheduleParams, body: ScheduleEditBody }, attachValidation: true },
    async (req, reply) => {
      const { id, scheduleId } = req.params;
      return submitForm(req, reply, {
        render: (form) => detailPage(req, id, { scheduleEdit: { id: scheduleId, form } }),
        action: () =>
          sessions.editSchedule(ctxOf(req), id, scheduleId, {
            ...req.body,
            skip_holidays: req.body.skip_holidays ?? false,
          }),
        flash: 'programmes.scheduleUpdated',
        redirect: () => `/programmes/${id}`,
      });
    },
  );

  app.post(
    '/programmes/:id/schedules/:scheduleId/end',
    { config: manage, schema: { params: ScheduleParams, body: ScheduleEndBody }, attachValidation: true },
    async (req, reply) => {
      const { id, scheduleId } = req.params;
      return submitForm(req, reply, {
        render: (form) => detailPage(req, id, { scheduleEdit: { id: scheduleId, form } }),
        action: () => sessions.endSchedule(ctxOf(req), id, scheduleId, req.body),
        flash: 'programmes.scheduleEnded',
        redirect: () => `/programmes/${id}`,
      });
    },
  );

  app.post(
    '/programmes/:id/sessions',
    { config: manage, schema: { params: IdParams, body: SessionTimeBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => detailPage(req, req.params.id, { extra: form }),
        action: () => sessions.addExtraSession(ctxOf(req), req.params.id, req.body),
        flash: 'programmes.extraAdded',
        redirect: () => `/programmes/${req.params.id}`,
      });
    },
  );

  app.post(
    '/programmes/:id/sessions/cancel-range',
    { config: manage, schema: { params: IdParams, body: CancelRangeBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => detailPage(req, req.params.id, { range: form }),
        action: () => sessions.cancelRange(ctxOf(req), req.params.id, req.body),
        flash: 'programmes.rangeCancelled',
        redirect: () => `/programmes/${req.params.id}`,
      });
    },
  );

  app.get(
    '/programmes/:id/sessions/:sessionId',
    { config: manage, schema: { params: SessionParams } },
    async (req, reply) => reply.html(await sessionPage(req, req.params.id, req.params.sessionId)),
  );

  app.post(
    '/programmes/:id/sessions/:sessionId/cancel',
    { config: manage, schema: { params: SessionParams, body: CancelBody }, attachValidation: true },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      return submitForm(req, reply, {
        render: (form) => sessionPage(req, id, sessionId, form),
        action: () => sessions.cancelSession(ctxOf(req), id, sessionId, req.body.reason),
        flash: 'programmes.sessionCancelled',
        redirect: () => `/programmes/${id}`,
      });
    },
  );

  app.post(
    '/programmes/:id/sessions/:sessionId/reschedule',
    { config: manage, schema: { params: SessionParams, body: SessionTimeBody }, attachValidation: true },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      return submitForm(req, reply, {
        render: (form) => sessionPage(req, id, sessionId, form),
        action: () => sessions.rescheduleSession(ctxOf(req), id, sessionId, req.body),
        flash: 'programmes.rescheduled',
        redirect: () => `/programmes/${id}`,
      });
    },
  );
}
