import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { demoSeededAt } from '../../../test/db.ts';
import { dayInZone } from '../../app/format.ts';
import { DEMO_PASSWORD } from './demo.accounts.ts';

describe('demo approvals: what waits for the Kepala UPT', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({}, { demo: true });
  });
  after(() => t.close());

  test('the petugas asked yesterday to reopen the last locked roll call of the knitting class, with a reason, still pending', async () => {
    const rows = await t.db
      .selectFrom('attendance_unlock_requests as r')
      .innerJoin('programme_sessions as s', 's.id', 'r.session_id')
      .innerJoin('users as u', 'u.id', 'r.requested_by')
      .select(['r.status', 'r.reason', 'r.requested_at', 's.starts_at', 'u.username'])
      .execute();
    assert.equal(rows.length, 1);
    const r = rows[0];
    assert.ok(r);
    assert.equal(r.status, 'pending');
    assert.equal(r.username, 'petugas.magetan');
    assert.match(r.reason, /Pengadilan Negeri Magetan/);
    const seeded = demoSeededAt();
    assert.ok(new Date(r.requested_at).getTime() <= seeded.getTime(), 'nothing after the demo clock');
    const locked =
      (Date.parse(dayInZone(new Date(r.requested_at), 'Asia/Jakarta')) -
        Date.parse(dayInZone(new Date(r.starts_at), 'Asia/Jakarta'))) /
      86_400_000;
    assert.ok(locked > 7, `the session was locked when asked (${locked} days before)`);
  });

  test("it is in Ari Rahmanto's inbox, and the petugas's own dashboard does not offer to decide it", async () => {
    const kepala = await t.signedIn('ari.rahmanto', DEMO_PASSWORD);
    const inbox = await kepala.get('/approvals');
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, /Pengadilan Negeri Magetan|presensi/i);
    const petugas = await t.signedIn('petugas.magetan', DEMO_PASSWORD);
    assert.equal((await petugas.get('/approvals')).statusCode, 403);
  });
});
