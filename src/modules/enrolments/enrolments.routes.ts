// Participants pages: a programme's enrolments, adding a pemagang or petugas, changing a status.
import { submitForm } from '../../app/form-route.ts';
import { dayInZone } from '../../app/format.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, actorOf, type FastifyRequest, userOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import { getProgramme } from '../programmes/programmes.service.ts';
import { EnrolmentStatusBody, PersonBody } from '../selection/selection.schema.ts';
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
    const scope = userOf(req).scope;
    const programme = await getProgramme(app.db, scope, programmeId);
    const rows = await service.listEnrolments(app.db, scope, programmeId);
    const add =
      forms.add ?? emptyForm({ kind: 'intern', started_on: dayInZone(new Date(), userOf(req).zone) });
    return renderPage(EnrolmentsPage({ ctx: viewCtx(req), programme, rows, add, change: forms.change }));
  };

  app.get('/programmes/:id/enrolments', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await page(req, req.params.id, {})),
  );

  app.post(
    '/programmes/:id/enrolments',
    { config: manage, schema: { params: IdParams, body: PersonBody }, attachValidation: true },
    async (req, reply) => {
      return submitForm(req, reply, {
        render: (form) => page(req, req.params.id, { add: form }),
        action: () => service.enrolPerson(app.db, actorOf(req), userOf(req).scope, req.params.id, req.body),
        flash: 'selection.saved',
        redirect: () => `/programmes/${req.params.id}/enrolments`,
      });
    },
  );

  app.post(
    '/enrolments/:id/status',
    { config: manage, schema: { params: IdParams, body: EnrolmentStatusBody }, attachValidation: true },
    async (req, reply) => {
      const programmeId = await service.programmeOfEnrolment(app.db, userOf(req).scope, req.params.id);
      return submitForm(req, reply, {
        render: (form) => page(req, programmeId, { change: { id: req.params.id, form } }),
        action: () =>
          service.changeEnrolmentStatus(app.db, actorOf(req), userOf(req).scope, req.params.id, req.body),
        flash: 'selection.saved',
        redirect: () => `/programmes/${programmeId}/enrolments`,
      });
    },
  );
}
