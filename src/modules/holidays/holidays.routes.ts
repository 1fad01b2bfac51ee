// The holiday calendar: the page /holidays and /api/v1/holidays.
import { Type } from 'typebox';
import { submitForm } from '../../app/form-route.ts';
import { dayInZone } from '../../app/format.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, actorOf, type FastifyRequest, setFlash, userOf } from '../../app/http.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { IdParams } from '../users/users.schema.ts';
import { HolidayBody, HolidayListQuery, HolidayOut, HolidayUpdateBody } from './holidays.schema.ts';
import * as service from './holidays.service.ts';
import { HolidaysPage } from './holidays.views.tsx';

const view = { permission: 'holidays.view' as const };
const manage = { permission: 'holidays.manage' as const };
const tags = ['holidays'];

function viewer(req: FastifyRequest): service.Viewer {
  const u = userOf(req);
  return { unitId: u.unitId, roles: u.roles, scope: u.scope };
}

const thisYear = (req: FastifyRequest) => Number(dayInZone(new Date(), userOf(req).zone).slice(0, 4));

export async function holidaysRoutes(app: App) {
  const page = async (req: FastifyRequest, year: number, form: FormState = emptyForm()) =>
    renderPage(
      HolidaysPage({
        ctx: viewCtx(req),
        year,
        rows: await service.listHolidays(app.db, viewer(req), year),
        form,
      }),
    );

  app.get('/holidays', { config: view, schema: { querystring: HolidayListQuery } }, async (req, reply) =>
    reply.html(await page(req, req.query.year ?? thisYear(req))),
  );

  app.post(
    '/holidays',
    { config: manage, schema: { body: HolidayBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => page(req, Number(String(form.values.day ?? '').slice(0, 4)) || thisYear(req), form),
        action: () => service.createHoliday(app.db, actorOf(req), viewer(req), req.body),
        flash: 'holidays.added',
        redirect: () => `/holidays?year=${req.body.day.slice(0, 4)}`,
      });
    },
  );

  app.post('/holidays/:id/delete', { config: manage, schema: { params: IdParams } }, async (req, reply) => {
    await service.deleteHoliday(app.db, actorOf(req), viewer(req), req.params.id);
    setFlash(reply, 'holidays.removed');
    return reply.redirect('/holidays', 303);
  });

  // ---- JSON API ----
  app.get(
    '/api/v1/holidays',
    {
      config: view,
      schema: {
        tags,
        summary: "National holidays and your units' local holidays in one year",
        querystring: HolidayListQuery,
        response: { 200: Type.Object({ items: Type.Array(HolidayOut) }) },
      },
    },
    async (req) => ({
      items: await service.listHolidays(app.db, viewer(req), req.query.year ?? thisYear(req)),
    }),
  );

  app.post(
    '/api/v1/holidays',
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a national (national administrators) or the unit's local holiday",
        body: HolidayBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const id = await service.createHoliday(app.db, actorOf(req), viewer(req), req.body);
      return reply.code(201).send({ id });
    },
  );

  app.put(
    '/api/v1/holidays/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a holiday's date, name or kind",
        params: IdParams,
        body: HolidayUpdateBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.updateHoliday(app.db, actorOf(req), viewer(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/holidays/:id',
    {
      config: manage,
      schema: { tags, summary: 'Remove a holiday', params: IdParams, response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await service.deleteHoliday(app.db, actorOf(req), viewer(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
