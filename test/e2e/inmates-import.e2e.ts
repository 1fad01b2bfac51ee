// The SDP import's progress page in a real browser: the bar and its phase are announced, and the
// page's script follows the job and shows the preview when the job is done, without a reload.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actingAs } from '../../src/app/principal.ts';
import { queueImport, runImportJob } from '../../src/modules/inmates/inmates.import.service.ts';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { SignInPage } from './pages.ts';

const e2e = useE2e();

describe('SDP import progress', () => {
  test('a queued import shows a labelled progress bar that follows the job and turns into the preview on its own', async () => {
    const page = await e2e.newPage({ viewport: NARROW_PHONE });
    await (await new SignInPage(page).open()).signIn('petugas.magetan', DEMO_PASSWORD);
    const user = await e2e.app.db
      .selectFrom('users')
      .select(['id', 'unit_id'])
      .where('username', '=', 'petugas.magetan')
      .executeTakeFirstOrThrow();
    const unitId = user.unit_id ?? '';
    // Queued but not yet taken by a worker, as when every worker is busy.
    const csv =
      'No. Registrasi;Nama;Jenis Kelamin;Tanggal Lahir;Tanggal Masuk\nB.I 4242/2025;Joko Prasetyo;L;01/01/1990;01/02/2025\n';
    const actor = { userId: user.id, name: 'petugas.magetan' };
    const who = { ...actingAs(actor), unitId, scope: { all: false as const, unitIds: [unitId] } };
    const id = await queueImport(
      { db: e2e.app.db, who, now: new Date() },
      { filename: 'antre.csv', content: Buffer.from(csv) },
    );
    await page.goto(`/inmates/import/${id}`);
    const bar = page.getByRole('progressbar', { name: 'Kemajuan impor' });
    assert.equal(await bar.isVisible(), true);
    assert.equal(await page.getByRole('status').textContent(), 'Menunggu giliran diproses…');
    assert.equal(await page.getByTestId('import-reload').isVisible(), true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= NARROW_PHONE.width, `the progress page is ${width}px wide`);

    await runImportJob(e2e.app.db, { kind: 'preview', id });
    await page.getByTestId('import-summary').waitFor({ timeout: 10_000 });
    assert.match(
      (await page.getByTestId('import-summary').textContent()) ?? '',
      /1 baris siap: 1 baru, 0 diperbarui/,
    );
  });
});
