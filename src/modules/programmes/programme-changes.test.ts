// Changing programmes after the fact: curriculum units keep their ids through edits, instructors,
// schedules edited and ended, holidays added later, and the batched daily session generation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { dayInZone } from '../../app/format.ts';
import { systemCtx } from '../../app/principal.ts';
import { isProgrammeInstructor, programmesOfInstructor } from './programmes.service.ts';
import { addDays, isoWeekday } from './schedule.rules.ts';
import { generateSessions } from './sessions.service.ts';

describe('programme changes: curriculum ids, instructors, schedule edits, late holidays, batch generation', () => {
  let t: TestApp;
  let petugas: Client;
  let admin: Client;
  let unitId: string;
  let partnerId: string;
  const today = () => dayInZone(new Date(), 'Asia/Jakarta');
  /** The first day on or after `day` with ISO weekday `wd`. */
  const nextWeekday = (day: string, wd: number) => addDays(day, (wd - isoWeekday(day) + 7) % 7);

  const newProgramme = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await petugas.json('POST', '/api/v1/programmes', {
      name,
      kind: 'training',
      capacity: 20,
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const unitsOf = (programmeId: string) =>
    t.db
      .selectFrom('curriculum_units')
      .select(['id', 'position', 'code', 'title', 'target_hours'])
      .where('programme_id', '=', programmeId)
      .orderBy('position')
      .execute();
  const sessionsOf = (programmeId: string) =>
    t.db
      .selectFrom('programme_sessions')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('day')
      .execute();
  const audits = (action: string) =>
    t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' })).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    admin = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: null })).username);
  });
  after(() => t.close());

  test('editing the curriculum in its rows keeps ids, reorders, renames, adds and removes units', async () => {
    const id = await newProgramme('Merajut kurikulum', {
      curriculum: [
        { title: 'Tusuk dasar', target_hours: 6 },
        { title: 'Rantai', target_hours: 12 },
        { title: 'Pola tas', target_hours: 9 },
      ],
    });
    const [a, b, c] = await unitsOf(id);
    assert.ok(a && b && c);
    const form = await petugas.get(`/programmes/${id}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`name="cu_id" value="${a.id}"`));
    // Swap the first two, rename the second, remove the third, add one line.
    const res = await petugas.postForm(`/programmes/${id}`, {
      name: 'Merajut kurikulum',
      kind: 'training',
      capacity: '20',
      status: 'planned',
      cu_id: [a.id, b.id, c.id],
      cu_position: ['2', '1', '3'],
      cu_code: ['', 'K-02', ''],
      cu_title: ['Tusuk dasar', 'Rantai dan tusuk tunggal', 'Pola tas'],
      cu_hours: ['6', '14', '9'],
      cu_remove: [c.id],
      curriculum: 'Finishing; 4',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
    const after1 = await unitsOf(id);
    assert.deepEqual(
      after1.map((u) => [
        u.id === b.id ? 'b' : u.id === a.id ? 'a' : 'new',
        u.position,
        u.code,
        u.title,
        u.target_hours,
      ]),
      [
        ['b', 1, 'K-02', 'Rantai dan tusuk tunggal', 14],
        ['a', 2, null, 'Tusuk dasar', 6],
        ['new', 3, null, 'Finishing', 4],
      ],
    );
    // The API's PUT: units with their id are kept, the one left out is removed.
    const put = await petugas.json('PUT', `/api/v1/programmes/${id}`, {
      name: 'Merajut kurikulum',
      kind: 'training',
      capacity: 20,
      curriculum: [
        { id: a.id, title: 'Tusuk dasar', target_hours: 8 },
        { id: b.id, code: 'K-02', title: 'Rantai dan tusuk tunggal', target_hours: 14 },
      ],
    });
    assert.equal(put.statusCode, 200, put.body);
    const body = put.json() as { curriculum: Array<{ id: string; target_hours: number }> };
    assert.deepEqual(
      body.curriculum.map((u) => [u.id, u.target_hours]),
      [
        [a.id, 8],
        [b.id, 14],
      ],
    );
    const audit = (await audits('programmes.update')).at(-1);
    assert.equal(audit?.entity_id, id);
  });

  test('a curriculum unit something refers to cannot be removed, and nothing changes; an unknown id is refused', async () => {
    const id = await newProgramme('Merajut dipakai', {
      curriculum: [
        { title: 'Tusuk dasar', target_hours: 6 },
        { title: 'Rantai', target_hours: 12 },
      ],
    });
    const [a, b] = await unitsOf(id);
    assert.ok(a && b);
    // Any table whose foreign key points at curriculum_units counts (found from the catalog).
    await sql`create table test_unit_refs (unit_id uuid references curriculum_units (id))`.execute(t.db);
    await sql`insert into test_unit_refs values (${b.id})`.execute(t.db);
    const res = await petugas.postForm(`/programmes/${id}`, {
      name: 'Merajut dipakai baru',
      kind: 'training',
      capacity: '20',
      cu_id: [a.id, b.id],
      cu_title: ['Tusuk dasar', 'Rantai'],
      cu_hours: ['6', '12'],
      cu_remove: [b.id],
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-testid="error-cu_title">Unit &quot;Rantai&quot; sudah dipakai/);
    assert.deepEqual(
      (await unitsOf(id)).map((u) => u.id),
      [a.id, b.id],
    );
    const p = await t.db
      .selectFrom('programmes')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(p.name, 'Merajut dipakai');
    const other = await newProgramme('Merajut lain', { curriculum: [{ title: 'Lain', target_hours: 2 }] });
    const [foreign] = await unitsOf(other);
    const stolen = await petugas.json('PUT', `/api/v1/programmes/${id}`, {
      name: 'Merajut dipakai',
      kind: 'training',
      capacity: 20,
      curriculum: [
        { id: a.id, title: 'Tusuk dasar', target_hours: 6 },
        { id: b.id, title: 'Rantai', target_hours: 12 },
        { id: foreign?.id, title: 'Lain', target_hours: 2 },
      ],
    });
    assert.equal(stolen.statusCode, 400);
    assert.match(stolen.body, /"field":"curriculum"/);
    await sql`drop table test_unit_refs`.execute(t.db);
  });

  test("instructors are chosen among the unit's petugas and the partner's instruktur_mitra, shown and in the API", async () => {
    const id = await newProgramme('Merajut instruktur', { partner_id: partnerId });
    const staff = await buildUser(t.db, { roles: ['petugas'], unit_id: unitId });
    const mine = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    await t.db.updateTable('users').set({ partner_id: partnerId }).where('id', '=', mine.id).execute();
    const otherPartner = await buildPartner(t.db, { unit_id: unitId });
    const theirs = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    await t.db
      .updateTable('users')
      .set({ partner_id: otherPartner.id })
      .where('id', '=', theirs.id)
      .execute();
    const form = await petugas.get(`/programmes/${id}/edit`);
    assert.match(form.body, new RegExp(`name="instructor_ids" value="${mine.id}"`));
    assert.match(form.body, new RegExp(`name="instructor_ids" value="${staff.id}"`));
    assert.doesNotMatch(form.body, new RegExp(theirs.id));
    const bad = await petugas.postForm(`/programmes/${id}`, {
      name: 'Merajut instruktur',
      kind: 'training',
      capacity: '20',
      partner_id: partnerId,
      instructor_ids: [theirs.id],
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-instructor_ids"/);
    const ok = await petugas.postForm(`/programmes/${id}`, {
      name: 'Merajut instruktur',
      kind: 'training',
      capacity: '20',
      partner_id: partnerId,
      instructor_ids: [mine.id, staff.id],
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 1500));
    const page = await petugas.get(`/programmes/${id}`);
    assert.match(page.body, new RegExp(`data-testid="programme-instructors">[^<]*${mine.full_name}`));
    const api = (await petugas.get(`/api/v1/programmes/${id}`)).json() as {
      instructors: Array<{ id: string }>;
    };
    assert.deepEqual(api.instructors.map((u) => u.id).sort(), [mine.id, staff.id].sort());
    assert.equal(await isProgrammeInstructor(systemCtx(t.db), id, mine.id), true);
    assert.equal(await isProgrammeInstructor(systemCtx(t.db), id, theirs.id), false);
    assert.deepEqual(await programmesOfInstructor(systemCtx(t.db), mine.id), [id]);
    // A PUT without instructor_ids leaves them as they are.
    await petugas.json('PUT', `/api/v1/programmes/${id}`, {
      name: 'Merajut instruktur',
      kind: 'training',
      capacity: 20,
      partner_id: partnerId,
    });
    assert.deepEqual(await programmesOfInstructor(systemCtx(t.db), staff.id), [id]);
  });

  test('editing a schedule regenerates only sessions not yet held; past, cancelled and moved ones stay', async () => {
    const id = await newProgramme('Merajut ubah jadwal');
    const add = await petugas.json('POST', `/api/v1/programmes/${id}/schedules`, {
      weekdays: [3],
      starts_on: addDays(today(), -35),
      start_time: '09:00',
      end_time: '12:00',
    });
    assert.equal(add.statusCode, 201, add.body);
    const scheduleId = (add.json() as { id: string }).id;
    const before1 = await sessionsOf(id);
    const past = before1.filter((s) => s.day < today());
    assert.ok(past.length >= 4);
    const future = before1.filter((s) => s.day > addDays(today(), 1));
    const [cancelMe, moveMe] = future;
    assert.ok(cancelMe && moveMe);
    await petugas.json('POST', `/api/v1/programmes/${id}/sessions/${cancelMe.id}/cancel`, {
      reason: 'Aula dipakai',
    });
    await petugas.json('POST', `/api/v1/programmes/${id}/sessions/${moveMe.id}/reschedule`, {
      day: addDays(moveMe.day, 1),
      start_time: '13:00',
      end_time: '15:00',
    });
    await petugas.get(`/programmes/${id}`);
    const res = await petugas.postForm(`/programmes/${id}/schedules/${scheduleId}`, {
      weekdays: ['5'],
      every_n_weeks: '1',
      start_time: '13:00',
      end_time: '16:00',
      skip_holidays: 'true',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
    const rows = await sessionsOf(id);
    // Past sessions are untouched.
    for (const p of past) assert.deepEqual(rows.find((r) => r.id === p.id)?.starts_at, p.starts_at);
    // The cancelled one stays cancelled, the moved one stays where it was moved.
    assert.equal(rows.find((r) => r.id === cancelMe.id)?.status, 'cancelled');
    assert.equal(rows.find((r) => r.id === moveMe.id)?.rescheduled_from, moveMe.day);
    // Sessions from tomorrow on follow the new rule: Fridays 13:00 WIB.
    const fresh = rows.filter((r) => r.day > today() && r.status === 'scheduled' && !r.rescheduled_from);
    assert.ok(fresh.length >= 7);
    for (const r of fresh) {
      assert.equal(isoWeekday(r.day), 5, r.day);
      assert.equal(r.starts_at.toISOString().slice(11, 16), '06:00');
    }
    const s = await t.db
      .selectFrom('schedules')
      .selectAll()
      .where('id', '=', scheduleId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(s.weekdays, [5]);
    const audit = (await audits('schedules.update')).at(-1);
    assert.equal(audit?.entity_id, scheduleId);
    const bad = await petugas.postForm(`/programmes/${id}/schedules/${scheduleId}`, {
      weekdays: ['5'],
      start_time: '16:00',
      end_time: '13:00',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-end_time"/);
  });

  test('ending a schedule on a day cancels its later sessions with the reason, audited', async () => {
    const id = await newProgramme('Merajut berakhir');
    const add = await petugas.json('POST', `/api/v1/programmes/${id}/schedules`, {
      weekdays: [1, 3],
      starts_on: addDays(today(), -14),
      start_time: '09:00',
      end_time: '12:00',
      skip_holidays: false,
    });
    const scheduleId = (add.json() as { id: string }).id;
    const endOn = addDays(today(), 14);
    const res = await petugas.json('POST', `/api/v1/programmes/${id}/schedules/${scheduleId}/end`, {
      ends_on: endOn,
      reason: 'Anggaran habis',
    });
    assert.equal(res.statusCode, 200, res.body);
    const rows = await sessionsOf(id);
    const later = rows.filter((r) => r.day > endOn);
    assert.ok(later.length >= 8);
    assert.equal((res.json() as { cancelled: number }).cancelled, later.length);
    for (const r of later) assert.deepEqual([r.status, r.cancel_reason], ['cancelled', 'Anggaran habis']);
    assert.ok(rows.filter((r) => r.day <= endOn).every((r) => r.status === 'scheduled'));
    const s = await t.db
      .selectFrom('schedules')
      .select('ends_on')
      .where('id', '=', scheduleId)
      .executeTakeFirstOrThrow();
    assert.equal(s.ends_on, endOn);
    assert.equal(await generateSessions(systemCtx(t.db), { programmeId: id }), 0);
    assert.equal((await audits('schedules.end')).at(-1)?.entity_id, scheduleId);
    const early = await petugas.json('POST', `/api/v1/programmes/${id}/schedules/${scheduleId}/end`, {
      ends_on: addDays(today(), -60),
      reason: 'Salah',
    });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /"field":"ends_on"/);
  });

  test("a holiday added later cancels that day's sessions of schedules that skip holidays, in its unit only", async () => {
    const day = nextWeekday(addDays(today(), 7), 3);
    const skip = await newProgramme('Merajut libur nanti');
    await petugas.json('POST', `/api/v1/programmes/${skip}/schedules`, {
      weekdays: [3],
      starts_on: today(),
      start_time: '09:00',
      end_time: '12:00',
    });
    const keep = await newProgramme('Merajut tetap jalan');
    await petugas.json('POST', `/api/v1/programmes/${keep}/schedules`, {
      weekdays: [3],
      starts_on: today(),
      start_time: '09:00',
      end_time: '12:00',
      skip_holidays: false,
    });
    // Another unit's programme on the same day.
    const otherUnit = (await buildUnit(t.db)).id;
    const otherStaff = await t.signedIn(
      (await buildUser(t.db, { roles: ['petugas'], unit_id: otherUnit })).username,
    );
    const otherProg = (
      (
        await otherStaff.json('POST', '/api/v1/programmes', {
          name: 'Menjahit',
          kind: 'training',
          capacity: 5,
        })
      ).json() as {
        id: string;
      }
    ).id;
    await otherStaff.json('POST', `/api/v1/programmes/${otherProg}/schedules`, {
      weekdays: [3],
      starts_on: today(),
      start_time: '09:00',
      end_time: '12:00',
    });
    const on = async (p: string) => (await sessionsOf(p)).find((s) => s.day === day);
    await petugas.get('/holidays');
    const added = await petugas.postForm('/holidays', { day, name: 'Hari jadi Kabupaten' });
    assert.equal(added.statusCode, 303, added.body.slice(0, 800));
    assert.deepEqual(
      [(await on(skip))?.status, (await on(skip))?.cancel_reason],
      ['cancelled', 'Hari libur: Hari jadi Kabupaten'],
    );
    assert.equal((await on(keep))?.status, 'scheduled');
    assert.equal((await on(otherProg))?.status, 'scheduled');
    const audit = (await audits('holidays.create')).at(-1);
    assert.deepEqual(
      (audit?.after as { cancelled_session_ids?: string[] } | undefined)?.cancelled_session_ids,
      [(await on(skip))?.id],
    );
    // A national holiday (cuti bersama) reaches every unit.
    const day2 = addDays(day, 7);
    const nat = await admin.json('POST', '/api/v1/holidays', {
      day: day2,
      name: 'Cuti bersama',
      national: true,
      kind: 'cuti_bersama',
    });
    assert.equal(nat.statusCode, 201, nat.body);
    const on2 = async (p: string) => (await sessionsOf(p)).find((s) => s.day === day2);
    assert.equal((await on2(skip))?.cancel_reason, 'Hari libur: Cuti bersama');
    assert.equal((await on2(otherProg))?.cancel_reason, 'Hari libur: Cuti bersama');
    assert.equal((await on2(keep))?.status, 'scheduled');
    // Removing the holiday does not bring the session back; the page says so.
    const page = await petugas.get('/holidays');
    assert.match(page.body, /data-testid="holidays-cancels">[^<]*tidak mengembalikan/);
    const del = await admin.json('DELETE', `/api/v1/holidays/${(nat.json() as { id: string }).id}`);
    assert.ok(del.statusCode === 204 || del.statusCode === 200, del.body);
    assert.equal((await on2(skip))?.status, 'cancelled');
    // A holiday in the past changes nothing.
    const pastDay = nextWeekday(addDays(today(), -20), 3);
    const pastProg = await newProgramme('Merajut lampau');
    await petugas.json('POST', `/api/v1/programmes/${pastProg}/schedules`, {
      weekdays: [3],
      starts_on: addDays(pastDay, -7),
      start_time: '09:00',
      end_time: '12:00',
    });
    await petugas.postForm('/holidays', { day: pastDay, name: 'Libur lampau' });
    assert.equal((await sessionsOf(pastProg)).find((s) => s.day === pastDay)?.status, 'scheduled');
  });

  test('the daily generation fills from today in each unit’s own zone, in batches with one audit record each', async () => {
    const wib = (await buildUnit(t.db)).id;
    const wit = (await buildUnit(t.db)).id;
    await t.db.updateTable('units').set({ timezone: 'Asia/Jayapura' }).where('id', '=', wit).execute();
    const schedules: string[] = [];
    for (const unit of [wib, wit]) {
      const p = await t.db
        .insertInto('programmes')
        .values({
          unit_id: unit,
          name: 'Harian',
          kind: 'training',
          capacity: 5,
          status: 'running',
          eligibility: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const s = await t.db
        .insertInto('schedules')
        .values({
          programme_id: p.id,
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          starts_on: '2030-01-01',
          start_time: '09:00',
          end_time: '10:00',
          skip_holidays: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      schedules.push(s.id);
    }
    // 16:30 UTC: 23:30 on 3 March in WIB, 01:30 on 4 March in WIT.
    const now = new Date('2030-03-03T16:30:00Z');
    const a0 = (await audits('sessions.generate_batch')).length;
    const created = await generateSessions(systemCtx(t.db, now), { weeksAhead: 1 });
    const days = async (id: string) =>
      (
        await t.db
          .selectFrom('programme_sessions')
          .select('day')
          .where('schedule_id', '=', id)
          .orderBy('day')
          .execute()
      ).map((r) => r.day);
    const [wibDays, witDays] = [await days(schedules[0] ?? ''), await days(schedules[1] ?? '')];
    assert.deepEqual([wibDays[0], wibDays.at(-1), wibDays.length], ['2030-03-03', '2030-03-10', 8]);
    assert.deepEqual([witDays[0], witDays.at(-1), witDays.length], ['2030-03-04', '2030-03-11', 8]);
    const batch = (await audits('sessions.generate_batch')).slice(a0);
    assert.equal(batch.length, 1);
    assert.equal((batch[0]?.after as { created?: number } | undefined)?.created, created);
    assert.ok(created >= 16);
    // Nothing left to create: no rows, no audit record.
    assert.equal(await generateSessions(systemCtx(t.db, now), { weeksAhead: 1 }), 0);
    assert.equal((await audits('sessions.generate_batch')).length, a0 + 1);
  });
});
