import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme, buildSession } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildInmate, buildMark, buildUnit } from '../../../test/builders.ts';
import { buildCertificate, buildSale } from '../../../test/rollups-fixtures.ts';
import { type Principal, systemPrincipal } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { markClock, programmeFigures, unitFigures } from './rollups.repo.ts';
import { freshness, programmeMonths, refreshDirty, unitMonths } from './rollups.service.ts';

/** A reader of some units only (a Kanwil user's scope). */
const readerOf = (db: Db, unitIds: string[]): { db: Db; who: Principal } => ({
  db,
  who: { ...systemPrincipal('kanwil'), scope: { all: false, unitIds } },
});

describe('monthly aggregates', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  test('a unit-month counts sessions held and cancelled, marks, participants by kind, certificates and net sales', async () => {
    const unit = await buildUnit(t.db);
    const p = await buildProgramme(t.db, { unit_id: unit.id });
    const napi = await buildInmate(t.db, { unit_id: unit.id, reg_number: 'B.I 77/2026' });
    const tahanan = await buildInmate(t.db, { unit_id: unit.id, reg_number: 'A.II 12/2026' });
    const people = [
      await buildEnrolment(t.db, { programme_id: p.id, inmate_id: napi.id, started_on: '2026-10-05' }),
      await buildEnrolment(t.db, { programme_id: p.id, inmate_id: tahanan.id, started_on: '2026-10-05' }),
      await buildEnrolment(t.db, { programme_id: p.id, started_on: '2026-09-01' }),
      await buildEnrolment(t.db, { programme_id: p.id, started_on: '2026-10-05' }),
    ];
    const held = await buildSession(t.db, { programme_id: p.id, day: '2026-10-06' });
    await buildSession(t.db, { programme_id: p.id, day: '2026-10-07', status: 'cancelled' });
    await buildSession(t.db, { programme_id: p.id, day: '2026-11-03' });
    for (const [i, e] of people.entries()) {
      await buildMark(t.db, { session_id: held.id, enrolment_id: e.id, status: i === 3 ? 'alpa' : 'hadir' });
    }
    const firstEnrolment = people[0];
    assert.ok(firstEnrolment);
    await buildCertificate(t.db, {
      unit_id: unit.id,
      programme_id: p.id,
      enrolment_id: firstEnrolment.id,
      issued_on: '2026-10-20',
    });
    const sale = await buildSale(t.db, { unit_id: unit.id, sold_on: '2026-10-15', total: 50_000 });
    await buildSale(t.db, { unit_id: unit.id, sold_on: '2026-10-16', total: 120_000 });
    await buildSale(t.db, { unit_id: unit.id, sold_on: '2026-10-17', total: -50_000, reverses_id: sale.id });

    assert.ok((await refreshDirty(t.db)) >= 2);
    const reader = readerOf(t.db, [unit.id]);
    const [oct, nov] = await unitMonths(reader, { from: '2026-10', to: '2026-11' });
    assert.ok(oct && nov);
    assert.equal(oct.month, '2026-10');
    assert.equal(oct.sessionsHeld, 1);
    assert.equal(oct.sessionsCancelled, 1);
    assert.deepEqual(oct.marks, { hadir: 3, terlambat: 0, izin: 0, sakit: 0, alpa: 1, dispensasi: 0 });
    assert.deepEqual(oct.participants, { narapidana: 1, tahanan: 1, intern: 0, staff: 2, total: 4 });
    assert.equal(oct.enrolled, 3);
    assert.equal(oct.certificates, 1);
    assert.equal(oct.salesCount, 1);
    assert.equal(oct.salesValue, 120_000);
    assert.equal(oct.programmesRunning, 1);
    assert.equal(nov.sessionsHeld, 1);
    assert.equal(nov.participants.total, 4);
    assert.equal(nov.enrolled, 0);
    const progs = await programmeMonths(reader, { from: '2026-10', to: '2026-10', unitId: unit.id });
    assert.equal(progs.length, 1);
    assert.equal(progs[0]?.programmeId, p.id);
    assert.equal(progs[0]?.marks.hadir, 3);

    // Corrected later: the session was on 10 November, one mark was late, not present.
    await t.db
      .updateTable('programme_sessions')
      .set({ day: '2026-11-10' })
      .where('id', '=', held.id)
      .execute();
    await t.db
      .updateTable('attendance_marks')
      .set({ status: 'terlambat' })
      .where('session_id', '=', held.id)
      .where('enrolment_id', '=', firstEnrolment.id)
      .execute();
    const before = await freshness(reader, { unitIds: [unit.id] });
    assert.ok(before.pending >= 2, 'the corrected months wait for a recount');
    await refreshDirty(t.db);
    const [oct2, nov2] = await unitMonths(reader, { from: '2026-10', to: '2026-11' });
    assert.equal(oct2?.sessionsHeld, 0);
    assert.equal(oct2?.marks.hadir, 0);
    assert.equal(nov2?.sessionsHeld, 2);
    assert.deepEqual(nov2?.marks, { hadir: 2, terlambat: 1, izin: 0, sakit: 0, alpa: 1, dispensasi: 0 });
    const fresh = await freshness(reader, { unitIds: [unit.id] });
    assert.equal(fresh.pending, 0);
    assert.ok(fresh.computedAt && fresh.computedAt >= (oct.computedAt ?? 0));
  });

  test('a reader sees only the units of their scope', async () => {
    const a = await buildUnit(t.db);
    const b = await buildUnit(t.db);
    await buildSale(t.db, { unit_id: a.id, sold_on: '2026-09-10', total: 10_000 });
    await buildSale(t.db, { unit_id: b.id, sold_on: '2026-09-11', total: 20_000 });
    await refreshDirty(t.db);
    const ofA = await unitMonths(readerOf(t.db, [a.id]), { from: '2026-09', to: '2026-09' });
    assert.deepEqual(
      ofA.map((r) => [r.unitId, r.salesValue]),
      [[a.id, 10_000]],
    );
    // Asking for another region's unit gives nothing, not its figures.
    assert.deepEqual(
      await unitMonths(readerOf(t.db, [a.id]), { from: '2026-09', to: '2026-09', unitIds: [b.id] }),
      [],
    );
    const none = await freshness(readerOf(t.db, []), {});
    assert.deepEqual(none, { computedAt: null, pending: 0, replicaLagSeconds: null });
  });

  test('the recount of one unit-month reaches every raw table through an index', async () => {
    const unit = await buildUnit(t.db);
    await t.db.transaction().execute(async (trx) => {
      // Small test tables make a sequential scan cheapest; forbidding it shows whether an index exists.
      await sql`set local enable_seqscan = off`.execute(trx);
      for (const q of [programmeFigures(unit.id, '2026-10'), unitFigures(unit.id, '2026-10')]) {
        const plan = (await sql<{ 'QUERY PLAN': string }>`explain ${q}`.execute(trx)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
        assert.doesNotMatch(plan, /Seq Scan on (?!rollup_|units|programme_program_aksi)\w+/, plan);
      }
    });
  });

  test('the clock marks the current month of a unit whose figures are missing or old, and only then', async () => {
    const unit = await buildUnit(t.db);
    const pending = async () =>
      (await t.db.selectFrom('rollup_dirty').select('month').where('unit_id', '=', unit.id).execute()).length;
    await markClock(t.db);
    assert.equal(await pending(), 2, 'this month and the last');
    await refreshDirty(t.db);
    await markClock(t.db);
    assert.equal(await pending(), 0, 'fresh rows are left alone');
    await t.db
      .updateTable('rollup_unit_months')
      .set({ computed_at: new Date(Date.now() - 2 * 3600_000) })
      .where('unit_id', '=', unit.id)
      .where('month', '=', sql<string>`date_trunc('month', now() at time zone 'Asia/Jakarta')::date`)
      .execute();
    await markClock(t.db);
    assert.equal(
      await pending(),
      1,
      'an hour-old current month is counted again, not last month (counted after it ended)',
    );
  });
});
