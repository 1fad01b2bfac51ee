// Page objects for the browser tests. They find things by data-testid (and by the form's own
// labels), so the tests read as what a user does, not how the markup is put together.
import assert from 'node:assert/strict';
import type { Locator, Page, Response } from 'playwright-core';

/** What the hall page keeps unsent on the phone for a session (its key also names the signed-in user). */
export function keptOnPhone(
  page: Page,
  kind: 'attendance' | 'production',
  id: string,
): Promise<string | null> {
  return page.evaluate(
    ({ prefix, id }) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith(prefix) && k.endsWith(`.${id}`));
      return key === undefined ? null : localStorage.getItem(key);
    },
    { prefix: `simandiri.${kind}.`, id },
  );
}

/** No sideways scrolling: the page fits a 360px phone's screen. */
export async function fits(page: Page, where: string, width = 360) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${where}: no sideways scrolling at ${width}px (${scroll})`);
}

/**
 * Runs an action that loads a new document (a link, a form post and its 303 redirect) and waits for
 * that document: returns the final response, so tests can check its status.
 */
export async function navigation(page: Page, action: () => Promise<unknown>): Promise<Response> {
  const response = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400),
  );
  const committed = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await action();
  const [res] = await Promise.all([response, committed]);
  await page.waitForLoadState('load');
  return res;
}

/** What every page has: the header with the menu, the language switch, the flash message. */
export class AppPage {
  constructor(readonly page: Page) {}

  get path(): string {
    return new URL(this.page.url()).pathname;
  }

  /** The language the page says it is in: <html lang>. */
  lang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  get menu(): Locator {
    return this.page.locator('header details.menu');
  }

  get menuToggle(): Locator {
    return this.menu.locator('summary');
  }

  menuIsOpen(): Promise<boolean> {
    return this.menu.evaluate((d) => (d as HTMLDetailsElement).open);
  }

  /** Opens the header menu (a <details>) with a click on its summary when it is closed. */
  async openMenu(): Promise<void> {
    if ((await this.menu.count()) === 0) return; // signed out: no menu, the switch is in the header
    if (!(await this.menuIsOpen())) await this.menuToggle.click();
  }

  navLink(name: 'dashboard' | 'units' | 'users' | 'audit' | 'account'): Locator {
    return this.page.getByTestId(`nav-${name}`);
  }

  /** The data-testid of every navigation link, in order ("nav-dashboard", ...). */
  async navTestIds(): Promise<string[]> {
    return this.page
      .locator('header [data-testid^="nav-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  }

  async goToNav(name: 'dashboard' | 'units' | 'users' | 'audit' | 'account'): Promise<Response> {
    await this.openMenu();
    return navigation(this.page, () => this.navLink(name).click());
  }

  get languageSwitch(): Locator {
    return this.page.getByTestId('lang-switch');
  }

  async switchLanguage(): Promise<Response> {
    await this.openMenu();
    return navigation(this.page, () => this.languageSwitch.click());
  }

  get signOutButton(): Locator {
    return this.page.getByTestId('signout');
  }

  async signOut(): Promise<SignInPage> {
    await this.openMenu();
    const res = await navigation(this.page, () => this.signOutButton.click());
    assert.equal(res.status(), 200);
    return new SignInPage(this.page);
  }

  get flash(): Locator {
    return this.page.getByTestId('flash');
  }

  async text(locator: Locator): Promise<string> {
    return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Widths of the document and the viewport, to tell whether the page scrolls sideways. */
  async widths(): Promise<{ scrollWidth: number; viewport: number }> {
    return this.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
  }

  /** The element that has keyboard focus, described well enough to assert on. */
  async focused(): Promise<{ tag: string; id: string; testid: string; text: string }> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName.toLowerCase() ?? '',
        id: el?.id ?? '',
        testid: el?.getAttribute('data-testid') ?? '',
        text: (el?.textContent ?? '').trim(),
      };
    });
  }
}

export class SignInPage extends AppPage {
  get form(): Locator {
    return this.page.getByTestId('signin-form');
  }
  get username(): Locator {
    return this.form.locator('input[name="username"]');
  }
  get password(): Locator {
    return this.form.locator('input[name="password"]');
  }
  get submitButton(): Locator {
    return this.page.getByTestId('signin-submit');
  }
  get error(): Locator {
    return this.page.getByTestId('signin-error');
  }
  get heading(): Locator {
    return this.page.locator('main h1');
  }

  async open(next?: string): Promise<this> {
    const res = await navigation(this.page, () =>
      this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
    );
    assert.equal(res.status(), 200);
    await this.form.waitFor();
    return this;
  }

  /** Fills the form and submits it; returns the response of the page that follows. */
  async submit(username: string, password: string): Promise<Response> {
    await this.username.fill(username);
    await this.password.fill(password);
    return navigation(this.page, () => this.submitButton.click());
  }

  /** Signs in and expects to land on the dashboard. */
  async signIn(username: string, password: string): Promise<DashboardPage> {
    const res = await this.submit(username, password);
    assert.equal(res.status(), 200, `sign-in as ${username} answered ${res.status()}`);
    assert.equal(this.path, '/dashboard', `sign-in as ${username} landed on ${this.page.url()}`);
    return new DashboardPage(this.page);
  }
}

export class DashboardPage extends AppPage {
  get title(): Locator {
    return this.page.getByTestId('dashboard-title');
  }
  get date(): Locator {
    return this.page.getByTestId('dashboard-date');
  }
  get unitCards(): Locator {
    return this.page.getByTestId('unit-cards');
  }

  async open(): Promise<this> {
    const res = await navigation(this.page, () => this.page.goto('/dashboard'));
    assert.equal(res.status(), 200);
    return this;
  }
}

export class ErrorPage extends AppPage {
  get message(): Locator {
    return this.page.getByTestId('error-message');
  }

  /** The status the page reports (data-status on the message). */
  async status(): Promise<number> {
    return Number(await this.message.getAttribute('data-status'));
  }
}

export class UnitsPage extends AppPage {
  get table(): Locator {
    return this.page.getByTestId('unit-table');
  }
  get newUnitLink(): Locator {
    return this.page.getByTestId('unit-new');
  }
  /** The unit names in the table, in order. */
  async unitNames(): Promise<string[]> {
    return this.table.locator('tbody tr td:first-child a').allTextContents();
  }
}
