// Premi in the browser, on the demo's books: the petugas reverses the latest posted month and
// prepares it again, the Kepala UPT approves both, a premi slip opens; on a 360px phone the petugas
// records a canteen withdrawal; the Kepala UPT pays out a released participant and the slip opens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { todayWib } from '../attendance-fixtures.ts';
import { DEMO_PASSWORD, DESKTOP, NARROW_PHONE, useE2e } from './harness.ts';
import { fits, navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

async function signedIn(username: string, viewport = DESKTOP) {
  const context = await e2e.newContext({ viewport });
  const page = await context.newPage();
  await new SignInPage(page).open().then((p) => p.signIn(username, DEMO_PASSWORD));
  return { context, page };
}

/** A PDF served to the signed-in user: status, type and the file's magic number. */
async function opensPdf(page: Page, href: string) {
  const res = await page.request.get(href);
  assert.equal(res.status(), 200, href);
  assert.match(res.headers()['content-type'] ?? '', /application\/pdf/);
  assert.equal((await res.body()).subarray(0, 5).toString(), '%PDF-');
}

describe('premi in the browser', () => {
  test('a posted month is reversed and prepared again, approved by the Kepala UPT, and its slip opens', async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const latest = await db
      .selectFrom('premi_runs')
      .select(['id', 'month', 'premi'])
      .where('unit_id', '=', unit.id)
      .where('kind', '=', 'regular')
      .where('status', '=', 'posted')
      .orderBy('month', 'desc')
      .executeTakeFirstOrThrow();
    const month = String(latest.month).slice(0, 7);
    const petugas = await signedIn('petugas.magetan');
    const kepala = await signedIn('ari.rahmanto');

    // The petugas finds a mistake in the latest month: a reversing run in this month names it.
    await navigation(petugas.page, () => petugas.page.goto(`/premi/runs/${latest.id}`));
    assert.equal(
      await petugas.page
        .getByTestId('run-status')
        .innerText()
        .then((s) => s.trim().length > 0),
      true,
    );
    await petugas.page.getByTestId('run-reverse-open').click();
    await petugas.page.locator('#f-month').fill(todayWib().slice(0, 7));
    await petugas.page.locator('#f-reason').fill('Tarif dompet pada pemeriksaan terakhir salah dimasukkan');
    await navigation(petugas.page, () => petugas.page.getByTestId('run-reverse').click());
    const reversalUrl = petugas.page.url();
    assert.match(reversalUrl, /\/premi\/runs\/[0-9a-f-]{36}$/);
    assert.notEqual(reversalUrl, `${e2e.baseUrl}/premi/runs/${latest.id}`);
    await navigation(petugas.page, () => petugas.page.getByTestId('run-review').click());

    // The Kepala UPT approves the reversal: it posts once, and the month may be prepared again.
    await navigation(kepala.page, () => kepala.page.goto(reversalUrl));
    await navigation(kepala.page, () => kepala.page.getByTestId('run-approve').click());
    assert.match(await kepala.page.getByTestId('run-status').innerText(), /posting|diposting/i);

    await navigation(petugas.page, () => petugas.page.goto('/premi'));
    await petugas.page.locator('#f-month').fill(month);
    await navigation(petugas.page, () => petugas.page.getByTestId('premi-prepare').click());
    const again = petugas.page.url();
    assert.match(again, /\/premi\/runs\/[0-9a-f-]{36}$/);
    assert.ok((await petugas.page.getByTestId('run-line').count()) > 0, 'one line per inmate');
    await navigation(petugas.page, () => petugas.page.getByTestId('run-review').click());
    await navigation(kepala.page, () => kepala.page.goto(again));
    await navigation(kepala.page, () => kepala.page.getByTestId('run-approve').click());
    assert.match(await kepala.page.getByTestId('run-status').innerText(), /posting|diposting/i);

    const runId = again.split('/').pop() as string;
    const rerun = await db
      .selectFrom('premi_runs')
      .select(['status', 'premi'])
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    assert.equal(rerun.status, 'posted');
    assert.equal(rerun.premi, latest.premi, 'the same records give the same premi');

    // A slip for the first inmate of the run, and the batch of slips.
    const line = await db
      .selectFrom('premi_run_lines')
      .select('inmate_id')
      .where('run_id', '=', runId)
      .orderBy('total', 'desc')
      .executeTakeFirstOrThrow();
    await opensPdf(kepala.page, `/premi/runs/${runId}/slips/${line.inmate_id}.pdf`);
    await opensPdf(kepala.page, `/premi/runs/${runId}/slips.pdf`);
    await petugas.context.close();
    await kepala.context.close();
  });

  test('a canteen withdrawal on a phone, and a payout at release with its slip', async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    // Someone still inside with enough to spend.
    const rows = await db
      .selectFrom('journal_lines as l')
      .innerJoin('inmates as i', 'i.id', 'l.inmate_id')
      .select(['i.id', (eb) => eb.fn.sum<string>('l.amount').as('owed')])
      .where('l.unit_id', '=', unit.id)
      .where('l.pocket', '=', 'spendable')
      .where('i.status', '=', 'active')
      .groupBy('i.id')
      .execute();
    const spender = rows.find((r) => -Number(r.owed) >= 10_000);
    assert.ok(spender, 'a participant with at least Rp 10.000 to spend');
    const before = -Number(spender.owed);

    const phone = await signedIn('petugas.magetan', NARROW_PHONE);
    await navigation(phone.page, () => phone.page.goto(`/inmates/${spender.id}/premi`));
    await fits(phone.page, 'savings ledger');
    await phone.page.getByTestId('withdraw-panel').locator('summary').click();
    const form = phone.page.getByTestId('withdraw-form');
    await form.locator('[name="day"]').fill(todayWib());
    await form.locator('[name="amount"]').fill('Rp 5.000');
    await form.locator('[name="purpose"]').selectOption('canteen');
    await form.locator('[name="reason"]').fill('Sabun, sikat gigi dan kopi dari kantin');
    await navigation(phone.page, () => phone.page.getByTestId('withdraw-save').click());
    await fits(phone.page, 'savings ledger after the withdrawal');
    const spendable = await phone.page.getByTestId('balance-spendable').innerText();
    assert.match(spendable.replace(/\s/g, ' '), new RegExp(`Rp ${(before - 5_000).toLocaleString('id-ID')}`));

    // More than is left is refused with the balance named, and nothing is written.
    await phone.page
      .getByTestId('withdraw-panel')
      .locator('summary')
      .click()
      .catch(() => {});
    await form.locator('[name="day"]').fill(todayWib());
    await form.locator('[name="amount"]').fill(String(before));
    await form.locator('[name="purpose"]').selectOption('canteen');
    await form.locator('[name="reason"]').fill('Belanja kantin');
    const refused = await navigation(phone.page, () => phone.page.getByTestId('withdraw-save').click());
    assert.equal(refused.status(), 409);
    assert.match(await phone.page.locator('.error').first().innerText(), /Rp/);
    await phone.context.close();

    // The Kepala UPT pays out a released participant from the task list.
    const kepala = await signedIn('ari.rahmanto', NARROW_PHONE);
    await navigation(kepala.page, () => kepala.page.goto('/savings/payouts'));
    await fits(kepala.page, 'payout tasks');
    const task = kepala.page.getByTestId('payout-tasks').locator('a[href^="/inmates/"]').first();
    const href = (await task.getAttribute('href')) ?? '';
    assert.match(href, /\/inmates\/[0-9a-f-]{36}\/premi$/);
    await navigation(kepala.page, () => task.click());
    const payout = kepala.page.getByTestId('payout-form');
    await payout.locator('[name="paid_on"]').fill(todayWib());
    await payout.locator('[name="method"]').selectOption('tunai');
    await navigation(kepala.page, () => kepala.page.getByTestId('payout-save').click());
    await kepala.page.getByTestId('payout-done').waitFor();
    assert.match(await kepala.page.getByTestId('balance-total').innerText(), /Rp\s?0\b/);
    const slip = (await kepala.page.getByTestId('slip-pdf').getAttribute('href')) ?? '';
    await opensPdf(kepala.page, slip);
    await kepala.context.close();
  });
});
