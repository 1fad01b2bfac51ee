import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import {
  buildEnrolment,
  buildInmate,
  buildMark,
  buildPartner,
  buildUnit,
  buildUser,
} from '../../../test/builders.ts';

interface Person {
  id: string;
  name: string;
  reg: string;
}

describe('assessing competencies in bulk', () => {
  let t: TestApp;
  let petugas: Client;
  let instructor: Client;
  let otherInstructor: Client;
  let humas: Client;
  let programmeId: string;
  const units: string[] = [];
  const people: Person[] = [];
  let gone: string;

  const p = (i: number) => people[i] as Person;
  const u = (i: number) => units[i] as string;

  const session = async (day: string) =>
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
          rescheduled_from: null,
          cancel_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const journal = async (sessionId: string, unitIds: string[]) => {
    await t.db
      .insertInto('session_journals')
      .values({
        session_id: sessionId,
        topic: 'Praktik',
        materials: null,
        notes: null,
        other_instructors: null,
        created_by: null,
      })
      .execute();
    await t.db
      .insertInto('session_journal_units')
      .values(unitIds.map((id) => ({ session_id: sessionId, curriculum_unit_id: id })))
      .execute();
  };

  const assessments = () =>
    t.db
      .selectFrom('competency_assessments')
      .select(['enrolment_id', 'curriculum_unit_id', 'status', 'assessed_on', 'evidence', 'note'])
      .where('enrolment_id', 'in', [...people.map((x) => x.id), gone])
      .execute();

  const auditCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'competencies.assess')
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp();
    const unitId = (await buildUnit(t.db)).id;
    const partner = await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' });
    const otherPartner = await buildPartner(t.db, { unit_id: unitId });
    const user = async (roles: ['petugas'] | ['humas'] | ['instruktur_mitra'], partnerId?: string) => {
      const x = await buildUser(t.db, { roles, unit_id: unitId });
      if (partnerId)
        await t.db.updateTable('users').set({ partner_id: partnerId }).where('id', '=', x.id).execute();
      return x;
    };
    petugas = await t.signedIn((await user(['petugas'])).username);
    instructor = await t.signedIn((await user(['instruktur_mitra'], partner.id)).username);
    otherInstructor = await t.signedIn((await user(['instruktur_mitra'], otherPartner.id)).username);
    humas = await t.signedIn((await user(['humas'])).username);
    const res = await petugas.json('POST', '/api/v1/programmes', {
      name: 'Pelatihan Merajut',
      kind: 'training',
      capacity: 20,
      partner_id: partner.id,
      curriculum: [
        { code: 'RJT-01', title: 'Mengenal benang, hakpen dan tusuk dasar', target_hours: 3 },
        { code: 'RJT-02', title: 'Tusuk rantai dan tusuk tunggal', target_hours: 3 },
        { code: 'RJT-03', title: 'Hiasan', target_hours: 3, core: false },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const prog = res.json() as { id: string; curriculum: Array<{ id: string }> };
    programmeId = prog.id;
    units.push(...prog.curriculum.map((c) => c.id));
    for (let i = 0; i < 12; i++) {
      const name = `Peserta Rajut ${String(i + 1).padStart(2, '0')}`;
      const inmate = await buildInmate(t.db, { unit_id: unitId, name });
      const e = await buildEnrolment(t.db, { programme_id: programmeId, inmate_id: inmate.id, name });
      people.push({ id: e.id, name, reg: inmate.reg_number });
    }
    gone = (
      await buildEnrolment(t.db, { programme_id: programmeId, name: 'Sudah Selesai', status: 'completed' })
    ).id;

    // Teaching: RJT-01 on 4 March, RJT-02 on 11 March. On 18 March the class produced key rings
    // for the partner and the journal lists RJT-02 again: production practice, not course hours.
    const s1 = await session('2026-03-04');
    const s2 = await session('2026-03-11');
    const s3 = await session('2026-03-18');
    await journal(s1, [u(0)]);
    await journal(s2, [u(1)]);
    await journal(s3, [u(1)]);
    const kind = await t.db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'aksesoris')
      .executeTakeFirstOrThrow();
    const product = await t.db
      .insertInto('products')
      .values({
        unit_id: unitId,
        programme_id: programmeId,
        kind_id: kind.id,
        name: 'Gantungan kunci rajut',
        rate_name: null,
        route: 'partner',
        price: 5_000,
        description: null,
        photo_file_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, x] of people.entries()) {
      await buildMark(t.db, { session_id: s1, enrolment_id: x.id, status: 'hadir' });
      // The first participant missed the teaching of RJT-02.
      await buildMark(t.db, { session_id: s2, enrolment_id: x.id, status: i === 0 ? 'alpa' : 'hadir' });
      await buildMark(t.db, { session_id: s3, enrolment_id: x.id, status: 'hadir' });
      await t.db
        .insertInto('production_entries')
        .values({
          unit_id: unitId,
          programme_id: programmeId,
          session_id: s3,
          day: '2026-03-18',
          enrolment_id: x.id,
          product_id: product.id,
          finished: 3,
          recorded_by: null,
        })
        .execute();
    }
  });
  after(() => t.close());

  test('the unit page lists every active participant with the reg number; every id on it is unique and every input labelled', async () => {
    const matrix = await instructor.get(`/programmes/${programmeId}/competencies`);
    assert.equal(matrix.statusCode, 200);
    assert.match(matrix.body, new RegExp(`href="/programmes/${programmeId}/competencies/units/${u(0)}"`));
    assert.match(matrix.body, new RegExp(`href="/enrolments/${p(0).id}/competencies"`));
    const participants = await petugas.get(`/programmes/${programmeId}/enrolments`);
    assert.match(participants.body, new RegExp(`href="/enrolments/${p(0).id}/competencies"`));

    const page = await instructor.get(`/programmes/${programmeId}/competencies/units/${u(0)}`);
    assert.equal(page.statusCode, 200);
    for (const x of people) {
      assert.ok(page.body.includes(x.name), x.name);
      assert.ok(page.body.includes(x.reg), x.reg);
    }
    assert.doesNotMatch(page.body, /Sudah Selesai/, 'only active participants are assessed');
    assert.equal((page.body.match(/<form[^>]*competencies/g) ?? []).length, 1, 'one form, one save');
    assert.equal((page.body.match(/data-testid="assess-save-all"/g) ?? []).length, 1);
    const ids = [...page.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(
      new Set(ids).size,
      ids.length,
      `duplicate ids: ${ids.filter((x, i) => ids.indexOf(x) !== i)}`,
    );
    const inputs = [...page.body.matchAll(/<input([^>]*)>/g)].map((m) => m[1] ?? '');
    const visible = inputs.filter((a) => !/type="hidden"/.test(a));
    assert.equal(visible.length, people.length * 6, 'three decisions, date, evidence and note per row');
    for (const a of visible) {
      const id = /id="([^"]+)"/.exec(a)?.[1];
      assert.ok(id && page.body.includes(`for="${id}"`), `input without a label: ${a}`);
    }
    // Only the note is optional, and it says so once.
    assert.equal((page.body.match(/\(opsional\)/g) ?? []).length, people.length);
    assert.doesNotMatch(page.body, /\(opsional\)\s*\(opsional\)/);
    assert.match(page.body, /wajib diisi hanya untuk keputusan Kompeten atau Belum kompeten/);
  });

  test('one request assesses many participants on a unit, in one transaction, one audit record per change', async () => {
    const before = await auditCount();
    const form: Record<string, string> = {};
    for (const [i, x] of people.entries()) {
      form[`status.${x.id}`] = i < 8 ? 'competent' : i < 10 ? 'not_yet_competent' : 'pending';
      form[`assessed_on.${x.id}`] = '2026-03-11';
      if (i < 10)
        form[`evidence.${x.id}`] = i < 8 ? 'Sepuluh tusuk dasar rapi' : 'Tegangan benang belum rata';
      if (i === 9) form[`note.${x.id}`] = 'Ulangi latihan lembaran';
    }
    await instructor.get(`/programmes/${programmeId}/competencies/units/${u(0)}`);
    const res = await instructor.postForm(`/programmes/${programmeId}/competencies/units/${u(0)}`, form);
    assert.equal(res.statusCode, 303, res.body);
    const rows = (await assessments()).filter((a) => a.curriculum_unit_id === u(0));
    assert.equal(rows.length, 10, 'the two without a decision and without notes stay unassessed');
    assert.equal(rows.filter((a) => a.status === 'competent').length, 8);
    const noted = rows.find((a) => a.enrolment_id === p(9).id);
    assert.deepEqual(
      [noted?.status, noted?.assessed_on, noted?.evidence, noted?.note],
      ['not_yet_competent', '2026-03-11', 'Tegangan benang belum rata', 'Ulangi latihan lembaran'],
    );
    assert.equal((await auditCount()) - before, 10);

    // Sent again unchanged: nothing written, nothing audited.
    const again = await instructor.postForm(`/programmes/${programmeId}/competencies/units/${u(0)}`, form);
    assert.equal(again.statusCode, 303);
    assert.equal((await auditCount()) - before, 10);

    // The page shows what was saved, the verdict checked on each row.
    const page = await instructor.get(`/programmes/${programmeId}/competencies/units/${u(0)}`);
    assert.match(page.body, new RegExp(`id="f-status.${p(0).id}-competent"[^>]*checked`));
    assert.match(page.body, new RegExp(`id="f-status.${p(11).id}-pending"[^>]*checked`));
  });

  test('a verdict without its evidence or date is refused on its row and field, and nothing is saved', async () => {
    const before = await assessments();
    const form = {
      [`status.${p(0).id}`]: 'competent',
      [`assessed_on.${p(0).id}`]: '2026-03-18',
      [`evidence.${p(0).id}`]: 'Lembaran tusuk tunggal rata',
      [`status.${p(1).id}`]: 'competent',
      [`assessed_on.${p(1).id}`]: '2026-03-18',
      [`status.${p(2).id}`]: 'not_yet_competent',
      [`evidence.${p(2).id}`]: 'Belum rapi',
      // No decision: a note alone needs neither date nor evidence.
      [`status.${p(3).id}`]: 'pending',
      [`note.${p(3).id}`]: 'Perlu benang tambahan',
    };
    await instructor.get(`/programmes/${programmeId}/competencies/units/${u(1)}`);
    const res = await instructor.postForm(`/programmes/${programmeId}/competencies/units/${u(1)}`, form);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, new RegExp(`data-testid="error-evidence.${p(1).id}">Isi bukti penilaian`));
    assert.match(res.body, new RegExp(`data-testid="error-assessed_on.${p(2).id}">Isi tanggal penilaian`));
    assert.doesNotMatch(res.body, new RegExp(`error-[a-z_]+\\.${p(0).id}`));
    assert.doesNotMatch(res.body, new RegExp(`error-[a-z_]+\\.${p(3).id}`));
    // The summary names the row and the field, and links to it.
    assert.match(
      res.body,
      new RegExp(`href="#f-evidence.${p(1).id}">${p(1).name} · Bukti: Isi bukti penilaian`),
    );
    // The answers are kept.
    assert.match(res.body, /value="Lembaran tusuk tunggal rata"/);
    assert.deepEqual(await assessments(), before, 'nothing half saved');

    // The API answers the same with the row's position.
    const api = await instructor.json('PUT', `/api/v1/programmes/${programmeId}/competencies`, {
      assessments: [
        {
          enrolment_id: p(0).id,
          unit_id: u(1),
          status: 'competent',
          assessed_on: '2026-03-18',
          evidence: 'Rapi',
        },
        { enrolment_id: p(1).id, unit_id: u(1), status: 'competent', assessed_on: '2026-03-18' },
        { enrolment_id: gone, unit_id: u(1), status: 'in_progress' },
      ],
    });
    assert.equal(api.statusCode, 400, api.body);
    const fields = (api.json() as { error: { fields: Array<{ field: string; message: string }> } }).error
      .fields;
    assert.deepEqual(
      fields.map((f) => f.field),
      ['assessments.1.evidence', 'assessments.2.status'],
    );
    assert.deepEqual(await assessments(), before);
  });

  test('the API saves a batch across participants and units in one request', async () => {
    const res = await petugas.json('PUT', `/api/v1/programmes/${programmeId}/competencies`, {
      assessments: [
        {
          enrolment_id: p(0).id,
          unit_id: u(1),
          status: 'competent',
          assessed_on: '2026-03-18',
          evidence: 'Rapi',
        },
        { enrolment_id: p(0).id, unit_id: u(2), status: 'in_progress', note: 'Mulai hiasan' },
        {
          enrolment_id: p(1).id,
          unit_id: u(1),
          status: 'not_yet_competent',
          assessed_on: '2026-03-18',
          evidence: 'Tepi bergelombang',
        },
        // Withdrawing a verdict: back to in progress.
        { enrolment_id: p(2).id, unit_id: u(0), status: 'pending' },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { created: 3, updated: 1, unchanged: 0 });
    const rows = await assessments();
    const of = (e: string, unit: string) =>
      rows.find((a) => a.enrolment_id === e && a.curriculum_unit_id === unit);
    assert.equal(of(p(2).id, u(0))?.status, 'in_progress');
    assert.equal(of(p(2).id, u(0))?.assessed_on, null);
    assert.equal(of(p(0).id, u(2))?.note, 'Mulai hiasan');
  });

  test("a participant's page assesses every unit in one save", async () => {
    const x = p(5);
    const page = await instructor.get(`/enrolments/${x.id}/competencies`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(x.reg));
    const ids = [...page.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal((page.body.match(/<form[^>]*competencies/g) ?? []).length, 1);
    const res = await instructor.postForm(`/enrolments/${x.id}/competencies`, {
      [`status.${u(0)}`]: 'competent',
      [`assessed_on.${u(0)}`]: '2026-03-11',
      [`evidence.${u(0)}`]: 'Sepuluh tusuk dasar rapi',
      [`status.${u(1)}`]: 'competent',
      [`assessed_on.${u(1)}`]: '2026-03-18',
      [`evidence.${u(1)}`]: 'Lembaran 15 × 15 cm rata',
      [`status.${u(2)}`]: 'pending',
      [`note.${u(2)}`]: 'Belum diajarkan',
    });
    assert.equal(res.statusCode, 303, res.body);
    const after = await instructor.get(`/enrolments/${x.id}/competencies`);
    assert.match(after.body, /2 dari 2 unit inti kompeten/);
    assert.match(after.body, /value="Belum diajarkan"/);
  });

  test('hours per unit do not count production practice as course hours', async () => {
    const m = await petugas.json('GET', `/api/v1/programmes/${programmeId}/competencies`);
    assert.equal(m.statusCode, 200);
    const body = m.json() as {
      participants: Array<{ enrolment_id: string; units: Array<{ hours_attended: number }> }>;
    };
    const hours = (e: string) =>
      body.participants.find((r) => r.enrolment_id === e)?.units.map((x) => x.hours_attended);
    // Taught RJT-02 on 11 March (3 h, its target): the practice on 18 March adds nothing.
    assert.deepEqual(hours(p(1).id), [3, 3, 0]);
    // Missed the teaching: the practice counts, up to the target.
    assert.deepEqual(hours(p(0).id), [3, 3, 0]);
    const page = await instructor.get(`/programmes/${programmeId}/competencies/units/${u(1)}`);
    assert.doesNotMatch(page.body, /6 \/ 3 jam/);
    assert.match(page.body, /3 \/ 3 jam/);
  });

  test('an instructor of another partner cannot see or assess this class; Humas cannot assess', async () => {
    const before = await assessments();
    await otherInstructor.get('/account');
    const form = {
      [`status.${p(4).id}`]: 'competent',
      [`assessed_on.${p(4).id}`]: '2026-03-11',
      [`evidence.${p(4).id}`]: 'x',
    };
    const tries = [
      await otherInstructor.get(`/programmes/${programmeId}/competencies/units/${u(0)}`),
      await otherInstructor.postForm(`/programmes/${programmeId}/competencies/units/${u(0)}`, form),
      await otherInstructor.get(`/enrolments/${p(4).id}/competencies`),
      await otherInstructor.postForm(`/enrolments/${p(4).id}/competencies`, {
        [`status.${u(0)}`]: 'competent',
        [`assessed_on.${u(0)}`]: '2026-03-11',
        [`evidence.${u(0)}`]: 'x',
      }),
      await otherInstructor.json('PUT', `/api/v1/programmes/${programmeId}/competencies`, {
        assessments: [
          {
            enrolment_id: p(4).id,
            unit_id: u(0),
            status: 'competent',
            assessed_on: '2026-03-11',
            evidence: 'x',
          },
        ],
      }),
    ];
    assert.deepEqual(
      tries.map((r) => r.statusCode),
      tries.map(() => 404),
    );
    await humas.get('/account');
    const h = await humas.json('PUT', `/api/v1/programmes/${programmeId}/competencies`, {
      assessments: [
        {
          enrolment_id: p(4).id,
          unit_id: u(0),
          status: 'competent',
          assessed_on: '2026-03-11',
          evidence: 'x',
        },
      ],
    });
    assert.equal(h.statusCode, 403);
    assert.deepEqual(await assessments(), before);
  });
});
