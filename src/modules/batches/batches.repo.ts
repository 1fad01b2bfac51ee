// SQL of the offline batches of the hall: a batch's idempotency key, claimed in the transaction
// that applies the batch, with its subject and the result it answered.
import type { Conn } from '../../db/database.ts';
import type { BatchKind, SubmissionResult } from '../../db/schema.ts';

export interface BatchSubject {
  kind: BatchKind;
  session_id: string | null;
  programme_id: string | null;
  day: string | null;
}

/**
 * Claims an idempotency key for this batch. Insert first: a concurrent request with the same key
 * waits on the unique index until the first commits, then finds the key taken. Returns true when
 * this request owns the key.
 */
export async function claim(
  conn: Conn,
  key: string,
  subject: BatchSubject,
  userId: string | null,
): Promise<boolean> {
  const r = await conn
    .insertInto('batch_submissions')
    .values({
      idempotency_key: key,
      ...subject,
      user_id: userId,
      result: JSON.stringify({ created: 0, updated: 0, unchanged: 0 }),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('idempotency_key')
    .executeTakeFirst();
  return r !== undefined;
}

export async function find(conn: Conn, key: string) {
  return conn
    .selectFrom('batch_submissions')
    .select(['kind', 'session_id', 'programme_id', 'day', 'result'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function setResult(conn: Conn, key: string, result: SubmissionResult) {
  await conn
    .updateTable('batch_submissions')
    .set({ result: JSON.stringify(result) })
    .where('idempotency_key', '=', key)
    .execute();
}
