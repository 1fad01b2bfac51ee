// A stored document downloads under the name it was uploaded with, in any script: the browser gets
// the UTF-8 name in `filename*` and older clients an ASCII fallback (RFC 6266 / RFC 5987).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

describe('file downloads', () => {
  let t: TestApp;
  let petugas: Client;
  let agreementId: string;

  before(async () => {
    t = await startTestApp();
    const unitId = (await buildUnit(t.db)).id;
    const partner = await buildPartner(t.db, { unit_id: unitId });
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    const res = await petugas.json('POST', '/api/v1/agreements', {
      partner_id: partner.id,
      kind: 'pks',
      title: 'PKS Pelatihan Merajut',
      valid_from: '2026-01-21',
    });
    assert.equal(res.statusCode, 201, res.body);
    agreementId = (JSON.parse(res.body) as { id: string }).id;
  });
  after(() => t.close());

  async function upload(filename: string): Promise<string> {
    const boundary = '----simandiri-files-test';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nsigned_scan\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${agreementId}/documents`,
      headers: {
        cookie: [...petugas.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': petugas.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    return (JSON.parse(res.body) as { id: string }).id;
  }

  test('a document named 合同.pdf downloads with its name intact', async () => {
    const id = await upload('合同.pdf');
    const res = await petugas.get(`/files/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="berkas.pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C.pdf`,
    );
    assert.ok(res.rawPayload.equals(PDF));
  });

  test('a name with Turkish and accented letters keeps a readable ASCII fallback', async () => {
    const id = await upload('Perjanjian Ğüzel.pdf');
    const res = await petugas.get(`/files/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="Perjanjian Guzel.pdf"; filename*=UTF-8''Perjanjian%20%C4%9E%C3%BCzel.pdf`,
    );
  });
});
