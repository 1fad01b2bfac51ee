// The newsroom (issue 17 item 1): Humas drafts an item from a signed agreement, edits it (script and
// HTML escaped or sanitised), the Kepala UPT approves, Humas publishes (refused while a photo is
// unconfirmed); other roles and other units get nothing; every write audited; bad input saves nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { dayInZone } from '../../app/format.ts';

const today = dayInZone(new Date(), 'Asia/Jakarta');
const daysAgo = (n: number) => {
  const t = new Date(`${today}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - n);
  return t.toISOString().slice(0, 10);
};

describe('newsroom', () => {
  let t: TestApp;
  let humas: Client;
  let kepala: Client;
  let petugas: Client;
  let kanwil: Client;
  let otherHumas: Client;
  let unitId: string;
  let agreementId: string;
  let newsId = '';

  const item = () =>
    t.db.selectFrom('news_items').selectAll().where('id', '=', newsId).executeTakeFirstOrThrow();
  const audits = async () =>
    (
      await t.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('entity', '=', 'news_item')
        .where('entity_id', '=', newsId)
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kw.id, name: 'Rutan Kelas IIB Uji' });
    unitId = unit.id;
    await t.db.updateTable('units').set({ city: 'Magetan' }).where('id', '=', unitId).execute();
    const partner = await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Rajut Uji Sejahtera' });
    agreementId = (
      await t.db
        .insertInto('agreements')
        .values({
          unit_id: unitId,
          partner_id: partner.id,
          kind: 'pks',
          title: 'PKS Pelatihan Merajut',
          valid_from: daysAgo(10),
          signed_on: daysAgo(10),
          signed_place: 'Magetan',
          parties: JSON.stringify([]),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const other = await buildUnit(t.db, { kanwil_id: kw.id });
    humas = await t.signedIn((await buildUser(t.db, { roles: ['humas'], unit_id: unitId })).username);
    const k = await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId });
    await t.db
      .updateTable('users')
      .set({ position: 'Kepala Rutan Kelas IIB Uji' })
      .where('id', '=', k.id)
      .execute();
    kepala = await t.signedIn(k.username);
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    kanwil = await t.signedIn((await buildUser(t.db, { roles: ['kanwil'], kanwil_id: kw.id })).username);
    otherHumas = await t.signedIn((await buildUser(t.db, { roles: ['humas'], unit_id: other.id })).username);
  });
  after(() => t.close());

  test('Humas sees the signed agreement among the events and drafts an item from it', async () => {
    const page = await humas.get('/newsroom');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`data-testid="news-event-agreement-${agreementId}"`));
    const api = await humas.json('GET', '/api/v1/news/events');
    assert.equal(api.statusCode, 200);
    assert.ok(
      api
        .json()
        .events.some((e: { kind: string; id: string }) => e.kind === 'agreement' && e.id === agreementId),
    );

    const res = await humas.postForm('/newsroom/drafts', {
      event_kind: 'agreement',
      event_id: agreementId,
      event_day: daysAgo(10),
      lang: 'id',
    });
    assert.equal(res.statusCode, 303);
    newsId = String(res.headers.location).split('/').pop() ?? '';
    const it = await item();
    assert.equal(it.status, 'draft');
    assert.equal(it.dateline, 'Magetan –');
    assert.match(it.title, /PT\. Rajut Uji Sejahtera/);
    assert.match(it.lead, /menandatangani perjanjian kerja sama “PKS Pelatihan Merajut”/);
    assert.equal(it.quote, null, 'no quote is invented');
    assert.equal(it.quote_by, 'Kepala Rutan Kelas IIB Uji');
    assert.match(it.slug, new RegExp(`^${daysAgo(10)}-`));
    const page2 = await humas.get(`/newsroom/${newsId}`);
    assert.equal(page2.statusCode, 200);
    assert.match(page2.body, /data-testid="news-save"/);
    assert.match(page2.body, /data-testid="news-submit"/);
    assert.match(String(page2.headers['content-security-policy']), /style-src 'self' 'nonce-[^']+'/);
    assert.doesNotMatch(String(page2.headers['content-security-policy']), /unsafe-inline/);
    assert.deepEqual(await audits(), ['news.create']);
  });

  test('bad input gives field errors and saves nothing', async () => {
    const before = await item();
    const n = (await audits()).length;
    const res = await humas.postForm(`/newsroom/${newsId}`, {
      title: '',
      dateline: 'M',
      lead: 'pendek',
      body_html: '<p>x</p>',
      quote: '',
      quote_by: '',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-testid="error-title"/);
    assert.match(res.body, /data-testid="error-lead"/);
    const api = await humas.json('PATCH', `/api/v1/news/${newsId}`, { lead: 'x' });
    assert.equal(api.statusCode, 400);
    assert.ok(api.json().fields?.some((f: { field: string }) => f.field === 'lead') ?? true);
    assert.deepEqual(await item(), before);
    assert.equal((await audits()).length, n);
  });

  test('a script or HTML in the title and lead is escaped; the body is sanitised', async () => {
    const res = await humas.postForm(`/newsroom/${newsId}`, {
      title: '<script>alert(1)</script> Rutan dan mitra',
      dateline: 'Magetan –',
      lead: 'Rutan <b onmouseover="x()">menandatangani</b> perjanjian kerja sama hari ini.',
      body_html:
        '<p>Isi <strong>tebal</strong></p><script>alert(2)</script><img src=x onerror=alert(3)><a href="javascript:alert(4)">tautan</a>',
      quote: '',
      quote_by: 'Kepala Rutan Kelas IIB Uji',
    });
    assert.equal(res.statusCode, 303);
    const it = await item();
    assert.equal(it.body_html, '<p>Isi <strong>tebal</strong></p><a rel="noopener nofollow">tautan</a>');
    const page = await humas.get(`/newsroom/${newsId}`);
    assert.doesNotMatch(page.body, /<script>alert\(1\)|<b onmouseover|onerror|alert\(2\)|javascript:/);
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script> Rutan dan mitra/);
  });

  test('publishing with an unconfirmed photo is refused; once confirmed it publishes', async () => {
    const content = Buffer.from('not really a jpeg but stored as one');
    const fileId = (
      await t.db
        .insertInto('files')
        .values({
          unit_id: unitId,
          owner_type: 'news_item',
          owner_id: newsId,
          kind: 'photo',
          filename: 'foto.jpg',
          mime: 'image/jpeg',
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
          uploaded_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const add = await humas.json('POST', `/api/v1/news/${newsId}/photos`, { file_id: fileId });
    assert.equal(add.statusCode, 201);
    const photoId = add.json().id as string;
    const other = await otherHumas.json('POST', `/api/v1/news/${newsId}/photos`, { file_id: fileId });
    assert.equal(other.statusCode, 404);

    assert.equal((await humas.postForm(`/newsroom/${newsId}/submit`)).statusCode, 303);
    assert.equal((await item()).status, 'submitted');
    assert.equal(
      (await humas.postForm(`/newsroom/${newsId}/approve`)).statusCode,
      403,
      'Humas does not approve',
    );
    const inbox = await kepala.get('/approvals');
    assert.match(inbox.body, new RegExp(`/newsroom/${newsId}`));
    const kp = await kepala.get(`/newsroom/${newsId}`);
    assert.match(kp.body, /data-testid="news-approve"/);
    assert.doesNotMatch(kp.body, /data-testid="news-save"/);
    assert.equal((await kepala.postForm(`/newsroom/${newsId}/approve`)).statusCode, 303);
    assert.equal((await item()).status, 'approved');
    assert.equal((await kepala.postForm(`/newsroom/${newsId}/approve`)).statusCode, 409, 'approved twice');

    const refused = await humas.postForm(`/newsroom/${newsId}/publish`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /1 foto belum dikonfirmasi/);
    const apiRefused = await humas.json('POST', `/api/v1/news/${newsId}/publish`);
    assert.equal(apiRefused.statusCode, 409);
    assert.equal((await item()).status, 'approved');

    const noNote = await humas.postForm(`/newsroom/${newsId}/photos/${photoId}/confirm`, {
      confirmation: 'consent',
    });
    assert.equal(noNote.statusCode, 400, 'consent needs a note');
    const ok = await humas.postForm(`/newsroom/${newsId}/photos/${photoId}/confirm`, {
      confirmation: 'no_identifiable',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await humas.postForm(`/newsroom/${newsId}/publish`)).statusCode, 303);
    const it = await item();
    assert.equal(it.status, 'published');
    assert.ok(it.published_at && it.approved_at);
  });

  test('unpublish, republish without a new approval; an edit puts it back to draft', async () => {
    assert.equal((await humas.json('POST', `/api/v1/news/${newsId}/unpublish`)).statusCode, 204);
    assert.equal((await item()).status, 'unpublished');
    assert.equal((await humas.json('POST', `/api/v1/news/${newsId}/publish`)).statusCode, 204);
    assert.equal((await item()).status, 'published');
    const patched = await humas.json('PATCH', `/api/v1/news/${newsId}`, {
      quote: 'Kami berterima kasih kepada mitra.',
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().status, 'draft');
    const it = await item();
    assert.equal(it.status, 'draft');
    assert.equal(it.approved_at, null);
    assert.equal((await humas.json('POST', `/api/v1/news/${newsId}/publish`)).statusCode, 409);
    const history = await humas.get(`/newsroom/${newsId}`);
    assert.match(history.body, /data-testid="news-history"/);
    assert.match(history.body, /Disetujui oleh/);
  });

  test('every write is audited', async () => {
    assert.deepEqual(await audits(), [
      'news.create',
      'news.save',
      'news.photo_add',
      'news.submit',
      'news.approve',
      'news.photo_confirm',
      'news.publish',
      'news.unpublish',
      'news.publish',
      'news.edit_back_to_draft',
    ]);
  });

  test('petugas, Kanwil and another unit’s Humas get nothing', async () => {
    for (const c of [petugas, kanwil]) {
      assert.equal((await c.get('/newsroom')).statusCode, 403);
      assert.equal((await c.get(`/newsroom/${newsId}`)).statusCode, 403);
      assert.equal((await c.json('GET', '/api/v1/news')).statusCode, 403);
      assert.equal((await c.postForm(`/newsroom/${newsId}/submit`)).statusCode, 403);
    }
    assert.equal((await otherHumas.get(`/newsroom/${newsId}`)).statusCode, 404);
    assert.equal((await otherHumas.json('GET', `/api/v1/news/${newsId}`)).statusCode, 404);
    assert.equal((await otherHumas.postForm(`/newsroom/${newsId}/submit`)).statusCode, 404);
    const list = await otherHumas.json('GET', '/api/v1/news');
    assert.equal(list.json().total, 0);
    const foreign = await otherHumas.json('POST', '/api/v1/news', {
      event_kind: 'agreement',
      event_id: agreementId,
    });
    assert.equal(foreign.statusCode, 404, "another unit's event");
    assert.equal((await kepala.postForm(`/newsroom/${newsId}`, { title: 'x' })).statusCode, 403);
  });
});
