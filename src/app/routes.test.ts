// Walks every registered route: each declares a permission, and each role gets exactly the access
// the policy grants, including across units.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../test/builders.ts';
import type { Role } from '../db/schema.ts';
import { can, PERMISSIONS, ROLES } from './policy.ts';
import { type Scope, scopeFor } from './scope.ts';

describe('routes and permissions', () => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  const scopes = new Map<Role, Scope>();
  /** An administrator with no unit or office: national scope, the only one who edits national data. */
  let national: Client;
  let ids: {
    unit: string;
    otherUnit: string;
    user: string;
    otherUser: string;
    kanwil: string;
    otherKanwil: string;
  };

  before(async () => {
    t = await startTestApp();
    const kanwil = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kanwil.id });
    const otherKanwil = await buildKanwil(t.db);
    const otherUnit = await buildUnit(t.db, { kanwil_id: otherKanwil.id });
    const staff = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    const otherUser = await buildUser(t.db, { roles: ['petugas'], unit_id: otherUnit.id });
    ids = {
      unit: unit.id,
      otherUnit: otherUnit.id,
      user: staff.id,
      otherUser: otherUser.id,
      kanwil: kanwil.id,
      otherKanwil: otherKanwil.id,
    };
    for (const role of ROLES) {
      const home =
        role === 'kanwil'
          ? { unit_id: null, kanwil_id: kanwil.id }
          : role === 'pusat'
            ? { unit_id: null, kanwil_id: null }
            : { unit_id: unit.id, kanwil_id: null };
      const u = await buildUser(t.db, { roles: [role], ...home });
      clients.set(role, await t.signedIn(u.username));
      scopes.set(role, scopeFor({ ...home, roles: [role] }, [unit.id]));
    }
    national = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: null })).username);
  });
  after(() => t.close());

  test('every registered route declares who may use it', () => {
    const missing = t.app.registeredRoutes
      .filter((r) => r.permission === undefined)
      .map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(missing, []);
    const unknown = t.app.registeredRoutes.filter(
      (r) => r.permission && !(PERMISSIONS as readonly string[]).includes(r.permission),
    );
    assert.deepEqual(unknown, []);
    assert.ok(t.app.registeredRoutes.length > 30, 'the walk sees the real route table');
  });

  function concrete(url: string, unitOrUser: 'own' | 'other'): string {
    const unit = unitOrUser === 'own' ? ids.unit : ids.otherUnit;
    const user = unitOrUser === 'own' ? ids.user : ids.otherUser;
    return url
      .replace(
        /^\/(api\/v1\/)?(units|dashboard)\/:id/,
        (_m, api: string | undefined, seg: string) => `/${api ?? ''}${seg}/${unit}`,
      )
      .replace(/:id/, user)
      .replace('*', 'app.css');
  }

  const guarded = () =>
    t.app.registeredRoutes.filter(
      (r) => r.method !== 'HEAD' && r.permission && r.permission !== 'public' && r.permission !== 'self',
    );

  // Allowed is not the whole story for the audit log: what each role reads in it (counts for Kanwil
  // and Ditjenpas, records with personal fields redacted for others) is in audit/audit.access.test.ts.
  test('each role is allowed or refused each route exactly as the policy says', async () => {
    const failures: string[] = [];
    const identities = [
      ...ROLES.map((role) => ({
        name: role,
        roles: [role],
        client: clients.get(role),
        scope: scopes.get(role),
      })),
      {
        name: 'admin (national)',
        roles: ['admin' as const],
        client: national,
        scope: { all: true } as const,
      },
    ];
    for (const { name, roles, client: c, scope } of identities) {
      assert.ok(c && scope);
      for (const r of guarded()) {
        const url = concrete(r.url, 'own');
        const res = await c.request(r.method as 'GET', url, r.method === 'GET' ? {} : { json: {} });
        const allowed = can({ roles, scope }, r.permission as never);
        const refused = res.statusCode === 403 || res.statusCode === 401;
        if (allowed === refused) failures.push(`${name} ${r.method} ${url}: ${res.statusCode}`);
        assert.notEqual(res.statusCode, 500, `${name} ${r.method} ${url} must not fail`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("a Kanwil viewer gets 403 on every write but the review of its region's monthly reports", async () => {
    const c = clients.get('kanwil');
    assert.ok(c);
    // Acknowledging or returning a unit's monthly report (#14) is the one thing a Kanwil writes.
    const writes = guarded().filter((r) => r.method !== 'GET' && r.permission !== 'reports.review');
    assert.ok(writes.length > 5);
    for (const r of writes) {
      const res = await c.request(r.method as 'POST', concrete(r.url, 'own'), { json: {} });
      assert.equal(res.statusCode, 403, `${r.method} ${r.url}`);
    }
  });

  test('anonymous visitors are sent to sign in (pages) or refused with 401 (API)', async () => {
    const anon = t.client();
    for (const r of guarded().filter((x) => x.method === 'GET')) {
      const res = await anon.get(concrete(r.url, 'own'));
      if (r.url.startsWith('/api/')) assert.equal(res.statusCode, 401, r.url);
      else {
        assert.equal(res.statusCode, 303, r.url);
        assert.match(String(res.headers.location), /^\/login\?next=/);
      }
    }
  });

  test("a petugas of one unit asking for another unit's records gets 404", async () => {
    const c = clients.get('petugas');
    assert.ok(c);
    for (const url of [`/dashboard/${ids.otherUnit}`, `/api/v1/units/${ids.otherUnit}`]) {
      const res = await c.get(url);
      assert.equal(res.statusCode, 404, url);
    }
    assert.equal((await c.get(`/dashboard/${ids.unit}`)).statusCode, 200);
  });

  test("a unit's administrator cannot see or change another unit's users", async () => {
    const c = clients.get('admin');
    assert.ok(c);
    assert.equal((await c.get(`/admin/users/${ids.otherUser}`)).statusCode, 404);
    assert.equal((await c.get(`/api/v1/users/${ids.otherUser}`)).statusCode, 404);
    assert.equal((await c.postForm(`/admin/users/${ids.otherUser}/deactivate`)).statusCode, 404);
    assert.equal((await c.get(`/admin/users/${ids.user}`)).statusCode, 200);
    const list = JSON.parse((await c.get('/api/v1/users')).body) as { items: Array<{ unit_id: string }> };
    assert.ok(list.items.length > 0);
    assert.ok(list.items.every((u) => u.unit_id === ids.unit));
  });

  test('a Kanwil viewer sees the units of its region and no others', async () => {
    const c = clients.get('kanwil');
    assert.ok(c);
    assert.equal((await c.get(`/api/v1/units/${ids.unit}`)).statusCode, 200);
    assert.equal((await c.get(`/api/v1/units/${ids.otherUnit}`)).statusCode, 404);
  });

  const unitBody = (over: Record<string, string> = {}) => ({
    kanwil_id: ids.otherKanwil,
    code: 'RUTAN-BLI',
    type: 'rutan',
    class: 'IIB',
    name: 'Rutan Kelas IIB Bangli',
    timezone: 'Asia/Makassar',
    ...over,
  });
  const count = async (table: 'units' | 'holidays' | 'program_aksi' | 'audit_log') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test("a unit administrator cannot add, edit or move units: the unit tree is the national administrator's, and a refused write saves nothing", async () => {
    const unitAdmin = clients.get('admin');
    assert.ok(unitAdmin);
    const [units, audit] = [await count('units'), await count('audit_log')];
    // Another region's Kanwil once answered 404 yet saved and audited the unit.
    assert.equal((await unitAdmin.json('POST', '/api/v1/units', unitBody())).statusCode, 403);
    assert.equal((await unitAdmin.postForm('/units', unitBody({ code: 'RUTAN-BLF' }))).statusCode, 403);
    assert.equal(
      (await unitAdmin.json('POST', '/api/v1/units', unitBody({ kanwil_id: ids.kanwil, code: 'RUTAN-OWN' })))
        .statusCode,
      403,
    );
    const own = await t.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', ids.unit)
      .executeTakeFirstOrThrow();
    const moved = unitBody({ code: own.code, name: own.name, timezone: own.timezone });
    assert.equal((await unitAdmin.json('PUT', `/api/v1/units/${ids.unit}`, moved)).statusCode, 403);
    const renamed = { ...moved, kanwil_id: ids.kanwil, name: 'Rutan yang diganti namanya' };
    assert.equal((await unitAdmin.json('PUT', `/api/v1/units/${ids.unit}`, renamed)).statusCode, 403);
    assert.equal((await unitAdmin.postForm(`/units/${ids.unit}`, moved)).statusCode, 403);
    assert.equal((await unitAdmin.get('/units/new')).statusCode, 403);
    assert.equal((await unitAdmin.get(`/units/${ids.unit}/edit`)).statusCode, 403);
    assert.doesNotMatch((await unitAdmin.get('/units')).body, /data-testid="unit-new"|\/edit"/);

    assert.equal(await count('units'), units, 'no unit was saved');
    assert.equal(await count('audit_log'), audit, 'nothing was audited');
    const after = await t.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', ids.unit)
      .executeTakeFirstOrThrow();
    assert.equal(after.kanwil_id, ids.kanwil, 'the unit stays in its Kanwil');
    assert.equal(after.name, own.name);

    const created = await national.json('POST', '/api/v1/units', unitBody());
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((created.json() as { kanwil_id: string }).kanwil_id, ids.otherKanwil);
    const id = (created.json() as { id: string }).id;
    const edited = await national.json('PUT', `/api/v1/units/${id}`, unitBody({ kanwil_id: ids.kanwil }));
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal((edited.json() as { kanwil_id: string }).kanwil_id, ids.kanwil);
    assert.match((await national.get('/units')).body, /data-testid="unit-new"/);
  });

  test("a unit administrator cannot add, rename or move national holidays, but keeps the unit's local ones", async () => {
    const unitAdmin = clients.get('admin');
    assert.ok(unitAdmin);
    const added = await national.json('POST', '/api/v1/holidays', {
      day: '2031-08-17',
      name: 'Hari Kemerdekaan',
      national: true,
    });
    assert.equal(added.statusCode, 201, added.body);
    const holidayId = (added.json() as { id: string }).id;
    const [holidays, audit] = [await count('holidays'), await count('audit_log')];

    const newNational = await unitAdmin.json('POST', '/api/v1/holidays', {
      day: '2031-08-18',
      name: 'Libur yang membatalkan sesi di semua unit',
      national: true,
    });
    assert.equal(newNational.statusCode, 400);
    assert.match(newNational.body, /"field":"national"/);
    const cutiBersama = await unitAdmin.json('POST', '/api/v1/holidays', {
      day: '2031-08-19',
      name: 'Cuti bersama',
      national: true,
      kind: 'cuti_bersama',
    });
    assert.equal(cutiBersama.statusCode, 400);
    const move = { day: '2031-08-16', name: 'Diganti', kind: 'national' };
    assert.equal((await unitAdmin.json('PUT', `/api/v1/holidays/${holidayId}`, move)).statusCode, 403);
    assert.equal((await unitAdmin.json('DELETE', `/api/v1/holidays/${holidayId}`)).statusCode, 403);
    assert.equal((await unitAdmin.postForm(`/holidays/${holidayId}/delete`)).statusCode, 403);
    const page = (await unitAdmin.get('/holidays?year=2031')).body;
    assert.doesNotMatch(
      page,
      new RegExp(`/holidays/${holidayId}/delete`),
      'no remove button on a national holiday',
    );
    assert.doesNotMatch(page, /name="national"/, 'no national tick box');

    assert.equal(await count('holidays'), holidays, 'no holiday was saved');
    assert.equal(await count('audit_log'), audit, 'nothing was audited');
    const kept = await t.db
      .selectFrom('holidays')
      .selectAll()
      .where('id', '=', holidayId)
      .executeTakeFirstOrThrow();
    assert.equal(kept.day, '2031-08-17');
    assert.equal(kept.name, 'Hari Kemerdekaan');

    const local = await unitAdmin.json('POST', '/api/v1/holidays', { day: '2031-08-20', name: 'Hari jadi' });
    assert.equal(local.statusCode, 201, local.body);
    assert.equal((await national.json('PUT', `/api/v1/holidays/${holidayId}`, move)).statusCode, 204);
    assert.match((await national.get('/holidays?year=2031')).body, /name="national"/);
  });

  test('a unit administrator cannot add or edit Program Aksi items; a national administrator can', async () => {
    const unitAdmin = clients.get('admin');
    assert.ok(unitAdmin);
    const added = await national.json('POST', '/api/v1/program-aksi', { title: 'Butir nasional uji' });
    assert.equal(added.statusCode, 201, added.body);
    const itemId = (added.json() as { id: string }).id;
    const [items, audit] = [await count('program_aksi'), await count('audit_log')];

    assert.equal(
      (await unitAdmin.json('POST', '/api/v1/program-aksi', { title: 'Butir unit' })).statusCode,
      403,
    );
    assert.equal(
      (await unitAdmin.json('PUT', `/api/v1/program-aksi/${itemId}`, { title: 'Diganti unit' })).statusCode,
      403,
    );
    assert.equal((await unitAdmin.postForm('/admin/program-aksi', { title: 'Butir unit' })).statusCode, 403);
    assert.equal((await unitAdmin.get('/admin/program-aksi')).statusCode, 403);
    assert.doesNotMatch((await unitAdmin.get('/dashboard')).body, /data-testid="nav-program-aksi"/);
    assert.equal(await count('program_aksi'), items);
    assert.equal(await count('audit_log'), audit);
    const kept = await t.db
      .selectFrom('program_aksi')
      .selectAll()
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    assert.equal(kept.title, 'Butir nasional uji');

    assert.equal(
      (await national.json('PUT', `/api/v1/program-aksi/${itemId}`, { title: 'Butir nasional diubah' }))
        .statusCode,
      204,
    );
    assert.match((await national.get('/dashboard')).body, /data-testid="nav-program-aksi"/);
  });

  test('signed-in pages and every API answer are never stored by a browser or proxy; static files are', async () => {
    const [c, admin] = [clients.get('petugas'), clients.get('admin')];
    assert.ok(c && admin);
    for (const [who, url] of [
      [c, '/dashboard'],
      [admin, `/admin/users/${ids.user}`],
      [c, '/api/v1/units'],
      [c, `/api/v1/units/${ids.unit}`],
    ] as const) {
      const res = await who.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'no-store', url);
    }
    assert.equal((await t.client().get('/api/v1/units')).headers['cache-control'], 'no-store');
    const css = await c.get('/static/app.css');
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['cache-control']), /public/);
  });

  test('a state-changing request from another site is refused with 403 even with a valid CSRF token', async () => {
    const c = clients.get('petugas');
    assert.ok(c);
    const before = await t.db.selectFrom('users').select('locale').where('id', '=', ids.user).execute();
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { referer: 'https://evil.example/page' },
      { origin: 'http://localhost.evil.example' },
    ] as Array<Record<string, string>>) {
      const res = await c.request('POST', '/language', { form: { lang: 'en', next: '/' }, headers });
      assert.equal(res.statusCode, 403, JSON.stringify(headers));
      assert.match(res.body, /situs lain|another site/, JSON.stringify(headers));
      const api = await c.request('POST', '/api/v1/holidays', {
        json: { day: '2031-09-01', name: 'Lintas situs' },
        headers,
      });
      assert.equal(api.statusCode, 403);
      assert.match(api.body, /"code":"auth.cross_origin"/);
    }
    assert.equal(
      (await t.db.selectFrom('holidays').select('id').where('name', '=', 'Lintas situs').execute()).length,
      0,
    );
    assert.deepEqual(
      await t.db.selectFrom('users').select('locale').where('id', '=', ids.user).execute(),
      before,
    );
    // Pages ask browsers for Referrer-Policy same-origin: with no-referrer, a browser sends
    // "Origin: null" on the site's own form posts, which this check must refuse.
    assert.equal((await c.get('/dashboard')).headers['referrer-policy'], 'same-origin');
    // The same site, by Origin or by Referer alone, and a request with neither (the CSRF token still applies).
    for (const headers of [
      { origin: 'http://localhost' },
      { referer: 'http://localhost/holidays' },
      {},
    ] as Array<Record<string, string>>) {
      const res = await c.request('POST', '/language', { form: { lang: 'id', next: '/' }, headers });
      assert.equal(res.statusCode, 303, JSON.stringify(headers));
    }
  });

  test('a personal API token from a program without an Origin header may still write', async () => {
    const c = clients.get('petugas');
    assert.ok(c);
    const created = await c.json('POST', '/api/v1/me/tokens', { name: 'skrip' });
    assert.equal(created.statusCode, 201, created.body);
    const token = (created.json() as { token: string }).token;
    const res = await t.client().request('POST', '/api/v1/holidays', {
      json: { day: '2031-09-02', name: 'Lewat token' },
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 201, res.body);
  });
});
