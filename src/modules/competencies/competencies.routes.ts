// Competency pages: a programme's matrix, one unit for every active participant, and every unit of
// one participant; both assessment pages post all their rows at once (competencies.bulk).
import { Type } from 'typebox';
import { invalid } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import type { FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { IdParams, uuid } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { assessMany, type BatchItem, participantSheet, unitSheet } from './competencies.bulk.ts';
import { DECISIONS, type Decision } from './competencies.rules.ts';
import { SheetFormBody } from './competencies.schema.ts';
import * as service from './competencies.service.ts';
import { ParticipantSheetPage, participantRows, sheetValues, UnitSheetPage } from './competencies.sheets.tsx';
import { MatrixPage } from './competencies.views.tsx';

const view = { permission: 'attendance.view' as const };
const assess = { permission: 'competencies.assess' as const };
const UnitSheetParams = Type.Object({ id: uuid, unitId: uuid });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rows a sheet posted: one per `status.<row id>`, with that row's date, evidence and note.
 * A decision outside the offered ones is refused on its row before anything is saved.
 */
function rowsFrom(
  body: Record<string, unknown>,
): Array<{ id: string; decision: Decision } & Omit<BatchItem, 'enrolment_id' | 'unit_id' | 'status'>> {
  const out = [];
  const bad = [];
  for (const [k, v] of Object.entries(body)) {
    if (!k.startsWith('status.')) continue;
    const id = k.slice('status.'.length);
    if (!UUID.test(id)) continue;
    if (!DECISIONS.includes(v as Decision)) {
      bad.push({ field: k, key: 'err.enum' as const });
      continue;
    }
    const text = (name: string) => {
      const t = body[`${name}.${id}`];
      return typeof t === 'string' ? t : undefined;
    };
    out.push({
      id,
      decision: v as Decision,
      assessed_on: text('assessed_on'),
      evidence: text('evidence'),
      note: text('note'),
    });
  }
  if (bad.length) throw invalid(bad);
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date field that is not a calendar day is refused on its row (the form's schema is loose). */
function checkDates(rows: ReturnType<typeof rowsFrom>): void {
  const bad = rows
    .filter(
      (r) =>
        r.assessed_on !== undefined &&
        !(DATE.test(r.assessed_on) && !Number.isNaN(Date.parse(r.assessed_on))),
    )
    .map((r) => ({ field: `assessed_on.${r.id}`, key: 'err.format.date' as const }));
  if (bad.length) throw invalid(bad);
}

export async function competenciesRoutes(app: App) {
  const unitPage = async (req: FastifyRequest, p: { id: string; unitId: string }, form?: FormState) => {
    const ctx = ctxOf(req);
    const d = await unitSheet(ctx, p.id, p.unitId);
    return renderPage(
      UnitSheetPage({
        ctx: viewCtx(req),
        d,
        form: form ?? sheetValues(d.rows, today(ctx, d.programme.timezone)),
      }),
    );
  };

  const participantPage = async (req: FastifyRequest, id: string, form?: FormState) => {
    const ctx = ctxOf(req);
    const d = await participantSheet(ctx, id);
    const v = viewCtx(req);
    return renderPage(
      ParticipantSheetPage({
        ctx: v,
        d,
        form: form ?? sheetValues(participantRows(v, d), today(ctx, d.programme.timezone)),
      }),
    );
  };

  app.get(
    '/programmes/:id/competencies',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => {
      const d = await service.programmeMatrix(ctxOf(req), req.params.id);
      return reply.html(renderPage(MatrixPage({ ctx: viewCtx(req), d })));
    },
  );

  app.get(
    '/programmes/:id/competencies/units/:unitId',
    { config: view, schema: { params: UnitSheetParams } },
    async (req, reply) => reply.html(await unitPage(req, req.params)),
  );

  app.post(
    '/programmes/:id/competencies/units/:unitId',
    { config: assess, schema: { params: UnitSheetParams, body: SheetFormBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => unitPage(req, req.params, form),
        action: async () => {
          const rows = rowsFrom((req.body ?? {}) as Record<string, unknown>);
          checkDates(rows);
          return assessMany(
            ctxOf(req),
            {
              programmeId: req.params.id,
              items: rows.map(({ id, decision, ...r }) => ({
                ...r,
                enrolment_id: id,
                unit_id: req.params.unitId,
                status: decision,
              })),
            },
            (_i, item, name) => `${name}.${item.enrolment_id}`,
          );
        },
        flash: 'competencies.saved',
        redirect: () => `/programmes/${req.params.id}/competencies/units/${req.params.unitId}`,
      }),
  );

  app.get(
    '/enrolments/:id/competencies',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => reply.html(await participantPage(req, req.params.id)),
  );

  app.post(
    '/enrolments/:id/competencies',
    { config: assess, schema: { params: IdParams, body: SheetFormBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => participantPage(req, req.params.id, form),
        action: async () => {
          const ctx = ctxOf(req);
          const d = await participantSheet(ctx, req.params.id);
          const rows = rowsFrom((req.body ?? {}) as Record<string, unknown>);
          checkDates(rows);
          return assessMany(
            ctx,
            {
              programmeId: d.programme.id,
              items: rows.map(({ id, decision, ...r }) => ({
                ...r,
                enrolment_id: d.enrolment.id,
                unit_id: id,
                status: decision,
              })),
            },
            (_i, item, name) => `${name}.${item.unit_id}`,
          );
        },
        flash: 'competencies.saved',
        redirect: () => `/enrolments/${req.params.id}/competencies`,
      }),
  );
}
