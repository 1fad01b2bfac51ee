// The monthly report in the browser (issue 14), on the demo: the petugas drafts a month and writes
// its narrative, the Kepala UPT signs and submits it (asked first), the Kanwil Jawa Timur viewer
// sees it arrive in the inbox and returns it with a note, the petugas starts a revision, the Kepala
// submits the new version and the Kanwil acknowledges it; both versions stay on the report page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { monthsBefore } from '../../src/modules/reports/reports.rules.ts';
import { todayWib } from '../attendance-fixtures.ts';
import { DEMO_PASSWORD, DESKTOP, NARROW_PHONE, useE2e } from './harness.ts';
import { fits, navigation, SignInPage } from './pages.ts';

const e2e = useE2e();

async function signedIn(username: string, viewport = DESKTOP): Promise<Page> {
  const page = await e2e.newPage({ viewport });
  await new SignInPage(page).open().then((p) => p.signIn(username, DEMO_PASSWORD));
  return page;
}

/** One report's page: its status, its forms and its versions. */
class ReportPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, id: string): Promise<ReportPage> {
    const res = await navigation(page, () => page.goto(`/reports/${id}`));
    assert.equal(res.status(), 200, `/reports/${id}`);
    return new ReportPage(page);
  }

  get id(): string {
    return new URL(this.page.url()).pathname.split('/').pop() ?? '';
  }

  /** The status badge under the title (the versions table repeats it per version). */
  status(): Promise<string> {
    return this.page.getByTestId('report-status').first().innerText();
  }

  async writeNarrative(text: string): Promise<void> {
    await this.page.locator('#f-narrative').fill(text);
    const res = await navigation(this.page, () => this.page.getByTestId('narrative-save').click());
    assert.equal(res.status(), 200);
  }

  /** "Tandatangani dan kirim": asked first in a dialog (src/app/confirm.tsx); yes sends it. */
  async signAndSubmit(): Promise<void> {
    await this.page.getByTestId('report-submit').click();
    const dialog = this.page.locator('dialog.confirm');
    await dialog.waitFor({ state: 'visible' });
    const res = await navigation(this.page, () => dialog.getByTestId('confirm-yes').click());
    assert.equal(res.status(), 200, `submitting answered ${res.status()}`);
  }

  async returnWith(note: string): Promise<void> {
    await this.page.locator('#f-note').fill(note);
    const res = await navigation(this.page, () => this.page.getByTestId('report-return').click());
    assert.equal(res.status(), 200);
  }

  async acknowledge(): Promise<void> {
    const res = await navigation(this.page, () => this.page.getByTestId('report-acknowledge').click());
    assert.equal(res.status(), 200);
  }

  /** "Ajukan revisi": lands on the new version. */
  async revise(reason: string): Promise<ReportPage> {
    await this.page.locator('#f-reason').fill(reason);
    const res = await navigation(this.page, () => this.page.getByTestId('report-revise').click());
    assert.equal(res.status(), 200);
    return new ReportPage(this.page);
  }

  versionStatus(n: number): Promise<string | null> {
    return this.page.getByTestId(`version-${n}`).getAttribute('data-status');
  }
}

describe('the monthly report in the browser', () => {
  test('drafted, signed, returned by the Kanwil with a note, revised and acknowledged', async () => {
    const db = e2e.app.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const taken = new Set(
      (await db.selectFrom('monthly_reports').select('month').where('unit_id', '=', unit.id).execute()).map(
        (r) => r.month.slice(0, 7),
      ),
    );
    // The newest ended month of the list that has no report yet (the demo reports the others).
    const month = monthsBefore(todayWib().slice(0, 7), 12).find((m) => !taken.has(m));
    assert.ok(month, `every month of the list has a report: ${[...taken].join(', ')}`);

    // The petugas starts the month from the list, on her phone, and writes the narrative.
    const petugas = await signedIn('petugas.magetan', NARROW_PHONE);
    await navigation(petugas, () => petugas.goto('/reports'));
    await fits(petugas, '/reports');
    const row = petugas.getByTestId(`month-${month}`);
    await navigation(petugas, () => row.getByTestId('report-draft').click());
    const draft = new ReportPage(petugas);
    assert.match(petugas.url(), /\/reports\/[0-9a-f-]{36}$/);
    // The page object reads its id from the page's address: keep version 1's before it moves on.
    const v1 = draft.id;
    assert.match(await draft.status(), /Draf/);
    await fits(petugas, 'the draft');
    await draft.writeNarrative(
      'Kelas rajut berjalan sesuai jadwal; pesanan PT. Arta Jayendra Perkasa terpenuhi.',
    );
    assert.equal(await petugas.getByTestId('report-submit').count(), 0, 'the petugas does not sign');

    // The Kepala UPT signs and submits, after the dialog asks.
    const kepala = await signedIn('ari.rahmanto');
    const signing = await ReportPage.open(kepala, v1);
    await signing.signAndSubmit();
    assert.match(await signing.status(), /Dikirim/);
    assert.match(await kepala.getByTestId('report-freshness').innerText(), /dibekukan/);

    // The Kanwil Jawa Timur viewer sees it arrive in the inbox and returns it with a note.
    const kanwil = await signedIn('kanwil.jatim');
    await navigation(kanwil, () => kanwil.goto(`/reports?month=${month}&status=submitted`));
    const arrived = kanwil.getByTestId(`inbox-${v1}`);
    assert.equal(await arrived.count(), 1, 'the submitted report is in the inbox');
    assert.match(await arrived.innerText(), /Magetan/);
    await navigation(kanwil, () => arrived.getByRole('link').click());
    const review = new ReportPage(kanwil);
    const note = 'Jumlah sesi dibatalkan belum dijelaskan dalam uraian.';
    const noteless = await navigation(kanwil, () => kanwil.getByTestId('report-return').click());
    assert.equal(noteless.status(), 400, 'returning needs a note');
    await review.returnWith(note);
    assert.match(await review.status(), /Dikembalikan/);

    // The petugas sees the note and starts a revision; the Kepala submits the new version.
    const returned = await ReportPage.open(petugas, v1);
    assert.match(await petugas.getByTestId('report-review-note').innerText(), /sesi dibatalkan/);
    const v2 = await returned.revise('Dikembalikan Kanwil: uraian sesi dibatalkan dilengkapi');
    assert.notEqual(v2.id, v1);
    await v2.writeNarrative(
      'Kelas rajut berjalan sesuai jadwal; satu sesi dibatalkan karena kegiatan pembinaan kepribadian.',
    );
    const signing2 = await ReportPage.open(kepala, v2.id);
    await signing2.signAndSubmit();

    // The Kanwil acknowledges the revised version; both versions stay visible with their status.
    const final = await ReportPage.open(kanwil, v2.id);
    await final.acknowledge();
    assert.match(await final.status(), /Diterima/);
    assert.equal(await final.versionStatus(2), 'acknowledged');
    assert.equal(await final.versionStatus(1), 'returned');
  });
});
