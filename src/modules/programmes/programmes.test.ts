import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { systemCtx } from '../../app/principal.ts';
import { seedHolidays } from '../holidays/holidays.service.ts';
import { generateSessions } from './sessions.service.ts';

describe('programmes, schedules and sessions', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;
  let kanwilId: string;
  let partnerId: string;
  const july = new Date('2026-07-01T00:00:00Z');

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
  const wednesdays = { weekdays: [3], starts_on: '2026-01-21', start_time: '09:00', end_time: '12:00' };
  const sessionsOf = (programmeId: string) =>
    t.db
      .selectFrom('programme_sessions')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('day')
      .execute();

  before(async () => {
    t = await startTestApp();
    await seedHolidays(systemCtx(t.db));
    kanwilId = (await buildKanwil(t.db)).id;
    unitId = (await buildUnit(t.db, { kanwil_id: kanwilId })).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' })).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('a programme with bad input is refused with a message per field, and nothing is written', async () => {
    await petugas.get('/programmes/new');
    const res = await petugas.postForm('/programmes', { name: 'X', kind: 'menjahit', capacity: '0' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-testid="error-summary"/);
    assert.match(res.body, /data-testid="error-name">Minimal 3 karakter/);
    assert.match(res.body, /data-testid="error-kind">Pilih salah satu/);
    assert.match(res.body, /data-testid="error-capacity">Minimal 1/);
    const curriculum = await petugas.postForm('/programmes', {
      name: 'Pelatihan Merajut',
      kind: 'training',
      capacity: '20',
      curriculum: 'Tusuk dasar; 6\nPola tas tanpa jam',
    });
    assert.equal(curriculum.statusCode, 400);
    assert.match(curriculum.body, /data-testid="error-curriculum">Baris kurikulum 2/);
    const otherPartner = await buildPartner(t.db);
    const api = await petugas.json('POST', '/api/v1/programmes', {
      name: 'Pelatihan Merajut',
      kind: 'training',
      capacity: 20,
      partner_id: otherPartner.id,
    });
    assert.equal(api.statusCode, 400);
    assert.match(api.body, /"field":"partner_id"/);
    const n = await t.db.selectFrom('programmes').select('id').execute();
    assert.equal(n.length, 0);
  });

  test('a programme is recorded from the form with its partner, eligibility and ordered curriculum', async () => {
    const res = await petugas.postForm('/programmes', {
      name: 'Pelatihan Merajut',
      kind: 'training',
      skill_area: 'Rajut tangan',
      partner_id: partnerId,
      location: 'Aula Rutan',
      capacity: '20',
      status: 'running',
      min_remaining_months: '6',
      risk_levels: ['rendah', 'sedang'],
      curriculum: 'Tusuk dasar; 6\nRantai dan tusuk tunggal; 12',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    const page = await petugas.get(String(res.headers.location));
    assert.match(page.body, /data-testid="programme-name">Pelatihan Merajut/);
    assert.match(page.body, /Rantai dan tusuk tunggal/);
    const p = await t.db
      .selectFrom('programmes')
      .selectAll()
      .where('name', '=', 'Pelatihan Merajut')
      .executeTakeFirstOrThrow();
    assert.deepEqual(p.eligibility, {
      min_remaining_months: 6,
      risk_levels: ['rendah', 'sedang'],
      allow_health_restriction: false,
    });
    const units = await t.db
      .selectFrom('curriculum_units')
      .select(['position', 'title', 'target_hours'])
      .where('programme_id', '=', p.id)
      .orderBy('position')
      .execute();
    assert.deepEqual(units, [
      { position: 1, title: 'Tusuk dasar', target_hours: 6 },
      { position: 2, title: 'Rantai dan tusuk tunggal', target_hours: 12 },
    ]);
  });

  test('saving a weekly schedule generates its sessions at the unit’s local time, skipping national holidays', async () => {
    const id = await newProgramme('Merajut Rabu', { partner_id: partnerId });
    const res = await petugas.json('POST', `/api/v1/programmes/${id}/schedules`, wednesdays);
    assert.equal(res.statusCode, 201, res.body);
    await generateSessions(systemCtx(t.db, july), { programmeId: id });
    const rows = (await sessionsOf(id)).filter((s) => s.day <= '2026-06-30');
    assert.equal(rows.length, 21);
    assert.equal(rows[0]?.day, '2026-01-21');
    assert.equal(rows[0]?.starts_at.toISOString(), '2026-01-21T02:00:00.000Z');
    assert.equal(rows[0]?.ends_at.toISOString(), '2026-01-21T05:00:00.000Z');
    assert.ok(!rows.some((s) => s.day === '2026-03-18' || s.day === '2026-05-27'));
  });

  test('a schedule entered after it ended still gets its sessions, for the record', async () => {
    const id = await newProgramme('Merajut lampau');
    const res = await petugas.json('POST', `/api/v1/programmes/${id}/schedules`, {
      ...wednesdays,
      ends_on: '2026-02-28',
    });
    assert.deepEqual(res.json(), { id: (res.json() as { id: string }).id, sessions_created: 6 });
  });

  test('running the generation twice creates nothing new', async () => {
    const id = await newProgramme('Merajut dua kali');
    await petugas.json('POST', `/api/v1/programmes/${id}/schedules`, wednesdays);
    await generateSessions(systemCtx(t.db, july), { programmeId: id });
    const before = (await sessionsOf(id)).length;
    assert.equal(await generateSessions(systemCtx(t.db, july), { programmeId: id }), 0);
    assert.equal((await sessionsOf(id)).length, before);
  });

  test('a cancelled session stays cancelled after regeneration and shows as cancelled', async () => {
    const id = await newProgramme('Merajut batal');
    await petugas.json('POST', `/api/v1/programmes/${id}/schedules`, wednesdays);
    const feb11 = (await sessionsOf(id)).find((s) => s.day === '2026-02-11');
    assert.ok(feb11);
    const page = await petugas.get(`/programmes/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="sessions"/);
    const res = await petugas.postForm(`/programmes/${id}/sessions/${feb11.id}/cancel`, {
      reason: 'Instruktur berhalangan',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    assert.equal(await generateSessions(systemCtx(t.db, july), { programmeId: id }), 0);
    const again = (await sessionsOf(id)).filter((s) => s.day === '2026-02-11');
    assert.equal(again.length, 1);
    assert.equal(again[0]?.status, 'cancelled');
    const cal = await petugas.get(`/programmes/${id}/calendar?month=2026-02`);
    assert.equal(cal.statusCode, 200);
    assert.match(cal.body, /data-testid="session-cancelled">[^<]*Dibatalkan: Instruktur berhalangan/);
  });

  test('a date range is cancelled with a reason; a session is rescheduled and its old day is not refilled', async () => {
    const id = await newProgramme('Merajut pindah');
    await petugas.json('POST', `/api/v1/programmes/${id}/schedules`, wednesdays);
    const range = await petugas.json('POST', `/api/v1/programmes/${id}/sessions/cancel-range`, {
      from: '2026-04-01',
      to: '2026-04-15',
      reason: 'Renovasi aula',
    });
    assert.deepEqual(range.json(), { cancelled: 3 });
    const jan28 = (await sessionsOf(id)).find((s) => s.day === '2026-01-28');
    assert.ok(jan28);
    const moved = await petugas.json('POST', `/api/v1/programmes/${id}/sessions/${jan28.id}/reschedule`, {
      day: '2026-01-29',
      start_time: '13:00',
      end_time: '15:00',
    });
    assert.equal(moved.statusCode, 204, moved.body);
    await generateSessions(systemCtx(t.db, july), { programmeId: id });
    const rows = await sessionsOf(id);
    assert.ok(!rows.some((s) => s.day === '2026-01-28'));
    const thu = rows.find((s) => s.day === '2026-01-29');
    assert.equal(thu?.rescheduled_from, '2026-01-28');
    assert.equal(thu?.starts_at.toISOString(), '2026-01-29T06:00:00.000Z');
    const extra = await petugas.json('POST', `/api/v1/programmes/${id}/sessions`, {
      day: '2026-02-07',
      start_time: '09:00',
      end_time: '11:00',
    });
    assert.equal(extra.statusCode, 201);
    assert.ok(
      (await sessionsOf(id)).some((s) => s.day === '2026-02-07' && s.extra && s.schedule_id === null),
    );
  });

  test("a session on the unit's local holiday is skipped; another unit's holiday does not matter", async () => {
    await petugas.get('/holidays');
    const added = await petugas.postForm('/holidays', { day: '2026-02-25', name: 'Hari jadi Kabupaten' });
    assert.equal(added.statusCode, 303, added.body.slice(0, 500));
    const other = await buildUnit(t.db);
    await t.db
      .insertInto('holidays')
      .values({ unit_id: other.id, day: '2026-02-04', name: 'Libur unit lain', kind: 'local' })
      .execute();
    const id = await newProgramme('Merajut libur');
    await petugas.get(`/programmes/${id}`);
    const bad = await petugas.postForm(`/programmes/${id}/schedules`, {
      every_n_weeks: '1',
      starts_on: '2026-01-21',
      start_time: '12:00',
      end_time: '09:00',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-weekdays"/);
    const early = await petugas.postForm(`/programmes/${id}/schedules`, {
      weekdays: ['3'],
      every_n_weeks: '1',
      starts_on: '2026-01-21',
      start_time: '12:00',
      end_time: '09:00',
    });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /data-testid="error-end_time">Harus sesudah mulai/);
    const ok = await petugas.postForm(`/programmes/${id}/schedules`, {
      weekdays: ['3'],
      every_n_weeks: '1',
      starts_on: '2026-01-21',
      start_time: '09:00',
      end_time: '12:00',
      skip_holidays: 'true',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
    const days = (await sessionsOf(id)).map((s) => s.day);
    assert.ok(!days.includes('2026-02-25'));
    assert.ok(days.includes('2026-02-04'));
  });

  test('an instructor sees only their own partner’s programmes: another partner’s is 404', async () => {
    const mine = await newProgramme('Merajut mitra', { partner_id: partnerId });
    const otherPartner = await buildPartner(t.db, { unit_id: unitId });
    const theirs = await newProgramme('Menjahit mitra lain', { partner_id: otherPartner.id });
    const instr = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    await t.db.updateTable('users').set({ partner_id: partnerId }).where('id', '=', instr.id).execute();
    const c = await t.signedIn(instr.username);
    assert.equal((await c.get(`/programmes/${mine}`)).statusCode, 200);
    assert.equal((await c.get(`/programmes/${theirs}`)).statusCode, 404);
    assert.equal((await c.get(`/api/v1/programmes/${theirs}`)).statusCode, 404);
    const list = await c.get('/api/v1/programmes');
    const names = (list.json() as { items: Array<{ name: string }> }).items.map((p) => p.name);
    assert.ok(names.includes('Merajut mitra'));
    assert.ok(!names.includes('Menjahit mitra lain'));
  });

  test('a Kanwil viewer reads programmes of its region and gets 403 on every write', async () => {
    const id = await newProgramme('Merajut kanwil');
    const viewer = await t.signedIn(
      (await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: kanwilId })).username,
    );
    assert.equal((await viewer.get(`/api/v1/programmes/${id}`)).statusCode, 200);
    const writes: Array<[string, unknown]> = [
      ['/api/v1/programmes', { name: 'Baru', kind: 'training', capacity: 5 }],
      [`/api/v1/programmes/${id}/schedules`, wednesdays],
      [`/api/v1/programmes/${id}/sessions`, { day: '2026-02-07', start_time: '09:00', end_time: '11:00' }],
    ];
    for (const [url, body] of writes)
      assert.equal((await viewer.json('POST', url, body)).statusCode, 403, url);
  });
});
