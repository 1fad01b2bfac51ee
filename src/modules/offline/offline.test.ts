import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme, buildSession, todayWib } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildInmate, buildUnit, buildUser } from '../../../test/builders.ts';
import { shellVersion } from './offline.routes.ts';

describe('the hall pages without a signal', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('the service worker is served from the root, as a script, never kept by the browser cache, to anyone', async () => {
    const unit = await buildUnit(t.db);
    const petugas = await t.signedIn(
      (await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id })).username,
    );
    for (const c of [t.client(), petugas]) {
      const res = await c.get('/sw.js');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/javascript/);
      assert.equal(res.headers['service-worker-allowed'], '/');
      assert.equal(res.headers['cache-control'], 'no-store');
      // The release's version is written in: a change to the shell is a new worker.
      assert.match(res.body, /const VERSION = '[0-9a-f]{16}';/);
      assert.doesNotMatch(res.body, /const VERSION = 'dev'/);
      assert.match(res.body, /addEventListener\('fetch'/);
    }
    const route = t.app.registeredRoutes.find((r) => r.method === 'GET' && r.url === '/sw.js');
    assert.equal(route?.permission, 'public');
  });

  test('the worker keeps only the two hall pages and the shell: no other page, no API, no PDF or workbook', async () => {
    const script = (await t.client().get('/sw.js')).body;
    const patterns = [...script.matchAll(/^\s+\/(\^\\\/.*\$)\/,$/gm)].map((m) => new RegExp(m[1] ?? '$^'));
    assert.equal(patterns.length, 2, 'two page patterns');
    const id = '0b3e6a1e-8a55-4c1b-9f3e-2f7d1c1e0a11';
    const kept = (p: string) => patterns.some((re) => re.test(p));
    assert.ok(kept(`/sessions/${id}/attendance`));
    assert.ok(kept(`/sessions/${id}/production`));
    assert.ok(kept(`/programmes/${id}/production`));
    for (const other of [
      `/sessions/${id}/journal`,
      `/programmes/${id}`,
      `/inmates/${id}`,
      `/api/v1/sessions/${id}/attendance`,
      `/sessions/${id}/attendance.pdf`,
      `/programmes/${id}/production.xlsx`,
      '/dashboard',
    ])
      assert.ok(!kept(other), other);
    // Signing in or out empties the kept pages.
    assert.match(script, /SIGN_IN_OR_OUT = new Set\(\['\/login', '\/logout'\]\)/);
    assert.match(script, /caches\.delete\(PAGES\)/);
  });

  test('the shell version follows every file of public/', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sm-shell-'));
    try {
      writeFileSync(path.join(dir, 'app.css'), 'body { color: black }');
      writeFileSync(path.join(dir, 'sw.js'), "const VERSION = 'dev';");
      const first = shellVersion(dir);
      assert.equal(shellVersion(dir), first, 'the same files give the same version');
      writeFileSync(path.join(dir, 'app.css'), 'body { color: navy }');
      assert.notEqual(shellVersion(dir), first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the roll call and the production log show the registration number beside each name', async () => {
    const unit = await buildUnit(t.db);
    const me = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    const petugas = await t.signedIn(me.username);
    const programme = await buildProgramme(t.db, { unit_id: unit.id });
    const kind = await t.db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'tas')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('products')
      .values({
        unit_id: unit.id,
        programme_id: programme.id,
        kind_id: kind.id,
        name: 'Tas rajut',
        route: 'own',
      })
      .execute();
    // Two people of one name, told apart by their numbers; a staff member has none.
    for (const reg of ['B.I 0412/2025', 'B.I 0977/2025']) {
      const inmate = await buildInmate(t.db, { unit_id: unit.id, reg_number: reg, name: 'Siti Aminah' });
      await buildEnrolment(t.db, { programme_id: programme.id, inmate_id: inmate.id, name: 'Siti Aminah' });
    }
    await buildEnrolment(t.db, { programme_id: programme.id, name: 'Budi <Petugas>' });
    const session = await buildSession(t.db, { programme_id: programme.id, day: todayWib() });

    for (const url of [`/sessions/${session.id}/attendance`, `/sessions/${session.id}/production`]) {
      const res = await petugas.get(url);
      assert.equal(res.statusCode, 200, url);
      const regs = [
        ...res.body.matchAll(/Siti Aminah <span class="reg-no" data-testid="reg-no">([^<]*)<\/span>/g),
      ]
        .map((m) => m[1])
        .sort();
      assert.deepEqual(regs, ['B.I 0412/2025', 'B.I 0977/2025'], url);
      assert.match(res.body, /Budi &lt;Petugas&gt;<span class="muted">/, `${url}: no number for staff`);
      assert.equal((res.body.match(/data-testid="reg-no"/g) ?? []).length, 2, url);
      // What is kept unsent on the phone is filed under the signed-in user: the next user of the
      // phone neither sees nor sends it.
      assert.match(res.body, new RegExp(`data-owner="${me.id}"`), url);
    }
  });
});
