// Signing in and out, and the language a user chooses, in a real browser.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { englishWeekday, indonesianDate, indonesianWeekday } from './dates.ts';
import { DEMO_PASSWORD, PHONE, useE2e } from './harness.ts';
import { navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

describe('signing in and choosing a language', () => {
  test('the petugas of Rutan Magetan sees her unit dashboard with today in Indonesian, switches to English, and the choice stays with her until she signs out', async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const signIn = await new SignInPage(page).open();
    assert.equal(await signIn.lang(), 'id', 'a visitor sees Indonesian first');
    assert.equal(await signIn.text(signIn.heading), 'Masuk');

    const before = new Date();
    const dashboard = await signIn.signIn('petugas.magetan', DEMO_PASSWORD);
    const after = new Date();
    assert.equal(await dashboard.text(dashboard.title), 'Rutan Kelas IIB Magetan');
    assert.equal(await dashboard.lang(), 'id');
    const today = await dashboard.text(dashboard.date);
    assert.ok(
      [indonesianDate(before), indonesianDate(after)].includes(today),
      `dashboard date "${today}" is not today in WIB (${indonesianDate(before)})`,
    );
    assert.ok(
      today.startsWith(`${indonesianWeekday(after)},`) || today.startsWith(`${indonesianWeekday(before)},`),
    );

    // Switching the language returns to the same page, now in English.
    await dashboard.switchLanguage();
    assert.equal(dashboard.path, '/dashboard');
    assert.equal(await dashboard.lang(), 'en');
    await dashboard.openMenu();
    assert.equal(await dashboard.text(dashboard.navLink('dashboard')), 'Dashboard');
    assert.match(await dashboard.text(dashboard.signOutButton), /^Sign out\b/);
    assert.equal(await dashboard.text(dashboard.languageSwitch), 'Bahasa Indonesia');
    const todayEn = await dashboard.text(dashboard.date);
    assert.ok(
      todayEn.startsWith(englishWeekday(before)) || todayEn.startsWith(englishWeekday(after)),
      `dashboard date "${todayEn}" is not in English`,
    );
    assert.equal(
      await dashboard.text(dashboard.title),
      'Rutan Kelas IIB Magetan',
      'unit names are not translated',
    );

    // Another page keeps the choice.
    const units = await dashboard.goToNav('units');
    assert.equal(units.status(), 200);
    assert.equal(dashboard.path, '/units');
    assert.equal(await dashboard.lang(), 'en');
    await dashboard.openMenu();
    assert.match(await dashboard.text(dashboard.signOutButton), /^Sign out\b/);

    // Signing out and in again keeps it too.
    const signedOut = await dashboard.signOut();
    assert.equal(signedOut.path, '/login');
    assert.equal(await signedOut.lang(), 'en');
    assert.equal(await signedOut.text(signedOut.heading), 'Sign in');
    const again = await signedOut.signIn('petugas.magetan', DEMO_PASSWORD);
    assert.equal(await again.lang(), 'en');
    assert.equal(await again.text(again.title), 'Rutan Kelas IIB Magetan');

    // The account remembers it, so a browser that has never seen the switch shows English after sign-in.
    const elsewhere = await e2e.newPage({ viewport: PHONE });
    const freshSignIn = await new SignInPage(elsewhere).open();
    assert.equal(await freshSignIn.lang(), 'id', 'before sign-in the new browser knows no preference');
    const there = await freshSignIn.signIn('petugas.magetan', DEMO_PASSWORD);
    assert.equal(await there.lang(), 'en', 'the language chosen is kept on the account');

    // Signing out lands on the sign-in page with the signed-out message.
    const out = await again.signOut();
    assert.equal(out.path, '/login');
    await out.form.waitFor();
    assert.equal(await out.text(out.flash), 'You have signed out.');
    assert.equal(
      (await page.context().cookies()).some((c) => c.name === 'sm_sid'),
      false,
      'the session cookie is gone',
    );
    // And the dashboard now asks for sign-in again.
    const res = await navigation(page, () => page.goto('/dashboard'));
    assert.equal(res.status(), 200);
    assert.equal(out.path, '/login');
  });

  test('signing out in Indonesian shows "Anda telah keluar." on the sign-in page', async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const dashboard = await new SignInPage(page).open().then((p) => p.signIn('humas.magetan', DEMO_PASSWORD));
    assert.equal(await dashboard.lang(), 'id');
    const out = await dashboard.signOut();
    assert.equal(out.path, '/login');
    assert.equal(await out.text(out.flash), 'Anda telah keluar.');
    assert.equal(await out.text(out.heading), 'Masuk');
  });

  test('a wrong password shows "Nama pengguna atau kata sandi salah." and stays on the sign-in page', async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const signIn = await new SignInPage(page).open();
    const res = await signIn.submit('ari.rahmanto', 'bukan-kata-sandinya');
    assert.equal(res.status(), 401);
    assert.equal(signIn.path, '/login');
    assert.equal(await signIn.lang(), 'id');
    assert.equal(await signIn.text(signIn.error), 'Nama pengguna atau kata sandi salah.');
    assert.equal(await signIn.error.getAttribute('role'), 'alert', 'screen readers announce the message');
    assert.equal(await signIn.username.inputValue(), 'ari.rahmanto', 'the username is kept');
    assert.equal(await signIn.password.inputValue(), '', 'the password is never sent back');
    assert.equal(await signIn.form.isVisible(), true);
    assert.equal(
      (await page.context().cookies()).some((c) => c.name === 'sm_sid'),
      false,
      'no session is opened',
    );
  });

  test('an unknown username gets the same message as a wrong password', async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const signIn = await new SignInPage(page).open();
    const res = await signIn.submit('tidak.ada', DEMO_PASSWORD);
    assert.equal(res.status(), 401);
    assert.equal(await signIn.text(signIn.error), 'Nama pengguna atau kata sandi salah.');
  });

  test('signing in works with the keyboard alone: Tab to the username, type, Tab to the password, type, Enter', async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const signIn = await new SignInPage(page).open();

    await page.keyboard.press('Tab');
    const first = await signIn.focused();
    assert.equal(first.text, 'Langsung ke isi', 'the first Tab reaches the skip link');

    const stops = [first];
    while ((await signIn.focused()).id !== 'f-username') {
      assert.ok(stops.length < 6, `the username field is not reached by Tab: ${JSON.stringify(stops)}`);
      await page.keyboard.press('Tab');
      stops.push(await signIn.focused());
    }
    await page.keyboard.type('ari.rahmanto');
    await page.keyboard.press('Tab');
    assert.equal((await signIn.focused()).id, 'f-password', 'Tab goes from the username to the password');
    await page.keyboard.type(DEMO_PASSWORD);

    const res = await navigation(page, () => page.keyboard.press('Enter'));
    assert.equal(res.status(), 200);
    assert.equal(signIn.path, '/dashboard');
    assert.equal(await signIn.text(page.getByTestId('dashboard-title')), 'Rutan Kelas IIB Magetan');
  });
});
