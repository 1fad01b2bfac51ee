import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sanitizeNewsHtml } from './news.rules.ts';
import { dateline, draftFromFacts, EVENT_KINDS, type EventKind, type NewsFacts } from './news.templates.ts';

const AGREEMENT = {
  title: 'Perjanjian Kerja Sama Pelatihan Merajut',
  number: 'W15.PAS.17-HM.01.02-012/2026',
  signedOn: '2026-01-21',
  place: 'Magetan',
  scope: 'Pelatihan merajut tangan setiap hari Rabu di Aula Rutan.',
};

const base: Omit<NewsFacts, 'kind'> = {
  day: '2026-01-21',
  unitName: 'Rutan Kelas IIB Magetan',
  city: 'Magetan',
  kepalaTitle: 'Kepala Rutan Kelas IIB Magetan',
  partner: 'PT. Arta Jayendra Perkasa',
  agreement: AGREEMENT,
  programme: { name: 'Pelatihan Merajut', skillArea: 'rajut tangan', location: 'Aula Rutan' },
  programAksi: ['Pelatihan kerja dan produksi UMKM'],
  count: 15,
  total: 1250000,
  position: 'perajut rumahan',
};

const facts = (kind: EventKind, more: Partial<NewsFacts> = {}): NewsFacts => ({ ...base, kind, ...more });

describe('news drafts from events', () => {
  test('the dateline is the unit’s city, else the last word of its name', () => {
    assert.equal(dateline({ city: 'Kabupaten Magetan', unitName: 'x' }), 'Magetan –');
    assert.equal(dateline({ city: null, unitName: 'Lapas Kelas IIA Madiun' }), 'Madiun –');
  });

  for (const kind of EVENT_KINDS)
    for (const lang of ['id', 'en'] as const)
      test(`${kind} (${lang}): title, dateline, a lead with who, when and where, the purpose, no quote`, () => {
        const d = draftFromFacts(facts(kind), lang);
        assert.ok(d.title.length >= 3 && d.title.length <= 200, d.title);
        assert.equal(d.dateline, 'Magetan –');
        assert.ok(d.lead.length >= 10 && d.lead.length <= 1000);
        assert.match(d.lead, /Rutan Kelas IIB Magetan/, 'who');
        assert.match(d.lead, lang === 'id' ? /Rabu, 21 Januari 2026/ : /Wednesday,? 21 January 2026/, 'when');
        assert.match(d.bodyHtml, /Pelatihan kerja dan produksi UMKM/, 'why: the Program Aksi');
        assert.match(d.bodyHtml, lang === 'id' ? /\(Humas Rutan Kelas IIB Magetan\)/ : /Public Relations/);
        assert.equal(d.quote, '', 'a quote is asked for, never invented');
        assert.equal(d.quoteBy, 'Kepala Rutan Kelas IIB Magetan');
        assert.equal(sanitizeNewsHtml(d.bodyHtml), d.bodyHtml, 'the body is within the allowlist');
        assert.doesNotMatch(
          `${d.title}${d.lead}${d.bodyHtml}`,
          /\[|\{|TODO|lorem|undefined|\bnull\b|\bNaN\b/,
        );
      });

  test('each kind tells its own event in its words', () => {
    const id = (k: EventKind) => draftFromFacts(facts(k), 'id');
    assert.match(
      id('agreement').lead,
      /menandatangani perjanjian kerja sama “Perjanjian Kerja Sama Pelatihan Merajut” pada Rabu, 21 Januari 2026 di Magetan/,
    );
    assert.match(id('agreement').bodyHtml, /W15\.PAS\.17-HM\.01\.02-012\/2026/);
    assert.match(
      id('programme').lead,
      /memulai Pelatihan Merajut .* di Aula Rutan bersama PT\. Arta Jayendra Perkasa\. Sebanyak 15 warga binaan/,
    );
    assert.match(
      id('certificates').title,
      /^15 Warga Binaan Rutan Kelas IIB Magetan Terima Sertifikat Pelatihan Merajut$/,
    );
    assert.match(id('bazaar').lead, /15 transaksi penjualan tercatat dengan nilai Rp 1\.250\.000/);
    assert.match(id('visit').title, /Monitoring dan Evaluasi/);
    assert.match(
      id('placement').lead,
      /diterima bekerja di PT\. Arta Jayendra Perkasa sebagai perajut rumahan/,
    );
    assert.match(draftFromFacts(facts('bazaar'), 'en').lead, /15 sales were recorded, worth Rp 1\.250\.000/);
    assert.match(draftFromFacts(facts('certificates', { count: 1200 }), 'en').title, /^1,200 Inmates/);
  });

  test('facts are escaped in the body; missing facts leave no gap', () => {
    const d = draftFromFacts(
      facts('agreement', {
        partner: 'PT <script>alert(1)</script> & Co',
        agreement: { ...AGREEMENT, number: '<img src=x onerror=alert(1)>', scope: null },
        programAksi: [],
        programme: null,
      }),
      'id',
    );
    assert.doesNotMatch(d.bodyHtml, /<script|<img/);
    assert.match(d.bodyHtml, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(d.bodyHtml, /pembinaan kemandirian Rutan Kelas IIB Magetan/);
    const bare = draftFromFacts(
      facts('programme', { count: 0, programme: null, partner: null, agreement: null }),
      'en',
    );
    assert.doesNotMatch(bare.lead, /took part| {2}/);
  });
});
