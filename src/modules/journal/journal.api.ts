// /api/v1/sessions/:id/journal: read and replace a session's journal (photos are uploaded on the page).
import { type App, ctxOf } from '../../app/http.ts';
import type { Ctx } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { JournalBody, JournalOut } from './journal.schema.ts';
import * as service from './journal.service.ts';

const tags = ['journal'];

async function out(ctx: Ctx, id: string) {
  const j = await service.journalOf(ctx, id);
  return {
    session_id: j.session.id,
    programme_id: j.session.programme_id,
    day: j.session.day,
    status: j.session.status,
    journal: j.journal
      ? {
          topic: j.journal.topic,
          unit_ids: j.unitIds,
          instructor_ids: j.instructorIds,
          other_instructors: j.journal.other_instructors,
          materials: j.journal.materials,
          notes: j.journal.notes,
          photos: j.photos.map((p) => ({
            id: p.id,
            filename: p.filename,
            url: `/sessions/${j.session.id}/journal/photos/${p.id}`,
          })),
        }
      : null,
  };
}

export async function journalApi(app: App) {
  app.get(
    '/api/v1/sessions/:id/journal',
    {
      config: { permission: 'attendance.view' },
      schema: {
        tags,
        summary:
          "A session's journal: topic, curriculum units covered, instructors, materials, notes, photos",
        params: IdParams,
        response: { 200: JournalOut },
      },
    },
    async (req) => out(ctxOf(req), req.params.id),
  );

  app.put(
    '/api/v1/sessions/:id/journal',
    {
      config: { permission: 'attendance.record' },
      schema: {
        tags,
        summary: "Create or replace a held session's journal (a cancelled session has none)",
        params: IdParams,
        body: JournalBody,
        response: { 200: JournalOut },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await service.saveJournal(ctx, req.params.id, req.body);
      return out(ctx, req.params.id);
    },
  );
}
