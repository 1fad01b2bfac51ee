// Static files under content-hashed names are kept by browsers for a year; the plain names still
// answer, with a short cache; a page links the hashed names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { asset, resolveAsset } from './assets.ts';
import { PUBLIC_DIR } from './paths.ts';

describe('static assets', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('a file is named after its content and cached for a year, immutable', async () => {
    const url = asset('app.css');
    assert.match(url, /^\/static\/app\.[0-9a-f]{8}\.css$/);
    const res = await t.client().get(url);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(res.headers['content-type']), /text\/css/);
    assert.equal(res.body, readFileSync(path.join(PUBLIC_DIR, 'app.css'), 'utf8'));
  });

  test('the plain name and a hash of an earlier release serve the current file with a short cache', async () => {
    for (const url of ['/static/app.js', '/static/app.0000abcd.js']) {
      const res = await t.client().get(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'public, max-age=3600', url);
      assert.equal(res.body, readFileSync(path.join(PUBLIC_DIR, 'app.js'), 'utf8'), url);
    }
    assert.deepEqual(resolveAsset('app.0000abcd.js'), { file: 'app.js', immutable: false });
  });

  test('an unknown file, hashed or not, is not found; a path out of public/ is refused', async () => {
    for (const url of ['/static/nope.css', '/static/nope.12345678.css']) {
      const res = await t.client().get(url);
      assert.equal(res.statusCode, 404, url);
    }
    const out = await t.client().get('/static/..%2fpackage.json');
    assert.equal(out.statusCode, 403);
    assert.doesNotMatch(out.body, /"simandiri"/);
  });

  test('pages link the hashed names; the service worker keeps them', async () => {
    const page = await t.client().get('/login');
    assert.ok(page.body.includes(`href="${asset('app.css')}"`));
    assert.ok(page.body.includes(`src="${asset('app.js')}"`));
    const sw = await t.client().get('/sw.js');
    assert.ok(sw.body.includes(`"/static/attendance.js":"${asset('attendance.js')}"`));
  });
});
