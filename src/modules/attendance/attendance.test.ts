import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import {
  buildParticipants,
  buildProgramme,
  buildSession,
  daysFromToday,
} from '../../../test/attendance-fixtures.ts';
import { buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { auditRecordsOf } from '../audit/audit.service.ts';

describe('attendance of a session', () => {
  let t: TestApp;
  let petugas: Client;
  let kepala: Client;
  let unitId: string;
  let partnerId: string;
  let programmeId: string;
  let petugasId: string;

  const marksOf = (sessionId: string) =>
    t.db
      .selectFrom('attendance_marks')
      .select(['id', 'enrolment_id', 'status', 'note', 'updated_at'])
      .where('session_id', '=', sessionId)
      .orderBy('enrolment_id')
      .execute();
  // With their personal part (the per-person changes live apart from the chain: decision 9).
  const audits = (sessionId: string) =>
    auditRecordsOf(t.db, { entityId: sessionId, action: 'attendance.save' });
  const sessionWithPeople = async (dayOffset: number, n = 3) => {
    const s = await buildSession(t.db, { programme_id: programmeId, day: daysFromToday(dayOffset) });
    const people = await buildParticipants(t.db, {
      programme_id: programmeId,
      n,
      started_on: daysFromToday(dayOffset - 30),
      prefix: `Sesi ${s.id.slice(0, 6)}`,
    });
    return { s, people };
  };

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId })).id;
    programmeId = (
      await buildProgramme(t.db, { unit_id: unitId, partner_id: partnerId, name: 'Pelatihan Merajut' })
    ).id;
    const p = await buildUser(t.db, { roles: ['petugas'], unit_id: unitId });
    petugasId = p.id;
    petugas = await t.signedIn(p.username);
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('the roster lists participants active on the session day, and one form post saves them all', async () => {
    const day = daysFromToday(0);
    const other = await buildProgramme(t.db, { unit_id: unitId });
    const s = await buildSession(t.db, { programme_id: other.id, day });
    const [a, b, c] = await buildParticipants(t.db, {
      programme_id: other.id,
      n: 3,
      started_on: daysFromToday(-10),
    });
    const [later] = await buildParticipants(t.db, {
      programme_id: other.id,
      n: 1,
      started_on: daysFromToday(1),
      prefix: 'Belum mulai',
    });
    const [gone] = await buildParticipants(t.db, {
      programme_id: other.id,
      n: 1,
      started_on: daysFromToday(-20),
      ended_on: daysFromToday(-1),
      prefix: 'Sudah keluar',
    });
    assert.ok(a && b && c && later && gone);
    const page = await petugas.get(`/sessions/${s.id}/attendance`);
    assert.equal(page.statusCode, 200);
    for (const p of [a, b, c]) assert.match(page.body, new RegExp(`data-enrolment="${p.id}"`));
    assert.doesNotMatch(page.body, /Belum mulai|Sudah keluar/);
    assert.match(page.body, /Tandai semua hadir/);
    const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(key);

    const res = await petugas.postForm(`/sessions/${s.id}/attendance`, {
      idempotency_key: key,
      intent: 'save',
      [`status.${a.id}`]: 'hadir',
      [`status.${b.id}`]: 'sakit',
      [`note.${b.id}`]: 'Demam, di klinik',
      [`status.${c.id}`]: 'dispensasi',
      [`note.${c.id}`]: 'Sidang di PN Magetan',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const marks = await marksOf(s.id);
    assert.deepEqual(marks.map((m) => m.status).sort(), ['dispensasi', 'hadir', 'sakit']);
    assert.ok(marks.every((m) => m.note !== undefined));
    const log = await audits(s.id);
    assert.equal(log.length, 1, 'one audit record per save');
    const after = log[0]?.after as { created: number; counts: Record<string, number>; changes: unknown[] };
    assert.equal(after.created, 3);
    assert.equal(after.counts.hadir, 1);
    assert.equal(after.counts.sakit, 1);
    assert.equal(after.changes.length, 3);
    assert.equal(log[0]?.actor_id, petugasId);
    const again = await petugas.get(`/sessions/${s.id}/attendance`);
    assert.match(again.body, /Presensi disimpan/);
    assert.match(again.body, /Hadir 1 · Terlambat 0 · Izin 0 · Sakit 1 · Alpa 0 · Dispensasi 1/);
  });

  test('"mark all present" without scripts fills the unmarked participants, and saves nothing yet', async () => {
    const { s, people } = await sessionWithPeople(0, 2);
    const [a, b] = people;
    assert.ok(a && b);
    const res = await petugas.postForm(`/sessions/${s.id}/attendance`, {
      intent: 'all_present',
      [`status.${b.id}`]: 'alpa',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`name="status.${a.id}" value="hadir" checked`));
    assert.match(res.body, new RegExp(`name="status.${b.id}" value="alpa" checked`));
    assert.doesNotMatch(res.body, new RegExp(`name="status.${a.id}" value="alpa" checked`));
    assert.equal((await marksOf(s.id)).length, 0);
  });

  test('changing a saved mark needs a reason, and keeps the earlier value in the history', async () => {
    const { s, people } = await sessionWithPeople(-1, 2);
    const [a, b] = people;
    assert.ok(a && b);
    const url = `/api/v1/sessions/${s.id}/attendance`;
    const first = await petugas.json('POST', url, {
      marks: [
        { enrolment_id: a.id, status: 'alpa' },
        { enrolment_id: b.id, status: 'hadir' },
      ],
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { created: 2, updated: 0, unchanged: 0, replayed: false });

    const noReason = await petugas.postForm(`/sessions/${s.id}/attendance`, {
      [`status.${a.id}`]: 'izin',
      [`status.${b.id}`]: 'hadir',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, new RegExp(`data-testid="error-reason.${a.id}">Tuliskan alasan perubahan`));
    assert.match(noReason.body, /data-testid="error-summary"/);
    assert.equal((await marksOf(s.id)).find((m) => m.enrolment_id === a.id)?.status, 'alpa');

    const fixed = await petugas.json('POST', url, {
      marks: [
        {
          enrolment_id: a.id,
          status: 'izin',
          note: 'Kunjungan keluarga',
          reason: 'Surat izin menyusul dari wali',
        },
        { enrolment_id: b.id, status: 'hadir' },
      ],
    });
    assert.deepEqual(fixed.json(), { created: 0, updated: 1, unchanged: 1, replayed: false });
    const history = await t.db
      .selectFrom('attendance_corrections as c')
      .innerJoin('attendance_marks as m', 'm.id', 'c.mark_id')
      .select([
        'm.enrolment_id',
        'c.previous_status',
        'c.new_status',
        'c.new_note',
        'c.reason',
        'c.corrected_by',
      ])
      .where('m.session_id', '=', s.id)
      .execute();
    assert.deepEqual(history, [
      {
        enrolment_id: a.id,
        previous_status: 'alpa',
        new_status: 'izin',
        new_note: 'Kunjungan keluarga',
        reason: 'Surat izin menyusul dari wali',
        corrected_by: petugasId,
      },
    ]);
    const page = await petugas.get(`/sessions/${s.id}/attendance`);
    assert.match(page.body, /data-testid="attendance-history"/);
    assert.match(page.body, /Alpa → Izin oleh .*Alasan: Surat izin menyusul dari wali/);
    const api = (await petugas.get(url)).json() as {
      participants: Array<{ enrolment_id: string; status: string }>;
      corrections: Array<{ previous_status: string }>;
    };
    assert.equal(api.participants.find((p) => p.enrolment_id === a.id)?.status, 'izin');
    assert.equal(api.corrections[0]?.previous_status, 'alpa');
  });

  test('the same offline batch sent twice is applied once: the second time changes nothing', async () => {
    const { s, people } = await sessionWithPeople(0, 3);
    const key = randomUUID();
    const batch = {
      idempotency_key: key,
      marks: people.map((p, i) => ({ enrolment_id: p.id, status: i === 0 ? 'terlambat' : 'hadir' })),
    };
    const url = `/api/v1/sessions/${s.id}/attendance`;
    const one = await petugas.json('POST', url, batch);
    assert.deepEqual(one.json(), { created: 3, updated: 0, unchanged: 0, replayed: false });
    const before = await marksOf(s.id);
    const two = await petugas.json('POST', url, batch);
    assert.equal(two.statusCode, 200);
    assert.deepEqual(two.json(), { created: 3, updated: 0, unchanged: 0, replayed: true });
    // Even a batch that differs under the same key changes nothing: the key was applied.
    const changed = await petugas.json('POST', url, {
      idempotency_key: key,
      marks: people.map((p) => ({ enrolment_id: p.id, status: 'alpa', reason: 'x' })),
    });
    assert.equal(changed.json().replayed, true);
    assert.deepEqual(await marksOf(s.id), before);
    assert.equal((await audits(s.id)).length, 1);
    const submissions = await t.db
      .selectFrom('batch_submissions')
      .selectAll()
      .where('session_id', '=', s.id)
      .execute();
    assert.equal(submissions.length, 1);
    assert.deepEqual(submissions[0]?.result, { created: 3, updated: 0, unchanged: 0 });
  });

  test('the same batch arriving twice at once is applied once', async () => {
    const { s, people } = await sessionWithPeople(0, 5);
    const batch = {
      idempotency_key: randomUUID(),
      marks: people.map((p) => ({ enrolment_id: p.id, status: 'hadir' })),
    };
    const url = `/api/v1/sessions/${s.id}/attendance`;
    const [x, y] = await Promise.all([petugas.json('POST', url, batch), petugas.json('POST', url, batch)]);
    assert.equal(x.statusCode, 200, x.body);
    assert.equal(y.statusCode, 200, y.body);
    assert.deepEqual([x.json().replayed, y.json().replayed].sort(), [false, true]);
    assert.equal((await marksOf(s.id)).length, 5);
    assert.equal((await audits(s.id)).length, 1);
  });

  test('a key used for another session is refused', async () => {
    const one = await sessionWithPeople(0, 1);
    const two = await sessionWithPeople(0, 1);
    const key = randomUUID();
    const p1 = one.people[0];
    const p2 = two.people[0];
    assert.ok(p1 && p2);
    await petugas.json('POST', `/api/v1/sessions/${one.s.id}/attendance`, {
      idempotency_key: key,
      marks: [{ enrolment_id: p1.id, status: 'hadir' }],
    });
    const res = await petugas.json('POST', `/api/v1/sessions/${two.s.id}/attendance`, {
      idempotency_key: key,
      marks: [{ enrolment_id: p2.id, status: 'hadir' }],
    });
    assert.equal(res.statusCode, 409);
    assert.equal((await marksOf(two.s.id)).length, 0);
  });

  test('a participant not on the day’s roster cannot be marked', async () => {
    const { s } = await sessionWithPeople(0, 1);
    const [outsider] = await buildParticipants(t.db, {
      programme_id: programmeId,
      n: 1,
      started_on: daysFromToday(3),
      prefix: 'Mulai nanti',
    });
    assert.ok(outsider);
    const res = await petugas.json('POST', `/api/v1/sessions/${s.id}/attendance`, {
      marks: [{ enrolment_id: outsider.id, status: 'hadir' }],
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, new RegExp(`"field":"status.${outsider.id}"`));
  });

  test('a cancelled session shows as cancelled and refuses marks', async () => {
    const s = await buildSession(t.db, {
      programme_id: programmeId,
      day: daysFromToday(-2),
      status: 'cancelled',
      cancel_reason: 'Aula dipakai kunjungan Kanwil',
    });
    const [p] = await buildParticipants(t.db, {
      programme_id: programmeId,
      n: 1,
      started_on: daysFromToday(-9),
    });
    assert.ok(p);
    const page = await petugas.get(`/sessions/${s.id}/attendance`);
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /data-testid="session-cancelled">Sesi ini dibatalkan: Aula dipakai kunjungan Kanwil/,
    );
    assert.doesNotMatch(page.body, /data-enrolment=/);
    assert.doesNotMatch(page.body, /Alpa 0/);
    const res = await kepala.json('POST', `/api/v1/sessions/${s.id}/attendance`, {
      marks: [{ enrolment_id: p.id, status: 'alpa' }],
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'attendance.cancelled');
    assert.equal((await marksOf(s.id)).length, 0);
  });

  test('a future session cannot be marked; today can', async () => {
    const tomorrow = await sessionWithPeople(1, 1);
    const p = tomorrow.people[0];
    assert.ok(p);
    const res = await petugas.json('POST', `/api/v1/sessions/${tomorrow.s.id}/attendance`, {
      marks: [{ enrolment_id: p.id, status: 'hadir' }],
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'attendance.future');
    const page = await petugas.get(`/sessions/${tomorrow.s.id}/attendance`);
    assert.match(page.body, /data-testid="attendance-refusal"/);
    assert.doesNotMatch(page.body, /data-testid="attendance-save"/);
  });

  test('a session locks after ATTENDANCE_LOCK_DAYS days; then only the Kepala UPT may change it', async () => {
    assert.equal(t.config.attendanceLockDays, 7);
    const open = await sessionWithPeople(-7, 1);
    const openP = open.people[0];
    assert.ok(openP);
    const ok = await petugas.json('POST', `/api/v1/sessions/${open.s.id}/attendance`, {
      marks: [{ enrolment_id: openP.id, status: 'hadir' }],
    });
    assert.equal(ok.statusCode, 200, ok.body);

    const old = await sessionWithPeople(-8, 1);
    const p = old.people[0];
    assert.ok(p);
    const refused = await petugas.json('POST', `/api/v1/sessions/${old.s.id}/attendance`, {
      marks: [{ enrolment_id: p.id, status: 'hadir' }],
    });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'attendance.locked');
    const page = await petugas.get(`/sessions/${old.s.id}/attendance`);
    assert.match(page.body, /data-testid="attendance-locked"/);
    assert.doesNotMatch(page.body, /data-testid="attendance-save"/);
    assert.match(page.body, /disabled/);

    const head = await kepala.json('POST', `/api/v1/sessions/${old.s.id}/attendance`, {
      marks: [{ enrolment_id: p.id, status: 'sakit', note: 'Surat dokter klinik rutan' }],
    });
    assert.equal(head.statusCode, 200, head.body);
    const kepalaPage = await kepala.get(`/sessions/${old.s.id}/attendance`);
    assert.match(kepalaPage.body, /data-testid="attendance-save"/);
    assert.match(kepalaPage.body, /Sebagai Kepala UPT/);
  });

  test('an instructor records for their own partner’s programme; another partner’s gives 404', async () => {
    const mine = await sessionWithPeople(0, 1);
    const otherPartner = await buildPartner(t.db, { unit_id: unitId });
    const theirsProgramme = await buildProgramme(t.db, { unit_id: unitId, partner_id: otherPartner.id });
    const theirs = await buildSession(t.db, { programme_id: theirsProgramme.id, day: daysFromToday(0) });
    const [q] = await buildParticipants(t.db, {
      programme_id: theirsProgramme.id,
      n: 1,
      started_on: daysFromToday(-5),
    });
    const p = mine.people[0];
    assert.ok(p && q);
    const instr = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    await t.db.updateTable('users').set({ partner_id: partnerId }).where('id', '=', instr.id).execute();
    const c = await t.signedIn(instr.username);

    assert.equal((await c.get(`/sessions/${mine.s.id}/attendance`)).statusCode, 200);
    const own = await c.json('POST', `/api/v1/sessions/${mine.s.id}/attendance`, {
      marks: [{ enrolment_id: p.id, status: 'hadir' }],
    });
    assert.equal(own.statusCode, 200, own.body);

    assert.equal((await c.get(`/sessions/${theirs.id}/attendance`)).statusCode, 404);
    assert.equal((await c.get(`/api/v1/sessions/${theirs.id}/attendance`)).statusCode, 404);
    const api = await c.json('POST', `/api/v1/sessions/${theirs.id}/attendance`, {
      marks: [{ enrolment_id: q.id, status: 'hadir' }],
    });
    assert.equal(api.statusCode, 404);
    const form = await c.postForm(`/sessions/${theirs.id}/attendance`, { [`status.${q.id}`]: 'hadir' });
    assert.equal(form.statusCode, 404);
    assert.equal((await marksOf(theirs.id)).length, 0);
  });

  test('names and notes are escaped on the page', async () => {
    const { s, people } = await sessionWithPeople(0, 1);
    const p = people[0];
    assert.ok(p);
    await t.db
      .updateTable('enrolments')
      .set({ name: '<script>alert(1)</script> "Budi"' })
      .where('id', '=', p.id)
      .execute();
    await petugas.json('POST', `/api/v1/sessions/${s.id}/attendance`, {
      marks: [{ enrolment_id: p.id, status: 'izin', note: '"><img src=x onerror=alert(2)>' }],
    });
    const page = await petugas.get(`/sessions/${s.id}/attendance`);
    assert.doesNotMatch(page.body, /<script>alert|<img src=x/);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;Budi&quot;/);
    assert.match(page.body, /value="&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;"/);
  });

  test('a petugas of another unit gets 404', async () => {
    const { s } = await sessionWithPeople(0, 1);
    const elsewhere = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await elsewhere.get(`/sessions/${s.id}/attendance`)).statusCode, 404);
  });
});
