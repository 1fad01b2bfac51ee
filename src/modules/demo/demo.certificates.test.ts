import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { demoSeededAt } from '../../../test/db.ts';
import { systemCtx } from '../../app/principal.ts';
import { completionOverview } from '../certificates/certificates.service.ts';
import { seedDemoCertificates } from './demo.certificates.ts';
import { seedDemo } from './demo.seed.ts';

describe('demo certificates', () => {
  let t: TestApp;
  before(async () => {
    // The demo as `npm start` seeds it (Program Aksi, then the demo), seeded once per run.
    t = await startTestApp({}, { demo: true });
  });
  after(() => t.close());

  const ids = async () => {
    const unit = await t.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const issuer = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'petugas.magetan')
      .executeTakeFirstOrThrow();
    const programme = await t.db
      .selectFrom('programmes')
      .select('id')
      .where('name', '=', 'Pelatihan Merajut')
      .executeTakeFirstOrThrow();
    return {
      unitId: unit.id,
      issuer: { userId: issuer.id, name: 'petugas.magetan' },
      programmeId: programme.id,
    };
  };
  const certificates = (programmeId: string) =>
    t.db
      .selectFrom('certificates as c')
      .innerJoin('enrolments as e', 'e.id', 'c.enrolment_id')
      .select(['c.number', 'c.status', 'c.issued_on', 'e.name', 'e.status as enrolment_status'])
      .where('c.programme_id', '=', programmeId)
      .orderBy('c.number')
      .execute();

  test('two participants of Pelatihan Merajut who meet the rule complete and hold certificates', async () => {
    const { programmeId } = await ids();
    const rows = await certificates(programmeId);
    assert.equal(rows.length, 2, 'the attendance and competency demo makes two participants meet the rule');
    assert.ok(rows.every((r) => r.status === 'valid' && r.enrolment_status === 'completed'));
    assert.match(rows[0]?.number ?? '', /^001\/SERT-RUTAN-MGT\/MRJT\/\d{4}$/);
    assert.match(rows[1]?.number ?? '', /^002\/SERT-RUTAN-MGT\/MRJT\/\d{4}$/);
    const o = await completionOverview(systemCtx(t.db), programmeId);
    const holders = o.rows.filter((r) => r.certificateId !== null);
    assert.deepEqual(holders.map((r) => r.name).sort(), rows.map((r) => r.name).sort());
    for (const h of holders) {
      assert.deepEqual(h.check.reasons, [], `${h.name} meets the rule`);
      assert.ok((h.check.rate ?? 0) >= o.min);
    }
    // Dated the day of the class's last held session: no holder has a mark after completing.
    const lastHeld = await t.db
      .selectFrom('programme_sessions')
      .select((eb) => eb.fn.max('day').as('day'))
      .where('programme_id', '=', programmeId)
      .where('status', '=', 'scheduled')
      .where('ends_at', '<=', new Date())
      .executeTakeFirstOrThrow();
    for (const r of rows) assert.equal(r.issued_on, lastHeld.day, r.name);
    const late = await t.db
      .selectFrom('attendance_marks as m')
      .innerJoin('programme_sessions as s', 's.id', 'm.session_id')
      .innerJoin('enrolments as e', 'e.id', 'm.enrolment_id')
      .select('s.day')
      .where('e.status', '=', 'completed')
      .whereRef('s.day', '>', 'e.ended_on')
      .execute();
    assert.deepEqual(late, []);
  });

  test('seeding again issues nothing more', async () => {
    const { unitId, issuer, programmeId } = await ids();
    assert.equal(await seedDemoCertificates(t.db, { unitId, issuer }, demoSeededAt()), 0);
    assert.equal((await seedDemo(t.db, demoSeededAt())).created, 0);
    assert.equal((await certificates(programmeId)).length, 2);
  });
});
