// Page objects for completion and certificates: a programme's completion page (the rule, each
// participant's standing), a participant's competencies (to assess the units still missing), one
// certificate (download, public link, revocation) and the public verification page.
import assert from 'node:assert/strict';
import type { Locator, Page, Response } from 'playwright-core';
import { AppPage, navigation } from './pages.ts';

export class CompletionPage extends AppPage {
  static async open(page: Page, programmeId: string): Promise<CompletionPage> {
    const res = await navigation(page, () => page.goto(`/programmes/${programmeId}/completion`));
    assert.equal(res.status(), 200, `completion page answered ${res.status()}`);
    return new CompletionPage(page);
  }

  /** From the programme's page, by its "Penyelesaian & sertifikat" link. */
  static async fromProgramme(page: Page, programmeId: string): Promise<CompletionPage> {
    const res = await navigation(page, () => page.goto(`/programmes/${programmeId}`));
    assert.equal(res.status(), 200);
    await navigation(page, () => page.getByTestId('programme-completion').click());
    assert.equal(new URL(page.url()).pathname, `/programmes/${programmeId}/completion`);
    return new CompletionPage(page);
  }

  get minAttendance(): Locator {
    return this.page.getByLabel('Kehadiran minimal (%)');
  }

  /** Saves the programme's minimum attendance rate; returns the page that follows. */
  async setMinAttendance(percent: number): Promise<Response> {
    await this.minAttendance.fill(String(percent));
    return navigation(this.page, () => this.page.getByTestId('rule-save').click());
  }

  /** A participant's card: name, rate, hours, and either the reasons, the issue button or the certificate. */
  standing(enrolmentId: string): Locator {
    return this.page.getByTestId(`standing-${enrolmentId}`);
  }

  async isEligible(enrolmentId: string): Promise<boolean> {
    return (await this.standing(enrolmentId).getAttribute('data-eligible')) === 'true';
  }

  /** The reasons a participant may not complete yet, one line each. */
  async reasons(enrolmentId: string): Promise<string[]> {
    const items = await this.standing(enrolmentId)
      .getByTestId('standing-reasons')
      .locator('li')
      .allInnerTexts();
    return items.map((s) => s.replace(/\s+/g, ' ').trim());
  }

  issueButton(enrolmentId: string): Locator {
    return this.page.getByTestId(`issue-${enrolmentId}`);
  }

  /** "Selesaikan & terbitkan sertifikat": completes the participant and lands on the new certificate. */
  async completeAndIssue(enrolmentId: string): Promise<CertificatePage> {
    await this.issueButton(enrolmentId).click();
    // It asks first, in a dialog (src/app/confirm.tsx).
    const res = await navigation(this.page, () =>
      this.page.locator('dialog.confirm').getByTestId('confirm-yes').click(),
    );
    assert.equal(res.status(), 200, `issuing answered ${res.status()}`);
    return new CertificatePage(this.page);
  }

  get certificateTable(): Locator {
    return this.page.getByTestId('certificate-table');
  }
}

export class ParticipantCompetenciesPage extends AppPage {
  static async open(page: Page, enrolmentId: string): Promise<ParticipantCompetenciesPage> {
    const res = await navigation(page, () => page.goto(`/enrolments/${enrolmentId}/competencies`));
    assert.equal(res.status(), 200);
    return new ParticipantCompetenciesPage(page);
  }

  /** The card of one curriculum unit on the participant's sheet (its legend starts with the code). */
  unit(code: string): Locator {
    return this.page.locator('[data-testid^="assess-row-"]').filter({
      has: this.page.locator('legend', { hasText: new RegExp(`^${code} `) }),
    });
  }

  /** Marks the units competent with their evidence, dated today in WIB, and saves them all at once. */
  async assessCompetent(codes: readonly string[], evidence: (code: string) => string): Promise<Response> {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    for (const code of codes) {
      const card = this.unit(code);
      await card.locator('input[type="radio"][value="competent"]').check();
      await card.locator('input[type="date"]').fill(today);
      await card.locator('input[name^="evidence."]').fill(evidence(code));
    }
    return navigation(this.page, () => this.page.getByTestId('assess-save-all').click());
  }
}

export class CertificatePage extends AppPage {
  static async open(page: Page, certificateId: string): Promise<CertificatePage> {
    const res = await navigation(page, () => page.goto(`/certificates/${certificateId}`));
    assert.equal(res.status(), 200);
    return new CertificatePage(page);
  }

  get id(): string {
    const m = /^\/certificates\/([0-9a-f-]{36})$/.exec(this.path);
    assert.ok(m?.[1], `not on a certificate page: ${this.page.url()}`);
    return m[1];
  }
  get number(): Locator {
    return this.page.getByTestId('certificate-number');
  }
  get holder(): Locator {
    return this.page.getByTestId('certificate-holder');
  }
  get issuedOn(): Locator {
    return this.page.getByTestId('certificate-issued-on');
  }
  get hours(): Locator {
    return this.page.getByTestId('certificate-hours');
  }
  get attendanceRate(): Locator {
    return this.page.getByTestId('certificate-attendance-rate');
  }
  get status(): Locator {
    return this.page.getByTestId('certificate-status');
  }
  /** The snapshot of the competency units, one row each: code, title, hours, status. */
  async competencies(): Promise<string[][]> {
    return this.page
      .getByTestId('certificate-competencies')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          Array.from(r.querySelectorAll('td')).map((td) =>
            (td.textContent ?? '').replace(/\s+/g, ' ').trim(),
          ),
        ),
      );
  }
  get downloadLink(): Locator {
    return this.page.getByTestId('certificate-download');
  }
  get verifyLink(): Locator {
    return this.page.getByTestId('certificate-verify-link');
  }
  get revokeForm(): Locator {
    return this.page.getByTestId('revoke-form');
  }

  /** Revokes with a reason; returns the page that follows (the certificate again, or the form with errors). */
  async revoke(reason: string): Promise<Response> {
    await this.revokeForm.getByLabel('Alasan pencabutan').fill(reason);
    await this.page.getByTestId('certificate-revoke').click();
    return navigation(this.page, () =>
      this.page.locator('dialog.confirm').getByTestId('confirm-yes').click(),
    );
  }
}

export class VerifyPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<{ page: VerifyPage; response: Response }> {
    const response = await navigation(page, () => page.goto(url));
    return { page: new VerifyPage(page), response };
  }

  get status(): Locator {
    return this.page.getByTestId('verify-status');
  }
  get number(): Locator {
    return this.page.getByTestId('verify-number');
  }
  get initials(): Locator {
    return this.page.getByTestId('verify-initials');
  }
  get programme(): Locator {
    return this.page.getByTestId('verify-programme');
  }
  get issuedOn(): Locator {
    return this.page.getByTestId('verify-issued-on');
  }
  get revokedOn(): Locator {
    return this.page.getByTestId('verify-revoked-on');
  }
  /** The labels of the facts the page gives, in order. */
  factLabels(): Promise<string[]> {
    return this.page.getByTestId('verify-facts').locator('dt').allInnerTexts();
  }
  /** Everything a visitor can read on the page. */
  async bodyText(): Promise<string> {
    return (await this.page.locator('body').innerText()).replace(/\s+/g, ' ');
  }
}
