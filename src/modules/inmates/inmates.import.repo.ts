// SQL for SDP import batches: matching by registration number, the stored preview, and the bulk
// writes of a confirmed import.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { ImportAbsent, ImportProblem, ImportRow, InmateStatus } from '../../db/schema.ts';
import type { InmateValues } from './inmates.repo.ts';

/** An import belongs to a unit, never to a partner. */
const COLS = { unit: 'unit_id', partner: null };

/** Existing inmates of a unit by registration number, for matching an import. */
export async function idsByRegNumber(conn: Conn, unitId: string, numbers: string[]) {
  const out = new Map<string, string>();
  for (let i = 0; i < numbers.length; i += 5000) {
    const chunk = numbers.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    const rows = await conn
      .selectFrom('inmates')
      .select(['id', 'reg_number'])
      .where('unit_id', '=', unitId)
      .where('reg_number', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.reg_number, r.id);
  }
  return out;
}

/** A new import job: the file is kept until the worker has read it. */
export async function insertImport(
  conn: Conn,
  v: { unit_id: string; filename: string; content: Buffer; created_by: string | null },
): Promise<string> {
  const r = await conn
    .insertInto('inmate_imports')
    .values({ ...v, rows: '[]', problems: '[]', status: 'queued' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Takes a queued import (or one left parsing by a crashed worker) for the preview job. */
export async function claimForParsing(conn: Conn, id: string) {
  return conn
    .updateTable('inmate_imports')
    .set({ status: 'parsing', progress_done: 0, progress_total: null, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'parsing'])
    .returning(['id', 'unit_id', 'filename', 'content'])
    .executeTakeFirst();
}

export async function setProgress(conn: Conn, id: string, done: number, total: number): Promise<void> {
  await conn
    .updateTable('inmate_imports')
    .set({ progress_done: done, progress_total: total, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The checked file: the file itself is no longer needed and is dropped. */
export async function storePreview(
  conn: Conn,
  id: string,
  v: { rows: ImportRow[]; problems: ImportProblem[]; absent: ImportAbsent[] },
): Promise<void> {
  await conn
    .updateTable('inmate_imports')
    .set({
      status: 'previewed',
      rows: JSON.stringify(v.rows),
      problems: JSON.stringify(v.problems),
      absent: JSON.stringify(v.absent),
      content: null,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'parsing')
    .execute();
}

export async function markFailed(conn: Conn, id: string, key: string): Promise<void> {
  await conn
    .updateTable('inmate_imports')
    .set({ status: 'failed', error: key, content: null, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '<>', 'applied')
    .execute();
}

export async function markApplying(conn: Conn, id: string, total: number): Promise<void> {
  await conn
    .updateTable('inmate_imports')
    .set({ status: 'applying', progress_done: 0, progress_total: total, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function findImport(conn: Conn, scope: Scope, id: string, opts: { lock?: boolean } = {}) {
  let q = conn
    .selectFrom('inmate_imports')
    .select([
      'id',
      'unit_id',
      'filename',
      'rows',
      'problems',
      'status',
      'created_at',
      'applied_at',
      'absent',
      'absent_status',
      'progress_done',
      'progress_total',
      'error',
    ])
    .where('id', '=', id)
    .where(scopeFilter(scope, COLS));
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** What confirming needs, locked, without reading the stored rows themselves. */
export async function findForConfirm(conn: Conn, scope: Scope, id: string) {
  const q = conn
    .selectFrom('inmate_imports')
    .select([
      'status',
      sql<number>`jsonb_array_length(rows)`.as('rows'),
      sql<number>`jsonb_array_length(problems)`.as('problems'),
    ])
    .where('id', '=', id)
    .where(scopeFilter(scope, COLS))
    .forUpdate();
  return q.executeTakeFirst();
}

/** Status and progress only, for the polling of the progress bar. */
export async function findProgress(conn: Conn, scope: Scope, id: string) {
  return conn
    .selectFrom('inmate_imports')
    .select(['id', 'status', 'progress_done', 'progress_total', 'error'])
    .where('id', '=', id)
    .where(scopeFilter(scope, COLS))
    .executeTakeFirst();
}

export async function markImportApplied(conn: Conn, id: string, total: number): Promise<void> {
  await conn
    .updateTable('inmate_imports')
    .set({ status: 'applied', applied_at: new Date(), progress_done: total, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Imports never saved (previews, failed, stuck in the queue) created more than `hours` ago. */
export async function deleteUnsaved(conn: Conn, hours: number): Promise<number> {
  const r = await conn
    .deleteFrom('inmate_imports')
    .where('status', 'in', ['queued', 'parsing', 'previewed', 'failed'])
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Inserts many inmates at once and returns their ids by registration number. */
export async function insertInmates(
  conn: Conn,
  rows: ReadonlyArray<InmateValues & { unit_id: string; nik: string | null }>,
): Promise<Array<{ id: string; entry_date: string }>> {
  const out: Array<{ id: string; entry_date: string }> = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    out.push(...(await conn.insertInto('inmates').values(chunk).returning(['id', 'entry_date']).execute()));
  }
  return out;
}

export async function insertStatusEntries(
  conn: Conn,
  rows: ReadonlyArray<{
    inmate_id: string;
    status: InmateStatus;
    on_date: string;
    reason: string | null;
    created_by: string | null;
  }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    if (chunk.length) await conn.insertInto('inmate_status_history').values(chunk).execute();
  }
}

/**
 * Records, as register history, each tanggal ekspirasi the file changes (decision 12: only a
 * recorded change moves the date the roll call goes by). Run before updateInmatesBulk.
 */
export async function recordExpiryChangesFromImport(
  conn: Conn,
  rows: ReadonlyArray<{ id: string; expected_release_date: string | null }>,
  by: { basis: string; createdBy: string | null },
): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({ id: r.id, expiry: r.expected_release_date }));
    if (chunk.length === 0) continue;
    const r = await sql`
      insert into inmate_expiry_changes (inmate_id, kind, previous_expiry, new_expiry, basis, created_by)
      select i.id, 'correction', i.expected_release_date, r.expiry, ${by.basis}, ${by.createdBy}
        from inmates as i
        join jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(id uuid, expiry date) on r.id = i.id
       where r.expiry is not null and r.expiry is distinct from i.expected_release_date`.execute(conn);
    n += Number(r.numAffectedRows ?? 0);
  }
  return n;
}

/** Updates many inmates in one statement per chunk; a null NIK keeps the stored one. */
export async function updateInmatesBulk(
  conn: Conn,
  rows: ReadonlyArray<InmateValues & { id: string; nik: string | null }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    if (chunk.length === 0) continue;
    await sql`
      update inmates as i set
        reg_number = r.reg_number, register_class = r.register_class, name = r.name, gender = r.gender,
        birth_date = r.birth_date, entry_date = r.entry_date, expected_release_date = r.expected_release_date,
        block = r.block, room = r.room, education = r.education, skills = r.skills, interests = r.interests,
        risk_level = r.risk_level, health_restriction = r.health_restriction, nik = coalesce(r.nik, i.nik),
        updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(
        id uuid, reg_number text, register_class text, name text, gender text, birth_date date,
        entry_date date, expected_release_date date, block text, room text, education text,
        skills text[], interests text[], risk_level text, health_restriction boolean, nik text)
      where i.id = r.id`.execute(conn);
  }
}

/** Active inmates of a unit whose numbers are not in the list (absent from a full roster). */
export async function activeNotIn(conn: Conn, unitId: string, numbers: string[]): Promise<ImportAbsent[]> {
  return conn
    .selectFrom('inmates')
    .select(['id', 'reg_number', 'name'])
    .where('unit_id', '=', unitId)
    .where('status', '=', 'active')
    .where(sql<boolean>`reg_number <> all(${numbers}::text[])`)
    .orderBy('reg_number')
    .execute();
}

export async function markAbsentDone(conn: Conn, id: string, status: 'released' | 'transferred') {
  await conn.updateTable('inmate_imports').set({ absent_status: status }).where('id', '=', id).execute();
}

/** Sets the status of those still active among the ids; returns the ids changed. */
export async function setStatusOfActive(
  conn: Conn,
  unitId: string,
  ids: string[],
  status: InmateStatus,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await conn
    .updateTable('inmates')
    .set({ status, updated_at: new Date() })
    .where('unit_id', '=', unitId)
    .where('status', '=', 'active')
    .where('id', 'in', ids)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
