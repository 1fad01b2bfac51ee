// The competency matrix and the session journal on a 360px phone: the page never scrolls sideways,
// the wide matrix scrolls inside its own labelled region (also from the keyboard), and the
// journal's documentation photos load through their permission-checked route. Then the bulk
// assessment of one unit for the whole class at 360 px: cards, the keyboard, a refusal on its row
// that keeps every answer, and one save.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

describe('competencies and journal on a phone', () => {
  test('an instructor reads the matrix and edits a journal at 360x740', async () => {
    const db = e2e.app.db;
    const programme = await db
      .selectFrom('programmes')
      .select('id')
      .where('name', '=', 'Pelatihan Merajut')
      .executeTakeFirstOrThrow();
    const withPhoto = await db
      .selectFrom('files')
      .select('owner_id')
      .where('owner_type', '=', 'session_journal')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();

    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    const signIn = await new SignInPage(page).open();
    const dash = await signIn.signIn('instruktur.arta', DEMO_PASSWORD);

    const res = await navigation(page, () => page.goto(`/programmes/${programme.id}/competencies`));
    assert.equal(res.status(), 200);
    assert.ok((await dash.widths()).scrollWidth <= NARROW_PHONE.width, 'the page does not scroll sideways');
    const region = page.getByRole('region', { name: /Matriks kompetensi/ });
    const size = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(size.scroll > size.client, 'the matrix is wider than the screen and scrolls in its region');
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // Keyboard scrolling is animated: wait for it to move rather than reading it at once.
    const moved = await page
      .waitForFunction((el) => (el as HTMLElement).scrollLeft > 0, await region.elementHandle(), {
        timeout: 5000,
      })
      .then(() => true)
      .catch(() => false);
    assert.ok(moved, 'the arrow keys scroll the focused region');
    await page.screenshot({ path: '/tmp/competencies-360.png', fullPage: false });

    await navigation(page, () => page.goto(`/sessions/${withPhoto.owner_id}/journal`));
    assert.ok(
      (await dash.widths()).scrollWidth <= NARROW_PHONE.width,
      'the journal does not scroll sideways',
    );
    const img = page.getByTestId('journal-photos').locator('img').first();
    await img.scrollIntoViewIfNeeded();
    await img.evaluate((i) => (i as HTMLImageElement).decode());
    assert.ok((await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)) > 0, 'the photo loads');
    await page.getByLabel('Topik').fill('Dompet: badan dan tutup (ulang)');
    const saved = await navigation(page, () => page.getByTestId('journal-save').click());
    assert.equal(saved.status(), 200);
    assert.match(await dash.text(dash.flash), /Jurnal sesi disimpan/);
    await page.screenshot({ path: '/tmp/journal-360.png', fullPage: true });
  });

  test('an instructor assesses a whole unit in one save at 360x740, from the keyboard', async () => {
    const db = e2e.app.db;
    const programme = await db
      .selectFrom('programmes')
      .select('id')
      .where('name', '=', 'Pelatihan Merajut')
      .executeTakeFirstOrThrow();
    const unit = await db
      .selectFrom('curriculum_units')
      .select('id')
      .where('programme_id', '=', programme.id)
      .where('code', '=', 'RJT-05')
      .executeTakeFirstOrThrow();
    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    const dash = await new SignInPage(page).open().then((s) => s.signIn('instruktur.arta', DEMO_PASSWORD));
    await navigation(page, () => page.goto(`/programmes/${programme.id}/competencies`));
    const open = await navigation(page, () => page.getByTestId('assess-unit-RJT-05').click());
    assert.equal(open.status(), 200);
    assert.match(await dash.text(page.locator('h1')), /Penilaian unit RJT-05/);
    assert.ok((await dash.widths()).scrollWidth <= NARROW_PHONE.width, 'the page does not scroll sideways');

    const rows = page.locator('[data-testid^="assess-row-"]');
    const n = await rows.count();
    const active = await db
      .selectFrom('enrolments')
      .select('id')
      .where('programme_id', '=', programme.id)
      .where('status', '=', 'active')
      .execute();
    assert.ok(n >= 2);
    assert.equal(n, active.length, 'every active participant has a row');
    const ids = await page.evaluate(() => Array.from(document.querySelectorAll('[id]')).map((e) => e.id));
    assert.equal(new Set(ids).size, ids.length, 'every id on the page is unique');
    const unlabelled = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('input:not([type=hidden])')).filter(
          (i) => (i as HTMLInputElement).labels?.length === 0,
        ).length,
    );
    assert.equal(unlabelled, 0, 'every input has a label');
    // Each row is a card as wide as the screen allows, never wider.
    const widest = await rows.evaluateAll((els) =>
      Math.max(...els.map((e) => e.getBoundingClientRect().right)),
    );
    assert.ok(widest <= NARROW_PHONE.width, `cards fit the screen (${widest})`);

    const [first, second] = [rows.nth(n - 1), rows.nth(n - 2)];
    const firstId = ((await first.getAttribute('data-testid')) ?? '').replace('assess-row-', '');
    const secondId = ((await second.getAttribute('data-testid')) ?? '').replace('assess-row-', '');
    // The keyboard: focus the row's first decision and move along the radio group with the arrows.
    await first.getByLabel('Kompeten', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    assert.ok(await first.getByLabel('Belum kompeten', { exact: true }).isChecked(), 'arrow keys choose');
    await page.keyboard.press('ArrowUp');
    assert.ok(await first.getByLabel('Kompeten', { exact: true }).isChecked());
    await first.getByLabel('Tanggal penilaian').fill('2026-11-25');
    await first.getByLabel('Bukti').fill('Tiga gantungan kunci seragam ukurannya');
    await first.getByLabel(/Catatan/).fill('Siap membantu teman');
    // The second row gets a verdict without evidence: refused on that row, nothing saved.
    await second.getByLabel('Belum kompeten', { exact: true }).check();
    await second.getByLabel('Tanggal penilaian').fill('2026-11-25');
    await second.getByLabel('Bukti').fill('');
    const refused = await navigation(page, () => page.getByTestId('assess-save-all').click());
    assert.equal(refused.status(), 400);
    const summary = page.getByTestId('error-summary');
    assert.match(await dash.text(summary), /Bukti: Isi bukti penilaian/);
    assert.equal(await page.getByTestId(`error-evidence.${secondId}`).count(), 1);
    assert.equal(await page.locator(`[data-testid^="error-"][data-testid$="${firstId}"]`).count(), 0);
    const stored = () =>
      db
        .selectFrom('competency_assessments')
        .select(['enrolment_id', 'status', 'evidence', 'note'])
        .where('curriculum_unit_id', '=', unit.id)
        .where('enrolment_id', 'in', [firstId, secondId])
        .execute();
    assert.ok(!(await stored()).some((a) => a.note === 'Siap membantu teman'), 'nothing half saved');
    assert.ok((await dash.widths()).scrollWidth <= NARROW_PHONE.width, 'the refused page fits too');
    await page.screenshot({ path: '/tmp/competencies-unit-360.png', fullPage: false });

    // The answers were kept; the link in the summary leads to the field.
    const firstRow = page.getByTestId(`assess-row-${firstId}`);
    assert.equal(await firstRow.getByLabel('Bukti').inputValue(), 'Tiga gantungan kunci seragam ukurannya');
    const href = await summary.getByRole('link').first().getAttribute('href');
    assert.equal(href, `#f-evidence.${secondId}`);
    await page.getByTestId(`assess-row-${secondId}`).getByLabel('Bukti').focus();
    await page.keyboard.type('Ukuran belum seragam');
    const saved = await navigation(page, () => page.getByTestId('assess-save-all').click());
    assert.equal(saved.status(), 200);
    assert.match(await dash.text(dash.flash), /Penilaian kompetensi disimpan/);
    const after = new Map((await stored()).map((a) => [a.enrolment_id, a]));
    assert.deepEqual(
      [after.get(firstId)?.status, after.get(firstId)?.note],
      ['competent', 'Siap membantu teman'],
    );
    assert.deepEqual(
      [after.get(secondId)?.status, after.get(secondId)?.evidence],
      ['not_yet_competent', 'Ukuran belum seragam'],
    );
    await page.screenshot({ path: '/tmp/competencies-unit-saved-360.png', fullPage: true });
  });
});
