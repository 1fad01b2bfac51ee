// Participants pages: a programme's enrolments, adding a pemagang or petugas, changing a status.
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { programme } from '../programmes/programmes.policy.ts';
import { enrolmentsMay } from './enrolments.policy.ts';
import { EnrolmentStatusBody, PersonBody } from './enrolments.schema.ts';
import * as service from './enrolments.service.ts';
import { EnrolmentsPage } from './enrolments.views.tsx';

const view = { permission: 'selection.view' as const };
const manage = { permission: 'selection.manage' as const };

export async function enrolmentsRoutes(app: App) {
  const page = async (
    req: FastifyRequest,
    programmeId: string,
    forms: { add?: FormState; change?: { id: string; form: FormState } },
  ) => {
    const ctx = ctxOf(req);
    const p = await programme(ctx, programmeId);
    const rows = await service.listEnrolments(ctx, programmeId);
    const add = forms.add ?? emptyForm({ kind: 'intern', started_on: today(ctx) });
    return renderPage(
      EnrolmentsPage({
        ctx: viewCtx(req),
        programme: p,
        rows,
        add,
        change: forms.change,
        may: enrolmentsMay(ctx.who),
      }),
    );
  };

  app.get('/programmes/:id/enrolments', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await page(req, req.params.id, {})),
  );

  app.post(
    '/programmes/:id/enrolments',
    { config: manage, schema: { params: IdParams, body: PersonBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) => page(req, req.params.id, { add: form }),
        action: () => service.enrolPerson(ctxOf(req), req.params.id, req.body),
        flash: 'selection.saved',
        redirect: () => `/programmes/${req.params.id}/enrolments`,
      }),
  );

  app.post(
    '/enrolments/:id/status',
    { config: manage, schema: { params: IdParams, body: EnrolmentStatusBody }, attachValidation: true },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const programmeId = await service.programmeOfEnrolment(ctx, req.params.id);
      return submitForm(req, reply, {
        render: (form) => page(req, programmeId, { change: { id: req.params.id, form } }),
        action: () => service.changeEnrolmentStatus(ctx, req.params.id, req.body),
        flash: 'selection.saved',
        redirect: () => `/programmes/${programmeId}/enrolments`,
      });
    },
  );
}
