// The roll-ups on a 360px phone (issue 14, items 2 and 3): the Kanwil's units side by side scroll
// inside their own region, the charts are drawn from the tables, the ranking's indicator is a plain
// GET form, and the page leads down to a unit's roll-up, without sideways scrolling or errors.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { fits, navigation, SignInPage } from './pages.ts';

const e2e = useE2e();
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious or critical axe-core findings on the page. The crawl checks each route once, for the first
 * role that reaches it: a unit's staff reach /rollups first (it sends them to their unit), so the
 * Kanwil's and the nation's pages are checked here.
 */
async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's script policy does not govern:
  // the pages keep their real policy here, so a chart script it would block still fails the test.
  await page.evaluate(await axeSource);
  type Found = {
    violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
  };
  type AxeWindow = { axe: { run(context: Document, options: object): Promise<Found> } };
  const axe = await page.evaluate(() =>
    (window as unknown as AxeWindow).axe.run(document, { resultTypes: ['violations'] }),
  );
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    // A failed load is reported below with its address (the browser's own favicon request aside).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

describe('roll-ups in the browser', () => {
  test("the Kanwil's units side by side on a phone, charts from the tables, down to a unit", async () => {
    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    const problems = problemsOf(page);
    await new SignInPage(page).open().then((p) => p.signIn('kanwil.jatim', DEMO_PASSWORD));
    await page.locator('header details.menu summary').click();
    await navigation(page, () => page.getByTestId('nav-rollups').click());
    assert.equal(new URL(page.url()).pathname, '/rollups');
    const table = page.getByTestId('rollup-main');
    assert.ok((await table.locator('tbody tr').count()) >= 2, 'the region has several units');
    // The wide table scrolls inside its region; the page itself does not.
    const region = page.locator('.table-wrap', { has: table });
    const { client, scroll } = await region.evaluate((el) => ({
      client: el.clientWidth,
      scroll: el.scrollWidth,
    }));
    assert.ok(
      scroll > client,
      `the table is wider than the phone and scrolls in its box (${scroll} > ${client})`,
    );
    await fits(page, 'the Kanwil roll-up');
    assert.deepEqual(await axeProblems(page), []);
    for (const chart of ['rollup-ranking', 'rollup-trend']) {
      const canvas = page.locator(`figure[data-rollup-chart="${chart}"] canvas`).first();
      await canvas.waitFor({ state: 'visible' });
      const box = await canvas.boundingBox();
      assert.ok(box && box.width > 150 && box.height > 80, `${chart} chart drawn (${JSON.stringify(box)})`);
    }
    // The ranking's indicator is chosen with a GET form: the page reloads ranked by it.
    await page.getByTestId('rollup-indicator').selectOption('participants');
    await navigation(page, () =>
      page.locator('[data-testid="rollup-filters"] button[type="submit"]').click(),
    );
    assert.match(page.url(), /indicator=participants/);
    assert.match((await page.locator('#rollup-ranking-title').textContent()) ?? '', /Peserta/);
    // A unit's row leads to its programmes and its 12 months.
    await navigation(page, () => table.locator('tbody tr th a').first().click());
    assert.match(new URL(page.url()).pathname, /^\/rollups\/units\/[0-9a-f-]{36}$/);
    assert.equal(await page.locator('[data-testid="rollup-trend"] tbody tr').count(), 12);
    await fits(page, "a unit's roll-up");
    assert.deepEqual(await axeProblems(page), []);
    assert.deepEqual(problems, []);
  });

  test('the national roll-up fits a phone and ranks the provinces', async () => {
    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    const problems = problemsOf(page);
    await new SignInPage(page).open().then((p) => p.signIn('ditjenpas', DEMO_PASSWORD));
    await navigation(page, () => page.goto('/rollups?indicator=productionValue'));
    assert.ok((await page.locator('[data-testid="rollup-ranking"] tbody tr').count()) >= 2);
    await page.locator('figure[data-rollup-chart="rollup-ranking"] canvas').waitFor({ state: 'visible' });
    await fits(page, 'the national roll-up');
    assert.deepEqual(await axeProblems(page), []);
    assert.deepEqual(problems, []);
  });
});
