// The attendance page of a session: GET, and the form POST that saves the whole roll call (or,
// without scripts, fills "mark all present"). The JSON API is in attendance.api.ts.
import { randomUUID } from 'node:crypto';
import { submitForm } from '../../app/form-route.ts';
import { emptyForm, type FormState } from '../../app/forms.tsx';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { renderPage, viewCtx } from '../../app/view.ts';
import type { MarkStatus } from '../../db/schema.ts';
import { MARK_STATUSES } from './attendance.rules.ts';
import { AttendanceFormBody } from './attendance.schema.ts';
import * as service from './attendance.service.ts';
import { AttendancePage } from './attendance.views.tsx';

const view = { permission: 'attendance.view' as const };
const record = { permission: 'attendance.record' as const };

const isStatus = (v: unknown): v is MarkStatus =>
  typeof v === 'string' && (MARK_STATUSES as readonly string[]).includes(v);

/** The form's flat fields (`status.<id>`, `note.<id>`, `reason.<id>`) as a batch of marks. */
export function marksFromForm(body: Record<string, unknown>): service.MarkInput[] {
  const out: service.MarkInput[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (!k.startsWith('status.') || !isStatus(v)) continue;
    const id = k.slice('status.'.length);
    const note = body[`note.${id}`];
    const reason = body[`reason.${id}`];
    out.push({
      enrolment_id: id,
      status: v,
      ...(typeof note === 'string' ? { note } : {}),
      ...(typeof reason === 'string' ? { reason } : {}),
    });
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function attendanceRoutes(app: App) {
  const lockDays = app.config.attendanceLockDays;

  const page = async (req: FastifyRequest, sessionId: string, form: FormState) => {
    const d = await service.attendanceOf(ctxOf(req), { sessionId, lockDays });
    return renderPage(
      AttendancePage({
        ctx: viewCtx(req),
        d: { ...d, lockDays, idempotencyKey: randomUUID(), form },
      }),
    );
  };

  app.get('/sessions/:id/attendance', { config: view, schema: { params: IdParams } }, async (req, reply) =>
    reply.html(await page(req, req.params.id, emptyForm())),
  );

  app.post(
    '/sessions/:id/attendance',
    { config: record, schema: { params: IdParams, body: AttendanceFormBody }, attachValidation: true },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (body.intent === 'all_present' && !req.validationError) {
        // Without scripts the button fills every unmarked participant with "hadir"; nothing is saved yet.
        const d = await service.attendanceOf(ctxOf(req), { sessionId: req.params.id, lockDays });
        const values = { ...body };
        for (const r of d.roster)
          if (!r.status && !values[`status.${r.enrolment_id}`]) values[`status.${r.enrolment_id}`] = 'hadir';
        return reply.html(await page(req, req.params.id, { values, errors: [] }));
      }
      const marks = marksFromForm(body).filter((m) => UUID.test(m.enrolment_id));
      return submitForm(req, reply, {
        render: (form) => page(req, req.params.id, form),
        action: () =>
          service.saveAttendance(ctxOf(req), {
            sessionId: req.params.id,
            marks,
            idempotency_key: req.body.idempotency_key,
            lockDays,
          }),
        flash: 'attendance.saved',
        redirect: () => `/sessions/${req.params.id}/attendance`,
      });
    },
  );
}
