// Competency pages: a programme's matrix and one participant's units with the assessment forms.

import { submitForm } from '../../app/form-route.ts';
import type { FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { today } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
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
    const ctx = ctxOf(req);
    const d = await service.participantCompetencies(ctx, id);
    return renderPage(
      ParticipantPage({ ctx: viewCtx(req), d, failed, today: today(ctx, d.programme.timezone) }),
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
        action: () => service.assessUnit(ctxOf(req), req.params.id, req.body),
        flash: 'competencies.saved',
        redirect: () => `/enrolments/${req.params.id}/competencies`,
      }),
  );
}
