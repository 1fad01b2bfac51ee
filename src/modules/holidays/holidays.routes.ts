// The holiday calendar: the page /holidays and /api/v1/holidays.
import { Type } from 'typebox';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { holidayMay } from './holidays.policy.ts';
import { HolidayBody, HolidayListQuery, HolidayOut, HolidayUpdateBody } from './holidays.schema.ts';
import * as service from './holidays.service.ts';
import { HolidaysPage } from './holidays.views.tsx';

const view = { permission: 'holidays.view' as const };
const manage = { permission: 'holidays.manage' as const };
const tags = ['holidays'];

const thisYear = (req: FastifyRequest) => Number(today(ctxOf(req)).slice(0, 4));

export async function holidaysRoutes(app: App) {
  const page = async (req: FastifyRequest, year: number, form: FormState = emptyForm()) => {
    const ctx = ctxOf(req);
    return renderPage(
      HolidaysPage({
        ctx: viewCtx(req),
        may: holidayMay(ctx.who),
        year,
        rows: await service.listHolidays(ctx, year),
        form,
      }),
    );
  };

  app.get('/holidays', { config: view, schema: { querystring: HolidayListQuery } }, async (req, reply) =>
    reply.html(await page(req, req.query.year ?? thisYear(req))),
  );

  app.post(
    '/holidays',
    { config: manage, schema: { body: HolidayBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => page(req, Number(String(form.values.day ?? '').slice(0, 4)) || thisYear(req), form),
        action: () => service.createHoliday(ctxOf(req), req.body),
        flash: 'holidays.added',
        redirect: () => `/holidays?year=${req.body.day.slice(0, 4)}`,
      });
    },
  );

  app.post('/holidays/:id/delete', { config: manage, schema: { params: IdParams } }, async (req, reply) =>
    submitForm(req, reply, {
      render: (form) => page(req, thisYear(req), form),
      action: () => service.deleteHoliday(ctxOf(req), req.params.id),
      flash: 'holidays.removed',
      redirect: () => '/holidays',
    }),
  );

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
      items: await service.listHolidays(ctxOf(req), req.query.year ?? thisYear(req)),
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
      const id = await service.createHoliday(ctxOf(req), req.body);
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
      await service.updateHoliday(ctxOf(req), req.params.id, req.body);
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
      await service.deleteHoliday(ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
