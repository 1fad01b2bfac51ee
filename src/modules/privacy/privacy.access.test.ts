// Who viewed an inmate's record (UU 27/2022 accountability): every view is logged in the request,
// the Kepala UPT and administrators read the log, nobody above the unit does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildInmate, buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';

describe('inmate record access log', () => {
  let t: TestApp;
  let petugas: Client;
  let kepala: Client;
  let national: Client;
  let otherKepala: Client;
  let kanwil: Client;
  let pusat: Client;
  let petugasName: string;
  let unitId: string;
  let inmateId: string;

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    unitId = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    const otherUnit = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    inmateId = (await buildInmate(t.db, { unit_id: unitId, name: 'Joko Susilo', reg_number: 'B.I 77/2025' }))
      .id;
    // The monthly participation statement exists for people enrolled in a programme.
    const programme = await buildProgramme(t.db, { unit_id: unitId });
    await buildEnrolment(t.db, { programme_id: programme.id, inmate_id: inmateId });
    const p = await buildUser(t.db, { roles: ['petugas'], unit_id: unitId });
    petugasName = p.username;
    petugas = await t.signedIn(p.username);
    const signIn = async (o: Parameters<typeof buildUser>[1]) =>
      t.signedIn((await buildUser(t.db, o)).username);
    kepala = await signIn({ roles: ['kepala_upt'], unit_id: unitId });
    national = await signIn({ roles: ['admin'], unit_id: null });
    otherKepala = await signIn({ roles: ['kepala_upt'], unit_id: otherUnit });
    kanwil = await signIn({ roles: ['kanwil'], unit_id: null, kanwil_id: kw.id });
    pusat = await signIn({ roles: ['pusat'], unit_id: null });
  });
  after(() => t.close());

  const rows = () =>
    t.db
      .selectFrom('inmate_access_log')
      .selectAll()
      .where('inmate_id', '=', inmateId)
      .orderBy('id')
      .execute();

  test("opening a person's page or their API record writes one access-log row with the viewer and the time", async () => {
    const start = new Date();
    assert.equal((await petugas.get(`/inmates/${inmateId}`)).statusCode, 200);
    assert.equal((await petugas.get(`/api/v1/inmates/${inmateId}`)).statusCode, 200);
    const logged = await rows();
    assert.equal(logged.length, 2);
    for (const r of logged) {
      assert.equal(r.viewer_name, petugasName);
      assert.equal(r.unit_id, unitId);
      assert.ok(r.at >= new Date(start.getTime() - 1000) && r.at <= new Date(Date.now() + 1000));
    }
    assert.deepEqual(
      logged.map((r) => [r.channel, r.source]),
      [
        ['page', 'GET /inmates/:id'],
        ['api', 'GET /api/v1/inmates/:id'],
      ],
    );
    // Asking for another unit's person shows nothing, so it logs nothing.
    assert.equal((await otherKepala.get(`/inmates/${inmateId}`)).statusCode, 404);
    assert.equal((await rows()).length, 2);
  });

  test("an inmate's monthly participation page and its XLSX and PDF exports are logged too", async () => {
    const before = (await rows()).length;
    for (const url of ['', '/participation.xlsx', '/participation.pdf'])
      assert.equal(
        (await kepala.get(`/attendance-reports/inmates/${inmateId}${url}?month=2026-01`)).statusCode,
        200,
        url,
      );
    const logged = (await rows()).slice(before);
    assert.deepEqual(
      logged.map((r) => [r.channel, r.source]),
      [
        ['page', 'GET /attendance-reports/inmates/:id'],
        ['export', 'GET /attendance-reports/inmates/:id/participation.xlsx'],
        ['export', 'GET /attendance-reports/inmates/:id/participation.pdf'],
      ],
    );
  });

  test('the log is append-only: a row cannot be rewritten', async () => {
    await assert.rejects(
      t.db
        .updateTable('inmate_access_log')
        .set({ viewer_name: 'orang lain' })
        .where('inmate_id', '=', inmateId)
        .execute(),
      /not changed/,
    );
  });

  test('the Kepala UPT and the national administrator see who looked; other units, petugas and offices do not', async () => {
    const unitLog = await kepala.get('/privacy/access-log');
    assert.equal(unitLog.statusCode, 200);
    assert.ok(unitLog.body.includes(petugasName));
    assert.ok(unitLog.body.includes('B.I 77/2025'));
    const personLog = await kepala.get(`/inmates/${inmateId}/access-log?viewer=${petugasName}`);
    assert.equal(personLog.statusCode, 200);
    assert.equal((personLog.body.match(/data-testid="access-row"/g) ?? []).length, 2);
    const none = await kepala.get(`/privacy/access-log?viewer=tidak-ada-orang-ini`);
    assert.equal((none.body.match(/data-testid="access-row"/g) ?? []).length, 0);

    const api = await kepala.get(`/api/v1/privacy/access-log?inmate_id=${inmateId}`);
    assert.equal(api.statusCode, 200);
    const items = (JSON.parse(api.body) as { items: Array<{ viewer_name: string }> }).items;
    assert.ok(items.filter((i) => i.viewer_name === petugasName).length === 2);

    const nat = JSON.parse((await national.get('/api/v1/privacy/access-log')).body) as { total: number };
    assert.ok(nat.total >= 2);

    // Another unit's head sees none of it, and not this person's log at all.
    const theirs = JSON.parse((await otherKepala.get('/api/v1/privacy/access-log')).body) as {
      total: number;
    };
    assert.equal(theirs.total, 0);
    assert.equal((await otherKepala.get(`/inmates/${inmateId}/access-log`)).statusCode, 404);

    // Staff are watched, they do not watch each other; offices above the unit get no personal data.
    for (const c of [petugas, kanwil, pusat]) {
      assert.equal((await c.get('/privacy/access-log')).statusCode, 403);
      assert.equal((await c.get('/api/v1/privacy/access-log')).statusCode, 403);
      assert.equal((await c.get(`/inmates/${inmateId}/access-log`)).statusCode, 403);
    }
  });
});
