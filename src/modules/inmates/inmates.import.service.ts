// Import of SDP roster exports as background jobs: upload (file stored, status queued) -> preview
// job (read, check, match; progress kept on the row; nothing else written) -> confirm (status
// applying) -> apply job: every row written in one transaction, or none. State lives in PostgreSQL.
import { AppError, conflict, fieldError, isUniqueViolation, notFound } from '../../app/errors.ts';
import { type Actor, actingAs, type Ctx, withDb } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { ImportRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { endEnrolmentsOfInmate } from '../enrolments/enrolments.service.ts';
import * as repo from './inmates.import.repo.ts';
import { looksReadable, parseRosterInSteps, readTable } from './inmates.import.ts';
import { checkXlsxDirectory, DEFAULT_LIMITS, type ImportLimits } from './inmates.import.xlsx.ts';
import { mayRegisterIn } from './inmates.policy.ts';

/**
 * A step of an import run by a worker: reading and checking the file, or saving it. Saving carries
 * the actor of the user who confirmed it, so the audit log names them, not the worker.
 */
export type ImportJob = { kind: 'preview'; id: string } | { kind: 'apply'; id: string; actor: Actor };

interface Log {
  error(o: object, msg: string): void;
}

const PROGRESS_EVERY = 1000;

/**
 * Stores the uploaded file on a new import row (status queued); the caller enqueues the preview job.
 * Only an XLSX's zip directory is read here (nothing inflated, milliseconds), so a zip bomb is
 * refused on the form with 413; the job reads the rest, so a request never waits on a large file.
 */
export async function queueImport(
  ctx: Ctx,
  input: { unitId?: string | undefined; filename: string; content: Buffer },
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<string> {
  const unitId = input.unitId ?? ctx.who.unitId;
  if (!mayRegisterIn(ctx.who, unitId)) throw fieldError('file', 'users.homeRequired');
  if (input.content.length === 0) throw fieldError('file', 'import.missingFile');
  if (!looksReadable(input.filename, input.content)) throw fieldError('file', 'import.unreadable');
  if (input.content[0] === 0x50 && input.content[1] === 0x4b) {
    try {
      await checkXlsxDirectory(input.content, limits);
    } catch (err) {
      throw err instanceof AppError ? err : fieldError('file', 'import.unreadable');
    }
  }
  return repo.insertImport(ctx.db, {
    unit_id: unitId,
    filename: input.filename.slice(0, 200),
    content: input.content,
    created_by: ctx.who.actor.userId,
  });
}

/**
 * Runs one job step; never throws: a failure marks the import failed with a message key. A job is
 * its own entry point (a worker, a test, the bench): it is given the database, not a request.
 */
export async function runImportJob(
  db: Db,
  job: ImportJob,
  log?: Log,
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<void> {
  try {
    if (job.kind === 'preview') await buildPreview(db, job.id, limits);
    else await writeImport({ db, who: actingAs(job.actor), now: new Date() }, job.id);
  } catch (err) {
    const key =
      err instanceof AppError
        ? err.key
        : isUniqueViolation(err, 'inmates_unit_reg_key')
          ? 'import.stale'
          : 'import.jobFailed';
    if (!(err instanceof AppError)) log?.error({ err, importId: job.id }, 'import job failed');
    await repo.markFailed(db, job.id, key);
  }
}

/** The preview job: reads and checks the file, matches it with the register, stores the result. */
async function buildPreview(db: Db, id: string, limits: ImportLimits): Promise<void> {
  // A job retried after a crash finds its row still parsing and starts again.
  const batch = await repo.claimForParsing(db, id);
  if (!batch) return;
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(batch.filename, batch.content ?? Buffer.alloc(0), limits);
  } catch (err) {
    // Over a limit: its own message, kept on the row as a key without the figures; else unreadable.
    if (err instanceof AppError && err.code === 'inmate_imports.too_large')
      throw new AppError(err.code, 413, 'import.xlsxTooLarge');
    if (err instanceof AppError) throw err;
    throw new AppError('inmate_imports.unreadable', 400, 'import.unreadable');
  }
  const parsed = await parseRosterInSteps(
    table,
    (done, total) => repo.setProgress(db, id, done, total),
    PROGRESS_EVERY,
    limits.maxRows,
  );
  const existing = await repo.idsByRegNumber(
    db,
    batch.unit_id,
    parsed.rows.map((r) => r.values.reg_number),
  );
  const rows: ImportRow[] = parsed.rows.map((r) => {
    const inmateId = existing.get(r.values.reg_number) ?? null;
    return { ...r, action: inmateId ? 'update' : 'create', inmate_id: inmateId };
  });
  // Only a clean file can stand for the full roster, so only then are the missing listed.
  const absent =
    parsed.problems.length === 0 && rows.length > 0
      ? await repo.activeNotIn(
          db,
          batch.unit_id,
          rows.map((r) => r.values.reg_number),
        )
      : [];
  await repo.storePreview(db, id, { rows, problems: parsed.problems, absent });
}

/** An import of one of the principal's units (inmate_imports.not_found otherwise). */
export async function getImport(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const batch = await repo.findImport(ctx.db, ctx.who.scope, id);
  if (!batch) throw notFound('inmate_imports');
  return batch;
}

/** Where a job is, for the progress bar: cheap, without the stored rows. */
export async function importProgress(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const p = await repo.findProgress(ctx.db, ctx.who.scope, id);
  if (!p) throw notFound('inmate_imports');
  return p;
}

/**
 * Confirmation: checks the preview can be saved and marks it applying; the caller enqueues the
 * apply job, which writes the whole file in one transaction, or nothing.
 */
export async function confirmImport(ctx: Pick<Ctx, 'db' | 'who'>, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const batch = await repo.findForConfirm(trx, ctx.who.scope, id);
    if (!batch) throw notFound('inmate_imports');
    if (batch.status === 'applied' || batch.status === 'applying')
      throw conflict('inmate_imports.applied', 'import.alreadyApplied');
    if (batch.status !== 'previewed') throw conflict('inmate_imports.not_ready', 'import.notReady');
    if (batch.problems > 0 || batch.rows === 0)
      throw new AppError('inmate_imports.has_problems', 400, 'import.hasProblems');
    await repo.markApplying(trx, id, batch.rows);
  });
}

/** The apply job: every row of the previewed file in one transaction, with one audit record. */
async function writeImport(ctx: Ctx, id: string): Promise<void> {
  const actor = ctx.who.actor;
  await ctx.db.transaction().execute(async (trx) => {
    const batch = await repo.findImport(trx, ctx.who.scope, id, { lock: true });
    // Already saved, purged, or failed: a repeated job has nothing to do.
    if (batch?.status !== 'applying') return;
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
      throw conflict('inmate_imports.stale', 'import.stale');
    // A date the SDP roster moves is kept as register history, as a change made by hand is.
    const toUpdate = updates.map((r) => ({ ...r.values, id: r.inmate_id ?? '' }));
    await repo.recordExpiryChangesFromImport(trx, toUpdate, {
      basis: `Impor roster SDP: ${batch.filename}`,
      createdBy: actor.userId,
    });
    // An empty NIK in the file keeps the stored one.
    await repo.updateInmatesBulk(trx, toUpdate);
    await repo.markImportApplied(trx, batch.id, batch.rows.length);
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
  });
}

/** Deletes previews never saved (and failed imports) older than the given hours; returns how many. */
export async function purgeUnsavedImports(db: Db, olderThanHours: number): Promise<number> {
  return repo.deleteUnsaved(db, olderThanHours);
}

/**
 * The second, separate confirmation after a full roster: those active in the register but absent
 * from the file are released or transferred out, each with a history entry, in one transaction.
 */
export async function markAbsent(
  ctx: Ctx,
  id: string,
  input: { change: 'release' | 'transfer'; on_date: string; reason: string },
): Promise<number> {
  const actor = ctx.who.actor;
  const status = input.change === 'release' ? 'released' : 'transferred';
  return ctx.db.transaction().execute(async (trx) => {
    const batch = await repo.findImport(trx, ctx.who.scope, id, { lock: true });
    if (!batch) throw notFound('inmate_imports');
    if (batch.status !== 'applied' || batch.absent_status !== null || batch.absent.length === 0)
      throw conflict('inmate_imports.absent_not_allowed', 'import.absentNotAllowed');
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
      await endEnrolmentsOfInmate(withDb(ctx, trx), {
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
