// The role dashboards on a 360px phone (issue 13 item 1): the Kepala UPT's small charts are drawn
// from the numbers the page carries, and neither her page nor the regional office's scrolls
// sideways or logs an error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { SignInPage } from './pages.ts';

const e2e = useE2e();

function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

describe('role dashboards in the browser', () => {
  test("the Kepala UPT's month in small charts on a phone, with the numbers in a table beside them", async () => {
    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    const problems = problemsOf(page);
    const dashboard = await new SignInPage(page).open().then((p) => p.signIn('ari.rahmanto', DEMO_PASSWORD));
    assert.equal(await page.getByTestId('approvals-panel').count(), 1);
    const canvas = page.locator('figure[data-dashboard-chart="sessions"] canvas');
    await canvas.waitFor({ state: 'visible' });
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 150 && box.height > 80, `chart drawn (${JSON.stringify(box)})`);
    assert.equal(await page.locator('[data-testid="figures-history"] tbody tr').count(), 6);
    const { scrollWidth } = await dashboard.widths();
    assert.ok(scrollWidth <= NARROW_PHONE.width, `the dashboard is ${scrollWidth}px wide`);
    assert.deepEqual(problems, []);
  });

  test("the regional office's figures per unit fit a phone", async () => {
    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    const problems = problemsOf(page);
    const dashboard = await new SignInPage(page).open().then((p) => p.signIn('kanwil.jatim', DEMO_PASSWORD));
    assert.equal(await page.getByTestId('office-total').count(), 1);
    assert.ok((await page.locator('[data-testid="unit-cards"] > li').count()) >= 1);
    const { scrollWidth } = await dashboard.widths();
    assert.ok(scrollWidth <= NARROW_PHONE.width, `the dashboard is ${scrollWidth}px wide`);
    assert.deepEqual(problems, []);
  });
});
