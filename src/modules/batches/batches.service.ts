// One batch from the hall (a roll call, a production log) applied once per key, whichever page
// sent it: the phone keeps unsent rows and sends them with a key it chose (public/offline-batch.js);
// a batch that arrives twice, or twice at once, is applied once and answered the same both times.
import { conflict } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import type { BatchKind, SubmissionResult } from '../../db/schema.ts';
import * as repo from './batches.repo.ts';

export interface Batch {
  /** Chosen by the client; none means the batch is simply applied. */
  key?: string | undefined;
  kind: BatchKind;
  /** What the batch is about: a session, or a programme's working day (a workshop). */
  sessionId?: string | null;
  programmeId?: string | null;
  day?: string | null;
}

export interface Applied extends SubmissionResult {
  /** True when this key was applied before: nothing changed now. */
  replayed: boolean;
}

/**
 * Runs `work` once per key. Call it inside the write transaction (`ctx.db` is the transaction):
 * the key is claimed there, so it is taken only if the work commits. A key already applied to the
 * same subject returns the stored result (`replayed`), whatever the batch holds now; a key applied
 * to another subject is refused (409 `<kind>.key_reused`).
 */
export async function applyOnce(
  ctx: Ctx,
  batch: Batch,
  work: () => Promise<SubmissionResult>,
): Promise<Applied> {
  const { key } = batch;
  const subject: repo.BatchSubject = {
    kind: batch.kind,
    session_id: batch.sessionId ?? null,
    programme_id: batch.programmeId ?? null,
    day: batch.day ?? null,
  };
  if (key && !(await repo.claim(ctx.db, key, subject, ctx.who.id))) {
    const prior = await repo.find(ctx.db, key);
    const same =
      prior !== undefined &&
      prior.kind === subject.kind &&
      prior.session_id === subject.session_id &&
      prior.programme_id === subject.programme_id &&
      prior.day === subject.day;
    if (!same) throw conflict(`${batch.kind}.key_reused`, `batches.keyReused.${batch.kind}`);
    return { ...prior.result, replayed: true };
  }
  const result = await work();
  if (key) await repo.setResult(ctx.db, key, result);
  return { ...result, replayed: false };
}
