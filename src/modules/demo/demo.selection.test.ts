import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { seedProgramAksi } from '../program-aksi/program-aksi.service.ts';
import { seedDemo } from './demo.seed.ts';

describe('demo knitting intake', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await seedProgramAksi(t.db, { userId: null, name: 'uji' });
    await seedDemo(t.db);
  });
  after(() => t.close());

  // The story has 24 assessed; the demo register has only 15 people who meet the class's rules at the
  // intake date, and a candidate must be eligible, so every eligible person is assessed (up to 24).
  test('every eligible person is assessed, the approved TPP accepts 15, and 3 interns and 2 staff join them', async () => {
    const p = await t.db
      .selectFrom('programmes')
      .select('id')
      .where('name', '=', 'Pelatihan Merajut')
      .executeTakeFirstOrThrow();
    const intake = await t.db
      .selectFrom('intakes')
      .selectAll()
      .where('programme_id', '=', p.id)
      .executeTakeFirstOrThrow();
    const candidates = await t.db
      .selectFrom('intake_candidates')
      .selectAll()
      .where('intake_id', '=', intake.id)
      .execute();
    assert.ok(candidates.length >= 15 && candidates.length <= 24, `${candidates.length} candidates`);
    assert.ok(candidates.every((c) => Number(c.total) > 0));
    assert.equal(candidates.filter((c) => c.decision === 'accepted').length, 15);
    const tpp = await t.db
      .selectFrom('tpp_sessions')
      .selectAll()
      .where('intake_id', '=', intake.id)
      .executeTakeFirstOrThrow();
    assert.ok(tpp.approved_by && tpp.approved_at);
    const kinds = await t.db
      .selectFrom('enrolments')
      .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
      .where('programme_id', '=', p.id)
      .where('status', '=', 'active')
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    assert.deepEqual(
      kinds.map((k) => [k.kind, Number(k.n)]),
      [
        ['inmate', 15],
        ['intern', 3],
        ['staff', 2],
      ],
    );
    assert.equal((await seedDemo(t.db)).created, 0, 'seeding again adds nothing');
  });
});
