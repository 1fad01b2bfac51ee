// The follow-up pages (/follow-ups: the due list, a person's schedule, the record form) and
// /api/v1/follow-ups. Every route needs followups.record: the unit's staff and the Bapas probation
// officer (PK), who reaches only the people assigned to them (404 for anyone else).
import { Type } from 'typebox';
import { notFound } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { defineList, listApi, listPage } from '../../app/list-route.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import type { FollowUpMonth } from '../../db/schema.ts';
import { MONTHS } from './follow-ups.rules.ts';
import {
  DueOut,
  DueQuery,
  FollowUpCreateBody,
  FollowUpFormBody,
  FollowUpUpdateBody,
  MonthParams,
  PersonOut,
  PersonParams,
} from './follow-ups.schema.ts';
import * as service from './follow-ups.service.ts';
import { DueListPage, formValues, PersonPage, RecordPage } from './follow-ups.views.tsx';

const record = { permission: 'followups.record' as const };
const tags = ['follow-ups'];

const dueList = defineList({
  path: '/follow-ups',
  permission: 'followups.record',
  query: DueQuery,
  load: (ctx, q, page) => service.listDue(ctx, { filter: q.filter ?? 'open', page }),
  view: (list) => DueListPage({ list }),
  api: {
    path: '/api/v1/follow-ups',
    tags,
    summary: 'Follow-ups due, overdue or coming within 30 days (each unit’s local date)',
    item: DueOut,
    paging: true,
    row: (r) => ({
      inmate_id: r.inmate_id,
      name: r.name,
      reg_number: r.reg_number,
      unit_name: r.unit_name,
      released_on: r.released_on,
      month_no: r.month_no,
      due_on: r.due_on,
      overdue: r.due_on < r.today,
      pk_name: r.pk_name,
    }),
  },
});

const asMonth = (n: number): FollowUpMonth => {
  const m = MONTHS.find((x) => x === n);
  if (m === undefined) throw notFound('follow_ups');
  return m;
};

export async function followUpsRoutes(app: App) {
  listPage(app, dueList);

  app.get(
    '/follow-ups/:inmateId',
    { config: record, schema: { params: PersonParams } },
    async (req, reply) => {
      const p = await service.personFollowUps(ctxOf(req), req.params.inmateId);
      return reply.html(renderPage(PersonPage({ ctx: viewCtx(req), p })));
    },
  );

  const recordPage = async (req: FastifyRequest, inmateId: string, n: number, form?: FormState) => {
    const month = asMonth(n);
    const p = await service.personFollowUps(ctxOf(req), inmateId);
    const m = p.milestones.find((x) => x.month_no === month);
    if (!m) throw notFound('follow_ups');
    return renderPage(
      RecordPage({ ctx: viewCtx(req), p, month: m, form: form ?? emptyForm(formValues(m, p.today)) }),
    );
  };

  app.get(
    '/follow-ups/:inmateId/:month',
    { config: record, schema: { params: MonthParams } },
    async (req, reply) => reply.html(await recordPage(req, req.params.inmateId, req.params.month)),
  );

  app.post(
    '/follow-ups/:inmateId/:month',
    { config: record, schema: { params: MonthParams, body: FollowUpFormBody }, attachValidation: true },
    async (req, reply) => {
      const { inmateId, month } = req.params;
      return submitForm(req, reply, {
        render: (form) => recordPage(req, inmateId, month, form),
        action: () => service.recordFollowUp(ctxOf(req), inmateId, { ...req.body, month_no: asMonth(month) }),
        flash: 'followUps.saved',
        redirect: () => `/follow-ups/${inmateId}`,
      });
    },
  );

  // ---- JSON API ----
  listApi(app, dueList);

  app.get(
    '/api/v1/follow-ups/people/:inmateId',
    {
      config: record,
      schema: {
        tags,
        summary: "One released person's follow-up schedule, consent and recorded follow-ups",
        params: PersonParams,
        response: { 200: PersonOut },
      },
    },
    async (req) => {
      const p = await service.personFollowUps(ctxOf(req), req.params.inmateId);
      return {
        inmate_id: p.case.inmate_id,
        released_on: p.case.released_on,
        consent: p.consent,
        milestones: p.milestones.map((m) => ({
          month_no: m.month_no,
          due_on: m.due_on,
          status: m.status,
          follow_up: m.record
            ? {
                id: m.record.id,
                month_no: m.record.month_no,
                contacted_on: m.record.contacted_on,
                contact_lost: m.record.contact_lost,
                work_status: m.record.work_status,
                income_band: m.record.income_band,
                in_trade: m.record.in_trade,
                reoffended: m.record.reoffended,
                note: m.record.note,
                by_bapas: m.record.by_bapas,
              }
            : null,
        })),
      };
    },
  );

  app.post(
    '/api/v1/follow-ups',
    {
      config: record,
      schema: {
        tags,
        summary:
          'Record a follow-up (refused without a live follow-up consent given before release, or before the release day)',
        body: FollowUpCreateBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const { inmate_id, ...input } = req.body;
      const r = await service.recordFollowUp(ctxOf(req), inmate_id, input, { create: true });
      return reply.code(201).send({ id: r.id });
    },
  );

  app.put(
    '/api/v1/follow-ups/:id',
    {
      config: record,
      schema: {
        tags,
        summary: 'Correct a recorded follow-up (the same rules as recording it)',
        params: IdParams,
        body: FollowUpUpdateBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await service.updateFollowUp(ctxOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
}
