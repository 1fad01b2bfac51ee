// Page objects for selection: the intake list, opening an intake with its criteria, the intake page
// (proposals, assessment, ranking, consent, TPP, approval, enrolment) and the participants list.
import type { Locator, Page, Response } from 'playwright-core';
import { AppPage, navigation } from './pages.ts';

export class IntakeListPage extends AppPage {
  /** Follows the "Seleksi" item of the header menu. */
  static async fromMenu(page: Page): Promise<IntakeListPage> {
    const list = new IntakeListPage(page);
    await list.openMenu();
    await navigation(page, () => page.getByTestId('nav-intakes').click());
    return list;
  }
  get rows(): Locator {
    return this.page.locator('[data-testid="intake-table"] tbody tr');
  }
  async filter(v: { status?: string; programme?: string }): Promise<Response> {
    if (v.status !== undefined) await this.page.getByTestId('filter-status').selectOption(v.status);
    if (v.programme !== undefined)
      await this.page.getByTestId('filter-programme').selectOption({ label: v.programme });
    return navigation(this.page, () =>
      this.page.locator('[data-testid="intake-filters"] button[type="submit"]').click(),
    );
  }
}

export class IntakeNewPage extends AppPage {
  static async open(page: Page, programmeId: string): Promise<IntakeNewPage> {
    await navigation(page, () => page.goto(`/programmes/${programmeId}/intakes/new`));
    return new IntakeNewPage(page);
  }
  /** Sets criterion row i (0-based); an empty label removes the criterion. */
  async criterion(i: number, label: string, max?: number): Promise<void> {
    await this.page.getByTestId(`criterion-label-${i}`).fill(label);
    if (max !== undefined) await this.page.getByTestId(`criterion-max-${i}`).fill(String(max));
  }
  async open(): Promise<IntakePage> {
    await navigation(this.page, () => this.page.getByTestId('intake-open').click());
    return new IntakePage(this.page);
  }
}

export class IntakePage extends AppPage {
  get status(): Locator {
    return this.page.getByTestId('intake-status');
  }
  get errorSummary(): Locator {
    return this.page.getByTestId('error-summary');
  }
  proposal(inmateId: string): Locator {
    return this.page.getByTestId(`proposal-${inmateId}`);
  }
  addCandidate(inmateId: string): Promise<Response> {
    return navigation(this.page, () => this.page.getByTestId(`add-${inmateId}`).click());
  }
  /** The candidate rows of the ranking, best first. */
  get candidateRows(): Locator {
    return this.page.locator('[data-testid="candidate-table"] tbody tr');
  }
  async candidateId(name: string): Promise<string> {
    const id = await this.candidateRows.filter({ hasText: name }).first().getAttribute('data-testid');
    if (!id) throw new Error(`no candidate ${name}`);
    return id.replace(/^candidate-/, '');
  }
  /** The names in ranking order. */
  async ranking(names: readonly string[]): Promise<string[]> {
    const texts = await this.candidateRows.allInnerTexts();
    return texts.map((t) => names.find((n) => t.includes(n)) ?? '?');
  }
  async score(name: string, scores: Record<string, number>): Promise<Response> {
    const id = await this.candidateId(name);
    for (const [key, v] of Object.entries(scores))
      await this.page.locator(`input[form="score-${id}"][name="${key}"]`).fill(String(v));
    return navigation(this.page, () => this.page.getByTestId(`score-${id}`).click());
  }
  consentCell(id: string): Locator {
    return this.page.getByTestId(`consent-cell-${id}`);
  }
  async recordConsent(name: string, note: string): Promise<Response> {
    const id = await this.candidateId(name);
    await this.page.getByTestId(`consent-note-${id}`).fill(note);
    return navigation(this.page, () => this.page.getByTestId(`consent-${id}`).click());
  }
  async recordTpp(v: {
    heldOn: string;
    members: string[];
    decisions: Array<{ name: string; decision: 'accepted' | 'waitlisted' | 'rejected'; reason?: string }>;
  }): Promise<Response> {
    const form = this.page.getByTestId('tpp-form');
    await form.getByLabel('Tanggal sidang').fill(v.heldOn);
    await form.getByLabel('Anggota TPP yang hadir (satu per baris)').fill(v.members.join('\n'));
    for (const d of v.decisions) {
      await form.getByLabel(`Keputusan ${d.name}`, { exact: true }).selectOption(d.decision);
      if (d.reason) await form.getByLabel(`Alasan ${d.name}`, { exact: true }).fill(d.reason);
    }
    return navigation(this.page, () => this.page.getByTestId('tpp-save').click());
  }
  get tppRecord(): Locator {
    return this.page.getByTestId('tpp-record');
  }
  approve(): Promise<Response> {
    return navigation(this.page, () => this.page.getByTestId('tpp-approve').click());
  }
  async enrol(name: string): Promise<Response> {
    const id = await this.candidateId(name);
    await this.page.getByTestId(`enrol-${id}`).click();
    // It asks first, in a dialog (src/app/confirm.tsx); yes sends the form.
    const dialog = this.page.locator('dialog.confirm');
    await dialog.waitFor();
    return navigation(this.page, () => dialog.getByTestId('confirm-yes').click());
  }
  async isEnrolled(name: string): Promise<boolean> {
    return (await this.page.getByTestId(`enrolled-${await this.candidateId(name)}`).count()) === 1;
  }
  async participants(): Promise<EnrolmentListPage> {
    await navigation(this.page, () => this.page.getByTestId('enrolments-link').click());
    return new EnrolmentListPage(this.page);
  }
}

export class EnrolmentListPage extends AppPage {
  get rows(): Locator {
    return this.page.locator('[data-testid="enrolment-table"] tbody tr');
  }
  get places(): Locator {
    return this.page.getByTestId('places');
  }
}
