// What bench/http.ts sets up in the data around a run: its users (made with the tests' builder,
// as bench:rollup makes its own), fresh sessions for the save scenario (removed afterwards, so a
// kept data set keeps its size), and the wait for the last scenario's queries to end.
import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import type { Role } from '../src/db/schema.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { buildUser, TEST_PASSWORD } from '../test/builders.ts';
import type { Targets } from './http-data.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bench's users (password TEST_PASSWORD), made with the tests' builder or set back to it. */
export async function ensureUser(
  db: Db,
  username: string,
  o: { roles: Role[]; unit?: string; kanwil?: string },
) {
  const found = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  const roles = o.roles;
  if (!found) return buildUser(db, { username, roles, unit_id: o.unit ?? null, kanwil_id: o.kanwil ?? null });
  return db
    .updateTable('users')
    .set({
      roles,
      unit_id: o.unit ?? null,
      kanwil_id: o.kanwil ?? null,
      active: true,
      must_change_password: false,
      password_hash: await hashPassword(TEST_PASSWORD),
    })
    .where('id', '=', found.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Fresh sessions of the big programme on its unit's today: each save marks a new roll call. */
export async function freshSessions(db: Db, t: Targets, count: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    insert into programme_sessions (programme_id, schedule_id, day, starts_at, ends_at, extra)
    select ${t.programmeId}, null, d.day, (d.day + time '13:00') at time zone ${t.zone},
           (d.day + time '15:00') at time zone ${t.zone}, true
      from (select (now() at time zone ${t.zone})::date as day) d, generate_series(1, ${count})
    returning id`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function dropSessions(db: Db, ids: readonly string[], log: (m: string) => void): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`delete from batch_submissions where session_id = any(${ids}::uuid[])`.execute(trx);
      await sql`delete from attendance_marks where session_id = any(${ids}::uuid[])`.execute(trx);
      await sql`delete from programme_sessions where id = any(${ids}::uuid[])`.execute(trx);
    });
  } catch (err) {
    log(`the save scenario's ${ids.length} sessions stay in the data: ${(err as Error).message}`);
  }
}

/**
 * Waits until the last scenario's work is over: requests abandoned at the end of its window still
 * run in the app (or wait there for a pooled connection, unseen by the database), so the next
 * scenario would start on a busy node. Done when no query has run for over 200 ms and a signed-in
 * request that takes one pooled connection (GET /api/v1/me) answers within 250 ms, twice running.
 */
export async function settle(db: Db, me: { url: string; cookie: string }): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < 240 && quiet < 2; i++) {
    const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
       where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'
         and now() - query_start > interval '200 milliseconds'`.execute(db);
    const t0 = performance.now();
    const res = await fetch(me.url, { headers: { cookie: me.cookie } }).catch(() => null);
    await res?.arrayBuffer();
    const fast = res?.status === 200 && performance.now() - t0 < 250;
    quiet = (r.rows[0]?.n ?? 0) === 0 && fast ? quiet + 1 : 0;
    if (quiet < 2) await sleep(500);
  }
  await sleep(500);
}
