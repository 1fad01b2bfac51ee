// The national month: a national administrator asks for every unit's draft premi run of a month;
// the job prepares each active unit's draft through the premi runs' prepareRun, its progress reaches
// the total, and a unit whose month has not ended in its own time zone is reported skipped with why.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { type Principal, systemPrincipal } from '../../app/principal.ts';
import { drainNationalJobs } from './premi-national.jobs.ts';
import { nationalJob, requestNationalMonth, runNationalJob } from './premi-national.service.ts';

describe('the national premi month as a job', () => {
  let t: TestApp;
  let admin: Client;
  let adminWho: Principal;
  const wit: string[] = [];
  let wib: string;
  let kanwilId: string;
  let unitAdmin: Client;
  let pusat: Client;
  let kanwil: Client;
  let petugas: Client;

  const draftsOf = async (month: string) =>
    (
      await t.db
        .selectFrom('premi_runs')
        .select(['unit_id', 'status', 'kind'])
        .where('month', '=', `${month}-01`)
        .execute()
    ).sort((a, b) => a.unit_id.localeCompare(b.unit_id));

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    kanwilId = kw.id;
    // Three units in Papua (WIT) and one in Java (WIB): at 01:00 WIT on the 1st, Java's month is
    // still open for an hour.
    for (let i = 0; i < 3; i++)
      wit.push((await buildUnit(t.db, { kanwil_id: kw.id, timezone: 'Asia/Jayapura' })).id);
    wib = (await buildUnit(t.db, { kanwil_id: kw.id, timezone: 'Asia/Jakarta' })).id;
    const a = await buildUser(t.db, { roles: ['admin'], unit_id: null });
    admin = await t.signedIn(a.username);
    adminWho = {
      ...systemPrincipal(a.username),
      id: a.id,
      roles: ['admin'],
      actor: { userId: a.id, name: a.username },
    };
    const sign = async (o: Parameters<typeof buildUser>[1]) =>
      t.signedIn((await buildUser(t.db, o)).username);
    unitAdmin = await sign({ roles: ['admin'], unit_id: wib });
    pusat = await sign({ roles: ['pusat'], unit_id: null, kanwil_id: null });
    kanwil = await sign({ roles: ['kanwil'], unit_id: null, kanwil_id: kanwilId });
    petugas = await sign({ roles: ['petugas'], unit_id: wib });
  });
  after(() => t.close());

  test('the job prepares every unit whose month has ended and reports the open one skipped', async () => {
    const ctx = { db: t.db, who: adminWho, now: new Date() };
    const job = await requestNationalMonth(ctx, { month: '2026-10' });
    assert.equal((await nationalJob(ctx, job.id)).status, 'queued');
    const seen: number[] = [];
    // 01:00 WIT on 1 November is 23:00 WIB on 31 October.
    await runNationalJob(t.db, job, undefined, {
      now: () => new Date('2026-10-31T16:00:00Z'),
      concurrency: 1,
    });
    const j = await nationalJob(ctx, job.id);
    seen.push(j.done);
    assert.equal(j.status, 'done');
    assert.equal(j.total, 4);
    assert.equal(j.done, j.total, 'progress reaches the total');
    assert.equal(j.skipped, 1);
    assert.equal(j.failed, 0);
    assert.deepEqual(
      j.errors.map((e) => [e.unit_id, e.outcome, e.code]),
      [[wib, 'skipped', 'premi.month_open']],
    );
    const drafts = await draftsOf('2026-10');
    assert.deepEqual(
      drafts.map((d) => d.unit_id),
      [...wit].sort(),
    );
    assert.ok(drafts.every((d) => d.status === 'draft' && d.kind === 'regular'));
    // The skipped unit's reason reads on the job's page.
    const page = await admin.get(`/premi/national/${job.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Dilewati/);
    assert.match(page.body, /4 dari 4 UPT diproses/);
    assert.match(page.body, /3 draf disiapkan, 1 dilewati, 0 gagal/);
  });

  test('started from the page, the job runs to the end; progress and the API say so; a second request while one runs is refused', async () => {
    const res = await admin.postForm('/premi/national', { month: '2026-11' });
    assert.equal(res.statusCode, 303);
    const url = String(res.headers.location);
    assert.match(url, /^\/premi\/national\/[0-9a-f-]{36}$/);
    await drainNationalJobs();
    const status = JSON.parse((await admin.get(`${url}/status`)).body) as {
      running: boolean;
      done: number;
      total: number;
    };
    assert.equal(status.running, false);
    assert.equal(status.done, 4);
    assert.equal(status.total, 4);
    assert.equal((await draftsOf('2026-11')).length, 4);
    const id = url.split('/').pop() ?? '';
    const api = await admin.json('GET', `/api/v1/premi/national-jobs/${id}`);
    assert.equal(api.statusCode, 200);
    assert.deepEqual(
      { ...JSON.parse(api.body), started_at: null, finished_at: null },
      {
        id,
        month: '2026-11',
        status: 'done',
        total: 4,
        done: 4,
        skipped: 0,
        failed: 0,
        started_at: null,
        finished_at: null,
        units: [],
      },
    );
    // Run again: the drafts are recomputed, not doubled.
    const again = await admin.json('POST', '/api/v1/premi/national-jobs', { month: '2026-11' });
    assert.equal(again.statusCode, 202);
    await drainNationalJobs();
    assert.equal((await draftsOf('2026-11')).length, 4);
    // While one is queued, a second for the same month is refused.
    const ctx = { db: t.db, who: adminWho, now: new Date() };
    await requestNationalMonth(ctx, { month: '2026-09' });
    const twice = await admin.json('POST', '/api/v1/premi/national-jobs', { month: '2026-09' });
    assert.equal(twice.statusCode, 409);
    assert.equal(JSON.parse(twice.body).error.code, 'premi_national.running');
  });

  test('a malformed or future month is refused with a message, nothing queued', async () => {
    const before = await t.db.selectFrom('premi_national_jobs').select('id').execute();
    const page = await admin.postForm('/premi/national', { month: 'Oktober' });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /TTTT-BB/);
    const future = await admin.json('POST', '/api/v1/premi/national-jobs', { month: '2099-01' });
    assert.equal(future.statusCode, 400);
    assert.equal(JSON.parse(future.body).error.fields[0].field, 'month');
    assert.equal((await t.db.selectFrom('premi_national_jobs').select('id').execute()).length, before.length);
  });

  test('only a national administrator starts or follows it', async () => {
    for (const c of [unitAdmin, pusat, kanwil, petugas]) {
      assert.equal((await c.get('/premi/national')).statusCode, 403);
      assert.equal(
        (await c.json('POST', '/api/v1/premi/national-jobs', { month: '2026-08' })).statusCode,
        403,
      );
    }
    assert.equal((await admin.get('/premi/national')).statusCode, 200);
  });
});
