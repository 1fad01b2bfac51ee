// The ministry's Program Aksi: reference data the administrator edits, and programmes and
// agreements are tagged with. Seeded with the items confirmed in public reporting.
import { fieldError, notFound } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { manageProgramAksi } from './program-aksi.policy.ts';
import * as repo from './program-aksi.repo.ts';

/** The list, numbered items first (only the active ones when asked). Everyone may read it. */
export function listProgramAksi(ctx: Pick<Ctx, 'db'>, opts: { activeOnly?: boolean } = {}) {
  return repo.listProgramAksi(ctx.db, opts);
}

/** Which of these ids are items of the list (a tag on a programme or an agreement must be one). */
export function existingProgramAksiIds(ctx: Pick<Ctx, 'db'>, ids: readonly string[]): Promise<string[]> {
  return repo.existingIds(ctx.db, ids);
}

export interface ProgramAksiInput {
  number?: number | undefined;
  title: string;
  description?: string | undefined;
  active?: boolean | undefined;
}

/** Confirmed in public reporting on the 2026 list; numbers unknown, so they are left empty. */
export const SEED_ITEMS: readonly string[] = [
  'Ketahanan pangan: pertanian dan perikanan di Lapas/Rutan',
  'Dapur sehat untuk program Makan Bergizi Gratis',
  'Penanganan kelebihan kapasitas hunian',
  'Pemberantasan narkoba dan penipuan di Lapas/Rutan',
  'Pendidikan kesetaraan bagi warga binaan',
  'Pelatihan kerja dan produksi UMKM yang menghasilkan PNBP',
];

export async function createProgramAksi(ctx: Ctx, input: ProgramAksiInput): Promise<string> {
  manageProgramAksi(ctx.who);
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.titleTaken(trx, input.title)) throw fieldError('title', 'programAksi.titleTaken');
    const v = { number: input.number ?? null, title: input.title, description: input.description ?? null };
    const id = await repo.insertProgramAksi(trx, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'program_aksi.create',
      entity: 'program_aksi',
      entityId: id,
      after: v,
    });
    return id;
  });
}

export async function updateProgramAksi(ctx: Ctx, id: string, input: ProgramAksiInput): Promise<void> {
  manageProgramAksi(ctx.who);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findProgramAksi(trx, id);
    if (!before) throw notFound('program_aksi');
    if (await repo.titleTaken(trx, input.title, id)) throw fieldError('title', 'programAksi.titleTaken');
    const v = {
      number: input.number ?? null,
      title: input.title,
      description: input.description ?? null,
      active: input.active ?? true,
    };
    await repo.updateProgramAksi(trx, id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'program_aksi.update',
      entity: 'program_aksi',
      entityId: id,
      before,
      after: v,
    });
  });
}

/** Reference data every deployment needs: added once, to an empty list, whatever SEED_DEMO says. */
export async function seedProgramAksi(ctx: Ctx): Promise<number> {
  if ((await repo.countProgramAksi(ctx.db)) > 0) return 0;
  for (const title of SEED_ITEMS) await createProgramAksi(ctx, { title });
  return SEED_ITEMS.length;
}
