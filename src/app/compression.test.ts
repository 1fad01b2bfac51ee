// Pages and JSON answers go out compressed when the browser accepts it, and decode to the very same
// bytes; files that are compressed already (PDF, workbooks, uploads) and event streams go out as
// they are; a small answer is not worth compressing.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type Client, startTestApp, type TestApp } from '../../test/app.ts';

const big = Buffer.alloc(50_000, 'PDF-ish bytes ');

describe('compression of answers', () => {
  let t: TestApp;
  let kepala: Client;
  let pusat: Client;
  before(async () => {
    t = await startTestApp(
      {},
      {
        demo: true,
        extraRoutes: (app) => {
          const config = { permission: 'public' as const };
          app.get('/__pdf', { config }, async (_req, reply) => reply.type('application/pdf').send(big));
          app.get('/__upload', { config }, async (_req, reply) =>
            reply.type('application/octet-stream').send(Readable.from([big])),
          );
          app.get('/__events', { config }, async (_req, reply) =>
            reply.type('text/event-stream').send('data: x\n\n'.repeat(500)),
          );
          app.get('/__csv', { config }, async (_req, reply) =>
            reply.type('text/csv; charset=utf-8').send(Readable.from(['a;b\n'.repeat(2_000)])),
          );
        },
      },
    );
    kepala = await t.signedIn('ari.rahmanto', 'Simandiri#2026');
    pusat = await t.signedIn('ditjenpas', 'Simandiri#2026');
  });
  after(() => t.close());

  test('a page asked for with Accept-Encoding comes gzipped or in brotli and decodes to the same HTML', async () => {
    const plain = await kepala.get('/inmates');
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    const gz = await kepala.get('/inmates', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(String(gz.headers.vary), /accept-encoding/i);
    assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
    assert.ok(gz.rawPayload.length < plain.rawPayload.length / 3);
    const br = await kepala.get('/inmates', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
  });

  test('a JSON answer is compressed too', async () => {
    const plain = await kepala.get('/api/v1/inmates');
    assert.equal(plain.statusCode, 200);
    const gz = await kepala.get('/api/v1/inmates', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString()), JSON.parse(plain.body));
  });

  test('a workbook, a PDF and an uploaded file go out as they are; so does an event stream', async () => {
    const xlsx = await pusat.get('/rollups.xlsx', { 'accept-encoding': 'gzip, br' });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-encoding'], undefined);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    for (const url of ['/__pdf', '/__upload']) {
      const res = await t.client().get(url, { 'accept-encoding': 'gzip, br' });
      assert.equal(res.headers['content-encoding'], undefined, url);
      assert.deepEqual(res.rawPayload, big, url);
    }
    const events = await t.client().get('/__events', { 'accept-encoding': 'gzip, br' });
    assert.equal(events.headers['content-encoding'], undefined);
  });

  test('a streamed CSV is compressed on the way and arrives whole', async () => {
    const res = await t.client().get('/__csv', { 'accept-encoding': 'gzip' });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(res.rawPayload).toString(), 'a;b\n'.repeat(2_000));
  });

  test('a small answer goes out uncompressed', async () => {
    const res = await t.client().get('/healthz', { 'accept-encoding': 'gzip' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], undefined);
  });
});
