// The attendance summary on a 360px phone: the month table is there, the chart is drawn from it
// (Chart.js served by the app, nothing blocked by the content security policy), nothing scrolls
// sideways, and the dashboard lists the participant absent three sessions in a row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildParticipants, buildProgramme, buildSession } from '../attendance-fixtures.ts';
import { buildMark } from '../builders.ts';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

describe('attendance summaries in the browser', () => {
  test('a programme’s month chart is drawn from its table on a phone, and the dashboard alerts', async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const programme = await buildProgramme(db, { unit_id: unit.id, name: 'Pelatihan Tata Boga' });
    const [p1, p2] = await buildParticipants(db, {
      programme_id: programme.id,
      n: 2,
      started_on: '2026-01-01',
      prefix: 'Peserta Boga',
    });
    assert.ok(p1 && p2);
    const days = ['2026-01-14', '2026-01-28', '2026-02-11', '2026-02-25'];
    const first: Array<'hadir' | 'alpa' | 'sakit' | 'izin'> = ['hadir', 'alpa', 'sakit', 'izin'];
    for (const [i, day] of days.entries()) {
      const s = await buildSession(db, { programme_id: programme.id, day });
      await buildMark(db, { session_id: s.id, enrolment_id: p1.id, status: first[i] ?? 'hadir' });
      await buildMark(db, { session_id: s.id, enrolment_id: p2.id, status: 'hadir' });
    }

    const context = await e2e.newContext({ viewport: NARROW_PHONE });
    const page = await context.newPage();
    const problems: string[] = [];
    // Script errors and failed requests (the browser's own favicon request aside).
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
    const alert = page.getByTestId(`absence-${p1.id}`);
    assert.match(await alert.innerText(), /Peserta Boga 001/);
    assert.match(await alert.innerText(), /3/);
    assert.equal(await page.getByTestId(`absence-${p2.id}`).count(), 0);
    if (process.env.SCREENSHOTS)
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/dashboard.png`, fullPage: true });

    const res = await navigation(page, () => page.goto(`/attendance-reports/programmes/${programme.id}`));
    assert.equal(res.status(), 200);
    const table = page.getByTestId('months-table');
    assert.equal(await table.locator('tbody tr').count(), 2);
    const canvas = page.locator('figure.chart canvas');
    await canvas.waitFor({ state: 'visible' });
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, `chart drawn (${JSON.stringify(box)})`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= NARROW_PHONE.width, `no sideways scrolling at 360px (${width})`);
    assert.deepEqual(problems, []);
    if (process.env.SCREENSHOTS)
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/report.png`, fullPage: true });
  });
});
