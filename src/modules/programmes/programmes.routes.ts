// Programme pages: list, add, edit, a programme's page with schedules and sessions, its month
// calendar, and the session actions (cancel, cancel a range, reschedule, extra session).

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
import { ProgrammePage, type ProgrammePageData } from './programmes.views.tsx';
import { monthRange } from './schedule.rules.ts';
import * as sessions from './sessions.service.ts';

const view = { permission: 'programmes.view' as const };
const manage = { permission: 'programmes.manage' as const };

export async function programmesRoutes(app: App) {
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
    const [upcoming, programAksi] = await Promise.all([sessions.sessionsOf(ctx, id), listProgramAksi(ctx)]);
    return renderPage(
      ProgrammePage({
        ctx: viewCtx(req),
        may: programmeMay(ctx.who),
        d: {
          programme: d.programme,
          curriculum: d.curriculum,
          instructors: d.instructors,
          schedules: d.schedules,
          sessions: upcoming,
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
            session: forms.session,
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
        sessions.sessionsOf(ctx, p.id, from, to),
        // National holidays and the programme's own unit's: the days it does not meet.
        unitHolidays(ctx, { unitId: p.unit_id, from, to }),
      ]);
      const zone = p.timezone;
      return reply.html(
        renderPage(
          CalendarPage({
            ctx: viewCtx(req),
            may: programmeMay(ctx.who),
            heading: p.name,
            back: { href: `/programmes/${p.id}`, label: p.name },
            base: `/programmes/${p.id}/calendar`,
            month,
            sessions: rows.map((s) => ({ ...s, zone })),
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
        sessions.sessionsInScope(ctx, from, to),
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
            sessions: rows.map((s) => ({ ...s, zone: s.timezone })),
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

  app.post(
    '/programmes/:id/sessions/:sessionId/cancel',
    { config: manage, schema: { params: SessionParams, body: CancelBody }, attachValidation: true },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      return submitForm(req, reply, {
        render: (form) => detailPage(req, id, { session: { id: sessionId, form } }),
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
        render: (form) => detailPage(req, id, { session: { id: sessionId, form } }),
        action: () => sessions.rescheduleSession(ctxOf(req), id, sessionId, req.body),
        flash: 'programmes.rescheduled',
        redirect: () => `/programmes/${id}`,
      });
    },
  );
}
