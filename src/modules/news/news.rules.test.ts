import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newsSlug, SLUG_MAX, sanitizeNewsHtml } from './news.rules.ts';

describe('news body sanitiser', () => {
  test('scripts, event handlers, styles and unknown tags are gone; their text stays', () => {
    const out = sanitizeNewsHtml(
      '<p style="color:red" class="x">Teks <img src=x onerror=alert(1)><script>alert(1)</script><iframe src="https://e.id"></iframe><span>tetap</span></p>',
    );
    assert.equal(out, '<p>Teks tetap</p>');
    assert.doesNotMatch(out, /script|onerror|style|iframe|img/);
  });

  test('links keep only http, https or mailto and always carry rel="noopener nofollow"', () => {
    assert.equal(
      sanitizeNewsHtml('<a href="https://kemenkumham.go.id" target="_blank" onclick="x()">situs</a>'),
      '<a href="https://kemenkumham.go.id" rel="noopener nofollow">situs</a>',
    );
    assert.equal(
      sanitizeNewsHtml('<a href="mailto:humas@x.id" rel="opener">surat</a>'),
      '<a href="mailto:humas@x.id" rel="noopener nofollow">surat</a>',
    );
    const js = sanitizeNewsHtml(
      '<a href="javascript:alert(1)">klik</a><a href="data:text/html,x">d</a><a href="//evil.id">p</a>',
    );
    assert.doesNotMatch(js, /javascript|data:|evil/);
    assert.match(js, /klik/);
  });

  test('the allowed formatting passes unchanged; Trix divs become paragraphs and h1 a heading of level 2', () => {
    const ok =
      '<h2>Judul</h2><h3>Sub</h3><p><strong>a</strong> <b>b</b> <em>c</em> <i>d</i> <u>e</u> <s>f</s><br /></p><ul><li>1</li></ul><ol><li>2</li></ol><blockquote>q</blockquote>';
    assert.equal(sanitizeNewsHtml(ok), ok);
    assert.equal(sanitizeNewsHtml('<div>baris</div><h1>Besar</h1>'), '<p>baris</p><h2>Besar</h2>');
  });
});

describe('news slug', () => {
  test('event day, then the title in lower-case ASCII words joined by hyphens', () => {
    assert.equal(
      newsSlug('2026-01-21', 'Rutan Magetan & PT Rajut Sejahtera Teken Kerja Sama!'),
      '2026-01-21-rutan-magetan-pt-rajut-sejahtera-teken-kerja-sama',
    );
    assert.equal(newsSlug('2026-01-21', 'Café “Binaan” — résumé'), '2026-01-21-cafe-binaan-resume');
    assert.equal(newsSlug('2026-01-21', '<script>'), '2026-01-21-script');
    assert.equal(newsSlug('2026-01-21', '???'), '2026-01-21');
  });

  test('at most 120 characters, cut between words', () => {
    const slug = newsSlug('2026-01-21', 'pelatihan '.repeat(30));
    assert.ok(slug.length <= SLUG_MAX);
    assert.match(slug, /^2026-01-21(-pelatihan)+$/);
  });
});
