import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { demoSeededAt } from '../../../test/db.ts';
import { attendanceRate } from '../attendance/attendance.rules.ts';
import { competencyRecord } from '../competencies/competencies.service.ts';
import { curriculumPlan, seedDemoJournal } from './demo.journal.ts';

describe('demo journal and competencies', () => {
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

  test('the plan works through the curriculum in order, each unit for its target hours, then practice', () => {
    const u = (id: string, target_hours: number) => ({ id, code: id, title: id, core: true, target_hours });
    const plan = curriculumPlan([u('A', 6), u('B', 4), u('C', 3), u('D', 3)], [3, 3, 3, 3, 3, 3, 3]);
    assert.deepEqual(
      plan.map((p) => `${p.units.map((x) => x.id).join('+')}${p.practice ? '*' : ''}`),
      ['A', 'A', 'B', 'B+C', 'C+D', 'D', 'C+D*'],
    );
  });

  test('every held session up to today has a journal, in curriculum order, with photos; cancelled ones none', async () => {
    const now = new Date();
    const sessions = await t.db
      .selectFrom('programme_sessions as s')
      .leftJoin('session_journals as j', 'j.session_id', 's.id')
      .select(['s.id', 's.day', 's.status', 's.ends_at', 'j.topic'])
      .where('s.programme_id', '=', programmeId)
      .orderBy('s.starts_at')
      .execute();
    const held = sessions.filter((s) => s.status === 'scheduled' && s.ends_at <= now);
    assert.ok(held.length > 0);
    assert.deepEqual(
      held.filter((s) => !s.topic).map((s) => s.day),
      [],
    );
    assert.deepEqual(
      sessions.filter((s) => s.status === 'cancelled' && s.topic).map((s) => s.day),
      [],
    );
    const units = await t.db
      .selectFrom('session_journal_units as ju')
      .innerJoin('curriculum_units as c', 'c.id', 'ju.curriculum_unit_id')
      .innerJoin('programme_sessions as s', 's.id', 'ju.session_id')
      .select(['s.day', 'c.position', 'c.code'])
      .where('s.programme_id', '=', programmeId)
      .orderBy('s.day')
      .orderBy('c.position')
      .execute();
    const firstCodes = [...new Set(units.map((x) => x.code))];
    assert.deepEqual(firstCodes.slice(0, 2), ['RJT-01', 'RJT-02']);
    const firstDay = held[0]?.day;
    assert.deepEqual(
      units.filter((x) => x.day === firstDay).map((x) => x.code),
      ['RJT-01'],
    );
    const photos = await t.db
      .selectFrom('files')
      .select(['mime', 'content'])
      .where('owner_type', '=', 'session_journal')
      .execute();
    assert.ok(photos.length > 0);
    for (const p of photos) {
      // Stored through storeImage: re-encoded as JPEG without metadata.
      assert.equal(p.mime, 'image/jpeg');
      assert.equal(p.content.subarray(0, 3).toString('hex'), 'ffd8ff');
    }
  });

  test('most participants are in progress, some competent early on, the two best attenders competent on every core unit', async () => {
    const people = await t.db
      .selectFrom('enrolments')
      .select(['id', 'name', 'kind'])
      .where('programme_id', '=', programmeId)
      // The certificates demo (seeded after this one) completes the two it certifies.
      .where('status', 'in', ['active', 'completed'])
      .execute();
    assert.ok(people.length >= 4);
    const records = new Map(
      await Promise.all(people.map(async (p) => [p.id, await competencyRecord({ db: t.db }, p.id)] as const)),
    );
    const allCore = people.filter((p) =>
      records.get(p.id)?.every((u) => !u.core || u.status === 'competent'),
    );
    assert.equal(allCore.length, 2, 'exactly two complete every core unit');
    const inProgress = people.filter((p) => records.get(p.id)?.some((u) => u.status === 'in_progress'));
    assert.ok(inProgress.length > people.length / 2, 'most participants are in progress');
    const earlyCompetent = people.filter(
      (p) => !allCore.includes(p) && records.get(p.id)?.[0]?.status === 'competent',
    );
    assert.ok(earlyCompetent.length > 0, 'some are competent on the first unit');
    // The two are the inmates with the best attendance, computed here from the marks.
    const marks = await t.db
      .selectFrom('attendance_marks as m')
      .innerJoin('programme_sessions as s', 's.id', 'm.session_id')
      .select(['m.enrolment_id', 'm.status'])
      .where('s.programme_id', '=', programmeId)
      .where('s.status', '=', 'scheduled')
      .execute();
    const ranked = people
      .filter((p) => p.kind === 'inmate')
      .map((p) => ({
        p,
        r: attendanceRate(marks.filter((m) => m.enrolment_id === p.id).map((m) => m.status)),
      }))
      .sort(
        (a, b) =>
          (b.r.rate ?? -1) - (a.r.rate ?? -1) ||
          b.r.present - a.r.present ||
          a.p.name.localeCompare(b.p.name, 'id'),
      );
    assert.deepEqual(
      allCore.map((p) => p.id).sort(),
      ranked
        .slice(0, 2)
        .map((x) => x.p.id)
        .sort(),
    );
    const best = records.get(allCore[0]?.id ?? '') ?? [];
    assert.ok(best.every((u) => u.hoursAttended > 0 && u.assessedOn !== null));
    // They are the ones the certificates demo certifies.
    const certs = await t.db
      .selectFrom('certificates')
      .select('enrolment_id')
      .where('programme_id', '=', programmeId)
      .execute();
    if (certs.length > 0)
      assert.deepEqual(certs.map((c) => c.enrolment_id).sort(), allCore.map((p) => p.id).sort());
  });

  test('seeding again adds nothing', async () => {
    const unit = await t.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'RUTAN-MGT')
      .executeTakeFirstOrThrow();
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'instruktur.arta')
      .executeTakeFirstOrThrow();
    const n = await seedDemoJournal(
      t.db,
      {
        unitId: unit.id,
        instructor: { userId: user.id, name: 'instruktur.arta' },
        petugasId: null,
      },
      demoSeededAt(),
    );
    assert.equal(n, 0);
  });
});
