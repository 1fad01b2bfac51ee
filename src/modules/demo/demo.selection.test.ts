import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { demoSeededAt } from '../../../test/db.ts';
import { demoRegister } from './demo.inmates.ts';
import { stateOn } from './demo.register.ts';
import { seedDemo } from './demo.seed.ts';

describe('demo knitting intake', () => {
  let t: TestApp;
  before(async () => {
    // The demo as `npm start` seeds it (Program Aksi, then the demo), seeded once per run.
    t = await startTestApp({}, { demo: true });
  });
  after(() => t.close());

  test('24 candidates are assessed, the approved TPP accepts 15, and 3 interns and 2 staff join them', async () => {
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
    assert.equal(candidates.length, 24);
    assert.ok(candidates.every((c) => Number(c.total) > 0));
    const decided = (d: string) => candidates.filter((c) => c.decision === d);
    assert.equal(decided('accepted').length, 15);
    assert.equal(decided('waitlisted').length, 5);
    assert.equal(decided('rejected').length, 4);
    assert.ok([...decided('waitlisted'), ...decided('rejected')].every((c) => c.decision_reason));
    // Detainees take part by choice: every accepted one among them has consent on record, by whom.
    const accepted = await t.db
      .selectFrom('intake_candidates as c')
      .innerJoin('inmates as i', 'i.id', 'c.inmate_id')
      .select(['i.name', 'c.consent_recorded_at', 'c.consent_recorded_by'])
      .where('c.intake_id', '=', intake.id)
      .where('c.decision', '=', 'accepted')
      .execute();
    // Detainees on the TPP's day (some have been sentenced since: their class is B now).
    const story = new Map(demoRegister().initial.map((p) => [p.name, p]));
    const detainees = accepted.filter((c) => {
      const person = story.get(c.name);
      return person && stateOn(person, '2026-01-12')?.register_class.startsWith('A.');
    });
    assert.ok(detainees.length > 0, 'some detainees are in the class');
    assert.ok(detainees.every((c) => c.consent_recorded_at && c.consent_recorded_by));
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
      // Later demo steps end places (releases, the interns' six months, certificates); each was a place.
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
    assert.equal((await seedDemo(t.db, demoSeededAt())).created, 0, 'seeding again adds nothing');
  });
});
