// The agreement summary prints any Latin letter a partner's name or a title may carry ("Ğ", "ş",
// "ő"), in the embedded font; text the font cannot draw (CJK) refuses the PDF with a 422 naming the field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';

/** Every stream of a PDF, inflated where pdfkit compressed it. */
function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /(?<!end)stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    try {
      out.push(inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
    re.lastIndex = end;
  }
  return out;
}

describe('agreement summary PDF and the characters it can print', () => {
  let t: TestApp;
  let petugas: Client;
  let partnerId: string;

  before(async () => {
    t = await startTestApp();
    const unitId = (await buildUnit(t.db)).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' })).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  async function agreement(title: string): Promise<string> {
    const res = await petugas.json('POST', '/api/v1/agreements', {
      partner_id: partnerId,
      kind: 'pks',
      title,
      valid_from: '2026-01-21',
    });
    assert.equal(res.statusCode, 201, res.body);
    return (JSON.parse(res.body) as { id: string }).id;
  }

  test('a title with "Ğ" and other Latin Extended letters gives a valid PDF that carries them', async () => {
    const id = await agreement('PKS Ğüzel Örgü ve Şal — Łódź');
    const res = await petugas.get(`/agreements/${id}/summary.pdf`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], 'application/pdf');
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.subarray(-8).toString(), /%%EOF\s*$/);
    const body = pdf.toString('latin1');
    assert.match(body, /\/FontFile2/, 'the font is embedded');
    assert.match(body, /Arimo/, 'the embedded font is Arimo');
    assert.doesNotMatch(body, /\/BaseFont \/Helvetica/, 'no built-in WinAnsi font is used');
    // The font's ToUnicode map lists the glyphs used, so "Ğ" (U+011E) and "Ł" (U+0141) were drawn.
    const cmap = streams(pdf).find((s) => s.includes('begincmap')) ?? '';
    assert.match(cmap, /<011e>/i);
    assert.match(cmap, /<0141>/i);
  });

  test('a title in Chinese refuses the PDF with a 422 that names the field', async () => {
    const id = await agreement('合同 Pelatihan');
    const res = await petugas.get(`/agreements/${id}/summary.pdf`);
    assert.equal(res.statusCode, 422);
    assert.doesNotMatch(String(res.headers['content-disposition'] ?? ''), /attachment/);
    assert.match(res.body, /tidak dapat dicetak/);
    assert.match(res.body, /Judul/);
    assert.match(res.body, /合 同/);
    const api = await petugas.get(`/agreements/${id}/summary.pdf`, { accept: 'application/json' });
    assert.equal(api.statusCode, 422);
    const err = (JSON.parse(api.body) as { error: { code: string; fields: Array<{ field: string }> } }).error;
    assert.equal(err.code, 'pdf.unprintable');
    assert.match(err.fields[0]?.field ?? '', /Judul/);
  });
});
