// The units' public pages: only published items and confirmed photos are shown; link previews,
// feeds and the sitemap; cacheable answers (ETag, 304, Cache-Control public, no cookie); escaped
// titles and sanitised bodies; one unit's address never serves another unit's item.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser } from '../../../test/builders.ts';
import { queriesDuring } from '../../../test/query-count.ts';
import type { NewsStatus } from '../../db/schema.ts';

describe('the units’ public pages', () => {
  let t: TestApp;
  let visitor: Client;
  let unit: { id: string; public_slug: string; name: string };
  let other: { id: string; public_slug: string; name: string };
  let n = 0;

  before(async () => {
    t = await startTestApp();
    visitor = t.client();
    const u = await buildUnit(t.db, { name: `Rutan Kelas IIB Uji ${Date.now()}` });
    unit = await t.db
      .updateTable('units')
      .set({ address: 'Jl. Pahlawan No. 1', city: 'Magetan', phone: '(0351) 895123' })
      .where('id', '=', u.id)
      .returning(['id', 'public_slug', 'name'])
      .executeTakeFirstOrThrow();
    other = await t.db
      .selectFrom('units')
      .select(['id', 'public_slug', 'name'])
      .where('id', '=', (await buildUnit(t.db)).id)
      .executeTakeFirstOrThrow();
  });
  after(() => t.close());

  /** A stored photo of the unit (a journal photo until a news item or gallery entry chooses it). */
  async function storedPhoto(unitId = unit.id): Promise<string> {
    n += 1;
    const content = Buffer.from(`jpeg bytes ${n} ${Math.random()}`);
    const f = await t.db
      .insertInto('files')
      .values({
        unit_id: unitId,
        owner_type: 'journal',
        owner_id: unitId,
        kind: 'photo',
        filename: `foto-${n}.jpg`,
        mime: 'image/jpeg',
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return f.id;
  }

  async function newsItem(
    o: Partial<{
      unitId: string;
      status: NewsStatus;
      title: string;
      body_html: string;
      published_at: Date;
    }> = {},
  ) {
    n += 1;
    const status = o.status ?? 'published';
    const at = o.published_at ?? new Date(Date.UTC(2026, 0, 21, 3, 0));
    const approved = status === 'approved' || status === 'published' || status === 'unpublished';
    return t.db
      .insertInto('news_items')
      .values({
        unit_id: o.unitId ?? unit.id,
        // As long as a slug may be (120): longer than the router's 100-character parameter.
        slug: `2026-01-21-berita-uji-${n}-`.padEnd(120, 'x'),
        event_kind: 'agreement',
        event_day: '2026-01-21',
        title: o.title ?? `Penandatanganan perjanjian kerja sama ${n}`,
        dateline: 'Magetan –',
        lead: `Rutan menandatangani perjanjian kerja sama pelatihan keterampilan (${n}).`,
        body_html: o.body_html ?? '<p>Pelatihan merajut dimulai pekan depan.</p>',
        quote: 'Kami berharap keterampilan ini menjadi bekal.',
        quote_by: 'Kepala Rutan',
        status,
        approved_at: approved ? at : null,
        published_at: status === 'published' || status === 'unpublished' ? at : null,
        unpublished_at: status === 'unpublished' ? at : null,
      })
      .returning(['id', 'slug', 'title'])
      .executeTakeFirstOrThrow();
  }

  async function choosePhoto(
    newsId: string,
    fileId: string,
    o: { confirmed: boolean; position?: number; caption?: string },
  ) {
    await t.db
      .insertInto('news_photos')
      .values({
        news_id: newsId,
        file_id: fileId,
        position: o.position ?? 0,
        caption: o.caption ?? null,
        confirmation: o.confirmed ? 'no_identifiable' : null,
        confirmed_at: o.confirmed ? new Date() : null,
      })
      .execute();
  }

  const base = () => t.config.publicBaseUrl;
  const site = (path = '') => `/site/${unit.public_slug}${path}`;

  test('a published item is listed newest first and readable at its address', async () => {
    const older = await newsItem({ published_at: new Date(Date.UTC(2026, 0, 21, 3)) });
    const newer = await newsItem({ published_at: new Date(Date.UTC(2026, 1, 10, 3)) });
    const list = await visitor.get(site());
    assert.equal(list.statusCode, 200);
    const a = list.body.indexOf(`/news/${newer.slug}`);
    const b = list.body.indexOf(`/news/${older.slug}`);
    assert.ok(a > 0 && b > a, 'the newer item comes first');
    assert.match(list.body, new RegExp(unit.name));

    const page = await visitor.get(site(`/news/${older.slug}`));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="site-news-title">Penandatanganan perjanjian kerja sama/);
    assert.match(page.body, /Rabu, 21 Januari 2026/);
    assert.match(page.body, /Magetan –/);
    assert.match(page.body, /Kami berharap keterampilan ini menjadi bekal\./);
    assert.match(page.body, /Jl\. Pahlawan No\. 1/, 'the footer gives the unit’s address');
    assert.match(page.body, /\(0351\) 895123/);
    const en = await visitor.get(site(`/news/${older.slug}?lang=en`));
    assert.match(en.body, /Wednesday, 21 January 2026/);
    assert.match(en.body, /<html lang="en"/);
  });

  test('an item page carries Open Graph and Twitter card tags with the cover’s absolute address', async () => {
    const item = await newsItem();
    const cover = await storedPhoto();
    const second = await storedPhoto();
    await choosePhoto(item.id, second, { confirmed: true, position: 1, caption: 'Peserta pelatihan' });
    await choosePhoto(item.id, cover, { confirmed: true, position: 0 });
    const { body } = await visitor.get(site(`/news/${item.slug}`));
    const url = `${base()}${site(`/news/${item.slug}`)}`;
    const image = `${base()}${site(`/photos/${cover}/web`)}`;
    const meta = (attr: string, name: string) =>
      new RegExp(`<meta ${attr}="${name.replace('.', '\\.')}" content="([^"]*)"`).exec(body)?.[1];
    assert.equal(meta('property', 'og:title'), item.title);
    assert.match(meta('property', 'og:description') ?? '', /menandatangani perjanjian/);
    assert.equal(meta('property', 'og:image'), image);
    assert.equal(meta('property', 'og:url'), url);
    assert.equal(meta('property', 'og:type'), 'article');
    assert.ok(meta('property', 'og:site_name'));
    assert.equal(meta('name', 'twitter:card'), 'summary_large_image');
    assert.equal(meta('name', 'twitter:image'), image);
    assert.equal(meta('name', 'twitter:title'), item.title);
    assert.ok(body.includes(`<link rel="canonical" href="${url}"/>`));
    assert.ok(body.includes(`type="application/atom+xml"`) && body.includes(`${base()}${site('/feed.xml')}`));
    assert.ok(body.includes('alt="Peserta pelatihan"') && body.includes('alt="Dokumentasi kegiatan"'));
    assert.ok(
      body.indexOf(`/photos/${cover}/web`) < body.indexOf(`/photos/${second}/web`),
      'photos in order',
    );
  });

  test('an item not published answers 404 and is in no list, feed or sitemap', async () => {
    const hidden = [];
    for (const status of ['draft', 'submitted', 'approved', 'unpublished'] as const)
      hidden.push(await newsItem({ status }));
    const pages = await Promise.all(
      [site(), site('/feed.xml'), site('/rss.xml'), '/sitemap.xml'].map((p) => visitor.get(p)),
    );
    for (const h of hidden) {
      const res = await visitor.get(site(`/news/${h.slug}`));
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /Halaman tidak ditemukan/);
      assert.doesNotMatch(res.body, /at .*\.ts:\d+/, 'no stack');
      for (const p of pages) assert.equal(p.body.includes(h.slug), false);
    }
    const en = await visitor.get(site(`/news/${hidden[0]?.slug}?lang=en`));
    assert.equal(en.statusCode, 404);
    assert.match(en.body, /Page not found/);
    assert.equal((await visitor.get('/site/no-such-unit')).statusCode, 404);
    assert.equal((await visitor.get('/site/no-such-unit/feed.xml')).statusCode, 404);
    const stray = await visitor.get(site('/no/such/page?lang=en'));
    assert.equal(stray.statusCode, 404);
    assert.match(stray.body, /Page not found/, 'a mistyped address under /site gets the public page');
  });

  test('an item published then unpublished disappears from the page, the feeds and the sitemap', async () => {
    const item = await newsItem({ published_at: new Date(Date.UTC(2026, 2, 2, 3)) });
    const where = [site(), site('/feed.xml'), site('/rss.xml'), '/sitemap.xml'];
    for (const p of where) assert.ok((await visitor.get(p)).body.includes(`/news/${item.slug}`), p);
    const atom = await visitor.get(site('/feed.xml'));
    assert.match(String(atom.headers['content-type']), /application\/atom\+xml/);
    assert.ok(atom.body.includes(`${base()}${site(`/news/${item.slug}`)}`), 'absolute links');
    const sitemap = await visitor.get('/sitemap.xml');
    assert.ok(sitemap.body.includes(`<loc>${base()}${site(`/news/${item.slug}`)}</loc><lastmod>`));

    await t.db
      .updateTable('news_items')
      .set({ status: 'unpublished', unpublished_at: new Date() })
      .where('id', '=', item.id)
      .execute();
    for (const p of where) assert.equal((await visitor.get(p)).body.includes(`/news/${item.slug}`), false, p);
    assert.equal((await visitor.get(site(`/news/${item.slug}`))).statusCode, 404);
  });

  test('a photo is public only as a confirmed photo of a published item of that unit', async () => {
    const published = await newsItem();
    const draft = await newsItem({ status: 'draft' });
    const confirmed = await storedPhoto();
    const unconfirmed = await storedPhoto();
    const ofDraft = await storedPhoto();
    const journal = await storedPhoto();
    await choosePhoto(published.id, confirmed, { confirmed: true });
    await choosePhoto(published.id, unconfirmed, { confirmed: false, position: 1 });
    await choosePhoto(draft.id, ofDraft, { confirmed: true });

    const ok = await visitor.get(site(`/photos/${confirmed}/web`));
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['content-type'], 'image/jpeg');
    assert.match(String(ok.headers['cache-control']), /^public, max-age=\d{5,}/);
    assert.equal(ok.headers['set-cookie'], undefined);
    assert.equal((await visitor.get(site(`/photos/${confirmed}/thumb`))).statusCode, 200, 'thumb falls back');
    const again = await visitor.get(site(`/photos/${confirmed}/web`), {
      'if-none-match': String(ok.headers.etag),
    });
    assert.equal(again.statusCode, 304);

    for (const [what, id] of [
      ['unconfirmed', unconfirmed],
      ['of a draft', ofDraft],
      ['journal photo not chosen', journal],
    ] as const)
      for (const size of ['web', 'thumb'])
        assert.equal((await visitor.get(site(`/photos/${id}/${size}`))).statusCode, 404, `${what} ${size}`);
    assert.equal(
      (await visitor.get(`/site/${other.public_slug}/photos/${confirmed}/web`)).statusCode,
      404,
      'not under another unit’s address',
    );
    assert.equal((await visitor.get(site('/photos/not-a-uuid/web'))).statusCode, 404);
    assert.equal((await visitor.get(site(`/photos/${confirmed}/original`))).statusCode, 404);
    const unconfirmedPage = await visitor.get(site(`/news/${published.slug}`));
    assert.equal(unconfirmedPage.body.includes(unconfirmed), false, 'an unconfirmed photo is not shown');
  });

  test('pages and feeds are cacheable: ETag, 304 on a repeat, Cache-Control public and no cookie', async () => {
    await newsItem();
    for (const path of [
      '/site',
      site(),
      site('/products'),
      site('/feed.xml'),
      site('/rss.xml'),
      '/sitemap.xml',
      '/robots.txt',
    ]) {
      const fresh = t.client();
      const res = await fresh.get(path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(res.headers['cache-control'], 'public, max-age=300', path);
      assert.equal(res.headers['set-cookie'], undefined, `${path} sets no cookie`);
      const etag = res.headers.etag;
      assert.ok(typeof etag === 'string' && etag.length > 4, path);
      const repeat = await fresh.get(path, { 'if-none-match': etag });
      assert.equal(repeat.statusCode, 304, path);
      assert.equal(repeat.body, '');
    }
  });

  test('a signed-in staff member sees the same public page as a visitor', async () => {
    const item = await newsItem();
    const humas = await buildUser(t.db, { roles: ['humas'], unit_id: unit.id });
    const staff = await t.signedIn(humas.username);
    for (const path of [site(), site(`/news/${item.slug}`), site('/products')]) {
      const seen = await staff.get(path);
      const anon = await t.client().get(path);
      assert.equal(seen.statusCode, 200);
      assert.equal(seen.body, anon.body, path);
      assert.equal(seen.headers['cache-control'], 'public, max-age=300');
      assert.equal(seen.body.includes(humas.username), false);
    }
  });

  test('a script or HTML in a title is escaped and the body is sanitised', async () => {
    const item = await newsItem({
      title: '<script>alert("t")</script> Judul <b>tebal</b>',
      body_html:
        '<p>Aman</p><script>alert("b")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>',
    });
    for (const path of [site(`/news/${item.slug}`), site(), site('/feed.xml'), site('/rss.xml')]) {
      const { body } = await visitor.get(path);
      assert.equal(body.includes('<script>alert'), false, path);
      assert.equal(body.includes('onerror'), false, path);
      assert.equal(body.includes('javascript:alert'), false, path);
    }
    const { body } = await visitor.get(site(`/news/${item.slug}`));
    assert.ok(body.includes('&lt;script'), 'the title is shown as text');
    assert.ok(body.includes('<p>Aman</p>'));
  });

  test('another unit’s address cannot serve this unit’s item', async () => {
    const item = await newsItem();
    assert.equal((await visitor.get(site(`/news/${item.slug}`))).statusCode, 200);
    assert.equal((await visitor.get(`/site/${other.public_slug}/news/${item.slug}`)).statusCode, 404);
    const otherFeed = await visitor.get(`/site/${other.public_slug}/feed.xml`);
    assert.equal(otherFeed.body.includes(item.slug), false);
  });

  test('the gallery shows published products with price, available stock and the unit, never unpublished ones', async () => {
    const kind = await t.db.selectFrom('product_kinds').select('id').executeTakeFirstOrThrow();
    const product = async (name: string, photo: string | null) =>
      t.db
        .insertInto('products')
        .values({
          unit_id: unit.id,
          kind_id: kind.id,
          name,
          route: 'own',
          price: 85000,
          photo_file_id: photo,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const shownPhoto = await storedPhoto();
    const unconfirmedPhoto = await storedPhoto();
    const shown = await product('Tas rajut', shownPhoto);
    const noConfirm = await product('Dompet rajut', unconfirmedPhoto);
    const hidden = await product('Syal rajut', null);
    await t.db.updateTable('products').set({ on_hand: 7, reserved: 2 }).where('id', '=', shown.id).execute();
    await t.db
      .insertInto('gallery_entries')
      .values([
        {
          unit_id: unit.id,
          product_id: shown.id,
          published: true,
          published_at: new Date(),
          photo_confirmation: 'no_identifiable',
          photo_confirmed_at: new Date(),
        },
        { unit_id: unit.id, product_id: noConfirm.id, published: true, published_at: new Date() },
        { unit_id: unit.id, product_id: hidden.id, published: false },
      ])
      .execute();
    const { body, statusCode } = await visitor.get(site('/products'));
    assert.equal(statusCode, 200);
    assert.match(body, /Tas rajut/);
    assert.match(body, /Rp 85\.000/);
    assert.match(body, /5 pcs|5 \w+/, 'on hand 7 − reserved 2');
    assert.ok(body.includes(`Dibuat oleh warga binaan ${unit.name}`));
    assert.ok(body.includes(`href="${site(`/products/${shown.id}/order`)}"`));
    assert.ok(body.includes(`data-testid="order-${shown.id}"`));
    assert.doesNotMatch(body, /Syal rajut/);
    assert.ok(body.includes(`/photos/${shownPhoto}/thumb`));
    assert.equal(body.includes(unconfirmedPhoto), false, 'a photo without a confirmation is not shown');
    assert.equal((await visitor.get(site(`/photos/${shownPhoto}/thumb`))).statusCode, 200);
    assert.equal((await visitor.get(site(`/photos/${unconfirmedPhoto}/web`))).statusCode, 404);
    assert.ok((await visitor.get('/sitemap.xml')).body.includes(`${base()}${site('/products')}</loc>`));
  });

  test('robots.txt points at the sitemap; the index lists units with something published', async () => {
    const robots = await visitor.get('/robots.txt');
    assert.match(robots.body, new RegExp(`Sitemap: ${base()}/sitemap.xml`));
    const index = await visitor.get('/site');
    assert.ok(index.body.includes(`href="${site()}"`));
    assert.equal(index.body.includes(`/site/${other.public_slug}"`), false, 'a unit with nothing published');
  });

  test('a unit’s news pages show ten items a page with a link to the next; past the last page is 404', async () => {
    const u = await buildUnit(t.db);
    const slug = (
      await t.db.selectFrom('units').select('public_slug').where('id', '=', u.id).executeTakeFirstOrThrow()
    ).public_slug;
    for (let i = 0; i < 12; i++)
      await newsItem({ unitId: u.id, published_at: new Date(Date.UTC(2026, 0, 1 + i)) });
    const { result: first, queries } = await queriesDuring(() => visitor.get(`/site/${slug}`));
    assert.ok(queries.length <= 3, `few queries a page: ${queries.length}`);
    assert.equal(first.body.match(/data-testid="site-news-/g)?.length, 10);
    assert.ok(first.body.includes(`href="/site/${slug}?page=2"`));
    const second = await visitor.get(`/site/${slug}?page=2`);
    assert.equal(second.body.match(/data-testid="site-news-/g)?.length, 2);
    assert.equal((await visitor.get(`/site/${slug}?page=3`)).statusCode, 404);
  });
});
