import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { demoSeededAt } from '../../../test/db.ts';
import { currentAbsenceRun, longestAbsenceRun } from '../attendance/attendance.rules.ts';
import { patternMark } from './demo.attendance.ts';
import { seedDemo } from './demo.seed.ts';

describe('demo attendance of the knitting class', () => {
  let t: TestApp;
  let programmeId: string;
  before(async () => {
    // The demo as `npm start` seeds it (Program Aksi, then the demo), seeded once per run.
    t = await startTestApp({}, { demo: true });
    programmeId = (
      await t.db
        .selectFrom('programmes')
        .select('id')
        .where('name', '=', 'Pelatihan Merajut')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  const marks = () =>
    t.db
      .selectFrom('attendance_marks as m')
      .innerJoin('programme_sessions as s', 's.id', 'm.session_id')
      .innerJoin('enrolments as e', 'e.id', 'm.enrolment_id')
      .select(['m.enrolment_id', 'e.kind', 'm.status', 'm.note', 's.day', 's.id as session_id'])
      .where('s.programme_id', '=', programmeId)
      .orderBy('s.day')
      .execute();

  test('every held session up to today has a mark for each participant active that day', async () => {
    const now = new Date();
    const held = await t.db
      .selectFrom('programme_sessions')
      .select(['id', 'day', 'status', 'ends_at'])
      .where('programme_id', '=', programmeId)
      .execute();
    const past = held.filter((s) => s.status === 'scheduled' && s.ends_at <= now);
    assert.ok(past.length >= 10, `${past.length} sessions held`);
    const enrolled = await t.db
      .selectFrom('enrolments')
      .select(['id', 'kind', 'started_on', 'ended_on', 'end_reason', 'period_from', 'period_to'])
      .where('programme_id', '=', programmeId)
      .execute();
    const all = await marks();
    const marked = new Set(all.map((m) => `${m.session_id}/${m.enrolment_id}`));
    for (const s of past) {
      // On the roll: within the place's dates, not on the day of leaving the Rutan, interns in their period.
      const left = (e: (typeof enrolled)[number]) =>
        e.end_reason === 'released' || e.end_reason === 'transferred';
      const active = enrolled.filter(
        (e) =>
          e.started_on <= s.day &&
          (e.ended_on === null || e.ended_on > s.day || (e.ended_on === s.day && !left(e))) &&
          (e.kind !== 'intern' || ((e.period_from ?? '') <= s.day && s.day <= (e.period_to ?? ''))),
      );
      for (const e of active) assert.ok(marked.has(`${s.id}/${e.id}`), `session ${s.day}, enrolment ${e.id}`);
    }
    // Only enrolled people are marked (a place completed later, by the certificates step, keeps its marks).
    const started = new Map(enrolled.map((e) => [e.id, e.started_on]));
    assert.ok(all.every((m) => (started.get(m.enrolment_id) ?? '9999') <= m.day));
    const future = new Set(held.filter((s) => s.ends_at > now || s.status === 'cancelled').map((s) => s.id));
    assert.ok(
      all.every((m) => !future.has(m.session_id)),
      'no marks for cancelled or future sessions',
    );
  });

  test('absences are realistic: some sick and excused, a few absent, a court hearing, a run of three', async () => {
    const all = await marks();
    const count = (s: string) => all.filter((m) => m.status === s).length;
    const share = count('hadir') / all.length;
    assert.ok(share > 0.7 && share < 0.95, `present share ${share}`);
    assert.ok(count('sakit') > 0 && count('izin') > 0 && count('terlambat') > 0);
    assert.ok(count('alpa') > 0 && count('alpa') < all.length * 0.05);
    assert.ok(all.some((m) => m.status === 'dispensasi' && m.note === 'Sidang di Pengadilan Negeri Magetan'));
    const byPerson = new Map<string, typeof all>();
    for (const m of all) byPerson.set(m.enrolment_id, [...(byPerson.get(m.enrolment_id) ?? []), m]);
    const runs = [...byPerson.values()].map((ms) => ({
      current: currentAbsenceRun(ms.map((m) => m.status)),
      longest: longestAbsenceRun(ms.map((m) => m.status)),
      kind: ms[0]?.kind,
    }));
    assert.ok(
      runs.some((r) => r.current >= 3 && r.kind === 'inmate'),
      'one inmate absent for the latest 3',
    );
    const corrections = await t.db.selectFrom('attendance_corrections').selectAll().execute();
    assert.equal(corrections.length, 1);
    assert.equal(corrections[0]?.previous_status, 'alpa');
    assert.equal(corrections[0]?.new_status, 'izin');
  });

  test('the pattern is deterministic and seeding again adds nothing', async () => {
    assert.deepEqual(patternMark(3, 7), patternMark(3, 7));
    const before = (await marks()).length;
    const audits = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'attendance.save')
      .execute();
    assert.ok(audits.length > 0);
    await seedDemo(t.db, demoSeededAt());
    assert.equal((await marks()).length, before);
  });
});
