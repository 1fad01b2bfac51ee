// The ministry's Program Aksi: reference data the administrator edits, and programmes and
// agreements are tagged with. Seeded with the items confirmed in public reporting.
import { AppError, fieldError } from '../../app/errors.ts';
import type { Actor } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './program-aksi.repo.ts';

export const listProgramAksi = repo.listProgramAksi;
export const existingProgramAksiIds = repo.existingIds;

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

export async function createProgramAksi(db: Db, actor: Actor, input: ProgramAksiInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    if (await repo.titleTaken(trx, input.title)) throw fieldError('title', 'programAksi.titleTaken');
    const v = { number: input.number ?? null, title: input.title, description: input.description ?? null };
    const id = await repo.insertProgramAksi(trx, v);
    await recordAudit(trx, actor, {
      action: 'program_aksi.create',
      entity: 'program_aksi',
      entityId: id,
      after: v,
    });
    return id;
  });
}

export async function updateProgramAksi(
  db: Db,
  actor: Actor,
  id: string,
  input: ProgramAksiInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findProgramAksi(trx, id);
    if (!before) throw new AppError('program_aksi.not_found', 404, 'err.notFound');
    if (await repo.titleTaken(trx, input.title, id)) throw fieldError('title', 'programAksi.titleTaken');
    const v = {
      number: input.number ?? null,
      title: input.title,
      description: input.description ?? null,
      active: input.active ?? true,
    };
    await repo.updateProgramAksi(trx, id, v);
    await recordAudit(trx, actor, {
      action: 'program_aksi.update',
      entity: 'program_aksi',
      entityId: id,
      before,
      after: v,
    });
  });
}

/** Reference data every deployment needs: added once, to an empty list, whatever SEED_DEMO says. */
export async function seedProgramAksi(db: Db, actor: Actor): Promise<number> {
  if ((await repo.countProgramAksi(db)) > 0) return 0;
  for (const title of SEED_ITEMS) await createProgramAksi(db, actor, { title });
  return SEED_ITEMS.length;
}
