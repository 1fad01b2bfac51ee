// A slow query is cancelled by the statement timeout and answered with a clear error (issue 15,
// "Bad input and faults"): the app is built as main.ts builds it, on a pool whose statements
// PostgreSQL cancels after DATABASE_STATEMENT_TIMEOUT_MS (here 100 ms), and asked for the report of
// a programme with 300,000 marks: 503 with the message in the user's language (a page, or the
// API's JSON error), never a 500, while the same node keeps answering other requests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { Client } from '../../../test/app.ts';
import { buildProgramme, buildSession } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildMark, buildUnit, buildUser, TEST_PASSWORD } from '../../../test/builders.ts';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { loadConfig } from '../../app/config.ts';
import type { App } from '../../app/http.ts';
import { createDb, type Db } from '../../db/database.ts';
import { buildApp } from '../../server.ts';

describe('a report cancelled by the statement timeout', () => {
  let tdb: TestDb;
  let db: Db;
  let app: App;
  let staff: Client;
  let english: Client;
  const ids = { big: '', small: '' };

  async function signedIn(username: string) {
    const c = new Client(app);
    await c.get('/login');
    const res = await c.postForm('/login', { username, password: TEST_PASSWORD });
    assert.equal(res.statusCode, 303, `sign-in as ${username}`);
    await c.refreshCsrf();
    return c;
  }

  before(async () => {
    tdb = await createTestDb();
    const unit = await buildUnit(tdb.db);
    const big = await buildProgramme(tdb.db, { unit_id: unit.id, name: 'Kelas Besar' });
    const small = await buildProgramme(tdb.db, { unit_id: unit.id, name: 'Kelas Kecil' });
    // 2,000 participants on 150 daily sessions from 1 May 2026, every one marked.
    await sql`
      insert into enrolments (programme_id, kind, name, started_on)
      select ${big.id}, 'staff', 'Peserta ' || n, '2026-05-01' from generate_series(1, 2000) n`.execute(
      tdb.db,
    );
    await sql`
      insert into programme_sessions (programme_id, day, starts_at, ends_at)
      select ${big.id}, d::date, d + interval '2 hours', d + interval '5 hours'
        from generate_series('2026-05-01'::timestamptz, '2026-05-01'::timestamptz + interval '149 days', '1 day') d`.execute(
      tdb.db,
    );
    await sql`
      insert into attendance_marks (session_id, enrolment_id, status)
      select s.id, e.id, (array['hadir', 'alpa', 'izin', 'hadir', 'terlambat'])[1 + (row_number() over ()) % 5]
        from programme_sessions s cross join enrolments e
       where s.programme_id = ${big.id} and e.programme_id = ${big.id}`.execute(tdb.db);
    await sql`vacuum analyze attendance_marks`.execute(tdb.db);
    const s = await buildSession(tdb.db, { programme_id: small.id, day: '2026-06-03' });
    const e = await buildEnrolment(tdb.db, { programme_id: small.id, name: 'Sari Wulandari' });
    await buildMark(tdb.db, { session_id: s.id, enrolment_id: e.id, status: 'hadir' });
    Object.assign(ids, { big: big.id, small: small.id });
    const u = await buildUser(tdb.db, { roles: ['petugas'], unit_id: unit.id });
    const en = await buildUser(tdb.db, { roles: ['petugas'], unit_id: unit.id });
    await tdb.db.updateTable('users').set({ locale: 'en' }).where('id', '=', en.id).execute();

    const config = loadConfig({
      NODE_ENV: 'test',
      SESSION_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'silent',
      DATABASE_STATEMENT_TIMEOUT_MS: '100',
    });
    assert.equal(config.databaseStatementTimeoutMs, 100);
    // As main.ts opens the web's pool.
    db = createDb(tdb.url, { max: 4, statementTimeoutMs: config.databaseStatementTimeoutMs });
    app = await buildApp({ db, replica: null, config });
    await app.ready();
    staff = await signedIn(u.username);
    english = await signedIn(en.username);
  });

  after(async () => {
    await app?.close();
    await db?.destroy();
    await tdb?.drop();
  });

  test('the pool really cancels a statement past the timeout', async () => {
    await assert.rejects(sql`select pg_sleep(0.5)`.execute(db), { code: '57014' });
  });

  test('the page is a 503 in the user’s language, never a 500, and the node keeps serving', async () => {
    const [slow, quick] = await Promise.all([
      staff.get(`/attendance-reports/programmes/${ids.big}`),
      staff.get(`/attendance-reports/programmes/${ids.small}`),
    ]);
    assert.equal(slow.statusCode, 503, slow.body.slice(0, 300));
    assert.match(String(slow.headers['content-type']), /text\/html/);
    assert.match(slow.body, /terlalu lama diproses basis data sehingga dihentikan/);
    assert.equal(quick.statusCode, 200);
    assert.match(quick.body, /Sari Wulandari/);
    const en = await english.get(`/attendance-reports/programmes/${ids.big}/participants.xlsx`);
    assert.equal(en.statusCode, 503);
    assert.equal(en.headers['content-disposition'], undefined, 'no download name on the error page');
    assert.match(en.body, /The database took too long over this request, so it was stopped/);
    // Every connection went back to the pool in working order.
    for (let i = 0; i < 6; i++)
      assert.equal((await staff.get(`/attendance-reports/programmes/${ids.small}`)).statusCode, 200);
  });

  test('the API answers with its JSON error', async () => {
    const res = await staff.get(`/api/v1/programmes/${ids.big}/attendance-summary`);
    assert.equal(res.statusCode, 503);
    const body = JSON.parse(res.body) as { error: { code: string; message: string; requestId: string } };
    assert.equal(body.error.code, 'db.timeout');
    assert.match(body.error.message, /Persempit periode/);
    assert.ok(body.error.requestId);
    const ok = await staff.get(`/api/v1/programmes/${ids.small}/attendance-summary`);
    assert.equal(ok.statusCode, 200);
  });
});
