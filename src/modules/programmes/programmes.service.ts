// Programmes of pembinaan kemandirian: what is taught (curriculum), with whom (partner, PKS),
// where, for how many, which Program Aksi items it serves and who may join (eligibility rules).
import { AppError, type FieldError, invalid } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { Eligibility, ProgrammeKind, ProgrammeStatus } from '../../db/schema.ts';
import { agreement } from '../agreements/agreements.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { partner } from '../partners/partners.policy.ts';
import { existingProgramAksiIds } from '../program-aksi/program-aksi.service.ts';
import { mayAddProgrammeIn, type ProgrammeUse, programme } from './programmes.policy.ts';
import * as repo from './programmes.repo.ts';
import { schedulesOf } from './sessions.repo.ts';

export type { ProgrammeRow } from './programmes.repo.ts';

/** Programmes in the principal's scope (a partner instructor: their partner's only), a page at a time. */
export function listProgrammes(ctx: Pick<Ctx, 'db' | 'who'>, f: Parameters<typeof repo.listProgrammes>[2]) {
  return repo.listProgrammes(ctx.db, ctx.who.scope, f);
}

/** A unit's programme by its name (any case), for seeding that must not add it twice. */
export function programmeIdByName(ctx: Pick<Ctx, 'db'>, unitId: string, name: string) {
  return repo.programmeIdByName(ctx.db, unitId, name);
}

export interface CurriculumInput {
  /** An existing unit's id: the unit is updated in place (attendance and assessments refer to it). */
  id?: string | undefined;
  code?: string | undefined;
  title: string;
  target_hours: number;
  core?: boolean | undefined;
}

export interface ProgrammeInput {
  unit_id?: string | undefined;
  name: string;
  kind: ProgrammeKind;
  skill_area?: string | undefined;
  partner_id?: string | undefined;
  agreement_id?: string | undefined;
  location?: string | undefined;
  capacity: number;
  status?: ProgrammeStatus | undefined;
  program_aksi_ids?: string[] | undefined;
  eligibility?: Eligibility | undefined;
  curriculum?: CurriculumInput[] | undefined;
  /** Users who teach it; left as they are when not given (undefined). */
  instructor_ids?: string[] | undefined;
}

/** The programme with its Program Aksi tags, curriculum, schedules and instructors. */
export async function programmeDetail(
  ctx: Pick<Ctx, 'db' | 'who'>,
  id: string,
  o: { for?: ProgrammeUse } = {},
) {
  const p = await programme(ctx, id, o);
  const [program_aksi_ids, curriculum, schedules, instructors] = await Promise.all([
    repo.programAksiIds(ctx.db, id),
    repo.curriculumOf(ctx.db, id),
    schedulesOf(ctx.db, id),
    repo.instructorsOf(ctx.db, id),
  ]);
  return { programme: p, program_aksi_ids, curriculum, schedules, instructors };
}

/** The users who may be chosen as a programme's instructors (see repo.instructorCandidates). */
export async function instructorOptions(ctx: Pick<Ctx, 'db'>, unitId: string, partnerId: string | null) {
  return repo.instructorCandidates(ctx.db, unitId, partnerId);
}

/** Whether the user is linked as one of the programme's instructors (for attendance, issue #5). */
export async function isProgrammeInstructor(
  ctx: Pick<Ctx, 'db'>,
  programmeId: string,
  userId: string,
): Promise<boolean> {
  return repo.isInstructor(ctx.db, programmeId, userId);
}

/** The ids of the programmes the user is linked to as an instructor. */
export async function programmesOfInstructor(ctx: Pick<Ctx, 'db'>, userId: string): Promise<string[]> {
  return repo.programmeIdsOfInstructor(ctx.db, userId);
}

const found = async <T>(f: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await f();
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return undefined;
    throw err;
  }
};

/** Partner and agreement must be of the programme's unit, and the agreement with that partner. */
async function checkLinks(ctx: Ctx, unitId: string, input: ProgrammeInput): Promise<void> {
  const errors: FieldError[] = [];
  const db = ctx.db;
  const p = input.partner_id ? await found(() => partner(ctx, input.partner_id ?? '')) : null;
  if (p === undefined || (p && p.unit_id !== unitId))
    errors.push({ field: 'partner_id', key: 'programmes.partnerOtherUnit' });
  if (input.agreement_id) {
    const a = await found(() => agreement(ctx, input.agreement_id ?? ''));
    if (!a || a.unit_id !== unitId || (input.partner_id && a.partner_id !== input.partner_id))
      errors.push({ field: 'agreement_id', key: 'programmes.agreementOtherUnit' });
  }
  const wanted = [...new Set(input.program_aksi_ids ?? [])];
  if ((await existingProgramAksiIds(ctx, wanted)).length !== wanted.length)
    errors.push({ field: 'program_aksi_ids', key: 'err.enum' });
  if (input.instructor_ids?.length) {
    const allowed = new Set(
      (await repo.instructorCandidates(db, unitId, input.partner_id ?? null)).map((u) => u.id),
    );
    if (input.instructor_ids.some((u) => !allowed.has(u)))
      errors.push({ field: 'instructor_ids', key: 'programmes.instructorNotAllowed' });
  }
  if (errors.length) throw invalid(errors);
}

function values(input: ProgrammeInput): repo.ProgrammeValues {
  return {
    name: input.name,
    kind: input.kind,
    skill_area: input.skill_area ?? null,
    partner_id: input.partner_id ?? null,
    agreement_id: input.agreement_id ?? null,
    location: input.location ?? null,
    capacity: input.capacity,
    status: input.status ?? 'planned',
    eligibility: input.eligibility ?? {},
  };
}

const curriculumValues = (
  c: readonly CurriculumInput[] = [],
): Array<repo.CurriculumValues & { id?: string | undefined }> =>
  c.map((u) => ({
    ...(u.id ? { id: u.id } : {}),
    code: u.code ?? null,
    title: u.title,
    target_hours: u.target_hours,
    core: u.core ?? true,
  }));

export async function createProgramme(ctx: Ctx, input: ProgrammeInput) {
  const unitId = input.unit_id ?? ctx.who.unitId;
  if (!mayAddProgrammeIn(ctx.who, unitId))
    throw invalid([{ field: 'unit_id', key: 'programmes.unitRequired' }]);
  await checkLinks(ctx, unitId, input);
  return ctx.db.transaction().execute(async (trx) => {
    const v = { unit_id: unitId, ...values(input) };
    const id = await repo.insertProgramme(trx, v);
    const curriculum = curriculumValues(input.curriculum);
    const tags = [...new Set(input.program_aksi_ids ?? [])];
    const instructors = [...new Set(input.instructor_ids ?? [])];
    if (curriculum.some((c) => c.id))
      throw invalid([{ field: 'curriculum', key: 'programmes.curriculumUnknown' }]);
    await repo.syncCurriculum(trx, id, curriculum, []);
    await repo.setProgramAksi(trx, id, tags);
    await repo.setInstructors(trx, id, instructors);
    await recordAudit(trx, ctx.who.actor, {
      action: 'programmes.create',
      entity: 'programme',
      entityId: id,
      unitId,
      after: { ...v, curriculum, program_aksi_ids: tags, instructor_ids: instructors },
    });
    return id;
  });
}

/**
 * The curriculum units an edit removes, refused when something (attendance journals, competency
 * assessments) refers to one: a unit that was taught stays, so its records keep their meaning.
 */
async function checkCurriculum(
  db: Db,
  existing: ReadonlyArray<{ id: string; title: string }>,
  wanted: ReadonlyArray<{ id?: string | undefined }>,
): Promise<string[]> {
  const known = new Set(existing.map((c) => c.id));
  const kept = wanted.flatMap((c) => (c.id ? [c.id] : []));
  if (kept.some((id) => !known.has(id)) || new Set(kept).size !== kept.length)
    throw invalid([{ field: 'curriculum', key: 'programmes.curriculumUnknown' }]);
  const keep = new Set(kept);
  const removed = existing.filter((c) => !keep.has(c.id));
  const used = await repo.referencedIds(
    db,
    'curriculum_units',
    removed.map((c) => c.id),
  );
  const blocked = removed.filter((c) => used.has(c.id));
  if (blocked.length)
    throw invalid(
      blocked.map((c) => ({
        field: 'curriculum',
        key: 'programmes.curriculumUnitInUse',
        params: { title: c.title },
      })),
    );
  return removed.map((c) => c.id);
}

/**
 * Replaces the programme's details, curriculum, tags and (when given) instructors as one change.
 * Curriculum units keep their ids: given with an id they are updated in place and reordered.
 */
export async function updateProgramme(ctx: Ctx, id: string, input: ProgrammeInput) {
  const before = await programmeDetail(ctx, id, { for: 'manage' });
  await checkLinks(ctx, before.programme.unit_id, input);
  await ctx.db.transaction().execute(async (trx) => {
    const v = values(input);
    const curriculum = curriculumValues(input.curriculum);
    const tags = [...new Set(input.program_aksi_ids ?? [])];
    const removed = await checkCurriculum(trx, before.curriculum, curriculum);
    const instructors = input.instructor_ids
      ? [...new Set(input.instructor_ids)]
      : before.instructors.map((u) => u.id);
    await repo.updateProgramme(trx, id, v);
    await repo.syncCurriculum(trx, id, curriculum, removed);
    await repo.setProgramAksi(trx, id, tags);
    await repo.setInstructors(trx, id, instructors);
    await recordAudit(trx, ctx.who.actor, {
      action: 'programmes.update',
      entity: 'programme',
      entityId: id,
      unitId: before.programme.unit_id,
      before: {
        ...before.programme,
        curriculum: before.curriculum,
        program_aksi_ids: before.program_aksi_ids,
        instructor_ids: before.instructors.map((u) => u.id),
      },
      after: { ...v, curriculum, program_aksi_ids: tags, instructor_ids: instructors },
    });
  });
}
