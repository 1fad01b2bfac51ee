// Every number the app accepts is an ordinary, finite one: "Infinity" or "1e309" in any numeric
// field is a 400 with a message on that field (in the user's language), never a 500.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/app.ts';
import { buildProgramme } from '../../test/attendance-fixtures.ts';
import { buildPartner, buildUnit, buildUser } from '../../test/builders.ts';

const HUGE = ['Infinity', '1e309', '-Infinity'];

describe('numbers are finite', () => {
  let t: TestApp;
  let staff: Client;
  let programmeId: string;
  let agreementId: string;

  before(async () => {
    t = await startTestApp();
    const unit = await buildUnit(t.db);
    const u = await buildUser(t.db, { roles: ['kepala_upt', 'admin'], unit_id: unit.id });
    staff = await t.signedIn(u.username);
    const partner = await buildPartner(t.db, { unit_id: unit.id });
    programmeId = (await buildProgramme(t.db, { unit_id: unit.id })).id;
    const res = await staff.json('POST', '/api/v1/agreements', {
      partner_id: partner.id,
      kind: 'pks',
      title: 'PKS Pelatihan Merajut',
      valid_from: '2026-01-21',
    });
    assert.equal(res.statusCode, 201, res.body);
    agreementId = (JSON.parse(res.body) as { id: string }).id;
  });
  after(() => t.close());

  /** A JSON body sent as raw text, so 1e309 arrives as the number literal (JSON.parse reads Infinity). */
  const rawJson = (method: 'POST', url: string, body: string, lang = 'id') =>
    t.app.inject({
      method,
      url,
      payload: body,
      headers: {
        'content-type': 'application/json',
        'accept-language': lang,
        cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': staff.csrf,
      },
    });

  function assertFieldRefused(res: { statusCode: number; body: string }, field: string, message: RegExp) {
    assert.equal(res.statusCode, 400, res.body);
    const body = JSON.parse(res.body) as { error: { fields?: Array<{ field: string; message: string }> } };
    const hit = body.error.fields?.find((f) => f.field === field);
    assert.ok(hit, `a message on ${field}: ${res.body}`);
    assert.match(hit.message, message);
  }

  const bodies = (v: string): Array<[string, string, string]> => {
    const n = v === '1e309' ? v : JSON.stringify(v);
    return [
      ['capacity', '/api/v1/programmes', `{"name":"Pelatihan","kind":"training","capacity":${n}}`],
      [
        'weekdays',
        `/api/v1/programmes/${programmeId}/schedules`,
        `{"weekdays":[3,${n}],"starts_on":"2026-01-21","start_time":"09:00","end_time":"12:00"}`,
      ],
      [
        'score',
        `/api/v1/agreements/${agreementId}/evaluations`,
        `{"evaluated_on":"2026-01-21","evaluator":"Tim monev","findings":"Berjalan baik","score":${n}}`,
      ],
      ['expires_days', '/api/v1/me/tokens', `{"name":"skrip","expires_days":${n}}`],
    ];
  };

  test('a page number of Infinity or 1e309 is refused on the page field, in the API and on pages', async () => {
    for (const v of HUGE) {
      for (const url of ['/api/v1/partners', '/api/v1/programmes', '/api/v1/agreements', '/api/v1/inmates']) {
        const res = await staff.get(`${url}?page=${encodeURIComponent(v)}`);
        assertFieldRefused(res, 'page', /angka biasa/);
      }
      const page = await staff.get(`/partners?page=${encodeURIComponent(v)}`);
      assert.equal(page.statusCode, 400, `/partners?page=${v}`);
      assert.match(page.body, /angka biasa/);
    }
  });

  test('capacity, weekdays, score and expires_days of Infinity or 1e309 are refused on that field', async () => {
    for (const v of HUGE) {
      for (const [field, url, body] of bodies(v)) {
        assertFieldRefused(await rawJson('POST', url, body), field, /angka biasa/);
      }
    }
  });

  test('the message is in the language the API client asks for', async () => {
    const [, url, body] = bodies('Infinity')[0] ?? [];
    assert.ok(url && body);
    assertFieldRefused(await rawJson('POST', url, body, 'en'), 'capacity', /ordinary number/);
  });

  test('forms re-render with the message on the field', async () => {
    const programme = await staff.postForm('/programmes', {
      name: 'Pelatihan',
      kind: 'training',
      capacity: '1e309',
    });
    assert.equal(programme.statusCode, 400);
    assert.match(programme.body, /angka biasa/);
    const token = await staff.postForm('/account/tokens', { name: 'skrip', expires_days: 'Infinity' });
    assert.equal(token.statusCode, 400);
    assert.match(token.body, /angka biasa/);
  });

  test('ordinary numbers still pass', async () => {
    const res = await staff.json('POST', '/api/v1/me/tokens', { name: 'skrip', expires_days: 30 });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await staff.get('/api/v1/partners?page=1')).statusCode, 200);
  });
});
