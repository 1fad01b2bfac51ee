import { Type } from 'typebox';
import { date, nullable, pageParam, uuid } from '../../app/schema.ts';

export const JournalBody = Type.Object({
  topic: Type.String({ minLength: 1, maxLength: 200 }),
  unit_ids: Type.Optional(
    Type.Array(uuid, {
      maxItems: 100,
      uniqueItems: true,
      description: 'Curriculum units of the programme covered',
    }),
  ),
  instructor_ids: Type.Optional(
    Type.Array(uuid, {
      maxItems: 50,
      uniqueItems: true,
      description: "Instructors present: the partner's instruktur_mitra or the unit's petugas",
    }),
  ),
  other_instructors: Type.Optional(
    Type.String({ maxLength: 500, description: 'Instructors present without an account, comma-separated' }),
  ),
  materials: Type.Optional(Type.String({ maxLength: 2000 })),
  notes: Type.Optional(Type.String({ maxLength: 4000 })),
});

export const SessionFileParams = Type.Object({ id: uuid, fileId: uuid });
export const FileParams = Type.Object({ fileId: uuid });
export const GalleryQuery = Type.Object({
  page: pageParam(),
});

export const JournalOut = Type.Object({
  session_id: Type.String(),
  programme_id: Type.String(),
  day: date,
  status: Type.String(),
  journal: nullable(
    Type.Object({
      topic: Type.String(),
      unit_ids: Type.Array(Type.String()),
      instructor_ids: Type.Array(Type.String()),
      other_instructors: nullable(Type.String()),
      materials: nullable(Type.String()),
      notes: nullable(Type.String()),
      photos: Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), url: Type.String() })),
    }),
  ),
});
