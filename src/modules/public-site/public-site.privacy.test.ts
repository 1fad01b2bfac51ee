// The public site against the whole demo register (issue 17, tests): no public page, feed, sitemap,
// gallery or order form shows any inmate's name, registration number or NIK (every inmate of every
// unit, read from the database), nor any staff member's name; what is not published answers 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';

/** The readable text of an HTML or XML body: tags dropped, entities decoded, spaces collapsed. */
function textOf(body: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return body
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&([a-z]+);/gi, (m, n: string) => named[n.toLowerCase()] ?? m)
    .replace(/\s+/g, ' ');
}

/** Where `needle` occurs in `hay` as a whole run of words (case-insensitive), or -1. */
function wholeWordIndex(hay: string, needle: string): number {
  const escaped = needle
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  const m = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').exec(hay);
  return m ? m.index : -1;
}

describe('the public site shows nothing of the register', () => {
  let t: TestApp;
  let visitor: Client;
  /** Every public body fetched, by path (HTML, feeds, sitemap). */
  const bodies = new Map<string, string>();
  let forbidden: Array<{ what: string; value: string }> = [];
  let units: Array<{ id: string; public_slug: string; name: string }> = [];

  const origin = () => new URL(t.config.publicBaseUrl).origin;
  const pathOf = (href: string) => {
    const u = new URL(href, t.config.publicBaseUrl);
    return u.origin === origin() ? u.pathname + u.search : null;
  };
  const isPage = (path: string) =>
    (path === '/site' || path.startsWith('/site/') || path === '/sitemap.xml' || path === '/robots.txt') &&
    !/\/photos\//.test(path) &&
    path !== '/site/pow-challenge';

  async function fetchPublic(path: string): Promise<number> {
    const res = await visitor.get(path);
    if (res.statusCode === 200) bodies.set(path, res.body);
    return res.statusCode;
  }

  before(async () => {
    t = await startTestApp({}, { demo: true });
    visitor = t.client();
    units = await t.db.selectFrom('units').select(['id', 'public_slug', 'name']).orderBy('name').execute();
    const inmates = await t.db.selectFrom('inmates').select(['name', 'reg_number', 'nik']).execute();
    const staff = await t.db.selectFrom('users').select(['full_name']).execute();
    forbidden = [
      ...inmates.flatMap((i) => [
        { what: 'inmate name', value: i.name },
        { what: 'registration number', value: i.reg_number },
        ...(i.nik ? [{ what: 'NIK', value: i.nik }] : []),
      ]),
      ...staff.map((s) => ({ what: 'staff name', value: s.full_name })),
    ].filter((f) => f.value && f.value.trim().length >= 3);

    // The crawl a visitor (or a search engine) makes: the sitemap and the site's index, every unit's
    // page and feeds, then every same-site page linked from what was fetched (news pages, pages of
    // the list, the gallery, each product's order form), without signing in.
    const queue: string[] = ['/robots.txt', '/sitemap.xml', '/site'];
    for (const u of units)
      queue.push(
        `/site/${u.public_slug}`,
        `/site/${u.public_slug}/feed.xml`,
        `/site/${u.public_slug}/rss.xml`,
        `/site/${u.public_slug}/products`,
      );
    const seen = new Set<string>();
    while (queue.length > 0 && seen.size < 400) {
      const path = queue.shift() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      const status = await fetchPublic(path);
      const body = bodies.get(path);
      if (status !== 200 || body === undefined) continue;
      const links = [
        ...body.matchAll(/<loc>([^<]+)<\/loc>/g),
        ...body.matchAll(/\bhref="([^"#]+)"/g),
        ...body.matchAll(/<link>([^<]+)<\/link>/g),
        ...body.matchAll(/\bSitemap:\s*(\S+)/g),
      ]
        .map((m) => pathOf((m[1] ?? '').replaceAll('&amp;', '&')))
        .filter((p): p is string => p !== null && isPage(p));
      queue.push(...links);
    }
  });
  after(() => t.close());

  test('the crawl reaches the sitemap, the index, the demo unit’s news, feeds, gallery and order forms', () => {
    const paths = [...bodies.keys()];
    const magetan = units.find((u) => u.name === 'Rutan Kelas IIB Magetan');
    assert.ok(magetan, 'the demo unit');
    assert.equal(magetan.public_slug, 'rutan-kelas-iib-magetan');
    for (const p of [
      '/sitemap.xml',
      '/site',
      `/site/${magetan.public_slug}`,
      `/site/${magetan.public_slug}/feed.xml`,
      `/site/${magetan.public_slug}/rss.xml`,
      `/site/${magetan.public_slug}/products`,
    ])
      assert.ok(paths.includes(p), `${p} answers 200 (fetched: ${paths.join(', ')})`);
    const news = paths.filter((p) => p.startsWith(`/site/${magetan.public_slug}/news/`));
    assert.ok(news.length >= 2, `both published demo items are reachable: ${news.join(', ')}`);
    assert.ok(
      paths.some((p) => /\/products\/[0-9a-f-]{36}\/order$/.test(p)),
      `an order form is reachable: ${paths.join(', ')}`,
    );
  });

  test('no public page, feed or sitemap contains a name, registration number or NIK from the register, nor a staff member’s name', () => {
    assert.ok(forbidden.length > 100, `the whole register is checked (${forbidden.length} values)`);
    const found: string[] = [];
    for (const [path, body] of bodies) {
      const text = textOf(body);
      for (const f of forbidden) {
        for (const hay of [text, body]) {
          const at = wholeWordIndex(hay, f.value);
          if (at >= 0) {
            found.push(`${path}: ${f.what} "${f.value}" in "…${hay.slice(Math.max(0, at - 60), at + 60)}…"`);
            break;
          }
        }
      }
    }
    assert.deepEqual(found, [], found.join('\n'));
  });

  test('every published item’s page was read, and names the Kepala by title only', async () => {
    const published = await t.db
      .selectFrom('news_items as n')
      .innerJoin('units as u', 'u.id', 'n.unit_id')
      .select(['n.slug', 'n.quote_by', 'u.public_slug'])
      .where('n.status', '=', 'published')
      .execute();
    assert.ok(published.length >= 2);
    for (const n of published) {
      const path = `/site/${n.public_slug}/news/${n.slug}`;
      assert.ok(bodies.has(path), `${path} answered 200 to the crawl`);
      assert.doesNotMatch(n.quote_by ?? '', /Ari Rahmanto/);
    }
  });

  test('an item that is not published answers 404 on the public site, and is absent from the sitemap and feeds', async () => {
    const unpublished = await t.db
      .selectFrom('news_items as n')
      .innerJoin('units as u', 'u.id', 'n.unit_id')
      .select(['n.slug', 'n.status', 'u.public_slug'])
      .where('n.status', '!=', 'published')
      .execute();
    assert.ok(unpublished.length > 0, 'the demo has items not (yet) published');
    for (const n of unpublished) {
      const path = `/site/${n.public_slug}/news/${n.slug}`;
      const res = await visitor.get(path);
      assert.equal(res.statusCode, 404, `${n.status} item ${path}`);
      for (const [p, body] of bodies)
        assert.equal(body.includes(`/news/${n.slug}`), false, `${p} links the ${n.status} item ${n.slug}`);
    }
  });

  test('a journal photo nobody chose for publication is not served publicly', async () => {
    const photo = await t.db
      .selectFrom('files as f')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .select(['f.id', 'u.public_slug'])
      .where('f.mime', 'like', 'image/%')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('news_photos as np').select('np.id').whereRef('np.file_id', '=', 'f.id'))),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom('gallery_entries as g').select('g.id').whereRef('g.photo_file_id', '=', 'f.id')),
        ),
      )
      .executeTakeFirstOrThrow();
    for (const size of ['web', 'thumb'])
      assert.equal(
        (await visitor.get(`/site/${photo.public_slug}/photos/${photo.id}/${size}`)).statusCode,
        404,
        size,
      );
  });

  test('the order form of a product not in the published gallery answers 404', async () => {
    const product = await t.db
      .selectFrom('products as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.id', 'u.public_slug'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('gallery_entries as g')
              .select('g.id')
              .whereRef('g.product_id', '=', 'p.id')
              .where('g.published', '=', true),
          ),
        ),
      )
      .executeTakeFirst();
    if (!product) return;
    const res = await visitor.get(`/site/${product.public_slug}/products/${product.id}/order`);
    assert.equal(res.statusCode, 404);
  });
});
