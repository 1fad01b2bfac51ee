// The demo's public face (demo.humas.ts), checked against the seeded database: the signing of 21
// January 2026 published as a fresh telling of the original story (no run of 8 words copied),
// approved by the Kepala UPT and published by Humas on the story's days; the first certificates as
// a second item with counts only; the knitting products in the gallery with confirmed photos; and
// three order inquiries from the public: one waiting, one confirmed into a sale, one declined.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { dayInZone } from '../../app/format.ts';
import {
  countWord,
  DEMO_BUYERS,
  SIGNING_DAY,
  SIGNING_STORY,
  sharedRun,
  wordsOf,
} from './demo.humas.story.ts';

// The original article lives beside the repository (the project's domain brief), not in it; the
// repository keeps only fingerprints of its runs of 8 words (test/fixtures/seed-article-runs.json:
// the first 16 hex digits of the SHA-256 of each run, lower-case words joined by one space), so the
// check runs on every clean clone without copying a sentence.
const ARTICLE = new URL('../../../../shared/domain/seed-article-id.txt', import.meta.url);
const RUNS = new URL('../../../test/fixtures/seed-article-runs.json', import.meta.url);
const fingerprints = new Set<string>((JSON.parse(readFileSync(RUNS, 'utf8')) as { runs: string[] }).runs);
const fingerprint = (run: string) => createHash('sha256').update(run).digest('hex').slice(0, 16);

/** The runs of `n` words of `text`, in order. */
function runsOf(text: string, n = 8): string[] {
  const w = wordsOf(text);
  return Array.from({ length: Math.max(0, w.length - n + 1) }, (_, i) => w.slice(i, i + n).join(' '));
}

describe('demo: news, gallery and orders of Rutan Magetan', () => {
  let t: TestApp;
  let magetan: { id: string; public_slug: string };
  const users = new Map<string, string>();
  before(async () => {
    t = await startTestApp({}, { demo: true });
    magetan = await t.db
      .selectFrom('units')
      .select(['id', 'public_slug'])
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    for (const u of await t.db.selectFrom('users').select(['id', 'username']).execute())
      users.set(u.username, u.id);
  });
  after(() => t.close());

  const item = (kind: 'agreement' | 'certificates') =>
    t.db
      .selectFrom('news_items')
      .selectAll()
      .where('unit_id', '=', magetan.id)
      .where('event_kind', '=', kind)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();

  test('the demo unit’s public address is /site/rutan-kelas-iib-magetan', () => {
    assert.equal(magetan.public_slug, 'rutan-kelas-iib-magetan');
  });

  test('the story of the signing shares no run of 8 words with the original article', () => {
    assert.ok(fingerprints.size > 100, 'the article has its fingerprints');
    for (const text of Object.values(SIGNING_STORY))
      for (const run of runsOf(text)) assert.ok(!fingerprints.has(fingerprint(run)), `copied: "${run}"`);
    // Where the domain brief is beside the checkout, the fingerprints are those of the article.
    if (existsSync(ARTICLE)) {
      const article = readFileSync(ARTICLE, 'utf8');
      assert.deepEqual(new Set(runsOf(article).map(fingerprint)), fingerprints);
      for (const text of Object.values(SIGNING_STORY)) assert.equal(sharedRun(text, article, 8), null, text);
    }
  });

  test('the signing is published: made from the agreement, written by Humas, approved by the Kepala UPT on the story’s days', async () => {
    const n = await item('agreement');
    assert.equal(n.event_day, SIGNING_DAY);
    const pks = await t.db
      .selectFrom('agreements')
      .select(['id', 'signed_on'])
      .where('unit_id', '=', magetan.id)
      .where('kind', '=', 'pks')
      .executeTakeFirstOrThrow();
    assert.equal(n.event_id, pks.id, 'drafted from the PKS record');
    assert.equal(n.title, SIGNING_STORY.title);
    assert.equal(n.dateline, 'Magetan –');
    assert.equal(n.created_by, users.get('humas.magetan'));
    assert.equal(n.submitted_by, users.get('humas.magetan'));
    assert.equal(n.approved_by, users.get('ari.rahmanto'), 'approved by the Kepala UPT');
    assert.equal(n.published_by, users.get('humas.magetan'));
    assert.ok(n.approved_at && n.published_at);
    assert.equal(dayInZone(n.approved_at, 'Asia/Jakarta'), SIGNING_DAY);
    assert.equal(dayInZone(n.published_at, 'Asia/Jakarta'), '2026-01-22');
    const all = [n.title, n.lead, n.body_html, n.quote ?? '', n.quote_by ?? ''].join(' ');
    for (const run of runsOf(all)) assert.ok(!fingerprints.has(fingerprint(run)), `copied: "${run}"`);
    // What the story tells: who signed, the class every Wednesday, its products, the Kepala's words.
    for (const fact of [
      'Mandawati',
      'PT. Arta Jayendra Perkasa',
      '21 Januari 2026',
      'setiap hari Rabu',
      'asesmen',
      'tas, dompet dan gantungan kunci',
      'UMKM',
    ])
      assert.ok(all.includes(fact), fact);
    assert.equal(n.quote_by, 'Kepala Rutan Kelas IIB Magetan', 'the Kepala is quoted by title');
    assert.doesNotMatch(all, /Ari Rahmanto/);
    const photos = await t.db.selectFrom('news_photos').selectAll().where('news_id', '=', n.id).execute();
    assert.ok(photos.length >= 1, 'a cover photo');
    for (const p of photos) assert.equal(p.confirmation, 'no_identifiable');
  });

  test('the first certificates are a second published item, with counts and no holder’s name', async () => {
    const n = await item('certificates');
    const certs = await t.db
      .selectFrom('certificates')
      .select(['holder_name', 'issued_on'])
      .where('unit_id', '=', magetan.id)
      .where('status', '=', 'valid')
      .execute();
    assert.ok(certs.length > 0);
    const first = certs.map((c) => c.issued_on).sort()[0];
    assert.equal(n.event_day, first);
    const all = [n.title, n.lead, n.body_html, n.quote ?? ''].join(' ');
    const onFirstDay = certs.filter((c) => c.issued_on === first).length;
    assert.ok(wordsOf(n.lead).includes(countWord(onFirstDay)), `the lead counts ${onFirstDay}: ${n.lead}`);
    for (const c of certs) assert.equal(all.toLowerCase().includes(c.holder_name.toLowerCase()), false);
    assert.ok(n.approved_by === users.get('ari.rahmanto'));
  });

  test('an item still in the newsroom is not public', async () => {
    const open = await t.db
      .selectFrom('news_items')
      .select(['status'])
      .where('unit_id', '=', magetan.id)
      .where('status', '!=', 'published')
      .execute();
    assert.ok(open.length >= 1);
  });

  test('the gallery shows the knitting products, each with a confirmed photo, a blurb and its price', async () => {
    const rows = await t.db
      .selectFrom('gallery_entries as g')
      .innerJoin('products as p', 'p.id', 'g.product_id')
      .select(['p.name', 'p.price', 'g.blurb', 'g.published', 'g.photo_file_id', 'g.photo_confirmation'])
      .where('g.unit_id', '=', magetan.id)
      .execute();
    const names = rows.filter((r) => r.published).map((r) => r.name);
    for (const p of ['Tas rajut', 'Dompet rajut', 'Gantungan kunci rajut'])
      assert.ok(names.includes(p), `${p} in the gallery: ${names.join(', ')}`);
    for (const r of rows.filter((x) => x.published)) {
      assert.ok(r.blurb && r.blurb.length > 30, r.name);
      assert.ok(Number(r.price) > 0, r.name);
      assert.ok(r.photo_file_id, `${r.name} has Humas's photo`);
      assert.equal(r.photo_confirmation, 'no_identifiable');
      const file = await t.db
        .selectFrom('files')
        .select(['mime'])
        .where('id', '=', r.photo_file_id)
        .executeTakeFirstOrThrow();
      assert.equal(file.mime, 'image/jpeg', 'stored through the image pipeline');
    }
  });

  test('order inquiries from the public: one waiting, one confirmed into a sale, one declined', async () => {
    const rows = await t.db
      .selectFrom('order_inquiries as o')
      .leftJoin('sales as s', 's.id', 'o.sale_id')
      .select(['o.buyer_name', 'o.status', 'o.decline_reason', 's.channel', 's.buyer_name as sale_buyer'])
      .where('o.unit_id', '=', magetan.id)
      .execute();
    const by = new Map(rows.map((r) => [r.buyer_name, r]));
    assert.equal(by.get(DEMO_BUYERS.pending.name)?.status, 'pending');
    const confirmed = by.get(DEMO_BUYERS.confirmed.name);
    assert.equal(confirmed?.status, 'confirmed');
    assert.equal(confirmed?.channel, 'order');
    const declined = by.get(DEMO_BUYERS.declined.name);
    assert.equal(declined?.status, 'declined');
    assert.ok((declined?.decline_reason ?? '').length > 10);
  });
});
