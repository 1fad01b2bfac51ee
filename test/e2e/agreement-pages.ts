// Page objects for partners and agreements.
import type { Locator, Page, Response } from 'playwright-core';
import { AppPage, navigation } from './pages.ts';

export class PartnerFormPage extends AppPage {
  static async open(page: Page): Promise<PartnerFormPage> {
    await navigation(page, () => page.goto('/partners/new'));
    return new PartnerFormPage(page);
  }
  field(name: string): Locator {
    return this.page.locator(`[data-testid="partner-form"] [name="${name}"]`).first();
  }
  async fill(v: { legalName: string; city: string; contact: string; position: string }): Promise<void> {
    await this.page.getByLabel('Nama resmi').fill(v.legalName);
    await this.page.getByLabel('Kota/kabupaten').fill(v.city);
    await this.page.getByLabel('Nama 1').fill(v.contact);
    await this.page.getByLabel('Jabatan 1').fill(v.position);
  }
  save(): Promise<Response> {
    return navigation(this.page, () => this.page.getByTestId('partner-save').click());
  }
}

export class PartnerPage extends AppPage {
  get name(): Locator {
    return this.page.getByTestId('partner-name');
  }
  newAgreement(): Promise<Response> {
    return navigation(this.page, () => this.page.getByTestId('agreement-new-for-partner').click());
  }
}

export class AgreementFormPage extends AppPage {
  async fill(v: {
    title: string;
    signedOn: string;
    validFrom: string;
    obligationsSecond: string;
    pieceRates: string;
  }): Promise<void> {
    await this.page.getByLabel('Judul').fill(v.title);
    await this.page.getByLabel('Tanggal penandatanganan').fill(v.signedOn);
    await this.page.getByLabel('Berlaku mulai').fill(v.validFrom);
    await this.page.getByLabel('Kewajiban Pihak Kedua').fill(v.obligationsSecond);
    await this.page.getByLabel('Skema pembayaran').selectOption('piece_rate');
    await this.page.getByLabel('Tarif per barang').fill(v.pieceRates);
  }
  save(): Promise<Response> {
    return navigation(this.page, () => this.page.getByTestId('agreement-save').click());
  }
}

export class AgreementPage extends AppPage {
  get title(): Locator {
    return this.page.getByTestId('agreement-title');
  }
  get status(): Locator {
    return this.page.getByTestId('agreement-status').first();
  }
  get signButton(): Locator {
    return this.page.getByTestId('action-sign');
  }
  get documents(): Locator {
    return this.page.getByTestId('agreement-documents');
  }
  get rates(): Locator {
    return this.page.getByTestId('terms-rates');
  }
  async upload(file: { name: string; mimeType: string; buffer: Buffer }): Promise<Response> {
    await this.page.getByTestId('upload-file').setInputFiles(file);
    return navigation(this.page, () => this.page.getByTestId('upload-submit').click());
  }
  async showTermsOn(day: string): Promise<void> {
    await this.page.getByTestId('terms-on').fill(day);
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Tampilkan' }).click());
  }
  sign(): Promise<Response> {
    return navigation(this.page, () => this.signButton.click());
  }
  /** Clicks the PDF link and returns the downloaded bytes. */
  async downloadSummary(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('agreement-pdf').click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }
}
