// Production on a 360px phone, from the hall to the money: a session's production log with one
// entry made with no signal and sent when it returns (applied once), the partner's quality check of
// the batch, the offtake invoice at the piece rate in force, and the partner's payment.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildParticipants, buildProgramme, buildSession, todayWib } from '../attendance-fixtures.ts';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { fits, keptOnPhone, navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

describe('production in the browser', () => {
  test('a session’s production is logged on a phone (one entry offline), checked by the partner, invoiced and paid', async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const pks = await db
      .selectFrom('agreements as a')
      .innerJoin('partners as p', 'p.id', 'a.partner_id')
      .select(['a.id', 'a.partner_id'])
      .where('p.legal_name', '=', 'PT. Arta Jayendra Perkasa')
      .where('a.kind', '=', 'pks')
      .executeTakeFirstOrThrow();
    // An afternoon group of the knitting class, under the same PKS and its piece rates.
    const programme = await buildProgramme(db, {
      unit_id: unit.id,
      partner_id: pks.partner_id,
      name: 'Merajut kelompok sore',
    });
    await db.updateTable('programmes').set({ agreement_id: pks.id }).where('id', '=', programme.id).execute();
    const kind = await db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'aksesoris')
      .executeTakeFirstOrThrow();
    const product = await db
      .insertInto('products')
      .values({
        unit_id: unit.id,
        programme_id: programme.id,
        kind_id: kind.id,
        name: 'Gantungan kunci rajut (kelompok sore)',
        rate_name: 'Gantungan kunci rajut',
        route: 'partner',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await buildSession(db, { programme_id: programme.id, day: todayWib() });
    const [p1, p2, p3] = await buildParticipants(db, {
      programme_id: programme.id,
      n: 3,
      started_on: '2026-01-05',
      prefix: 'Perajut',
    });
    assert.ok(p1 && p2 && p3);
    const field = (enrolmentId: string) => `input[name="finished.${enrolmentId}.${product.id}"]`;
    const entries = async () =>
      new Map(
        (
          await db
            .selectFrom('production_entries')
            .select(['enrolment_id', 'finished'])
            .where('session_id', '=', session.id)
            .execute()
        ).map((e) => [e.enrolment_id, e.finished]),
      );

    const context = await e2e.newContext({ viewport: NARROW_PHONE });
    const page = await context.newPage();
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));

    // The hall: everyone's key rings in one list, one save.
    const res = await navigation(page, () => page.goto(`/sessions/${session.id}/production`));
    assert.equal(res.status(), 200);
    await fits(page, 'production log');
    assert.equal(await page.getByTestId('prod-row').count(), 3);
    await page.locator(field(p1.id)).fill('3');
    await page.locator(field(p2.id)).fill('2');
    const sync = page.getByTestId('sync-status');
    await page.getByTestId('prod-save').click();
    await sync.filter({ hasText: /tersimpan/i }).waitFor({ timeout: 20_000 });
    assert.deepEqual(
      [...(await entries())].sort(),
      [
        [p1.id, 3],
        [p2.id, 2],
      ].sort(),
    );

    // No signal: the third participant's count waits on the phone, then goes once when it returns.
    await context.setOffline(true);
    await page.locator(field(p3.id)).fill('4');
    await page.getByTestId('prod-save').click();
    await sync.filter({ hasText: /belum terkirim/ }).waitFor();
    const kept = await keptOnPhone(page, 'production', session.id);
    assert.match(kept ?? '', new RegExp(p3.id));
    assert.equal((await entries()).get(p3.id), undefined, 'nothing reached the server while offline');
    await context.setOffline(false);
    await sync.filter({ hasText: /tersimpan/i }).waitFor({ timeout: 20_000 });
    assert.equal((await entries()).get(p3.id), 4);
    assert.equal(await keptOnPhone(page, 'production', session.id), null, 'nothing left unsent on the phone');
    const stock = await db
      .selectFrom('products')
      .select(['awaiting_check', 'in_check', 'sold'])
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stock, { awaiting_check: 9, in_check: 0, sold: 0 }, 'every item counted once');

    // The batch to the partner: what each maker holds, prefilled.
    await navigation(page, () => page.goto(`/qc-batches/new?programme=${programme.id}`));
    await fits(page, 'new batch');
    await page.locator('input[name="sent_on"]').fill(todayWib());
    await navigation(page, () => page.getByTestId('qc-send').click());
    const number = await page.getByTestId('qc-number').innerText();
    assert.match(number, /QC\/\d{4}\/\d{4}/);

    // The partner's check: the third maker's four include one with loose stitches, to be mended.
    await navigation(page, () => page.getByTestId('qc-check').click());
    await fits(page, 'quality check');
    await page.locator('input[name="checked_on"]').fill(todayWib());
    const lines = await db
      .selectFrom('qc_batch_lines')
      .select(['id', 'enrolment_id', 'submitted'])
      .where('product_id', '=', product.id)
      .execute();
    assert.equal(lines.length, 3);
    for (const l of lines) {
      const passed = l.enrolment_id === p3.id ? l.submitted - 1 : l.submitted;
      await page.locator(`input[name="passed.${l.id}"]`).fill(String(passed));
      if (l.enrolment_id === p3.id) {
        const row = page.getByTestId(`qc-line-${l.id}`);
        await row.locator('summary').click();
        await row.locator(`input[name="rq.${l.id}.0"]`).fill('1');
        await row.locator(`select[name="rr.${l.id}.0"]`).selectOption('stitching');
        await row.locator(`select[name="rw.${l.id}.0"]`).selectOption('yes');
      }
    }
    await navigation(page, () => page.getByTestId('qc-save-check').click());
    assert.match(await page.getByTestId('qc-status').innerText(), /diperiksa|checked/i);
    // 8 passed at the PKS's Rp 5.000 for a key ring.
    assert.match(await page.getByTestId('qc-total').innerText(), /Rp\s?40\.000/);
    const after = await db
      .selectFrom('products')
      .select(['awaiting_check', 'in_check', 'sold'])
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, { awaiting_check: 1, in_check: 0, sold: 8 }, 'the reject went back to its maker');

    // The invoice for the batch, then the partner's transfer.
    await navigation(page, () => page.goto(`/offtake-invoices/new?partner=${pks.partner_id}`));
    await fits(page, 'new invoice');
    const batch = await db
      .selectFrom('qc_batches')
      .select('id')
      .where('number', '=', number.match(/QC\/\d{4}\/\d{4}/)?.[0] ?? '')
      .executeTakeFirstOrThrow();
    // Every invoiceable batch starts ticked (the demo's latest checks too): invoice this one only.
    for (const box of await page.locator('input[name="batch_ids"]').all()) await box.uncheck();
    await page.locator(`input[name="batch_ids"][value="${batch.id}"]`).check();
    await page.locator('input[name="issued_on"]').fill(todayWib());
    await navigation(page, () => page.getByTestId('invoice-issue').click());
    assert.match(await page.getByTestId('invoice-number').innerText(), /INV\/\d{4}\/\d{4}/);
    assert.match(await page.getByTestId('invoice-total').innerText(), /Rp\s?40\.000/);
    await fits(page, 'invoice');

    await page.locator('input[name="paid_on"]').fill(todayWib());
    await page.locator('input[name="amount"]').fill('40000');
    await page.locator('select[name="method"]').selectOption('transfer');
    await page.locator('input[name="reference"]').fill('BRI 0427-7781');
    await navigation(page, () => page.getByTestId('payment-save').click());
    assert.match(await page.getByTestId('invoice-owed').innerText(), /Rp\s?0/);
    assert.match(await page.getByTestId('invoice-status').innerText(), /lunas|paid/i);
  });
});
