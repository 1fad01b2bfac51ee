import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';

describe('operations endpoints and the OpenAPI document', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('healthz says the process is up; readyz says the database answers', async () => {
    const c = t.client();
    assert.deepEqual(JSON.parse((await c.get('/healthz')).body), { status: 'ok' });
    assert.deepEqual(JSON.parse((await c.get('/readyz')).body), { status: 'ready' });
  });

  test('the OpenAPI document describes every /api/v1 route from the schemas that validate it, and no HTML page', async () => {
    const doc = JSON.parse((await t.client().get('/api/openapi.json')).body) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>
      >;
    };
    assert.match(doc.openapi, /^3\./);
    const paths = Object.keys(doc.paths);
    assert.ok(
      paths.every((p) => p.startsWith('/api/v1/')),
      paths.join(','),
    );
    const apiRoutes = new Set(
      t.app.registeredRoutes
        .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
        .map((r) => r.url.replace(/:(\w+)/g, '{$1}')),
    );
    assert.deepEqual(new Set(paths), apiRoutes);
    const create = doc.paths['/api/v1/users']?.post?.requestBody?.content['application/json']?.schema;
    assert.deepEqual(create?.required?.sort(), ['full_name', 'roles', 'username']);
  });

  test('every response carries a request id, and security headers are set', async () => {
    const res = await t.client().get('/login');
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });
});
