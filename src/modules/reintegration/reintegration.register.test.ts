// A release recorded in the register (the person's page, the API or an SDP roster import) is the
// release of their reintegration case too (migration 0032), so a person prepared in the pipeline and
// released by the register can be followed up, and one released without a case gets one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { buildConsent } from '../../../test/follow-ups-fixtures.ts';
import { buildCase } from '../../../test/reintegration-fixtures.ts';
import { dayInZone } from '../../app/format.ts';
import { addDays } from '../follow-ups/follow-ups.rules.ts';

describe('a release recorded in the register', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;
  const today = dayInZone(new Date(), 'Asia/Jakarta');
  const releasedOn = addDays(today, -35);

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    unitId = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  const caseOf = (inmateId: string) =>
    t.db.selectFrom('reintegration_cases').selectAll().where('inmate_id', '=', inmateId).executeTakeFirst();

  test('releases a prepared case on that day, and the 1-month follow-up can then be recorded', async () => {
    const prepared = await buildCase(t.db, { unit_id: unitId, expected_release_date: releasedOn });
    const inmateId = prepared.inmate.id;
    await buildConsent(t.db, { inmate_id: inmateId, unit_id: unitId, given_on: addDays(releasedOn, -20) });
    const refused = await petugas.json('POST', '/api/v1/follow-ups', {
      inmate_id: inmateId,
      month_no: 1,
      contacted_on: today,
      work_status: 'employed',
      income_band: '1m_3m',
      in_trade: true,
    });
    assert.equal(refused.statusCode, 409, 'not released yet');

    const res = await petugas.json('POST', `/api/v1/inmates/${inmateId}/status`, {
      change: 'release',
      on_date: releasedOn,
      reason: 'Bebas: masa pidana selesai',
    });
    assert.ok(res.statusCode < 300, res.body);
    const c = await caseOf(inmateId);
    assert.equal(c?.id, prepared.case.id, 'the same case');
    assert.equal(c?.released_on, releasedOn);
    assert.equal(c?.release_kind, 'ekspirasi');

    const ok = await petugas.json('POST', '/api/v1/follow-ups', {
      inmate_id: inmateId,
      month_no: 1,
      contacted_on: today,
      work_status: 'employed',
      income_band: '1m_3m',
      in_trade: true,
    });
    assert.ok(ok.statusCode < 300, ok.body);
  });

  test('gives a person released without a case one, with the planned integrasi as its kind on that day', async () => {
    const plain = await buildInmate(t.db, { unit_id: unitId });
    assert.equal(await caseOf(plain.id), undefined);
    const res = await petugas.json('POST', `/api/v1/inmates/${plain.id}/status`, {
      change: 'release',
      on_date: releasedOn,
      reason: 'Putusan bebas',
    });
    assert.ok(res.statusCode < 300, res.body);
    const c = await caseOf(plain.id);
    assert.equal(c?.released_on, releasedOn);
    assert.equal(c?.unit_id, unitId);

    const pb = await buildCase(t.db, {
      unit_id: unitId,
      integrasi: { kind: 'PB', date: releasedOn, decree_number: 'PAS-1234.PK.05.09 Tahun 2026' },
    });
    await petugas.json('POST', `/api/v1/inmates/${pb.inmate.id}/status`, {
      change: 'release',
      on_date: releasedOn,
      reason: 'Pembebasan bersyarat',
    });
    assert.equal((await caseOf(pb.inmate.id))?.release_kind, 'PB');
  });

  test('leaves a case released through "Catat pembebasan" as it was', async () => {
    const done = await buildCase(t.db, { unit_id: unitId, released: { on: releasedOn, kind: 'CMB' } });
    await t.db
      .insertInto('inmate_status_history')
      .values({
        inmate_id: done.inmate.id,
        status: 'released',
        on_date: today,
        reason: null,
        created_by: null,
      })
      .execute();
    const c = await caseOf(done.inmate.id);
    assert.equal(c?.released_on, releasedOn);
    assert.equal(c?.release_kind, 'CMB');
  });
});
