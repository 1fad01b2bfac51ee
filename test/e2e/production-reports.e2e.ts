// The production report on a 360px phone: each programme's twelve-month chart is drawn from the
// JSON beside its table (Chart.js served by the app, nothing blocked by the content security
// policy), nothing scrolls sideways, and the dashboard shows this month's production tiles.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dayInZone } from '../../src/app/format.ts';
import { buildProgramme } from '../attendance-fixtures.ts';
import { buildEnrolment } from '../builders.ts';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

describe('production reports in the browser', () => {
  test("a programme's twelve months are charted on a phone, and the dashboard shows the month's value", async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const partner = await db
      .selectFrom('partners')
      .select('id')
      .where('unit_id', '=', unit.id)
      .executeTakeFirstOrThrow();
    const kind = await db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'tas')
      .executeTakeFirstOrThrow();
    const programme = await buildProgramme(db, {
      unit_id: unit.id,
      partner_id: partner.id,
      name: 'Pelatihan Tas Anyaman',
    });
    const maker = await buildEnrolment(db, { programme_id: programme.id, name: 'Peserta Anyaman 001' });
    const product = await db
      .insertInto('products')
      .values({
        unit_id: unit.id,
        programme_id: programme.id,
        kind_id: kind.id,
        name: 'Tas anyaman uji',
        route: 'partner',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const today = dayInZone(new Date(), 'Asia/Jakarta');
    const month = today.slice(0, 7);
    const firstOfMonth = `${month}-01`;
    await db
      .insertInto('production_entries')
      .values({
        unit_id: unit.id,
        programme_id: programme.id,
        day: firstOfMonth,
        enrolment_id: maker.id,
        product_id: product.id,
        finished: 6,
      })
      .execute();
    const batch = await db
      .insertInto('qc_batches')
      .values({
        unit_id: unit.id,
        partner_id: partner.id,
        programme_id: programme.id,
        number: `QC-E2E/${month}`,
        sent_on: firstOfMonth,
        checked_on: today,
        status: 'checked',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('qc_batch_lines')
      .values({
        batch_id: batch.id,
        enrolment_id: maker.id,
        product_id: product.id,
        submitted: 6,
        passed: 5,
        rate: 35_000,
      })
      .execute();

    const context = await e2e.newContext({ viewport: NARROW_PHONE });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
    assert.match(await page.getByTestId('tile-production-value').innerText(), /Rp/);
    if (process.env.SCREENSHOTS)
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/production-dashboard.png`, fullPage: true });

    const res = await navigation(page, () => page.goto(`/production-reports?month=${month}`));
    assert.equal(res.status(), 200);
    const row = page.getByTestId(`programme-${programme.id}`);
    assert.match(await row.innerText(), /Rp 175\.000/);
    const canvas = page.locator(`figure[data-production-chart="${programme.id}"] canvas`);
    await canvas.waitFor({ state: 'visible' });
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, `chart drawn (${JSON.stringify(box)})`);
    assert.equal(await page.getByTestId(`history-table-${programme.id}`).locator('tbody tr').count(), 12);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= NARROW_PHONE.width, `no sideways scrolling at 360px (${width})`);
    assert.deepEqual(problems, []);
    if (process.env.SCREENSHOTS)
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/production-report.png`, fullPage: true });
  });
});
