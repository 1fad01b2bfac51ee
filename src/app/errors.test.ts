// Bad input of every kind gets a clear message and the right status, never a stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/app.ts';
import { buildUnit, buildUser } from '../../test/builders.ts';

describe('bad input and failures', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startTestApp(
      { BODY_LIMIT_BYTES: '4096' },
      {
        extraRoutes: (app) =>
          app.get('/api/v1/__boom', { config: { permission: 'public' } }, async () => {
            throw new Error('secret internal detail');
          }),
      },
    );
    const unit = await buildUnit(t.db);
    admin = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: unit.id })).username);
  });
  after(() => t.close());

  const noLeak = (body: string) => {
    assert.doesNotMatch(body, /at [\w.<>]+ \(|node_modules|\.ts:\d+/, 'no stack trace');
  };

  test('an unknown page is a 404 page in Indonesian; an unknown API route is a JSON 404', async () => {
    const page = await admin.get('/tidak/ada');
    assert.equal(page.statusCode, 404);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /tidak ditemukan/);
    const api = await admin.get('/api/v1/tidak-ada');
    assert.equal(api.statusCode, 404);
    assert.equal((JSON.parse(api.body) as { error: { code: string } }).error.code, 'route.not_found');
  });

  test('an oversized body is refused with 413 and a message', async () => {
    const res = await admin.json('POST', '/api/v1/me/tokens', { name: 'x'.repeat(10_000) });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /terlalu besar/);
    noLeak(res.body);
  });

  test('malformed JSON is a 400 with a message, not a 500', async () => {
    const res = await admin.request('POST', '/api/v1/me/tokens', {
      headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf },
    });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: {
        'content-type': 'application/json',
        cookie: `sm_sid=${admin.cookies.get('sm_sid')}`,
        'x-csrf-token': admin.csrf,
      },
      payload: '{"name": ',
    });
    for (const r of [res, bad]) {
      assert.equal(r.statusCode, 400);
      noLeak(r.body);
    }
  });

  test('a malformed id in the path is a 400 with the field named', async () => {
    const res = await admin.get('/api/v1/units/bukan-uuid');
    assert.equal(res.statusCode, 400);
    const body = JSON.parse(res.body) as { error: { fields: Array<{ field: string }> } };
    assert.equal(body.error.fields[0]?.field, 'id');
  });

  test('API validation messages follow Accept-Language', async () => {
    const res = await admin.request('POST', '/api/v1/me/tokens', {
      json: {},
      headers: { 'accept-language': 'en-GB' },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /"field":"name","message":"Required\."/);
  });

  test('an unexpected failure is a 500 with a request id to quote, and no internals', async () => {
    const res = await t.client().get('/api/v1/__boom');
    assert.equal(res.statusCode, 500);
    const body = JSON.parse(res.body) as { error: { message: string; requestId: string } };
    assert.doesNotMatch(res.body, /secret internal detail/);
    assert.ok(body.error.message.includes(body.error.requestId));
    assert.equal(res.headers['x-request-id'], body.error.requestId);
  });
});
