// What each role may reach, as the browser sees it: read-only roles get a clear refusal, not a form.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, PHONE, useE2e } from './harness.ts';
import { ErrorPage, navigation, SignInPage, UnitsPage } from './pages.ts';

const e2e = useE2e();

describe('who may reach what', () => {
  test('a Kanwil viewer sees the units of East Java but cannot open a form that writes: /units/new and /admin/users/new answer 403 "tidak memiliki izin", and the menu has no Users link', async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const dashboard = await new SignInPage(page).open().then((p) => p.signIn('kanwil.jatim', DEMO_PASSWORD));
    // The regional office's own name heads its dashboard of units.
    assert.equal(await dashboard.text(dashboard.title), 'Kanwil Ditjenpas Jawa Timur');
    const cards = await dashboard.unitCards.locator('li a').allTextContents();
    assert.deepEqual(
      cards.sort(),
      ['Bapas Kelas II Madiun', 'Lapas Kelas I Madiun', 'Lapas Kelas IIB Ngawi', 'Rutan Kelas IIB Magetan'],
      'only the units of the Kanwil, not Bali',
    );

    await dashboard.openMenu();
    const nav = await dashboard.navTestIds();
    assert.equal(nav.includes('nav-users'), false, `the menu offers Users: ${nav.join(', ')}`);
    assert.deepEqual(nav, [
      'nav-dashboard',
      // The region's monthly reports (submitted ones), the roll-ups and the Program Aksi
      // indicators: counts and sums per unit.
      'nav-reports',
      'nav-rollups',
      'nav-outcomes',
      'nav-program-aksi-indicators',
      'nav-partners',
      'nav-agreements',
      'nav-programmes',
      // Products and production totals, never the production log, stock or sales with names.
      'nav-products',
      'nav-production-reports',
      // Premi, PNBP and capital per unit: sums and counts, no names.
      'nav-premi-totals',
      'nav-holidays',
      'nav-privacy',
      'nav-units',
      'nav-audit',
      'nav-account',
    ]);
    assert.equal(nav.includes('nav-inmates'), false, 'no inmate names for the regional office');
    assert.equal(
      nav.includes('nav-production'),
      false,
      'no production log (makers by name) for the regional office',
    );
    assert.equal(await dashboard.navLink('users').count(), 0);

    await dashboard.goToNav('units');
    const units = new UnitsPage(page);
    await units.table.waitFor();
    assert.equal(await units.newUnitLink.count(), 0, 'no "Tambah unit" button for a viewer');

    for (const url of ['/units/new', '/admin/users/new']) {
      const res = await navigation(page, () => page.goto(url));
      assert.equal(res.status(), 403, `${url} answered ${res.status()}`);
      const refused = new ErrorPage(page);
      assert.equal(refused.path, url, 'the refusal is shown where the user asked, not a redirect');
      assert.equal(await refused.status(), 403);
      const message = await refused.text(refused.message);
      assert.match(message, /tidak memiliki izin/);
      assert.equal(message, 'Anda tidak memiliki izin untuk tindakan ini.');
      assert.equal(await refused.lang(), 'id');
      assert.equal(await refused.navLink('users').count(), 0, 'the error page keeps the same menu');
    }
  });

  test("the unit administrator manages the unit's users, but not the unit tree or Program Aksi: no button for them, and /units/new answers 403", async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const dashboard = await new SignInPage(page).open().then((p) => p.signIn('admin.magetan', DEMO_PASSWORD));
    await dashboard.openMenu();
    const nav = await dashboard.navTestIds();
    assert.ok(nav.includes('nav-users'));
    assert.equal(nav.includes('nav-program-aksi'), false, 'Program Aksi is national reference data');
    assert.equal(await dashboard.navLink('users').isVisible(), true);

    const res = await navigation(page, () => page.goto('/admin/users/new'));
    assert.equal(res.status(), 200);
    assert.equal(await page.getByTestId('user-form').isVisible(), true);

    await page.goto('/units');
    const units = new UnitsPage(page);
    await units.table.waitFor();
    assert.equal(await units.newUnitLink.count(), 0, 'no "Tambah unit" button for a unit administrator');
    assert.equal(await units.table.getByRole('link', { name: 'Ubah' }).count(), 0, 'no edit link');
    const refused = await navigation(page, () => page.goto('/units/new'));
    assert.equal(refused.status(), 403);
    assert.equal(
      await new ErrorPage(page).text(new ErrorPage(page).message),
      'Anda tidak memiliki izin untuk tindakan ini.',
    );
  });
  test('Humas drafts news and keeps the gallery, the Kepala UPT approves news and sees orders, the petugas confirms orders: each sees only their entries of the menu', async () => {
    const expected: Record<string, { has: string[]; lacks: string[] }> = {
      'humas.magetan': { has: ['nav-newsroom', 'nav-gallery'], lacks: ['nav-orders'] },
      'ari.rahmanto': { has: ['nav-newsroom', 'nav-orders'], lacks: ['nav-gallery'] },
      'petugas.magetan': { has: ['nav-orders'], lacks: ['nav-newsroom', 'nav-gallery'] },
      'kanwil.jatim': { has: [], lacks: ['nav-newsroom', 'nav-gallery', 'nav-orders'] },
    };
    for (const [username, { has, lacks }] of Object.entries(expected)) {
      const page = await e2e.newPage({ viewport: PHONE });
      const dashboard = await new SignInPage(page).open().then((p) => p.signIn(username, DEMO_PASSWORD));
      await dashboard.openMenu();
      const nav = await dashboard.navTestIds();
      for (const id of has) assert.ok(nav.includes(id), `${username} has ${id}: ${nav.join(', ')}`);
      for (const id of lacks) assert.equal(nav.includes(id), false, `${username} has no ${id}`);
    }
    // The gallery is Humas's desk only: the petugas is refused it.
    const page = await e2e.newPage({ viewport: PHONE });
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));
    const res = await navigation(page, () => page.goto('/gallery'));
    assert.equal(res.status(), 403, '/gallery for the petugas');
    const res2 = await navigation(page, () => page.goto('/newsroom'));
    assert.equal(res2.status(), 403, '/newsroom for the petugas');
  });
});
