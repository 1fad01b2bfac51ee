import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { buildProgramme } from '../../test/attendance-fixtures.ts';
import { buildUser } from '../../test/builders.ts';
import { createApiClient } from './client.ts';
import { apiTypes, SCHEMA_FILE } from './generate.ts';

describe('the typed API client generated from /api/openapi.json', () => {
  let t: TestApp;
  let baseUrl: string;
  before(async () => {
    t = await startTestApp();
    // Real HTTP on the loopback: the client is used exactly as an integrator's script would use it.
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(() => t.close());

  test('the committed types are what the generator makes of the live document (run `npm run api:types`)', async () => {
    const document = (await t.client().get('/api/openapi.json')).json() as object;
    const committed = (await readFile(SCHEMA_FILE, 'utf8')).split('\n');
    const fresh = (await apiTypes(document)).split('\n');
    const differs = fresh.findIndex((line, i) => line !== committed[i]);
    const at = differs === -1 && fresh.length !== committed.length ? fresh.length : differs;
    assert.ok(
      at === -1,
      `src/api-client/schema.d.ts is out of date (line ${at + 1}: "${committed[at]?.trim()}" should be ` +
        `"${fresh[at]?.trim()}"): run \`npm run api:types\` and commit the result`,
    );
  });

  test('signs in with a personal API token and reads a programme of the unit', async () => {
    const petugas = await buildUser(t.db, { roles: ['petugas'] });
    assert.ok(petugas.unit_id);
    const programme = await buildProgramme(t.db, { unit_id: petugas.unit_id, name: 'Pelatihan Rajut' });
    // The token is made where a person makes it: on their account, signed in with the password.
    const session = await t.signedIn(petugas.username);
    const made = await session.json('POST', '/api/v1/me/tokens', { name: 'laporan mingguan' });
    assert.equal(made.statusCode, 201, made.body);
    const token = (made.json() as { token: string }).token;

    const api = createApiClient({ baseUrl, token });
    const me = await api.GET('/api/v1/me');
    assert.equal(me.response.status, 200);
    assert.equal(me.data?.username, petugas.username);

    const read = await api.GET('/api/v1/programmes/{id}', { params: { path: { id: programme.id } } });
    assert.equal(read.response.status, 200);
    assert.equal(read.data?.name, 'Pelatihan Rajut');
    assert.equal(read.data?.unit_id, petugas.unit_id);
  });

  test('an error comes back typed as the shared error body, and a wrong token is refused', async () => {
    const petugas = await buildUser(t.db, { roles: ['petugas'] });
    const session = await t.signedIn(petugas.username);
    const token = (
      (await session.json('POST', '/api/v1/me/tokens', { name: 'x' })).json() as { token: string }
    ).token;
    const api = createApiClient({ baseUrl, token });
    const missing = await api.GET('/api/v1/programmes/{id}', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
    });
    assert.equal(missing.response.status, 404);
    assert.equal(missing.error?.error.code, 'programmes.not_found');
    assert.ok(missing.error?.error.requestId);

    const stranger = createApiClient({ baseUrl, token: 'smd_not-a-token' });
    const refused = await stranger.GET('/api/v1/programmes');
    assert.equal(refused.response.status, 401);
    assert.equal(refused.error?.error.code, 'auth.unauthorized');
  });
});
