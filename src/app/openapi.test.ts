import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { operationIdFor } from './openapi.ts';

type Doc = {
  servers: Array<{ url: string }>;
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, { $ref?: string }> }>
  >;
  components: { schemas: Record<string, unknown> };
};

const PUBLIC_BASE_URL = 'https://simandiri.lapas.test';

describe('the OpenAPI document of /api/v1', () => {
  let t: TestApp;
  let source: string;
  let doc: Doc;
  before(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL });
    source = (await t.client().get('/api/openapi.json')).body;
    doc = JSON.parse(source) as Doc;
  });
  after(() => t.close());

  test("lints clean with Redocly's recommended rules: no error, no warning", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    assert.deepEqual(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
      [],
    );
  });

  test('the server is the public address the installation is configured with', () => {
    assert.deepEqual(
      doc.servers.map((s) => s.url),
      [PUBLIC_BASE_URL],
    );
  });

  test('every operation has its own readable operationId, derived from its method and path', () => {
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    for (const id of ids) assert.match(id, /^[a-z]+[A-Z][A-Za-z]*$/, id);
    const id = (method: string, path: string) => doc.paths[path]?.[method]?.operationId;
    assert.equal(id('get', '/api/v1/programmes'), 'listProgrammes');
    assert.equal(id('get', '/api/v1/programmes/{id}'), 'getProgramme');
    assert.equal(id('post', '/api/v1/agreements'), 'createAgreement');
    assert.equal(id('put', '/api/v1/programmes/{id}/schedules/{scheduleId}'), 'updateProgrammeSchedule');
    assert.equal(id('post', '/api/v1/agreements/{id}/sign'), 'signAgreement');
    assert.equal(id('get', '/api/v1/me/tokens'), 'listMyTokens');
  });

  test('the naming rule: lists, items, creations, actions, and a fallback that cannot clash', () => {
    const none = new Set<string>();
    assert.equal(operationIdFor('get', '/api/v1/kanwil', new Set(['/api/v1/kanwil'])), 'listKanwil');
    assert.equal(operationIdFor('post', '/api/v1/agreements/{id}/addenda', none), 'createAgreementAddendum');
    assert.equal(operationIdFor('delete', '/api/v1/holidays/{id}', none), 'deleteHoliday');
    assert.equal(operationIdFor('post', '/api/v1/users/{id}/reset-password', none), 'resetUserPassword');
    assert.equal(operationIdFor('get', '/api/v1/agreements/reminders', none), 'listAgreementReminders');
    assert.equal(operationIdFor('get', '/api/v1/sessions/{id}/journal', none), 'getSessionJournal');
    assert.equal(operationIdFor('post', '/api/v1/things/{id}/status', none), 'postThingsByIdStatus');
  });

  test('every operation answers its errors with the one error body: 401 and 403 everywhere, 404 on a record', () => {
    assert.ok(doc.components.schemas.Error, 'the shared error body is a component');
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        assert.equal(op.responses['401']?.$ref, '#/components/responses/Unauthorized', where);
        assert.equal(op.responses['403']?.$ref, '#/components/responses/Forbidden', where);
        if (path.includes('{')) assert.ok(op.responses['404'], where);
        if (method !== 'get') assert.ok(op.responses['400'], where);
      }
    }
  });

  test('no two paths can match the same address (the inmate imports have their own collection)', () => {
    assert.ok(doc.paths['/api/v1/inmate-imports/{id}']);
    assert.equal(doc.paths['/api/v1/inmates/imports/{id}'], undefined);
  });
});
