import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildEnrolment, buildMark, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { auditRecordsOf } from '../audit/audit.service.ts';
import { competencyRecord } from '../competencies/competencies.service.ts';
import { stitchPng } from '../demo/demo.png.ts';

const PNG = stitchPng(32, 24, [200, 60, 90], [245, 235, 220]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipart(
  fields: Record<string, string>,
  files: Array<{ name: string; content: Buffer; type: string }>,
) {
  const boundary = `----simandiri${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
    );
    parts.push(f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('session journal and competencies', () => {
  let t: TestApp;
  let petugas: Client;
  let instructor: Client;
  let otherInstructor: Client;
  let humas: Client;
  let instructorId: string;
  let programmeId: string;
  const units: string[] = [];
  const s: Record<'first' | 'second' | 'cancelled' | 'future', string> = {
    first: '',
    second: '',
    cancelled: '',
    future: '',
  };
  let amir: string;
  let budi: string;

  const upload = async (
    c: Client,
    sessionId: string,
    files: Array<{ name: string; content: Buffer; type: string }>,
  ) => {
    await c.get(`/sessions/${sessionId}/journal`);
    const m = multipart({ _csrf: c.csrf }, files);
    return t.app.inject({
      method: 'POST',
      url: `/sessions/${sessionId}/journal/photos`,
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': m.contentType,
      },
      payload: m.payload,
    });
  };

  const session = async (day: string, status: 'scheduled' | 'cancelled' = 'scheduled') =>
    (
      await t.db
        .insertInto('programme_sessions')
        .values({
          programme_id: programmeId,
          schedule_id: null,
          day,
          // 09:00–12:00 WIB: three hours.
          starts_at: new Date(`${day}T02:00:00Z`),
          ends_at: new Date(`${day}T05:00:00Z`),
          status,
          cancel_reason: status === 'cancelled' ? 'Hari libur' : null,
          rescheduled_from: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  before(async () => {
    t = await startTestApp();
    const unitId = (await buildUnit(t.db)).id;
    const partner = await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' });
    const otherPartner = await buildPartner(t.db, { unit_id: unitId });
    const user = async (roles: ['petugas'] | ['humas'] | ['instruktur_mitra'], partnerId?: string) => {
      const u = await buildUser(t.db, { roles, unit_id: unitId });
      if (partnerId)
        await t.db.updateTable('users').set({ partner_id: partnerId }).where('id', '=', u.id).execute();
      return u;
    };
    petugas = await t.signedIn((await user(['petugas'])).username);
    const inst = await user(['instruktur_mitra'], partner.id);
    instructorId = inst.id;
    instructor = await t.signedIn(inst.username);
    otherInstructor = await t.signedIn((await user(['instruktur_mitra'], otherPartner.id)).username);
    humas = await t.signedIn((await user(['humas'])).username);
    const res = await petugas.json('POST', '/api/v1/programmes', {
      name: 'Pelatihan Merajut',
      kind: 'training',
      capacity: 20,
      partner_id: partner.id,
      curriculum: [
        { code: 'RJT-01', title: 'Tusuk dasar', target_hours: 6 },
        { code: 'RJT-02', title: 'Tusuk rantai', target_hours: 12 },
        { code: 'RJT-03', title: 'Hiasan', target_hours: 3, core: false },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const p = res.json() as { id: string; curriculum: Array<{ id: string }> };
    programmeId = p.id;
    units.push(...p.curriculum.map((c) => c.id));
    s.first = await session('2026-03-04');
    s.second = await session('2026-03-11');
    s.cancelled = await session('2026-03-18', 'cancelled');
    s.future = await session('2099-03-18');
    amir = (await buildEnrolment(t.db, { programme_id: programmeId, name: 'Amir Hamzah' })).id;
    budi = (await buildEnrolment(t.db, { programme_id: programmeId, name: 'Budi Santoso' })).id;
    await buildMark(t.db, { session_id: s.first, enrolment_id: amir, status: 'hadir' });
    await buildMark(t.db, { session_id: s.first, enrolment_id: budi, status: 'alpa' });
    await buildMark(t.db, { session_id: s.second, enrolment_id: amir, status: 'terlambat' });
    await buildMark(t.db, { session_id: s.second, enrolment_id: budi, status: 'hadir' });
  });
  after(() => t.close());

  test('an instructor records the journal with units, instructors present and a photo', async () => {
    const page = await instructor.get(`/sessions/${s.first}/journal`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="journal-form"/);
    const res = await instructor.postForm(`/sessions/${s.first}/journal`, {
      topic: 'Tusuk dasar dan tusuk rantai',
      unit_ids: [units[0] as string, units[1] as string],
      instructor_ids: [instructorId],
      other_instructors: 'Ibu Wahyuni,  Pak Joko ,',
      materials: 'Benang katun, hakpen 4 mm',
      notes: 'Semua peserta mencoba',
    });
    assert.equal(res.statusCode, 303, res.body);
    const j = await t.db
      .selectFrom('session_journals')
      .selectAll()
      .where('session_id', '=', s.first)
      .executeTakeFirstOrThrow();
    assert.equal(j.topic, 'Tusuk dasar dan tusuk rantai');
    assert.equal(j.other_instructors, 'Ibu Wahyuni, Pak Joko');
    const ju = await t.db
      .selectFrom('session_journal_units')
      .select('curriculum_unit_id')
      .where('session_id', '=', s.first)
      .execute();
    assert.deepEqual(ju.map((r) => r.curriculum_unit_id).sort(), [units[0], units[1]].sort());
    const ji = await t.db
      .selectFrom('session_journal_instructors')
      .select('user_id')
      .where('session_id', '=', s.first)
      .execute();
    assert.deepEqual(
      ji.map((r) => r.user_id),
      [instructorId],
    );

    const up = await upload(instructor, s.first, [{ name: 'kelas.png', content: PNG, type: 'image/png' }]);
    assert.equal(up.statusCode, 303, up.body);
    const file = await t.db
      .selectFrom('files')
      .selectAll()
      .where('owner_id', '=', s.first)
      .executeTakeFirstOrThrow();
    assert.equal(file.owner_type, 'session_journal');
    assert.equal(file.kind, 'photo');
    assert.equal(file.mime, 'image/jpeg', 'stored re-encoded as JPEG, without metadata');
    const shown = await instructor.get(`/sessions/${s.first}/journal`);
    assert.match(
      shown.body,
      new RegExp(`<img src="/sessions/${s.first}/journal/photos/${file.id}\\?size=thumb"`),
    );
    const img = await instructor.get(`/sessions/${s.first}/journal/photos/${file.id}`);
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/jpeg');
    assert.ok(img.rawPayload.equals(file.content));
    const thumb = await instructor.get(`/sessions/${s.first}/journal/photos/${file.id}?size=thumb`);
    assert.equal(thumb.statusCode, 200);
    assert.equal(thumb.rawPayload.subarray(0, 3).toString('hex'), 'ffd8ff');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [s.first, file.id])
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['files.upload', 'journal.create']);
  });

  test('a file that is not a JPEG or PNG is refused on the photo field, and nothing is stored', async () => {
    const before = await t.db.selectFrom('files').select('id').where('owner_id', '=', s.first).execute();
    const res = await upload(petugas, s.first, [{ name: 'foto.png', content: PDF, type: 'image/png' }]);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-testid="error-photo">Foto &quot;foto.png&quot; bukan JPEG atau PNG/);
    const after = await t.db.selectFrom('files').select('id').where('owner_id', '=', s.first).execute();
    assert.equal(after.length, before.length);
  });

  test('several photos go up in one upload, and one bad file among them stores none', async () => {
    const count = async () =>
      (await t.db.selectFrom('files').select('id').where('owner_id', '=', s.first).execute()).length;
    const before = await count();
    const two = await upload(petugas, s.first, [
      { name: 'praktik-1.png', content: PNG, type: 'image/png' },
      { name: 'praktik-2.png', content: PNG, type: 'image/png' },
    ]);
    assert.equal(two.statusCode, 303, two.body);
    assert.equal(await count(), before + 2);
    const mixed = await upload(petugas, s.first, [
      { name: 'praktik-3.png', content: PNG, type: 'image/png' },
      { name: 'surat.png', content: PDF, type: 'image/png' },
    ]);
    assert.equal(mixed.statusCode, 400);
    assert.equal(await count(), before + 2);
  });

  test('a photo can be removed by those who write the journal, audited; others cannot', async () => {
    const photo = await t.db
      .selectFrom('files')
      .select(['id', 'filename'])
      .where('owner_id', '=', s.first)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const url = `/sessions/${s.first}/journal/photos/${photo.id}/delete`;
    await humas.get('/photos');
    assert.equal((await humas.postForm(url)).statusCode, 403);
    await otherInstructor.get('/dashboard');
    assert.equal((await otherInstructor.postForm(url)).statusCode, 404);
    const page = await petugas.get(`/sessions/${s.first}/journal`);
    assert.match(page.body, new RegExp(`data-testid="photo-delete-${photo.id}"`));
    const res = await petugas.postForm(url);
    assert.equal(res.statusCode, 303);
    const left = await t.db.selectFrom('files').select('id').where('id', '=', photo.id).execute();
    assert.deepEqual(left, []);
    // A filename may name a person: it is kept with the record's personal part (decision 9).
    const [audit] = await auditRecordsOf(t.db, { entityId: photo.id, action: 'files.delete' });
    assert.equal((audit?.before as { filename?: string } | undefined)?.filename, photo.filename);
    assert.equal((await petugas.postForm(url)).statusCode, 404);
  });

  test('a cancelled session has no journal, nor does one that has not happened yet', async () => {
    const page = await petugas.get(`/sessions/${s.cancelled}/journal`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="journal-cancelled"/);
    assert.doesNotMatch(page.body, /data-testid="journal-form"/);
    const res = await petugas.json('PUT', `/api/v1/sessions/${s.cancelled}/journal`, { topic: 'X' });
    assert.equal(res.statusCode, 409);
    assert.equal((res.json() as { error: { code: string } }).error.code, 'journal.cancelled');
    const future = await petugas.json('PUT', `/api/v1/sessions/${s.future}/journal`, { topic: 'X' });
    assert.equal(future.statusCode, 409);
  });

  test('hours per unit come from attendance and the units each journal lists', async () => {
    // Second session: only RJT-02, through the API.
    const res = await petugas.json('PUT', `/api/v1/sessions/${s.second}/journal`, {
      topic: 'Tusuk rantai lanjutan',
      unit_ids: [units[1]],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((res.json() as { journal: { unit_ids: string[] } }).journal.unit_ids, [units[1]]);
    // Amir: present at both (late counts as present) → 1.5 h on RJT-01, 1.5 + 3 on RJT-02.
    const a = await competencyRecord({ db: t.db }, amir);
    assert.deepEqual(
      a.map((u) => [u.code, u.hoursAttended, u.targetHours, u.status]),
      [
        ['RJT-01', 1.5, 6, 'not_started'],
        ['RJT-02', 4.5, 12, 'not_started'],
        ['RJT-03', 0, 3, 'not_started'],
      ],
    );
    // Budi: absent at the first, present at the second.
    const m = await petugas.json('GET', `/api/v1/programmes/${programmeId}/competencies`);
    assert.equal(m.statusCode, 200);
    const budiRow = (
      m.json() as { participants: Array<{ enrolment_id: string; units: Array<{ hours_attended: number }> }> }
    ).participants.find((p) => p.enrolment_id === budi);
    assert.deepEqual(
      budiRow?.units.map((u) => u.hours_attended),
      [0, 3, 0],
    );
    const page = await petugas.get(`/programmes/${programmeId}/competencies`);
    assert.match(page.body, /<section class="table-wrap" aria-label="Matriks kompetensi/);
    assert.match(page.body, /4,5 \/ 12 jam/);
  });

  test('an instructor assesses a unit with a date and evidence; a verdict without them is refused', async () => {
    await instructor.get(`/enrolments/${amir}/competencies`);
    const u0 = units[0] as string;
    const bad = await instructor.postForm(`/enrolments/${amir}/competencies`, {
      [`status.${u0}`]: 'competent',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, new RegExp(`data-testid="error-assessed_on.${u0}"`));
    assert.match(bad.body, new RegExp(`data-testid="error-evidence.${u0}"`));
    const future = await instructor.postForm(`/enrolments/${amir}/competencies`, {
      [`status.${u0}`]: 'competent',
      [`assessed_on.${u0}`]: '2099-01-01',
      [`evidence.${u0}`]: 'Praktik',
    });
    assert.match(
      future.body,
      new RegExp(`data-testid="error-assessed_on.${u0}">Tanggal penilaian tidak boleh di masa depan`),
    );
    const ok = await instructor.postForm(`/enrolments/${amir}/competencies`, {
      [`status.${u0}`]: 'competent',
      [`assessed_on.${u0}`]: '2026-03-11',
      [`evidence.${u0}`]: 'Membuat 10 baris tusuk dasar rapi',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const api = await instructor.json('PUT', `/api/v1/enrolments/${amir}/competencies/${units[1]}`, {
      status: 'in_progress',
    });
    assert.equal(api.statusCode, 200, api.body);
    const rec = await competencyRecord({ db: t.db }, amir);
    assert.deepEqual(
      rec.map((u) => [u.code, u.status, u.assessedOn]),
      [
        ['RJT-01', 'competent', '2026-03-11'],
        ['RJT-02', 'in_progress', null],
        ['RJT-03', 'not_started', null],
      ],
    );
    const row = await t.db
      .selectFrom('competency_assessments')
      .selectAll()
      .where('enrolment_id', '=', amir)
      .where('curriculum_unit_id', '=', units[0] as string)
      .executeTakeFirstOrThrow();
    assert.equal(row.assessed_by, instructorId);
    assert.equal(row.evidence, 'Membuat 10 baris tusuk dasar rapi');
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', amir)
      .execute();
    assert.equal(audits.filter((x) => x.action === 'competencies.assess').length, 2);
    const page = await petugas.get(`/enrolments/${amir}/competencies`);
    assert.match(page.body, /1 dari 2 unit inti kompeten/);
  });

  test("an instructor of another partner gets 404 on this programme's journal and competencies", async () => {
    const file = await t.db
      .selectFrom('files')
      .select('id')
      .where('owner_id', '=', s.first)
      .executeTakeFirstOrThrow();
    await otherInstructor.get('/account');
    const tries = [
      await otherInstructor.get(`/sessions/${s.first}/journal`),
      await otherInstructor.postForm(`/sessions/${s.first}/journal`, { topic: 'Bukan kelas saya' }),
      await otherInstructor.json('PUT', `/api/v1/sessions/${s.first}/journal`, { topic: 'Bukan kelas saya' }),
      await otherInstructor.get(`/sessions/${s.first}/journal/photos/${file.id}`),
      await otherInstructor.get(`/programmes/${programmeId}/competencies`),
      await otherInstructor.get(`/enrolments/${amir}/competencies`),
      await otherInstructor.json('PUT', `/api/v1/enrolments/${amir}/competencies/${units[0]}`, {
        status: 'not_yet_competent',
        assessed_on: '2026-03-11',
        evidence: 'x',
      }),
    ];
    assert.deepEqual(
      tries.map((r) => r.statusCode),
      tries.map(() => 404),
    );
    const j = await t.db
      .selectFrom('session_journals')
      .select('topic')
      .where('session_id', '=', s.first)
      .executeTakeFirstOrThrow();
    assert.equal(j.topic, 'Tusuk dasar dan tusuk rantai');
  });

  test('Humas sees the documentation photos but not the register, names or journal pages', async () => {
    const file = await t.db
      .selectFrom('files')
      .select('id')
      .where('owner_id', '=', s.first)
      .executeTakeFirstOrThrow();
    const gallery = await humas.get('/photos');
    assert.equal(gallery.statusCode, 200);
    assert.match(gallery.body, /data-testid="gallery"/);
    assert.match(gallery.body, /Pelatihan Merajut/);
    assert.match(gallery.body, /Tusuk dasar dan tusuk rantai/);
    assert.match(gallery.body, /Rabu, 4 Maret 2026/);
    assert.doesNotMatch(gallery.body, /Amir Hamzah|Budi Santoso|hadir|alpa/i);
    const img = await humas.get(`/photos/${file.id}`);
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/jpeg');
    for (const url of [
      `/sessions/${s.first}/attendance`,
      `/sessions/${s.first}/journal`,
      `/programmes/${programmeId}/competencies`,
      `/api/v1/programmes/${programmeId}/competencies`,
      '/inmates',
    ])
      assert.equal((await humas.get(url)).statusCode, 403, url);
  });
});
