// Humas in the browser (issue 17), on the demo's records and a 360x740 phone: an agreement signed
// today becomes a draft on /newsroom; Humas edits the title, adds and confirms a photo and submits;
// the Kepala UPT approves it from the approvals inbox; Humas publishes; the unit's public page lists
// it and its page carries the Open Graph tags. A visitor orders from the public gallery (the
// proof-of-work widget solves in the browser) and gets a reference; the petugas confirms the order
// into a sale on /orders.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { dayInZone } from '../../src/app/format.ts';
import { act, createAgreement } from '../../src/modules/agreements/agreements.service.ts';
import { actingAs } from '../../src/modules/demo/demo.ctx.ts';
import { stitchPng } from '../../src/modules/demo/demo.png.ts';
import { createPartner } from '../../src/modules/partners/partners.service.ts';
import { DEMO_PASSWORD, NARROW_PHONE, useE2e } from './harness.ts';
import { fits, navigation, SignInPage } from './pages.ts';

const e2e = useE2e();
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe-core findings on the page just loaded. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  type Found = {
    violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
  };
  type AxeWindow = { axe: { run(context: Document, options: object): Promise<Found> } };
  const axe = await page.evaluate(() =>
    (window as unknown as AxeWindow).axe.run(document, { resultTypes: ['violations'] }),
  );
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** What the pages along the way got wrong (sideways scroll, axe), reported together at the end. */
const problems: string[] = [];
async function checked(page: Page, where: string) {
  await fits(page, where).catch((err: Error) => problems.push(err.message.split('\n')[0] ?? where));
  for (const p of await axeProblems(page)) problems.push(`${where}: axe ${p}`);
}

async function signedIn(username: string): Promise<Page> {
  const page = await e2e.newPage({ viewport: NARROW_PHONE });
  await new SignInPage(page).open().then((p) => p.signIn(username, DEMO_PASSWORD));
  return page;
}

const PARTNER = 'CV. Sandang Lawu Mandiri';
const TITLE = 'Rutan Magetan Gandeng CV. Sandang Lawu Mandiri Latih Warga Binaan Menjahit';

/** A second PKS of the Rutan, signed by the Kepala UPT today (the newsroom's newest event). */
async function signAgreementToday(): Promise<{ id: string; day: string }> {
  const db = e2e.app.db;
  const day = dayInZone(new Date(), 'Asia/Jakarta');
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('code', '=', 'RUTAN-MGT')
    .executeTakeFirstOrThrow();
  const user = (username: string) =>
    db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const petugas = await user('petugas.magetan');
  const kepala = await user('ari.rahmanto');
  const asPetugas = actingAs(db, { userId: petugas.id, name: 'petugas.magetan' }, petugas.id);
  const partnerId = await createPartner(asPetugas, {
    unit_id: unit.id,
    type: 'company',
    legal_name: PARTNER,
    address: 'Jl. Raya Maospati No. 40',
    city: 'Magetan',
    notes: 'Konveksi pakaian seragam dan tas kain.',
    contacts: [{ name: 'Kusnadi', position: 'Direktur' }],
  });
  const id = await createAgreement(asPetugas, {
    partner_id: partnerId,
    kind: 'pks',
    title: 'Perjanjian Kerja Sama Pelatihan Menjahit bagi Warga Binaan Rutan Kelas IIB Magetan',
    number_first: 'W15.PAS.17-HM.01.02-101/2026',
    number_second: '014/SLM/PKS/XII/2026',
    signed_on: day,
    signed_place: 'Magetan',
    valid_from: day,
    parties: [
      {
        role: 'first',
        name: 'Rutan Kelas IIB Magetan',
        signatory_name: 'Ari Rahmanto',
        signatory_position: 'Kepala Rutan Kelas IIB Magetan',
      },
      { role: 'second', name: PARTNER, signatory_name: 'Kusnadi', signatory_position: 'Direktur' },
    ],
    program_aksi_ids: [],
    terms: {
      scope: 'Pelatihan menjahit pakaian dan tas kain bagi warga binaan yang terpilih melalui asesmen.',
      obligations_first: ['Menyediakan ruang jahit dan memilih peserta melalui asesmen'],
      obligations_second: ['Menyediakan instruktur, mesin jahit dan kain pelatihan'],
      materials_by: 'partner',
      pay_model: 'piece_rate',
      piece_rates: [{ product: 'Tas kain', unit: 'buah', rate: 12000 }],
      rejects_saleable: false,
    },
  });
  await act(actingAs(db, { userId: kepala.id, name: 'ari.rahmanto' }, kepala.id), id, { action: 'sign' });
  await act(asPetugas, id, { action: 'activate' });
  return { id, day };
}

describe('Humas in the browser', () => {
  test('an agreement becomes a draft, is approved by the Kepala, published with its Open Graph tags; a visitor orders and the petugas confirms', async () => {
    const db = e2e.app.db;
    const pks = await signAgreementToday();
    const unit = await db
      .selectFrom('units')
      .select(['public_slug', 'name'])
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();

    // Humas: the newsroom offers the signing as an event; "Buat draf" makes the draft.
    const humas = await signedIn('humas.magetan');
    await navigation(humas, () => humas.goto('/newsroom'));
    await checked(humas, '/newsroom');
    await navigation(humas, () => humas.getByTestId(`news-event-agreement-${pks.id}`).click());
    const itemPath = new URL(humas.url()).pathname;
    assert.match(itemPath, /^\/newsroom\/[0-9a-f-]{36}$/);
    const newsId = itemPath.split('/')[2] ?? '';
    assert.equal((await humas.getByTestId('news-status').innerText()).trim(), 'Draf');
    await checked(humas, 'draft page');

    // Edits the title and saves.
    const form = humas.getByTestId('news-form');
    await form.locator('input[name="title"]').fill(TITLE);
    await navigation(humas, () => humas.getByTestId('news-save').click());
    const saved = await db
      .selectFrom('news_items')
      .select(['title', 'status', 'event_kind', 'event_id'])
      .where('id', '=', newsId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(saved, { title: TITLE, status: 'draft', event_kind: 'agreement', event_id: pks.id });

    // A photo of the signing (a new upload: no journal photo that day), confirmed: nobody identifiable.
    await humas
      .getByTestId('news-photo-upload')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'penandatanganan.png',
        mimeType: 'image/png',
        buffer: stitchPng(320, 240, [44, 110, 160], [245, 236, 220]),
      });
    await navigation(humas, () =>
      humas.getByTestId('news-photo-upload').locator('button[type="submit"]').click(),
    );
    const photo = humas
      .getByTestId('news-photos')
      .locator('li')
      .filter({ has: humas.getByTestId('news-photo-confirm') });
    await photo.locator('input[value="no_identifiable"]').check();
    await navigation(humas, () => photo.getByTestId('news-photo-confirm').click());
    const photos = await db
      .selectFrom('news_photos')
      .select(['confirmation'])
      .where('news_id', '=', newsId)
      .execute();
    assert.deepEqual(photos, [{ confirmation: 'no_identifiable' }]);

    await navigation(humas, () => humas.getByTestId('news-submit').click());
    assert.equal((await humas.getByTestId('news-status').innerText()).trim(), 'Menunggu persetujuan');

    // The Kepala UPT: the item waits in the approvals inbox; approved from its page.
    const kepala = await signedIn('ari.rahmanto');
    await navigation(kepala, () => kepala.goto('/approvals'));
    const inbox = kepala.locator(`main a[href="/newsroom/${newsId}"]`);
    await inbox.first().waitFor();
    await navigation(kepala, () => inbox.first().click());
    await checked(kepala, 'item page for the Kepala');
    await navigation(kepala, () => kepala.getByTestId('news-approve').click());
    assert.equal((await kepala.getByTestId('news-status').innerText()).trim(), 'Disetujui');

    // Humas publishes.
    await navigation(humas, () => humas.goto(itemPath));
    await navigation(humas, () => humas.getByTestId('news-publish').click());
    const published = await db
      .selectFrom('news_items')
      .select(['status', 'slug', 'lead', 'approved_by', 'published_by'])
      .where('id', '=', newsId)
      .executeTakeFirstOrThrow();
    assert.equal(published.status, 'published');

    // The public: the unit's page lists it first; its page has the link preview's tags.
    const visitor = await e2e.newPage({ viewport: NARROW_PHONE });
    const site = `/site/${unit.public_slug}`;
    const res = await navigation(visitor, () => visitor.goto(site));
    assert.equal(res.status(), 200);
    await checked(visitor, site);
    const first = visitor.getByTestId('site-news').locator('li').first();
    assert.match(await first.innerText(), /Sandang Lawu Mandiri/);
    await navigation(visitor, () => visitor.getByTestId(`site-news-${published.slug}`).click());
    assert.equal(new URL(visitor.url()).pathname, `${site}/news/${published.slug}`);
    assert.equal((await visitor.getByTestId('site-news-title').innerText()).trim(), TITLE);
    const meta = (property: string) =>
      visitor.locator(`meta[property="${property}"]`).getAttribute('content');
    assert.equal(await meta('og:title'), TITLE);
    assert.equal(await meta('og:description'), published.lead);
    const image = (await meta('og:image')) ?? '';
    assert.match(image, new RegExp(`^https?://[^/]+${site}/photos/[0-9a-f-]{36}/web$`));
    const photoRes = await visitor.request.get(new URL(new URL(image).pathname, e2e.baseUrl).toString());
    assert.equal(photoRes.status(), 200);
    assert.equal(photoRes.headers()['content-type'], 'image/jpeg');
    await checked(visitor, 'public item page');

    // A visitor orders from the gallery: the form's widget solves its challenge, the reference shows.
    const product = await db
      .selectFrom('gallery_entries as g')
      .innerJoin('products as p', 'p.id', 'g.product_id')
      .select(['p.id', 'p.name', 'p.on_hand', 'p.reserved'])
      .where('g.published', '=', true)
      .where('p.name', '=', 'Dompet rajut')
      .executeTakeFirstOrThrow();
    assert.ok(product.on_hand - product.reserved >= 1, 'a wallet in stock');
    await navigation(visitor, () => visitor.goto(`${site}/products`));
    await checked(visitor, 'public gallery');
    await navigation(visitor, () => visitor.getByTestId(`order-${product.id}`).click());
    const order = visitor.getByTestId('order-form');
    await order.locator('input[name="name"]').fill('Hendro Kusumo');
    await order.locator('input[name="whatsapp"]').fill('0813 5566 7788');
    await order.locator('input[name="qty"]').fill('1');
    await visitor.getByTestId('order-delivery-pickup').check();
    await order.locator('textarea[name="note"]').fill('Warna ungu bila ada.');
    const widget = visitor.getByTestId('order-altcha');
    // The widget's checkbox, from the keyboard (its tick mark is drawn over the box).
    await widget.locator('input[type="checkbox"]').focus();
    await visitor.keyboard.press('Space');
    await visitor.waitForFunction(
      () => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value !== '',
      undefined,
      { timeout: 30_000 },
    );
    await checked(visitor, 'order form');
    await navigation(visitor, () => visitor.getByTestId('order-submit').click());
    const reference = (await visitor.getByTestId('order-reference').innerText()).trim();
    assert.match(reference, /^PSN\/\d{4}\/\d{4}$/);
    const inquiry = await db
      .selectFrom('order_inquiries')
      .select(['id', 'status', 'qty', 'buyer_whatsapp'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { status: inquiry.status, qty: inquiry.qty, whatsapp: inquiry.buyer_whatsapp },
      { status: 'pending', qty: 1, whatsapp: '+6281355667788' },
    );

    // The petugas confirms it into a sale on /orders.
    const petugas = await signedIn('petugas.magetan');
    await navigation(petugas, () => petugas.goto('/orders'));
    await checked(petugas, '/orders');
    await navigation(petugas, () =>
      petugas.getByTestId(`order-row-${inquiry.id}`).getByRole('link', { name: reference }).click(),
    );
    await petugas.locator('select[name="payment_method"]').selectOption('tunai');
    await checked(petugas, 'order page');
    await navigation(petugas, () => petugas.getByTestId('order-confirm').click());
    const done = await db
      .selectFrom('order_inquiries as o')
      .innerJoin('sales as s', 's.id', 'o.sale_id')
      .select(['o.status', 's.channel', 's.buyer_name'])
      .where('o.id', '=', inquiry.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(done, { status: 'confirmed', channel: 'order', buyer_name: 'Hendro Kusumo' });
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
