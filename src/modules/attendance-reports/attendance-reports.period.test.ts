// A programme's report is counted in SQL over a bounded period (issue 15): the figures agree with
// the attendance rules applied mark by mark, the default period is the last 13 months, and a
// longer period is refused with a message on the field, on the page and in the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rng } from '../../../bench/generate.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme, buildSession } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildInmate, buildMark, buildUnit, buildUser } from '../../../test/builders.ts';
import { systemCtx } from '../../app/principal.ts';
import type { MarkStatus } from '../../db/schema.ts';
import {
  attendanceRate,
  currentAbsenceRun,
  isPresent,
  longestAbsenceRun,
  MARK_STATUSES,
} from '../attendance/attendance.rules.ts';
import { participantRecord, programmeReport } from './attendance-reports.service.ts';

// 22 Wednesdays from 29 October 2025 to 25 March 2026: the first five (October and November) fall
// outside the default period, the 13 months up to December 2026.
const DAYS = Array.from({ length: 22 }, (_, i) => {
  const d = new Date(Date.UTC(2025, 9, 29 + 7 * i));
  return d.toISOString().slice(0, 10);
});

describe('a programme report over a bounded period', () => {
  let t: TestApp;
  let staff: Client;
  let english: Client;
  let programmeId = '';
  /** Each participant's marks in session order (null: no mark on that session). */
  const sequences = new Map<string, Array<MarkStatus | null>>();

  before(async () => {
    t = await startTestApp();
    const unit = await buildUnit(t.db);
    const prog = await buildProgramme(t.db, { unit_id: unit.id, name: 'Pertukangan Kayu' });
    programmeId = prog.id;
    const sessions = [];
    for (const day of DAYS) sessions.push(await buildSession(t.db, { programme_id: prog.id, day }));
    // Seeded random records, weighted towards runs of absences broken by presences and dispensations.
    const r = rng(15);
    const pool: Array<MarkStatus | null> = [...MARK_STATUSES, 'alpa', 'alpa', 'izin', 'hadir', null];
    for (let p = 0; p < 24; p++) {
      const inmate = await buildInmate(t.db, {
        unit_id: unit.id,
        name: `Peserta ${String(p).padStart(2, '0')}`,
      });
      const e = await buildEnrolment(t.db, {
        programme_id: prog.id,
        inmate_id: inmate.id,
        name: inmate.name,
      });
      const seq = sessions.map(() => pool[Math.floor(r() * pool.length)] ?? null);
      // Two records with no mark at all, and one that ends on a long run of absences.
      if (p < 2) seq.fill(null);
      if (p === 2) seq.fill('alpa', 15);
      for (const [i, s] of sessions.entries()) {
        const status = seq[i];
        if (status) await buildMark(t.db, { session_id: s.id, enrolment_id: e.id, status });
      }
      sequences.set(e.id, seq);
    }
    const u = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    const en = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', en.id).execute();
    staff = await t.signedIn(u.username);
    english = await t.signedIn(en.username);
  });
  after(() => t.close());

  test('counts, rate, runs of absences, hours and last day agree with the attendance rules', async () => {
    const ctx = systemCtx(t.db);
    const whole = await programmeReport(ctx, programmeId, { from: '2025-10', to: '2026-10' });
    assert.equal(whole.participants.length, sequences.size);
    for (const p of whole.participants) {
      const marks = (sequences.get(p.enrolment_id) ?? []).filter((m): m is MarkStatus => m !== null);
      const counts = Object.fromEntries(MARK_STATUSES.map((s) => [s, marks.filter((m) => m === s).length]));
      assert.deepEqual(p.counts, counts, p.name);
      assert.deepEqual(p.rate, attendanceRate(marks), p.name);
      assert.equal(p.currentRun, currentAbsenceRun(marks), `${p.name} current run`);
      assert.equal(p.longestRun, longestAbsenceRun(marks), `${p.name} longest run`);
      assert.equal(p.hours, marks.filter(isPresent).length * 3, `${p.name} hours`);
      const seq = sequences.get(p.enrolment_id) ?? [];
      const lastIndex = seq.findLastIndex((m) => m !== null);
      assert.equal(p.lastDay, lastIndex < 0 ? null : DAYS[lastIndex], `${p.name} last day`);
      // One participant's page reads the same summary, and lists each marked session.
      const record = await participantRecord(ctx, p.enrolment_id);
      assert.deepEqual(
        { ...record.summary, marks: undefined },
        { ...p, marks: undefined },
        `${p.name}'s own page`,
      );
      assert.deepEqual(
        record.summary.marks.map((m) => m.status),
        marks,
      );
    }
    assert.ok(
      whole.participants.some((p) => p.longestRun >= 3 && p.currentRun < p.longestRun),
      'the data has a run that ended before the latest one',
    );
    assert.equal(whole.participants.find((p) => p.name === 'Peserta 02')?.currentRun, 7);
  });

  test('the default period is the last 13 months; an earlier one is asked for by month', async () => {
    const res = await staff.get(`/api/v1/programmes/${programmeId}/attendance-summary`);
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as { from: string; to: string; months: Array<{ month: string }> };
    assert.deepEqual([body.from, body.to], ['2025-12', '2026-12']);
    assert.deepEqual(
      body.months.map((m) => m.month),
      ['2025-12', '2026-01', '2026-02', '2026-03'],
    );
    const earlier = JSON.parse(
      (await staff.get(`/api/v1/programmes/${programmeId}/attendance-summary?from=2025-10&to=2025-11`)).body,
    ) as { months: Array<{ month: string; held: number }> };
    assert.deepEqual(
      earlier.months.map((m) => [m.month, m.held]),
      [
        ['2025-10', 1],
        ['2025-11', 4],
      ],
    );
    const page = await staff.get(`/attendance-reports/programmes/${programmeId}?from=2025-10&to=2025-11`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="period-form"/);
    assert.match(page.body, /Oktober 2025 – November 2025/);
    assert.match(page.body, /months\.xlsx\?from=2025-10&amp;to=2025-11/);
  });

  test('a period longer than 13 months, or ending before it starts, is refused on the field', async () => {
    const api = await staff.get(
      `/api/v1/programmes/${programmeId}/attendance-summary?from=2024-01&to=2026-12`,
    );
    assert.equal(api.statusCode, 400);
    const err = JSON.parse(api.body) as { error: { fields: Array<{ field: string; message: string }> } };
    assert.deepEqual(err.error.fields, [
      {
        field: 'from',
        message: 'Periode rekap paling lama 13 bulan. Pilih bulan awal dan akhir yang lebih dekat.',
      },
    ]);
    const en = await english.get(
      `/api/v1/programmes/${programmeId}/attendance-summary?from=2024-01&to=2026-12`,
    );
    assert.match(en.body, /A report period can be at most 13 months/);
    // Thirteen months is allowed; fourteen is not, also for the exports.
    assert.equal(
      (await staff.get(`/attendance-reports/programmes/${programmeId}?from=2025-01&to=2026-01`)).statusCode,
      200,
    );
    for (const path of ['', '/participants.xlsx', '/months.xlsx']) {
      const res = await staff.get(
        `/attendance-reports/programmes/${programmeId}${path}?from=2024-12&to=2026-01`,
      );
      assert.equal(res.statusCode, 400, path);
      assert.match(res.headers['content-type'] as string, /text\/html/, path);
      assert.match(res.body, /Periode rekap paling lama 13 bulan/, path);
    }
    const reversed = await staff.get(
      `/api/v1/programmes/${programmeId}/attendance-summary?from=2026-03&to=2026-01`,
    );
    assert.equal(reversed.statusCode, 400);
    assert.match(reversed.body, /"field":"to","message":"Bulan akhir tidak boleh sebelum bulan awal\."/);
    const malformed = await staff.get(`/attendance-reports/programmes/${programmeId}?from=2026-13`);
    assert.equal(malformed.statusCode, 400);
  });
});
