// /api/v1/sessions/:id/attendance: the roster with its marks, and saving a roll call. The page's
// script sends unsent marks here after a lost signal (same service and rules, idempotency key).
import { type App, ctxOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import { AttendanceBody, AttendanceOut, SaveResultOut } from './attendance.schema.ts';
import * as service from './attendance.service.ts';

const view = { permission: 'attendance.view' as const };
const record = { permission: 'attendance.record' as const };
const tags = ['attendance'];

export async function attendanceApi(app: App) {
  const lockDays = app.config.attendanceLockDays;

  app.get(
    '/api/v1/sessions/:id/attendance',
    {
      config: view,
      schema: {
        tags,
        summary: 'A session’s roster with each participant’s mark, and the correction history',
        params: IdParams,
        response: { 200: AttendanceOut },
      },
    },
    async (req) => {
      const d = await service.attendanceOf(ctxOf(req), { sessionId: req.params.id, lockDays });
      return {
        session: {
          id: d.session.id,
          programme_id: d.session.programme_id,
          programme_name: d.session.programme_name,
          day: d.session.day,
          starts_at: d.session.starts_at.toISOString(),
          ends_at: d.session.ends_at.toISOString(),
          status: d.session.status,
          cancel_reason: d.session.cancel_reason,
          locked: d.locked,
          can_record: d.may.record,
        },
        participants: d.roster.map((r) => ({
          enrolment_id: r.enrolment_id,
          name: r.name,
          kind: r.kind,
          status: r.status,
          note: r.note,
          not_offered: r.not_offered,
        })),
        corrections: d.corrections.map((c) => ({
          enrolment_id: c.enrolment_id,
          previous_status: c.previous_status,
          new_status: c.new_status,
          previous_note: c.previous_note,
          new_note: c.new_note,
          reason: c.reason,
          corrected_at: c.corrected_at.toISOString(),
          corrected_by: c.corrected_by_name,
        })),
      };
    },
  );

  app.post(
    '/api/v1/sessions/:id/attendance',
    {
      config: record,
      schema: {
        tags,
        summary:
          'Save a roll call in one request: new marks, and corrections (with a reason) of saved ones. ' +
          'With idempotency_key, the same batch sent again returns the first result and changes nothing.',
        params: IdParams,
        body: AttendanceBody,
        response: { 200: SaveResultOut },
      },
    },
    async (req) => service.saveAttendance(ctxOf(req), { ...req.body, sessionId: req.params.id, lockDays }),
  );
}
