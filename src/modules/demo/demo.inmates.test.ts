import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { dayInZone } from '../../app/format.ts';
import { categoryOf, parseRegNumber } from '../inmates/inmates.rules.ts';
import { demoInmates, demoRegister } from './demo.inmates.ts';
import { seedDemo } from './demo.seed.ts';

describe('demo inmates', () => {
  test('the demo register is the same every time: about sixty people, detainees and sentenced', () => {
    const people = demoInmates();
    assert.deepEqual(demoInmates(), people);
    assert.equal(people.length, 60);
    assert.equal(new Set(people.map((p) => p.reg_number)).size, 60);
    const classes = people.map((p) => parseRegNumber(p.reg_number)?.registerClass);
    assert.ok(
      classes.every((c) => c !== undefined),
      'every demo number is in the register format',
    );
    const categories = classes.map((c) => (c ? categoryOf(c) : null));
    assert.equal(categories.filter((c) => c === 'tahanan').length, 20);
    assert.equal(categories.filter((c) => c === 'narapidana').length, 40);
    assert.equal(people.filter((p) => p.health_restriction).length, 1);
    assert.ok(people.every((p) => p.expected_release_date > p.entry_date && p.birth_date < p.entry_date));
    assert.ok(people.every((p) => /^[0-9]{16}$/.test(p.nik)));
  });

  describe('seeded', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp();
    });
    after(() => t.close());

    test('seeding fills Rutan Magetan once, with a few Register F entries, and a second run adds nothing', async () => {
      await seedDemo(t.db);
      const unit = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'RUTAN-MGT')
        .executeTakeFirstOrThrow();
      const count = async () =>
        Number(
          (
            await t.db
              .selectFrom('inmates')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('unit_id', '=', unit.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      // The first register (60) and the detainees who arrived since, up to today.
      const today = dayInZone(new Date(), 'Asia/Jakarta');
      const arrived = demoRegister().arrivals.filter((p) => p.entry_date <= today).length;
      assert.equal(await count(), 60 + arrived);
      const f = await t.db
        .selectFrom('register_f_entries as f')
        .innerJoin('inmates as i', 'i.id', 'f.inmate_id')
        .select(['f.entry_date', 'i.entry_date as arrived'])
        .execute();
      assert.equal(f.length, 4);
      assert.ok(f.every((x) => x.entry_date > x.arrived));
      const second = await seedDemo(t.db);
      assert.equal(second.created, 0);
      assert.equal(await count(), 60 + arrived);
    });
  });
});
