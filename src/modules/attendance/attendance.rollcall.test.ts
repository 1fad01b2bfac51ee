// Issue 9 item 12: the roll call offers only people who may be there on the session's day —
// inmates up to their tanggal ekspirasi (moved by an extension recorded in the register) and
// pemagang within their internship period.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import {
  buildParticipants,
  buildProgramme,
  buildSession,
  daysFromToday,
} from '../../../test/attendance-fixtures.ts';
import { buildMark, buildUnit, buildUser } from '../../../test/builders.ts';

interface Participant {
  enrolment_id: string;
  status: string | null;
  not_offered: string | null;
}

describe('the roll call and the release date', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;
  let programmeId: string;
  let serial = 0;

  /** An inmate of the unit with a release date, enrolled in the programme a month ago. */
  const enrolledInmate = async (o: { expiry: string; reg?: string; name: string }) => {
    serial++;
    const reg = o.reg ?? `A.II ${500 + serial}/2026`;
    const inmate = await t.db
      .insertInto('inmates')
      .values({
        unit_id: unitId,
        reg_number: reg,
        register_class: reg.startsWith('A.') ? 'A.II' : 'B.I',
        name: o.name,
        gender: 'L',
        birth_date: '1990-01-01',
        entry_date: daysFromToday(-90),
        expected_release_date: o.expiry,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const e = await t.db
      .insertInto('enrolments')
      .values({
        programme_id: programmeId,
        kind: 'inmate',
        inmate_id: inmate.id,
        intake_candidate_id: null,
        name: o.name,
        institution: null,
        period_from: null,
        period_to: null,
        started_on: daysFromToday(-60),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { inmateId: inmate.id, enrolmentId: e.id };
  };

  const roster = async (sessionId: string) => {
    const res = await petugas.get(`/api/v1/sessions/${sessionId}/attendance`);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { participants: Participant[] }).participants;
  };
  const offered = async (sessionId: string) =>
    (await roster(sessionId)).filter((p) => p.not_offered === null).map((p) => p.enrolment_id);
  const session = (day: string) => buildSession(t.db, { programme_id: programmeId, day });

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    programmeId = (await buildProgramme(t.db, { unit_id: unitId, name: 'Pelatihan Merajut' })).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('a session after a person’s tanggal ekspirasi does not offer them, and a mark for them is refused', async () => {
    const gone = await enrolledInmate({ expiry: daysFromToday(-3), name: 'Agus Lewat Ekspirasi' });
    const held = await enrolledInmate({ expiry: daysFromToday(30), name: 'Budi Masih Ditahan' });
    const s = await session(daysFromToday(-1));

    const ids = await offered(s.id);
    assert.ok(ids.includes(held.enrolmentId));
    assert.ok(!ids.includes(gone.enrolmentId), 'not offered after the release date');
    const page = await petugas.get(`/sessions/${s.id}/attendance`);
    assert.doesNotMatch(page.body, /Agus Lewat Ekspirasi/);
    assert.match(page.body, /Budi Masih Ditahan/);

    const res = await petugas.json('POST', `/api/v1/sessions/${s.id}/attendance`, {
      marks: [
        { enrolment_id: held.enrolmentId, status: 'hadir' },
        { enrolment_id: gone.enrolmentId, status: 'hadir' },
      ],
    });
    assert.equal(res.statusCode, 400, res.body);
    const { fields } = (res.json() as { error: { fields: Array<{ field: string; message: string }> } }).error;
    assert.deepEqual(
      fields.map((f) => f.field),
      [`status.${gone.enrolmentId}`],
    );
    assert.match(fields[0]?.message ?? '', /Tanggal ekspirasi peserta ini sudah lewat .* perpanjangan/);
    const saved = await t.db
      .selectFrom('attendance_marks')
      .select('id')
      .where('session_id', '=', s.id)
      .execute();
    assert.equal(saved.length, 0, 'the whole batch is refused, nothing saved');
  });

  test('the session on the ekspirasi day itself still offers the person (they leave on that day)', async () => {
    const day = daysFromToday(-2);
    const last = await enrolledInmate({ expiry: day, name: 'Candra Hari Terakhir' });
    const s = await session(day);
    assert.ok((await offered(s.id)).includes(last.enrolmentId));
    const res = await petugas.json('POST', `/api/v1/sessions/${s.id}/attendance`, {
      marks: [{ enrolment_id: last.enrolmentId, status: 'hadir' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const next = await session(daysFromToday(-1));
    assert.ok(!(await offered(next.id)).includes(last.enrolmentId));
  });

  test('with a new detention order recorded in the register, they are offered again until the new date', async () => {
    const p = await enrolledInmate({ expiry: daysFromToday(-5), name: 'Dedi Diperpanjang' });
    const within = await session(daysFromToday(-1));
    const beyond = await session(daysFromToday(12));
    assert.ok(!(await offered(within.id)).includes(p.enrolmentId));

    const ext = await petugas.json('POST', `/api/v1/inmates/${p.inmateId}/expiry-changes`, {
      kind: 'detention_extension',
      new_expiry: daysFromToday(10),
      reference: 'PRINT-123/M.5.21/Eku.2/01/2026',
      authority: 'Kejaksaan Negeri Magetan',
      order_date: daysFromToday(-6),
    });
    assert.equal(ext.statusCode, 201, ext.body);

    assert.ok((await offered(within.id)).includes(p.enrolmentId), 'offered again within the new date');
    assert.ok(!(await offered(beyond.id)).includes(p.enrolmentId), 'not after the new date');
    const res = await petugas.json('POST', `/api/v1/sessions/${within.id}/attendance`, {
      marks: [{ enrolment_id: p.enrolmentId, status: 'hadir' }],
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  test('a mark saved before stays visible but read-only, and cannot be changed while they are past the date', async () => {
    const p = await enrolledInmate({ expiry: daysFromToday(-10), name: 'Eko Tanda Lama' });
    const s = await session(daysFromToday(-4));
    await buildMark(t.db, { session_id: s.id, enrolment_id: p.enrolmentId, status: 'hadir' });

    const row = (await roster(s.id)).find((r) => r.enrolment_id === p.enrolmentId);
    assert.deepEqual(row && { status: row.status, not_offered: row.not_offered }, {
      status: 'hadir',
      not_offered: 'past_expiry',
    });
    const page = await petugas.get(`/sessions/${s.id}/attendance`);
    assert.match(page.body, new RegExp(`data-testid="not-offered.${p.enrolmentId}"`));
    assert.match(page.body, new RegExp(`name="status.${p.enrolmentId}" value="hadir" checked disabled`));

    const url = `/api/v1/sessions/${s.id}/attendance`;
    const same = await petugas.json('POST', url, {
      marks: [{ enrolment_id: p.enrolmentId, status: 'hadir' }],
    });
    assert.deepEqual(same.json(), { created: 0, updated: 0, unchanged: 1, replayed: false });
    const change = await petugas.json('POST', url, {
      marks: [{ enrolment_id: p.enrolmentId, status: 'alpa', reason: 'Salah tanda' }],
    });
    assert.equal(change.statusCode, 400);
  });

  test('a pemagang is offered only within their internship period', async () => {
    const [intern] = await buildParticipants(t.db, {
      programme_id: programmeId,
      n: 1,
      kind: 'intern',
      started_on: daysFromToday(-40),
      prefix: 'Pemagang Kemnaker',
    });
    assert.ok(intern);
    await t.db
      .updateTable('enrolments')
      .set({ institution: 'Kemnaker', period_from: daysFromToday(-20), period_to: daysFromToday(-5) })
      .where('id', '=', intern.id)
      .execute();
    const before = await session(daysFromToday(-25));
    const first = await session(daysFromToday(-20));
    const lastDay = await session(daysFromToday(-5));
    const afterPeriod = await session(daysFromToday(-4));

    assert.ok(!(await offered(before.id)).includes(intern.id), 'not before the period');
    assert.ok((await offered(first.id)).includes(intern.id), 'on the first day');
    assert.ok((await offered(lastDay.id)).includes(intern.id), 'on the last day');
    assert.ok(!(await offered(afterPeriod.id)).includes(intern.id), 'not after the period');

    const res = await petugas.json('POST', `/api/v1/sessions/${afterPeriod.id}/attendance`, {
      marks: [{ enrolment_id: intern.id, status: 'hadir' }],
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /di luar masa pemagangan/);
  });
});
