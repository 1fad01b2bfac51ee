// /api/v1/programmes: the same operations as the pages, for other systems and scripts.
import { Type } from 'typebox';
import { type App, ctxOf, type FastifyRequest } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import {
  CancelBody,
  CancelRangeBody,
  ProgrammeBody,
  ProgrammeDetailOut,
  ScheduleBody,
  ScheduleEditBody,
  ScheduleEndBody,
  ScheduleParams,
  SessionOut,
  SessionParams,
  SessionsQuery,
  SessionTimeBody,
} from './programmes.schema.ts';
import * as service from './programmes.service.ts';
import { hhmm } from './schedule.rules.ts';
import * as sessions from './sessions.service.ts';
import { sessionsWithStatus } from './sessions.status.ts';

const view = { permission: 'programmes.view' as const };
const manage = { permission: 'programmes.manage' as const };
const tags = ['programmes'];

async function detail(req: FastifyRequest, id: string) {
  const d = await service.programmeDetail(ctxOf(req), id);
  return {
    ...d.programme,
    program_aksi_ids: d.program_aksi_ids,
    curriculum: d.curriculum.map((c) => ({
      id: c.id,
      ...(c.code ? { code: c.code } : {}),
      title: c.title,
      target_hours: c.target_hours,
      core: c.core,
    })),
    schedules: d.schedules.map((s) => ({ ...s, start_time: hhmm(s.start_time), end_time: hhmm(s.end_time) })),
    instructors: d.instructors.map((u) => ({ id: u.id, full_name: u.full_name, roles: u.roles })),
  };
}

export async function programmesApi(app: App) {
  // GET /api/v1/programmes is declared with the list page (programmes.routes.ts: listRoute).
  app.get(
    '/api/v1/programmes/:id',
    {
      config: view,
      schema: {
        tags,
        summary: 'One programme with its curriculum, Program Aksi tags and schedules',
        params: IdParams,
        response: { 200: ProgrammeDetailOut },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.post(
    '/api/v1/programmes',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a programme',
        body: ProgrammeBody,
        response: { 201: ProgrammeDetailOut },
      },
    },
    async (req, reply) => {
      const id = await service.createProgramme(ctxOf(req), req.body);
      return reply.code(201).send(await detail(req, id));
    },
  );

  app.put(
    '/api/v1/programmes/:id',
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Replace a programme's details, curriculum (units with an id keep it) and tags; instructors when given",
        params: IdParams,
        body: ProgrammeBody,
        response: { 200: ProgrammeDetailOut },
      },
    },
    async (req) => {
      await service.updateProgramme(ctxOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/v1/programmes/:id/schedules',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a weekly schedule (local times in the unit’s zone); its sessions are generated at once',
        params: IdParams,
        body: ScheduleBody,
        response: { 201: Type.Object({ id: Type.String(), sessions_created: Type.Integer() }) },
      },
    },
    async (req, reply) => {
      const r = await sessions.addSchedule(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ id: r.id, sessions_created: r.created });
    },
  );

  app.put(
    '/api/v1/programmes/:id/schedules/:scheduleId',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Change a schedule; its sessions not yet begun are made again (past, cancelled and moved ones stay)',
        params: ScheduleParams,
        body: ScheduleEditBody,
        response: {
          200: Type.Object({ sessions_removed: Type.Integer(), sessions_created: Type.Integer() }),
        },
      },
    },
    async (req) => {
      const { id, scheduleId } = req.params;
      const r = await sessions.editSchedule(ctxOf(req), id, scheduleId, req.body);
      return { sessions_removed: r.removed, sessions_created: r.created };
    },
  );

  app.post(
    '/api/v1/programmes/:id/schedules/:scheduleId/end',
    {
      config: manage,
      schema: {
        tags,
        summary: 'End a schedule on a day; its sessions after that day are cancelled with the reason',
        params: ScheduleParams,
        body: ScheduleEndBody,
        response: { 200: Type.Object({ cancelled: Type.Integer() }) },
      },
    },
    async (req) => {
      const { id, scheduleId } = req.params;
      return {
        cancelled: await sessions.endSchedule(ctxOf(req), id, scheduleId, req.body),
      };
    },
  );

  app.get(
    '/api/v1/programmes/:id/sessions',
    {
      config: view,
      schema: {
        tags,
        summary:
          'Sessions between two days (default: from today, 8 weeks ahead), with their roll call and journal status',
        params: IdParams,
        querystring: SessionsQuery,
        response: { 200: Type.Object({ items: Type.Array(SessionOut) }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const rows = await sessions.sessionsOf(ctx, req.params.id, req.query.from, req.query.to);
      const first = rows[0]?.day;
      const last = rows[rows.length - 1]?.day;
      const status = new Map(
        first && last
          ? (
              await sessionsWithStatus(ctx, {
                programmeIds: [req.params.id],
                from: first,
                to: last,
                limit: 5000,
                lockDays: app.config.attendanceLockDays,
              })
            ).map((s) => [s.id, s])
          : [],
      );
      return {
        items: rows.map((s) => ({
          ...s,
          starts_at: s.starts_at.toISOString(),
          ends_at: s.ends_at.toISOString(),
          attendance: status.get(s.id)?.attendance ?? 'upcoming',
          journal: status.get(s.id)?.journal ?? 'upcoming',
        })),
      };
    },
  );

  app.post(
    '/api/v1/programmes/:id/sessions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add an extra session',
        params: IdParams,
        body: SessionTimeBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const id = await sessions.addExtraSession(ctxOf(req), req.params.id, req.body);
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/programmes/:id/sessions/cancel-range',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Cancel every scheduled session in a date range, with a reason',
        params: IdParams,
        body: CancelRangeBody,
        response: { 200: Type.Object({ cancelled: Type.Integer() }) },
      },
    },
    async (req) => ({
      cancelled: await sessions.cancelRange(ctxOf(req), req.params.id, req.body),
    }),
  );

  app.post(
    '/api/v1/programmes/:id/sessions/:sessionId/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Cancel one session, with a reason',
        params: SessionParams,
        body: CancelBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      await sessions.cancelSession(ctxOf(req), id, sessionId, req.body.reason);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/programmes/:id/sessions/:sessionId/reschedule',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Move a session to another day or time',
        params: SessionParams,
        body: SessionTimeBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const { id, sessionId } = req.params;
      await sessions.rescheduleSession(ctxOf(req), id, sessionId, req.body);
      return reply.code(204).send(null);
    },
  );
}
