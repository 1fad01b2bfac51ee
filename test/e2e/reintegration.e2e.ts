// Release and reintegration in the browser, on the demo's records and a 360x740 phone: the petugas
// opens a participant from the 90-day list, closes what is left of their readiness checklist and
// records the release (the register follows); puts them forward for PT. Arta Jayendra Perkasa's
// open home-knitting offer and marks them accepted; and records their 1-month follow-up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { todayWib } from '../attendance-fixtures.ts';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { fits, navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

async function signedIn(username: string): Promise<Page> {
  const page = await e2e.newPage({ viewport: NARROW_PHONE });
  await new SignInPage(page).open().then((p) => p.signIn(username, DEMO_PASSWORD));
  return page;
}

describe('release and reintegration in the browser', () => {
  test('from the 90-day list through the checklist to release, a job accepted, a 1-month follow-up', async () => {
    const db = e2e.app.db;
    const today = todayWib();
    // The demo's participant with an integrasi 31 to 90 days away and both consents given.
    const person = await db
      .selectFrom('reintegration_cases as rc')
      .innerJoin('inmates as i', 'i.id', 'rc.inmate_id')
      .select(['i.id', 'i.name', 'i.reg_number', 'rc.integrasi_kind'])
      .where('rc.released_on', 'is', null)
      .where('i.status', '=', 'active')
      .where(sql<boolean>`rc.integrasi_date between ${today}::date + 31 and ${today}::date + 90`)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('reintegration_consents as c')
            .select('c.id')
            .whereRef('c.inmate_id', '=', 'i.id')
            .where('c.purpose', '=', 'cv_sharing')
            .where('c.withdrawn_on', 'is', null),
        ),
      )
      .orderBy('rc.integrasi_date')
      .executeTakeFirstOrThrow();
    const page = await signedIn('petugas.magetan');

    // The 90-day list: the person is there; their name opens the case.
    await navigation(page, () => page.goto('/reintegration?window=90'));
    await fits(page, '/reintegration?window=90');
    const row = page.getByTestId(`pipeline-${person.reg_number}`);
    await row.waitFor();
    await navigation(page, () => row.getByRole('link', { name: person.name }).click());
    assert.equal(new URL(page.url()).pathname, `/reintegration/${person.id}`);
    assert.equal(await page.getByTestId('case-name').innerText(), person.name);
    await fits(page, 'case page');

    // The checklist: every item still open is marked done, one at a time, each with its own form.
    const openItems = await db
      .selectFrom('readiness_items as ri')
      .innerJoin('reintegration_cases as rc', 'rc.id', 'ri.case_id')
      .select(['ri.kind', 'ri.template_id'])
      .where('rc.inmate_id', '=', person.id)
      .where('ri.status', '=', 'open')
      .execute();
    assert.ok(openItems.length > 0, 'part of the checklist is still open');
    for (const i of openItems) {
      const item = page.getByTestId(`item-${i.kind === 'custom' ? i.template_id : i.kind}`);
      assert.notEqual((await item.getByTestId('item-status').innerText()).trim(), 'Selesai');
      await item.locator('summary').click();
      await item.locator('select[name="status"]').selectOption('done');
      await navigation(page, () => item.getByRole('button', { name: 'Simpan' }).click());
      assert.equal(
        (
          await page
            .getByTestId(`item-${i.kind === 'custom' ? i.template_id : i.kind}`)
            .getByTestId('item-status')
            .innerText()
        ).trim(),
        'Selesai',
      );
    }
    const items = await db
      .selectFrom('readiness_items as ri')
      .innerJoin('reintegration_cases as rc', 'rc.id', 'ri.case_id')
      .select(['ri.status', 'ri.done_on'])
      .where('rc.inmate_id', '=', person.id)
      .execute();
    assert.ok(items.every((i) => i.status !== 'open'));

    // "Catat pembebasan": today, as the integrasi decree says.
    const release = page.getByTestId('release-form');
    await release.locator('input[name="released_on"]').fill(today);
    await release.locator('select[name="release_kind"]').selectOption(person.integrasi_kind ?? 'ekspirasi');
    await navigation(page, () => page.getByTestId('release-submit').click());
    await page.getByTestId('released-notice').waitFor();
    const inmate = await db
      .selectFrom('inmates')
      .select('status')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    assert.equal(inmate.status, 'released', 'the register follows the release');
    const places = await db
      .selectFrom('enrolments')
      .select(['status', 'end_reason', 'ended_on'])
      .where('inmate_id', '=', person.id)
      .execute();
    assert.ok(places.length > 0);
    for (const p of places) {
      assert.ok(!['active', 'suspended'].includes(p.status));
      if (p.ended_on === today) assert.equal(p.end_reason, 'released');
    }

    // The partner's open home-knitting offer: put forward from the candidates, then accepted.
    const offer = await db
      .selectFrom('job_offers')
      .select(['id', 'position'])
      .where('status', '=', 'open')
      .where('home_based', '=', true)
      .where('closes_on', '>=', today)
      .executeTakeFirstOrThrow();
    await navigation(page, () => page.goto(`/job-offers/${offer.id}`));
    await fits(page, 'offer page');
    const candidate = page.getByTestId('candidate-row').filter({ hasText: person.name });
    await navigation(page, () => candidate.getByTestId('apply-form').locator('button').click());
    const application = page.getByTestId('application').filter({ hasText: person.name });
    assert.equal((await application.getByTestId('application-status').innerText()).trim(), 'Diajukan');
    await application.locator('summary').click();
    const status = application.getByTestId('status-form');
    await status.locator('select[name="status"]').selectOption('diterima');
    await status.locator('input[name="on_date"]').fill(today);
    await navigation(page, () => status.getByRole('button').click());
    const accepted = page.getByTestId('application').filter({ hasText: person.name });
    assert.equal((await accepted.getByTestId('application-status').innerText()).trim(), 'Diterima');

    // The 1-month follow-up, from the person's follow-up page.
    await navigation(page, () => page.goto(`/follow-ups/${person.id}`));
    await fits(page, 'follow-up page');
    await navigation(page, () => page.getByTestId('record-1').click());
    const form = page.getByTestId('follow-up-form');
    await form.locator('input[name="contacted_on"]').fill(today);
    await form.locator('select[name="work_status"]').selectOption('employed');
    await form.locator('select[name="income_band"]').selectOption('1m_3m');
    await form.locator('select[name="in_trade"]').selectOption('true');
    await form
      .locator('textarea[name="note"]')
      .fill(
        'Bekerja dari rumah sebagai perajut PT. Arta Jayendra Perkasa; paket benang pertama sudah diambil.',
      );
    await fits(page, 'follow-up form');
    await navigation(page, () => page.getByTestId('follow-up-save').click());
    const saved = await db
      .selectFrom('follow_ups')
      .select(['month_no', 'contacted_on', 'work_status', 'in_trade', 'by_bapas'])
      .where('inmate_id', '=', person.id)
      .execute();
    assert.deepEqual(saved, [
      { month_no: 1, contacted_on: today, work_status: 'employed', in_trade: true, by_bapas: false },
    ]);
    await navigation(page, () => page.goto(`/follow-ups/${person.id}`));
    await page.getByTestId('milestone-1').getByTestId('status-recorded').waitFor();
  });
});
