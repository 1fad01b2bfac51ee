// Competency pages: a programme's matrix and one participant's units with the assessment forms.

import { submitForm } from '../../app/form-route.ts';
import { dayInZone } from '../../app/format.ts';
import type { FormState } from '../../app/forms.tsx';
import { type App, actorOf, type FastifyRequest, userOf } from '../../app/http.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import { IdParams } from '../users/users.schema.ts';
import { AssessBody } from './competencies.schema.ts';
import * as service from './competencies.service.ts';
import { MatrixPage, ParticipantPage } from './competencies.views.tsx';

const view = { permission: 'attendance.view' as const };
const assess = { permission: 'competencies.assess' as const };

export async function competenciesRoutes(app: App) {
  const participantPage = async (
    req: FastifyRequest,
    id: string,
    failed?: { unitId: string; form: FormState },
  ) => {
    const d = await service.participantCompetencies(app.db, userOf(req).scope, id);
    const today = dayInZone(new Date(), d.programme.timezone as TimeZone);
    return renderPage(ParticipantPage({ ctx: viewCtx(req), d, failed, today }));
  };

  app.get(
    '/programmes/:id/competencies',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => {
      const d = await service.programmeMatrix(app.db, userOf(req).scope, req.params.id);
      return reply.html(renderPage(MatrixPage({ ctx: viewCtx(req), d })));
    },
  );

  app.get(
    '/enrolments/:id/competencies',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => reply.html(await participantPage(req, req.params.id)),
  );

  app.post(
    '/enrolments/:id/competencies',
    { config: assess, schema: { params: IdParams, body: AssessBody }, attachValidation: true },
    async (req, reply) =>
      submitForm(req, reply, {
        render: (form) =>
          participantPage(req, req.params.id, { unitId: String(form.values.unit_id ?? ''), form }),
        action: () => service.assessUnit(app.db, actorOf(req), userOf(req).scope, req.params.id, req.body),
        flash: 'competencies.saved',
        redirect: () => `/enrolments/${req.params.id}/competencies`,
      }),
  );
}
