// Walks every registered route: each declares a permission, and each role gets exactly the access
// the policy grants, including across units.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../test/builders.ts';
import type { Role } from '../db/schema.ts';
import { can, PERMISSIONS, ROLES } from './policy.ts';

describe('routes and permissions', () => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  let ids: { unit: string; otherUnit: string; user: string; otherUser: string };

  before(async () => {
    t = await startTestApp();
    const kanwil = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kanwil.id });
    const otherKanwil = await buildKanwil(t.db);
    const otherUnit = await buildUnit(t.db, { kanwil_id: otherKanwil.id });
    const staff = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    const otherUser = await buildUser(t.db, { roles: ['petugas'], unit_id: otherUnit.id });
    ids = { unit: unit.id, otherUnit: otherUnit.id, user: staff.id, otherUser: otherUser.id };
    for (const role of ROLES) {
      const home =
        role === 'kanwil'
          ? { unit_id: null, kanwil_id: kanwil.id }
          : role === 'pusat'
            ? { unit_id: null }
            : { unit_id: unit.id };
      const u = await buildUser(t.db, { roles: [role], ...home });
      clients.set(role, await t.signedIn(u.username));
    }
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

  test('each role is allowed or refused each route exactly as the policy says', async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const c = clients.get(role);
      assert.ok(c);
      for (const r of guarded()) {
        const url = concrete(r.url, 'own');
        const res = await c.request(r.method as 'GET', url, r.method === 'GET' ? {} : { json: {} });
        const allowed = can([role], r.permission as never);
        const refused = res.statusCode === 403 || res.statusCode === 401;
        if (allowed === refused) failures.push(`${role} ${r.method} ${url}: ${res.statusCode}`);
        assert.notEqual(res.statusCode, 500, `${role} ${r.method} ${url} must not fail`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('a Kanwil viewer gets 403 on every write', async () => {
    const c = clients.get('kanwil');
    assert.ok(c);
    const writes = guarded().filter((r) => r.method !== 'GET');
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
});
