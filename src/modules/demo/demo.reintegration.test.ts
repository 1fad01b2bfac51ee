// The demo after release (demo.reintegration.ts), checked against the seeded database: the Bapas
// that covers Magetan and its PK; three knitting participants released by the register's rules with
// their consents before release, one hired, one in business, one lost to contact, their 1- and
// 3-month follow-ups; and people still inside with an integrasi near, their checklists part done.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { dayInZone } from '../../app/format.ts';
import { dueOn } from '../follow-ups/follow-ups.rules.ts';
import { DEMO_PASSWORD } from './demo.accounts.ts';
import { DEMO_PARTNER } from './demo.agreements.ts';
import { addMonths } from './demo.register.ts';
import { DEMO_BAPAS, DEMO_BAPAS_ACCOUNT, integrasiFits } from './demo.reintegration.plan.ts';

describe('demo: release and reintegration', () => {
  let t: TestApp;
  let magetan: { id: string; kanwil_id: string };
  const today = dayInZone(new Date(), 'Asia/Jakarta');
  before(async () => {
    t = await startTestApp({}, { demo: true });
    magetan = await t.db
      .selectFrom('units')
      .select(['id', 'kanwil_id'])
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
  });
  after(() => t.close());

  const released = () =>
    t.db
      .selectFrom('reintegration_cases as rc')
      .innerJoin('inmates as i', 'i.id', 'rc.inmate_id')
      .select(['rc.id as case_id', 'i.id', 'i.name', 'i.status', 'rc.released_on', 'rc.release_kind'])
      .where('rc.unit_id', '=', magetan.id)
      .where('rc.released_on', 'is not', null)
      // The three whose release was prepared (consents before release); everyone else the register
      // released has a case with only the release on it (migration 0032).
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('reintegration_consents as c').select('c.id').whereRef('c.inmate_id', '=', 'i.id')),
      )
      .orderBy('rc.released_on')
      .execute();

  test('Bapas Kelas II Madiun, in the East Java office, with its probation officer pk.madiun', async () => {
    const bapas = await t.db
      .selectFrom('units')
      .selectAll()
      .where('code', '=', DEMO_BAPAS.code)
      .executeTakeFirstOrThrow();
    assert.equal(bapas.name, 'Bapas Kelas II Madiun');
    assert.equal(bapas.type, 'bapas');
    assert.equal(bapas.class, 'II');
    assert.equal(bapas.kanwil_id, magetan.kanwil_id, 'the Bapas of the Rutan’s region');
    const pk = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', DEMO_BAPAS_ACCOUNT.username)
      .executeTakeFirstOrThrow();
    assert.deepEqual(pk.roles, ['pembimbing_kemasyarakatan']);
    assert.equal(pk.unit_id, bapas.id);
    await t.signedIn(DEMO_BAPAS_ACCOUNT.username, DEMO_PASSWORD);
  });

  test('three knitting participants released at least four months ago, by the register’s rules', async () => {
    const rows = await released();
    assert.equal(rows.length, 3);
    for (const r of rows) {
      const on = r.released_on ?? '';
      assert.equal(r.status, 'released', r.name);
      assert.equal(r.release_kind, 'ekspirasi');
      assert.ok(on <= addMonths(today, -4), `${r.name} released ${on}: 1- and 3-month follow-ups fit`);
      const history = await t.db
        .selectFrom('inmate_status_history')
        .select(['status', 'on_date'])
        .where('inmate_id', '=', r.id)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(history.at(-1), { status: 'released', on_date: on }, `${r.name}: status history`);
      const places = await t.db
        .selectFrom('enrolments as e')
        .innerJoin('programmes as p', 'p.id', 'e.programme_id')
        .select(['e.status', 'e.end_reason', 'e.ended_on', 'p.name'])
        .where('e.inmate_id', '=', r.id)
        .execute();
      assert.ok(
        places.some((p) => p.name === 'Pelatihan Merajut'),
        `${r.name} was in the knitting class`,
      );
      for (const p of places) {
        assert.ok(!['active', 'suspended'].includes(p.status), `${r.name}: nobody active past release`);
        assert.equal(p.end_reason, 'released');
        assert.equal(p.ended_on, on);
      }
      const consents = await t.db
        .selectFrom('reintegration_consents')
        .select(['purpose', 'given_on', 'withdrawn_on'])
        .where('inmate_id', '=', r.id)
        .orderBy('purpose')
        .execute();
      assert.deepEqual(
        consents.map((c) => c.purpose),
        ['cv_sharing', 'follow_up'],
      );
      for (const c of consents) {
        assert.ok(c.given_on < on, `${r.name}: ${c.purpose} given before release`);
        assert.equal(c.withdrawn_on, null);
      }
      const items = await t.db
        .selectFrom('readiness_items')
        .select(['status', 'done_on', 'note'])
        .where('case_id', '=', r.case_id)
        .execute();
      assert.ok(items.length >= 7);
      for (const i of items) {
        assert.notEqual(i.status, 'open', `${r.name}: the checklist closed before release`);
        assert.ok((i.done_on ?? '') <= on);
        if (i.status === 'not_applicable') assert.ok(i.note);
      }
    }
  });

  test('one hired by PT. Arta Jayendra Perkasa as a home-based knitter, with the dates of each step', async () => {
    const [hired] = await released();
    assert.ok(hired);
    const app = await t.db
      .selectFrom('job_applications as a')
      .innerJoin('job_offers as o', 'o.id', 'a.offer_id')
      .innerJoin('partners as p', 'p.id', 'o.partner_id')
      .select([
        'a.id',
        'a.status',
        'a.applied_on',
        'a.status_on',
        'o.home_based',
        'o.position',
        'p.legal_name',
      ])
      .where('a.inmate_id', '=', hired.id)
      .executeTakeFirstOrThrow();
    assert.equal(app.status, 'diterima');
    assert.equal(app.home_based, true);
    assert.equal(app.legal_name, DEMO_PARTNER);
    assert.match(app.position, /[Pp]erajut/);
    assert.ok(app.applied_on < (hired.released_on ?? ''), 'applied while inside, with consent');
    const events = await t.db
      .selectFrom('job_application_events')
      .select(['status', 'on_date'])
      .where('application_id', '=', app.id)
      .orderBy('on_date')
      .execute();
    assert.deepEqual(
      events.map((e) => e.status),
      ['diajukan', 'wawancara', 'diterima'],
    );
    assert.equal(events.at(-1)?.on_date, app.status_on);
  });

  test('one running a small knitting business with a starter kit', async () => {
    const [, business] = await released();
    assert.ok(business);
    const plan = await t.db
      .selectFrom('business_plans')
      .selectAll()
      .where('inmate_id', '=', business.id)
      .executeTakeFirstOrThrow();
    assert.match(plan.trade, /rajut/i);
    const products = await t.db
      .selectFrom('products')
      .select('name')
      .where('id', 'in', plan.product_ids)
      .execute();
    assert.ok(
      products.length >= 2 && products.every((p) => /rajut/i.test(p.name)),
      'products learned in class',
    );
    const kit = await t.db
      .selectFrom('business_assistance')
      .selectAll()
      .where('plan_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    assert.equal(kit.kind, 'starter_kit');
    assert.ok(Number(kit.value) > 0);
    assert.equal(kit.given_on, business.released_on);
  });

  test('follow-ups at 1 and 3 months: employed, own business, and one lost to contact', async () => {
    const rows = await released();
    const work: string[] = [];
    for (const r of rows) {
      const f = await t.db
        .selectFrom('follow_ups')
        .selectAll()
        .where('inmate_id', '=', r.id)
        .orderBy('month_no')
        .execute();
      assert.deepEqual(
        f.map((x) => x.month_no),
        [1, 3],
        r.name,
      );
      for (const x of f) {
        assert.ok(x.contacted_on >= dueOn(r.released_on ?? '', x.month_no), 'not before it is due');
        assert.ok(x.contacted_on <= today);
        assert.equal(x.by_bapas, false, 'bebas murni: the unit’s petugas follows up');
      }
      work.push(f.map((x) => (x.contact_lost ? 'lost' : x.work_status)).join(','));
    }
    assert.deepEqual(work, ['employed,employed', 'own_business,own_business', 'not_working,lost']);
  });

  test('people still inside with an integrasi in the 30- and 90-day windows, checklists part done, one under the PK', async () => {
    const cases = await t.db
      .selectFrom('reintegration_cases as rc')
      .innerJoin('inmates as i', 'i.id', 'rc.inmate_id')
      .leftJoin('users as pk', 'pk.id', 'rc.pk_user_id')
      .leftJoin('units as b', 'b.id', 'rc.bapas_unit_id')
      .select([
        'rc.id',
        'i.id as inmate_id',
        'i.status',
        'i.entry_date',
        'i.expected_release_date',
        'rc.integrasi_kind',
        'rc.integrasi_date',
        'rc.decree_number',
        'pk.username as pk',
        'b.code as bapas',
      ])
      .where('rc.unit_id', '=', magetan.id)
      .where('rc.released_on', 'is', null)
      .execute();
    assert.ok(cases.length >= 2);
    const daysLeft = (d: string | null) => (Date.parse(d ?? '') - Date.parse(today)) / 86_400_000;
    assert.ok(cases.some((c) => daysLeft(c.integrasi_date) <= 30));
    assert.ok(cases.some((c) => daysLeft(c.integrasi_date) > 30 && daysLeft(c.integrasi_date) <= 90));
    for (const c of cases) {
      assert.equal(c.status, 'active');
      assert.ok(c.decree_number, 'an integrasi with its decree');
      assert.ok(
        c.integrasi_kind &&
          integrasiFits(
            c.integrasi_kind,
            c.integrasi_date ?? '',
            c.entry_date,
            c.expected_release_date ?? '',
          ),
        `${c.integrasi_kind} on ${c.integrasi_date} fits the sentence`,
      );
      assert.equal(c.bapas, DEMO_BAPAS.code);
      const items = await t.db
        .selectFrom('readiness_items')
        .select('status')
        .where('case_id', '=', c.id)
        .execute();
      assert.ok(
        items.some((i) => i.status === 'done') && items.some((i) => i.status === 'open'),
        'part done',
      );
    }
    const supervised = cases.filter((c) => c.pk === DEMO_BAPAS_ACCOUNT.username);
    assert.equal(supervised.length, 1);
    assert.equal(supervised[0]?.integrasi_kind, 'PB');
    // The PK sees his person's case and nobody else's.
    const pk = await t.signedIn(DEMO_BAPAS_ACCOUNT.username, DEMO_PASSWORD);
    assert.equal((await pk.get(`/reintegration/${supervised[0]?.inmate_id}`)).statusCode, 200);
    const other = cases.find((c) => c.pk !== DEMO_BAPAS_ACCOUNT.username);
    assert.equal((await pk.get(`/reintegration/${other?.inmate_id}`)).statusCode, 404);
  });
});
