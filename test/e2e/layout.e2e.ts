// The page shell on a small phone and on a desktop: no sideways scrolling, a menu that opens from
// the keyboard, and navigation that can be reached at every width.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, DESKTOP, NARROW_PHONE, useE2e } from './harness.ts';
import { type AppPage, SignInPage, UnitsPage } from './pages.ts';

const e2e = useE2e();

async function assertNoSidewaysScroll(p: AppPage, what: string): Promise<void> {
  const { scrollWidth, viewport } = await p.widths();
  assert.equal(viewport, NARROW_PHONE.width);
  assert.ok(scrollWidth <= NARROW_PHONE.width, `${what} is ${scrollWidth}px wide on a ${viewport}px screen`);
}

describe('the layout', () => {
  test('on a 360px phone the dashboard does not scroll sideways and the menu opens with the keyboard (focus "Menu", Enter) and shows its links', async () => {
    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    const signIn = await new SignInPage(page).open();
    await assertNoSidewaysScroll(signIn, 'the sign-in page');

    const dashboard = await signIn.signIn('petugas.magetan', DEMO_PASSWORD);
    await assertNoSidewaysScroll(dashboard, 'the dashboard');

    // Closed at first: the links take no room until asked for.
    assert.equal(await dashboard.menuIsOpen(), false);
    assert.equal(await dashboard.navLink('dashboard').isVisible(), false);
    assert.equal(await dashboard.menuToggle.isVisible(), true);

    await dashboard.menuToggle.focus();
    assert.equal((await dashboard.focused()).tag, 'summary');
    await page.keyboard.press('Enter');
    assert.equal(await dashboard.menuIsOpen(), true, 'Enter on "Menu" opens it');
    for (const link of [
      dashboard.navLink('dashboard'),
      dashboard.navLink('units'),
      dashboard.navLink('account'),
      dashboard.languageSwitch,
      dashboard.signOutButton,
    ]) {
      assert.equal(await link.isVisible(), true, `${link} is not visible in the open menu`);
      const box = await link.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= NARROW_PHONE.width, `${link} is off screen`);
    }
    assert.equal(await dashboard.navLink('users').count(), 0, 'a petugas has no Users link');
    await assertNoSidewaysScroll(dashboard, 'the dashboard with the menu open');

    // The next Tab goes into the menu, and Enter on "Menu" again closes it.
    await page.keyboard.press('Tab');
    assert.equal((await dashboard.focused()).testid, 'nav-dashboard');
    await dashboard.menuToggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await dashboard.menuIsOpen(), false, 'Enter again closes it');

    // A page with a table keeps the table's scrolling to itself.
    await dashboard.goToNav('units');
    const units = new UnitsPage(page);
    await units.table.waitFor();
    await assertNoSidewaysScroll(units, 'the units page');
  });

  test('on a desktop screen the menu is open as a menu bar: the navigation, the language switch and sign-out are on screen', async () => {
    const page = await e2e.newPage({ viewport: DESKTOP });
    const dashboard = await new SignInPage(page)
      .open()
      .then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
    assert.equal(await dashboard.menuIsOpen(), true, 'the menu is open on a wide screen');
    assert.equal(await dashboard.menuToggle.isVisible(), false, 'no "Menu" button is needed');
    for (const link of [
      dashboard.navLink('dashboard'),
      dashboard.navLink('units'),
      dashboard.languageSwitch,
      dashboard.signOutButton,
    ]) {
      assert.equal(await link.isVisible(), true, `${link} is not visible at ${DESKTOP.width}px`);
    }
    const { scrollWidth } = await dashboard.widths();
    assert.ok(scrollWidth <= DESKTOP.width, `the dashboard is ${scrollWidth}px wide`);
  });

  test('without JavaScript a desktop screen still has a "Menu" button that opens the navigation', async () => {
    const page = await e2e.newPage({ viewport: DESKTOP, javaScriptEnabled: false });
    const dashboard = await new SignInPage(page)
      .open()
      .then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
    assert.equal(await dashboard.menuIsOpen(), false);
    assert.equal(await dashboard.menuToggle.isVisible(), true);
    await dashboard.menuToggle.click();
    assert.equal(await dashboard.navLink('units').isVisible(), true);
    assert.equal(await dashboard.signOutButton.isVisible(), true);
    const out = await dashboard.signOut();
    assert.equal(await out.text(out.flash), 'Anda telah keluar.');
  });
});
