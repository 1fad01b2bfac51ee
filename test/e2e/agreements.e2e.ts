// The journey of issue 3: a petugas registers a partner, records the PKS and uploads its signed
// scan; the Kepala UPT marks it signed; anyone who may see it downloads the PDF summary.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dayInZone } from '../../src/app/format.ts';
import { AgreementFormPage, AgreementPage, PartnerFormPage, PartnerPage } from './agreement-pages.ts';
import { DEMO_PASSWORD, DESKTOP, useE2e } from './harness.ts';
import { navigation, SignInPage } from './pages.ts';

const e2e = useE2e();
/** A day relative to today in Magetan (WIB), as the form takes it: the test must not age. */
const day = (offset: number) => dayInZone(new Date(Date.now() + offset * 86_400_000), 'Asia/Jakarta');
const SIGNED_ON = day(-7);
const VALID_FROM = day(1);
const SCAN = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

describe('partners and agreements in the browser', () => {
  test('a partner is registered, its PKS recorded with a signed scan, marked signed by the Kepala UPT, and its PDF summary downloaded', async () => {
    const page = await e2e.newPage({ viewport: DESKTOP, acceptDownloads: true });
    await new SignInPage(page).open().then((p) => p.signIn('petugas.magetan', DEMO_PASSWORD));

    const partnerForm = await PartnerFormPage.open(page);
    await partnerForm.fill({
      legalName: 'CV Rajut Nusantara',
      city: 'Magetan',
      contact: 'Dewi Lestari',
      position: 'Pemilik',
    });
    assert.equal((await partnerForm.save()).status(), 200);
    const partner = new PartnerPage(page);
    assert.equal(await partner.name.textContent(), 'CV Rajut Nusantara');
    assert.match(await page.locator('main').innerText(), /Dewi Lestari, Pemilik/);

    await partner.newAgreement();
    const form = new AgreementFormPage(page);
    await form.fill({
      title: 'PKS Pelatihan Rajut Lanjutan',
      signedOn: SIGNED_ON,
      validFrom: VALID_FROM,
      obligationsSecond: 'Menyediakan instruktur\nMenyediakan benang',
      pieceRates: 'Tas rajut; buah; 35.000',
    });
    assert.equal((await form.save()).status(), 200);
    const agreement = new AgreementPage(page);
    assert.equal(await agreement.title.textContent(), 'PKS Pelatihan Rajut Lanjutan');
    assert.equal(await agreement.status.textContent(), 'Draf');
    assert.equal(await agreement.signButton.count(), 0, 'a petugas cannot mark it signed');
    const url = page.url();

    assert.equal(
      (await agreement.upload({ name: 'pks-ttd.pdf', mimeType: 'application/pdf', buffer: SCAN })).status(),
      200,
    );
    assert.match((await agreement.flash.textContent()) ?? '', /Berkas diunggah/);
    assert.match(await agreement.documents.innerText(), /pks-ttd\.pdf/);

    const refused = await agreement.upload({
      name: 'virus.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ this is not a pdf'),
    });
    assert.equal(refused.status(), 400);
    assert.match(await page.getByTestId('error-file').innerText(), /tidak didukung|tidak sesuai/);

    await agreement.signOut();
    await new SignInPage(page).open().then((p) => p.signIn('ari.rahmanto', DEMO_PASSWORD));
    await navigation(page, () => page.goto(url));
    assert.equal((await agreement.sign()).status(), 200);
    assert.equal(await agreement.status.textContent(), 'Ditandatangani');
    assert.match(
      await page.getByTestId('terms-none').innerText(),
      /Belum ada ketentuan/,
      'it starts tomorrow',
    );
    await agreement.showTermsOn(day(8));
    assert.match(await agreement.rates.innerText(), /Tas rajut: Rp 35\.000 \/ buah/);

    await page.setViewportSize({ width: 360, height: 740 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the agreement page scrolls sideways on a 360px phone (${width}px)`);

    const pdf = await agreement.downloadSummary();
    assert.match(pdf.name, /^ringkasan-pks-pelatihan-rajut-lanjutan\.pdf$/);
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  });
});
