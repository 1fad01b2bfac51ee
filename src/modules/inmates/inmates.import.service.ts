// Import of SDP roster exports: upload -> preview (kept in PostgreSQL, nothing else written) ->
// confirm -> every row written in one transaction, or none.
import { AppError, fieldError, isUniqueViolation } from '../../app/errors.ts';
import { inScope } from '../../app/policy.ts';
import type { Db } from '../../db/database.ts';
import type { ImportRow } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { endEnrolmentsOfInmate } from '../enrolments/enrolments.service.ts';
import * as repo from './inmates.import.repo.ts';
import { parseRoster, readTable } from './inmates.import.ts';
import type { Viewer } from './inmates.service.ts';

export async function previewImport(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  input: { unitId?: string | undefined; filename: string; content: Buffer },
): Promise<string> {
  const unitId = input.unitId ?? viewer.unitId;
  if (!unitId || !inScope(viewer.scope, unitId)) throw fieldError('file', 'users.homeRequired');
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(input.filename, input.content);
  } catch {
    throw fieldError('file', 'import.unreadable');
  }
  const parsed = parseRoster(table);
  const existing = await repo.idsByRegNumber(
    db,
    unitId,
    parsed.rows.map((r) => r.values.reg_number),
  );
  const rows: ImportRow[] = parsed.rows.map((r) => {
    const id = existing.get(r.values.reg_number) ?? null;
    return { ...r, action: id ? 'update' : 'create', inmate_id: id };
  });
  // Only a clean file can stand for the full roster, so only then are the missing listed.
  const absent =
    parsed.problems.length === 0 && rows.length > 0
      ? await repo.activeNotIn(
          db,
          unitId,
          rows.map((r) => r.values.reg_number),
        )
      : [];
  return repo.insertImport(db, {
    unit_id: unitId,
    filename: input.filename.slice(0, 200),
    rows,
    problems: parsed.problems,
    absent,
    created_by: actor.userId,
  });
}

export async function getImport(db: Db, viewer: Viewer, id: string) {
  const batch = await repo.findImport(db, viewer.scope, id);
  if (!batch) throw new AppError('inmate_imports.not_found', 404, 'err.notFound');
  return batch;
}

/** Writes the whole previewed file, or nothing: a file with any problem cannot be confirmed. */
export async function applyImport(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
): Promise<{ created: number; updated: number }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const batch = await repo.findImport(trx, viewer.scope, id, { lock: true });
      if (!batch) throw new AppError('inmate_imports.not_found', 404, 'err.notFound');
      if (batch.status !== 'pending')
        throw new AppError('inmate_imports.applied', 409, 'import.alreadyApplied');
      if (batch.problems.length > 0 || batch.rows.length === 0)
        throw new AppError('inmate_imports.has_problems', 400, 'import.hasProblems');
      const creates = batch.rows.filter((r) => r.action === 'create');
      const updates = batch.rows.filter((r) => r.action === 'update');
      const inserted = await repo.insertInmates(
        trx,
        creates.map((r) => ({ ...r.values, unit_id: batch.unit_id })),
      );
      await repo.insertStatusEntries(
        trx,
        inserted.map((r) => ({
          inmate_id: r.id,
          status: 'active' as const,
          on_date: r.entry_date,
          reason: null,
          created_by: actor.userId,
        })),
      );
      // The matched people must still be in this unit's register under the same numbers.
      const now = await repo.idsByRegNumber(
        trx,
        batch.unit_id,
        updates.map((r) => r.values.reg_number),
      );
      if (updates.some((r) => now.get(r.values.reg_number) !== r.inmate_id))
        throw new AppError('inmate_imports.stale', 409, 'import.stale');
      // An empty NIK in the file keeps the stored one.
      await repo.updateInmatesBulk(
        trx,
        updates.map((r) => ({ ...r.values, id: r.inmate_id ?? '' })),
      );
      await repo.markImportApplied(trx, batch.id);
      // One record for the whole file: which numbers were created and which were updated.
      await recordAudit(trx, actor, {
        action: 'inmates.import',
        entity: 'inmate_import',
        entityId: batch.id,
        unitId: batch.unit_id,
        after: {
          filename: batch.filename,
          created: creates.map((r) => r.values.reg_number),
          updated: updates.map((r) => r.values.reg_number),
        },
      });
      return { created: creates.length, updated: updates.length };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'inmates_unit_reg_key'))
      throw new AppError('inmate_imports.stale', 409, 'import.stale');
    throw err;
  }
}

/**
 * The second, separate confirmation after a full roster: those active in the register but absent
 * from the file are released or transferred out, each with a history entry, in one transaction.
 */
export async function markAbsent(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { change: 'release' | 'transfer'; on_date: string; reason: string },
): Promise<number> {
  const status = input.change === 'release' ? 'released' : 'transferred';
  return db.transaction().execute(async (trx) => {
    const batch = await repo.findImport(trx, viewer.scope, id, { lock: true });
    if (!batch) throw new AppError('inmate_imports.not_found', 404, 'err.notFound');
    if (batch.status !== 'applied' || batch.absent_status !== null || batch.absent.length === 0)
      throw new AppError('inmate_imports.absent_not_allowed', 409, 'import.absentNotAllowed');
    const changed = await repo.setStatusOfActive(
      trx,
      batch.unit_id,
      batch.absent.map((a) => a.id),
      status,
    );
    await repo.insertStatusEntries(
      trx,
      changed.map((inmateId) => ({
        inmate_id: inmateId,
        status,
        on_date: input.on_date,
        reason: input.reason,
        created_by: actor.userId,
      })),
    );
    for (const inmateId of changed)
      await endEnrolmentsOfInmate(trx, actor, {
        inmate_id: inmateId,
        unit_id: batch.unit_id,
        reason: status,
        on_date: input.on_date,
      });
    await repo.markAbsentDone(trx, batch.id, status);
    await recordAudit(trx, actor, {
      action: `inmates.import_absent_${input.change}`,
      entity: 'inmate_import',
      entityId: batch.id,
      unitId: batch.unit_id,
      after: {
        status,
        on_date: input.on_date,
        reason: input.reason,
        reg_numbers: batch.absent.filter((a) => changed.includes(a.id)).map((a) => a.reg_number),
      },
    });
    return changed.length;
  });
}
