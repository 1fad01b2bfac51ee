// The data-subject export as JSON under /api/v1: the same copy as /privacy/subjects/:inmateId.json,
// audited and logged the same way.
import { Type } from 'typebox';
import { type App, ctxOf } from '../../app/http.ts';
import { uuid } from '../../app/schema.ts';
import * as service from './subject-access.service.ts';

const Row = Type.Record(Type.String(), Type.Unknown());
const SubjectOut = Type.Object({
  generated_at: Type.String({ format: 'date-time' }),
  generated_by: Type.String(),
  zone: Type.String(),
  register: Row,
  attendanceSummary: Row,
  sections: Type.Record(Type.String(), Type.Array(Row), {
    description: `One list per section: ${service.SECTION_KEYS.join(', ')}`,
  }),
});

export async function subjectAccessApi(app: App) {
  app.get(
    '/api/v1/subject-access/:inmateId',
    {
      config: { permission: 'privacy.subject_export' },
      schema: {
        tags: ['privacy'],
        summary:
          'Everything held about one person, for a lawful data-subject request (UU 27/2022); NIK masked; audited',
        params: Type.Object({ inmateId: uuid }),
        response: { 200: SubjectOut },
      },
    },
    async (req) => {
      const d = await service.exportSubject(ctxOf(req), req.params.inmateId, 'json', {
        requestId: req.id,
        source: `GET ${req.routeOptions.url}`,
      });
      return { ...d, generated_at: d.generated_at.toISOString(), sections: { ...d.sections } };
    },
  );
}
