// The competency matrix and the session journal on a 360px phone: the page never scrolls sideways,
// the wide matrix scrolls inside its own labelled region (also from the keyboard), and the
// journal's documentation photos load through their permission-checked route.
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
});
