// Selection pages: open an intake for a programme, and the intake page's actions (add a candidate,
// score, record consent, record the TPP decision, approve it, enrol an accepted candidate).
import { Type } from 'typebox';
import { askFirst } from '../../app/confirm.tsx';
import { AppError, fieldError, invalid, notFound } from '../../app/errors.ts';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest, setFlash } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { date, IdParams, pageParam, uuid } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import type { Decision } from '../../db/schema.ts';
import { programme } from '../programmes/programmes.policy.ts';
import { IntakeListPage } from './selection.list.views.tsx';
import { criteriaRows } from './selection.parts.tsx';
import { selectionMay } from './selection.policy.ts';
import { CandidateBody, CandidateParams, DECISIONS } from './selection.schema.ts';
import * as service from './selection.service.ts';
import { enrolAsk, type IntakeForms, IntakeNewPage, IntakePage } from './selection.views.tsx';

const view = { permission: 'selection.view' as const };
const manage = { permission: 'selection.manage' as const };
const approve = { permission: 'selection.approve' as const };

const OpenForm = Type.Object({ opened_on: date });
const NoteForm = Type.Object({ note: Type.Optional(Type.String({ maxLength: 4000 })) });
const CloseForm = Type.Object({ reason: Type.String({ maxLength: 500 }) });
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Enum(['open', 'decided', 'closed']), Type.Literal('')])),
  programme: Type.Optional(Type.Union([uuid, Type.Literal('')])),
  page: pageParam(),
});

/** The default criteria as the form's rows. */
const criteriaValues = () =>
  Object.fromEntries(
    service.DEFAULT_CRITERIA.flatMap((c, i) => [
      [`criteria.${i}.label`, c.label],
      [`criteria.${i}.max`, String(c.max)],
    ]),
  );

/**
 * The criterion rows of the open form as criteria; a row whose name is empty is left out. Errors
 * name the row the user filled in, not its place in the list.
 */
function criteriaFrom(body: Record<string, unknown>) {
  // A form without criterion rows (an older client) takes the defaults.
  if (!Object.keys(body).some((k) => k.startsWith('criteria.'))) return undefined;
  const rows: number[] = [];
  for (let i = 0; i < criteriaRows(body); i++)
    if (String(body[`criteria.${i}.label`] ?? '').trim()) rows.push(i);
  if (rows.length === 0) throw fieldError('criteria', 'selection.criteriaNone');
  const criteria = rows.map((i) => {
    const label = String(body[`criteria.${i}.label`]).trim();
    const max = String(body[`criteria.${i}.max`] ?? '').trim();
    return { key: service.criterionKey(label), label, max: max === '' ? Number.NaN : Number(max) };
  });
  try {
    return service.checkCriteria(criteria);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw invalid(
      err.fields.map((f) => ({
        ...f,
        field: f.field.replace(/^criteria\.(\d+)\./, (_, k: string) => `criteria.${rows[Number(k)]}.`),
      })),
    );
  }
}

/** A refusal that is not about one field (no consent, no place left) shown beside the candidate. */
async function asFieldError(action: () => Promise<unknown>, field: string) {
  try {
    await action();
  } catch (err) {
    if (err instanceof AppError && err.fields.length === 0 && err.status === 409)
      throw new AppError(err.code, 409, err.key, err.params, [{ field, key: err.key, params: err.params }]);
    throw err;
  }
}
const ScoresForm = Type.Record(Type.String(), Type.String());
const TppForm = Type.Object({
  held_on: date,
  members: Type.String({ minLength: 1, maxLength: 4000 }),
  notes: Type.Optional(Type.String({ maxLength: 4000 })),
});

/** decision_<candidate id> and reason_<candidate id> fields of the TPP form, as the service's list. */
function decisionsFrom(body: Record<string, unknown>) {
  const out: Array<{ candidate_id: string; decision: Decision; reason?: string }> = [];
  for (const [k, v] of Object.entries(body)) {
    const id = /^decision_([0-9a-f-]{36})$/.exec(k)?.[1];
    if (!id || !(DECISIONS as readonly unknown[]).includes(v)) continue;
    const reason = body[`reason_${id}`];
    out.push({
      candidate_id: id,
      decision: v as Decision,
      ...(typeof reason === 'string' ? { reason } : {}),
    });
  }
  return out;
}

export async function selectionRoutes(app: App) {
  const newPage = async (req: FastifyRequest, programmeId: string, form: FormState) => {
    const ctx = ctxOf(req);
    const p = await programme(ctx, programmeId);
    const intakes = await service.intakesOf(ctx, programmeId);
    return renderPage(IntakeNewPage({ ctx: viewCtx(req), programme: p, intakes, form }));
  };
  const intakePage = async (req: FastifyRequest, id: string, forms: IntakeForms = {}) => {
    const ctx = ctxOf(req);
    const d = await service.intakeDetail(ctx, id);
    return renderPage(IntakePage({ ctx: viewCtx(req), d, forms, may: selectionMay(ctx.who) }));
  };
  /** Every change on an intake ends back on its page, with the same message. */
  const saved = { flash: 'selection.saved' as const };

  app.get(
    '/programmes/:id/intakes/new',
    { config: manage, schema: { params: IdParams } },
    async (req, reply) =>
      reply.html(
        await newPage(req, req.params.id, emptyForm({ opened_on: today(ctxOf(req)), ...criteriaValues() })),
      ),
  );

  app.post(
    '/programmes/:id/intakes',
    { config: manage, schema: { params: IdParams, body: OpenForm }, attachValidation: true },
    async (req, reply) => {
      let id = '';
      return submitForm(req, reply, {
        render: (form) => newPage(req, req.params.id, form),
        action: async () => {
          const criteria = criteriaFrom(req.body as Record<string, unknown>);
          id = await service.openIntake(ctxOf(req), req.params.id, {
            opened_on: req.body.opened_on,
            criteria,
          });
        },
        ...saved,
        redirect: () => `/intakes/${id}`,
      });
    },
  );

  app.get('/intakes', { config: view, schema: { querystring: ListQuery } }, async (req, reply) => {
    const q = req.query;
    const list = await service.listIntakes(ctxOf(req), {
      status: q.status || undefined,
      programmeId: q.programme || undefined,
      page: q.page ?? 1,
    });
    return reply.html(renderPage(IntakeListPage({ ctx: viewCtx(req), list, query: q })));
  });

  app.get('/intakes/:id', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await intakePage(req, req.params.id)),
  );

  app.post(
    '/intakes/:id/candidates',
    { config: manage, schema: { params: IdParams, body: CandidateBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => intakePage(req, req.params.id, { add: form }),
        action: () => service.addCandidate(ctxOf(req), req.params.id, req.body),
        ...saved,
        redirect: () => `/intakes/${req.params.id}`,
      }),
  );

  app.post(
    '/intakes/:id/candidates/:candidateId/scores',
    { config: manage, schema: { params: CandidateParams, body: ScoresForm }, attachValidation: true },
    async (req, reply) => {
      const { id, candidateId } = req.params;
      // The body failed its schema when it is not an object of texts (a JSON array): submitForm
      // answers that, and no score is read from it.
      const body = (req.body ?? {}) as Record<string, unknown>;
      const scores = Object.fromEntries(
        Object.entries(body)
          .filter(([k]) => k !== '_csrf')
          .map(([k, v]) => [
            k,
            typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : Number.NaN,
          ]),
      );
      return submitForm(req, reply, {
        render: (form) => intakePage(req, id, { score: { id: candidateId, form } }),
        action: () => service.scoreCandidate(ctxOf(req), { intakeId: id, candidateId }, scores),
        ...saved,
        redirect: () => `/intakes/${id}`,
      });
    },
  );

  for (const [path, act] of [
    ['consent', service.recordConsent],
    ['consent/withdraw', service.withdrawConsent],
  ] as const)
    app.post(
      `/intakes/:id/candidates/:candidateId/${path}`,
      { config: manage, schema: { params: CandidateParams, body: NoteForm }, attachValidation: true },
      async (req, reply) => {
        const { id, candidateId } = req.params;
        return submitForm(req, reply, {
          render: (form) => intakePage(req, id, { consent: { id: candidateId, form } }),
          action: () => act(ctxOf(req), { intakeId: id, candidateId }, req.body),
          ...saved,
          redirect: () => `/intakes/${id}`,
        });
      },
    );

  app.post(
    '/intakes/:id/close',
    { config: manage, schema: { params: IdParams, body: CloseForm }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => intakePage(req, req.params.id, { close: form }),
        action: () => service.closeIntake(ctxOf(req), req.params.id, req.body),
        ...saved,
        redirect: () => `/intakes/${req.params.id}`,
      }),
  );

  app.post(
    '/intakes/:id/tpp',
    { config: manage, schema: { params: IdParams, body: TppForm }, attachValidation: true },
    async (req, reply) => {
      const body = req.body as Record<string, unknown> & { held_on: string; members: string; notes?: string };
      return submitForm(req, reply, {
        render: (form) => intakePage(req, req.params.id, { tpp: form }),
        action: () =>
          service.recordTpp(ctxOf(req), req.params.id, {
            held_on: body.held_on,
            members: String(body.members ?? '').split('\n'),
            notes: body.notes,
            decisions: decisionsFrom(body),
          }),
        ...saved,
        redirect: () => `/intakes/${req.params.id}`,
      });
    },
  );

  app.post('/intakes/:id/approve', { config: approve, schema: { params: IdParams } }, async (req, reply) => {
    await service.approveTpp(ctxOf(req), req.params.id);
    setFlash(reply, saved.flash);
    return reply.redirect(`/intakes/${req.params.id}`, 303);
  });

  app.post(
    '/intakes/:id/candidates/:candidateId/enrol',
    { config: manage, schema: { params: CandidateParams } },
    async (req, reply) => {
      const { id, candidateId } = req.params;
      const ctx = ctxOf(req);
      const asking = await askFirst(req, reply, {
        back: `/intakes/${id}`,
        ask: async (v) => {
          const d = await service.intakeDetail(ctx, id);
          const c = d.candidates.find((x) => x.id === candidateId);
          if (!c) throw notFound('intake_candidates');
          return enrolAsk(v, d, c.name);
        },
      });
      if (asking) return reply;
      const started_on = today(ctx);
      return submitForm(req, reply, {
        render: (form) => intakePage(req, id, { enrol: { id: candidateId, form } }),
        action: () =>
          asFieldError(
            () => service.enrolCandidate(ctx, { intakeId: id, candidateId }, { started_on }),
            'enrol',
          ),
        ...saved,
        redirect: () => `/intakes/${id}`,
      });
    },
  );
}
