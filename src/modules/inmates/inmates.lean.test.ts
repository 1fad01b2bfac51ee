// A person's page and its API twin in a bounded number of SQL statements: a regression (a query
// per programme, a list read twice) fails here instead of slowing the page down.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { queriesDuring } from '../../../test/query-count.ts';

describe('the page of one inmate', () => {
  let t: TestApp;
  let kepala: Client;
  let inmateId: string;
  before(async () => {
    t = await startTestApp({}, { demo: true });
    kepala = await t.signedIn('ari.rahmanto', 'Simandiri#2026');
    // The demo's inmate of Magetan with the most programme places: the fullest page.
    const row = await t.db
      .selectFrom('enrolments as e')
      .innerJoin('inmates as i', 'i.id', 'e.inmate_id')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .select(['i.id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('u.name', 'like', '%Magetan%')
      .groupBy('i.id')
      .orderBy('n', 'desc')
      .orderBy('i.id')
      .executeTakeFirstOrThrow();
    inmateId = row.id;
  });
  after(() => t.close());

  for (const [label, url, bound] of [
    ['page', () => `/inmates/${inmateId}`, 5],
    ['API answer', () => `/api/v1/inmates/${inmateId}`, 4],
  ] as const) {
    test(`its ${label} is read in at most ${bound} statements, the access log included`, async () => {
      await kepala.get(url());
      const { result: res, queries } = await queriesDuring(() => kepala.get(url()));
      assert.equal(res.statusCode, 200);
      console.log(`[lean] inmate ${label}: ${queries.length} queries, ${res.rawPayload.length} B`);
      if (process.env.LEAN_DUMP) console.log(queries.join('\n\n'));
      assert.ok(queries.length <= bound, `${queries.length} queries:\n${queries.join('\n')}`);
    });
  }
});
