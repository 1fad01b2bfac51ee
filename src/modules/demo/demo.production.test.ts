import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { demoSeededAt } from '../../../test/db.ts';
import { dayInZone } from '../../app/format.ts';
import { pieceRateFor } from '../agreements/agreements.rules.ts';
import { termsOn } from '../agreements/agreements.service.ts';
import { rupiah } from '../stock/stock.rules.ts';
import { ledgerDifferences } from '../stock/stock.service.ts';
import {
  BAZAAR_DAY,
  DEMO_MATERIALS,
  DEMO_PRODUCTS,
  PRODUCTION_FROM,
  STOCKTAKE_DAY,
} from './demo.production.ts';
import { seedDemo } from './demo.seed.ts';

describe('demo production of the knitting class', () => {
  let t: TestApp;
  let programmeId: string;
  const today = dayInZone(demoSeededAt(), 'Asia/Jakarta');
  before(async () => {
    // The demo as `npm start` seeds it, seeded once per run.
    t = await startTestApp({}, { demo: true });
    programmeId = (
      await t.db
        .selectFrom('programmes')
        .select('id')
        .where('name', '=', 'Pelatihan Merajut')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  const entries = () =>
    t.db
      .selectFrom('production_entries as pe')
      .innerJoin('products as p', 'p.id', 'pe.product_id')
      .select(['pe.day', 'pe.enrolment_id', 'pe.session_id', 'pe.finished', 'pe.in_progress', 'p.name'])
      .where('pe.programme_id', '=', programmeId)
      .orderBy('pe.day')
      .execute();

  test('the class produces from its third session: key rings, wallets from March, bags from May', async () => {
    const all = await entries();
    assert.ok(all.length > 100, `${all.length} entries`);
    const first = (name: string) => all.find((e) => e.name === name && e.finished > 0)?.day ?? '';
    assert.equal(all[0]?.day, PRODUCTION_FROM);
    const sessions = await t.db
      .selectFrom('programme_sessions')
      .select('day')
      .where('programme_id', '=', programmeId)
      .where('status', '=', 'scheduled')
      .orderBy('day')
      .execute();
    assert.equal(sessions[2]?.day, PRODUCTION_FROM, 'the third session');
    assert.equal(first(DEMO_PRODUCTS.keyRing), PRODUCTION_FROM);
    assert.ok(first(DEMO_PRODUCTS.wallet) >= '2026-03-01' && first(DEMO_PRODUCTS.wallet) < '2026-04-01');
    assert.ok(first(DEMO_PRODUCTS.bag) >= '2026-05-01' && first(DEMO_PRODUCTS.bag) < '2026-06-01');
    assert.ok(first(DEMO_PRODUCTS.coaster) >= '2026-04-01' && first(DEMO_PRODUCTS.coaster) < BAZAAR_DAY);
    // A few key rings a week each, not dozens.
    const keyRings = all.filter((e) => e.name === DEMO_PRODUCTS.keyRing);
    assert.ok(keyRings.every((e) => e.finished >= 1 && e.finished <= 3));
    assert.ok(
      all.every((e) => e.day <= today),
      'nothing after today',
    );
  });

  test('nobody produced on a day they were not enrolled, on the roll and present', async () => {
    const rows = await t.db
      .selectFrom('production_entries as pe')
      .innerJoin('enrolments as e', 'e.id', 'pe.enrolment_id')
      .leftJoin('inmates as i', 'i.id', 'e.inmate_id')
      .leftJoin('attendance_marks as m', (j) =>
        j.onRef('m.session_id', '=', 'pe.session_id').onRef('m.enrolment_id', '=', 'pe.enrolment_id'),
      )
      .select([
        'pe.day',
        'e.name',
        'e.kind',
        'e.started_on',
        'e.ended_on',
        'e.end_reason',
        'i.expected_release_date',
        'm.status',
      ])
      .where('pe.programme_id', '=', programmeId)
      .execute();
    const wrong = rows.filter(
      (r) =>
        r.kind !== 'inmate' ||
        r.started_on > r.day ||
        (r.ended_on !== null && (r.ended_on < r.day || (r.ended_on === r.day && r.end_reason !== null))) ||
        (r.expected_release_date !== null && r.day > r.expected_release_date) ||
        (r.status !== 'hadir' && r.status !== 'terlambat'),
    );
    assert.deepEqual(
      wrong.map((r) => `${r.name} ${r.day} ${r.status}`),
      [],
    );
  });

  test('stock equals the sum of its movements for every product and material', async () => {
    const products = await t.db.selectFrom('products').select('id').execute();
    const materials = await t.db.selectFrom('materials').select(['id', 'name', 'owner', 'on_hand']).execute();
    assert.ok(products.length >= 5 && materials.length >= 4);
    assert.deepEqual(
      await ledgerDifferences(
        { db: t.db },
        products.map((p) => p.id),
        materials.map((m) => m.id),
      ),
      [],
    );
    const owner = new Map(materials.map((m) => [m.name, m.owner]));
    assert.equal(owner.get(DEMO_MATERIALS.yarn), 'partner');
    assert.equal(owner.get(DEMO_MATERIALS.needle), 'unit');
    assert.equal(owner.get(DEMO_MATERIALS.label), 'unit');
    // Yarn came from the partner on its delivery notes; the unit's purchases carry their cost.
    const received = await t.db
      .selectFrom('material_movements as mm')
      .innerJoin('materials as m', 'm.id', 'mm.material_id')
      .select(['m.name', 'mm.document_no', 'mm.source', 'mm.value', 'mm.day'])
      .where('mm.kind', '=', 'received')
      .execute();
    const yarn = received.filter((r) => r.name === DEMO_MATERIALS.yarn);
    assert.ok(yarn.length >= 2);
    assert.ok(yarn.every((r) => /^SJ\/AJP\//.test(r.document_no ?? '') && rupiah(r.value) === 0));
    assert.ok(received.some((r) => r.name === DEMO_MATERIALS.label && rupiah(r.value) > 0));
    assert.ok(received.every((r) => r.day <= today));
  });

  test('each invoice is its batches’ passed items times the rates in force on their check dates', async () => {
    // The knitting class's partner's invoices (the other demo units invoice their own partners).
    const invoices = await t.db
      .selectFrom('offtake_invoices')
      .selectAll()
      .where(
        'partner_id',
        '=',
        (
          await t.db
            .selectFrom('programmes')
            .select('partner_id')
            .where('id', '=', programmeId)
            .executeTakeFirstOrThrow()
        ).partner_id ?? '',
      )
      .orderBy('issued_on')
      .orderBy('number')
      .execute();
    assert.ok(invoices.length >= 2, `${invoices.length} invoices`);
    const inForce = new Map<string, Awaited<ReturnType<typeof termsOn>>>();
    for (const inv of invoices) {
      const lines = await t.db
        .selectFrom('offtake_invoice_batches as ib')
        .innerJoin('qc_batches as b', 'b.id', 'ib.batch_id')
        .innerJoin('qc_batch_lines as l', 'l.batch_id', 'b.id')
        .innerJoin('products as p', 'p.id', 'l.product_id')
        .select(['b.agreement_id', 'b.checked_on', 'l.passed', 'l.rate', 'p.name', 'p.rate_name'])
        .where('ib.invoice_id', '=', inv.id)
        .execute();
      let total = 0;
      for (const l of lines) {
        assert.ok(l.agreement_id && l.checked_on);
        const key = `${l.agreement_id}/${l.checked_on}`;
        if (!inForce.has(key)) inForce.set(key, await termsOn({ db: t.db }, l.agreement_id, l.checked_on));
        const terms = inForce.get(key);
        const rate = pieceRateFor(terms?.terms, l.rate_name ?? l.name);
        assert.ok(rate !== undefined, `${l.name} on ${l.checked_on}`);
        assert.equal(rupiah(l.rate), rate);
        total += (l.passed ?? 0) * rate;
      }
      assert.equal(rupiah(inv.total), total, inv.number);
      assert.ok(inv.issued_on <= today);
    }
    // Paid monthly by transfer, the latest still open.
    const latest = invoices.at(-1);
    assert.equal(latest?.status, 'open');
    for (const inv of invoices.slice(0, -1)) {
      assert.equal(inv.status, 'paid', inv.number);
      const pays = await t.db
        .selectFrom('offtake_payments')
        .selectAll()
        .where('invoice_id', '=', inv.id)
        .execute();
      assert.ok(
        pays.every(
          (p) => p.method === 'transfer' && p.reference && p.paid_on >= inv.issued_on && p.paid_on <= today,
        ),
      );
      assert.equal(
        pays.reduce((s, p) => s + rupiah(p.amount), 0),
        rupiah(inv.total),
      );
    }
    const months = invoices.map((i) => i.issued_on.slice(0, 7));
    assert.equal(new Set(months).size, months.length, 'one invoice a month');
  });

  test('the partner checks every other week and passes about 85%, rejects with reasons, some reworked', async () => {
    const batches = await t.db
      .selectFrom('qc_batches')
      .select(['sent_on', 'checked_on', 'status'])
      .where('programme_id', '=', programmeId)
      .orderBy('sent_on')
      .execute();
    assert.ok(batches.length >= 5);
    for (const [k, b] of batches.entries()) {
      assert.notEqual(b.status, 'sent');
      const prev = batches[k - 1];
      if (prev) assert.ok(Date.parse(b.sent_on) - Date.parse(prev.sent_on) >= 13 * 86_400_000, b.sent_on);
    }
    const lines = await t.db
      .selectFrom('qc_batch_lines as l')
      .innerJoin('qc_batches as b', 'b.id', 'l.batch_id')
      .select(['l.submitted', 'l.passed'])
      .where('b.programme_id', '=', programmeId)
      .execute();
    const sent = lines.reduce((s, l) => s + l.submitted, 0);
    const passed = lines.reduce((s, l) => s + (l.passed ?? 0), 0);
    const rate = passed / sent;
    assert.ok(rate > 0.8 && rate < 0.9, `pass rate ${rate}`);
    const rejects = await t.db
      .selectFrom('qc_rejects as r')
      .innerJoin('qc_batch_lines as l', 'l.id', 'r.line_id')
      .innerJoin('qc_batches as b', 'b.id', 'l.batch_id')
      .selectAll('r')
      .where('b.programme_id', '=', programmeId)
      .execute();
    assert.ok(rejects.some((r) => r.disposition === 'rework'));
    assert.ok(
      rejects.some((r) => r.disposition === 'own_stock'),
      'sound rejects go to the unit’s stock (the PKS allows it)',
    );
    assert.ok(new Set(rejects.map((r) => r.reason)).size >= 3);
  });

  test('a bazaar on Hari Bakti Pemasyarakatan sells sound rejects and the unit’s own items, cash and QRIS', async () => {
    const sales = await t.db
      .selectFrom('sales as s')
      .innerJoin('sale_lines as l', 'l.sale_id', 's.id')
      .innerJoin('products as p', 'p.id', 'l.product_id')
      .select(['s.number', 's.channel', 's.payment_method', 's.payment_ref', 'p.route', 'l.qty'])
      .where('s.sold_on', '=', BAZAAR_DAY)
      .execute();
    assert.ok(new Set(sales.map((s) => s.number)).size >= 3);
    assert.ok(sales.every((s) => s.channel === 'bazaar'));
    assert.ok(sales.some((s) => s.payment_method === 'tunai'));
    assert.ok(sales.some((s) => s.payment_method === 'qris' && s.payment_ref));
    assert.ok(
      sales.some((s) => s.route === 'partner'),
      'rejected but sound',
    );
    assert.ok(
      sales.some((s) => s.route === 'own'),
      'made for the unit',
    );
  });

  test('one stock-take with a difference, approved by the Kepala UPT', async () => {
    const takes = await t.db
      .selectFrom('stock_adjustments as a')
      .innerJoin('users as u', 'u.id', 'a.decided_by')
      .select(['a.id', 'a.day', 'a.status', 'u.username'])
      .where('a.kind', '=', 'stocktake')
      .execute();
    assert.equal(takes.length, 1);
    assert.equal(takes[0]?.day, STOCKTAKE_DAY);
    assert.equal(takes[0]?.status, 'approved');
    assert.equal(takes[0]?.username, 'ari.rahmanto');
    const lines = await t.db
      .selectFrom('stock_adjustment_lines')
      .selectAll()
      .where('adjustment_id', '=', takes[0]?.id ?? '')
      .execute();
    const differ = lines.filter((l) => l.counted !== l.expected);
    assert.equal(differ.length, 1);
    assert.equal((differ[0]?.expected ?? 0) - (differ[0]?.counted ?? 0), 2);
    assert.equal(differ[0]?.reason, 'hilang/rusak');
  });

  test('seeding again adds nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('product_movements')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedDemo(t.db, demoSeededAt());
    assert.equal(await count(), before);
  });
});
