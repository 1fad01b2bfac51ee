import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { daysFromToday } from '../../../test/attendance-fixtures.ts';
import { buildInmate, buildKanwil, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { dayInZone } from '../../app/format.ts';
import { systemCtx } from '../../app/principal.ts';
import type { CompetencyStatus, MarkStatus } from '../../db/schema.ts';
import { completeAndIssue } from './certificates.service.ts';

describe('completion and certificates', () => {
  let t: TestApp;
  let petugas: Client;
  let kepala: Client;
  let otherPetugas: Client;
  let programmeId: string;
  let sitiInmateId: string;
  const e: Record<'siti' | 'budi' | 'intern' | 'rina', string> = { siti: '', budi: '', intern: '', rina: '' };
  const year = Number(dayInZone(new Date(), 'Asia/Jakarta').slice(0, 4));
  const actor = { userId: null, name: 'test' };
  const HOLDER = { name: 'Siti Aminah Lestari', reg: 'B.I 4711/2025', nik: '3520114507900003' };

  const certificateOf = (enrolmentId: string) =>
    t.db
      .selectFrom('certificates')
      .selectAll()
      .where('enrolment_id', '=', enrolmentId)
      .orderBy('created_at')
      .execute();

  before(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://simandiri.uji.go.id/' });
    const kanwil = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kanwil.id, code: 'RTN-UJI' });
    const otherUnit = await buildUnit(t.db, { kanwil_id: kanwil.id });
    const partner = await buildPartner(t.db, { unit_id: unit.id, legal_name: 'PT. Arta Jayendra Perkasa' });
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id })).username);
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unit.id })).username);
    otherPetugas = await t.signedIn(
      (await buildUser(t.db, { roles: ['petugas'], unit_id: otherUnit.id })).username,
    );
    programmeId = (
      await t.db
        .insertInto('programmes')
        .values({
          unit_id: unit.id,
          name: 'Pelatihan Merajut',
          kind: 'training',
          skill_area: 'Kerajinan',
          partner_id: partner.id,
          agreement_id: null,
          location: 'Bengkel kerja',
          capacity: 20,
          eligibility: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const units = await t.db
      .insertInto('curriculum_units')
      .values([
        {
          programme_id: programmeId,
          position: 1,
          code: 'K1',
          title: 'Tusuk dasar',
          target_hours: 6,
          core: true,
        },
        {
          programme_id: programmeId,
          position: 2,
          code: 'K2',
          title: 'Pola tas',
          target_hours: 6,
          core: true,
        },
        {
          programme_id: programmeId,
          position: 3,
          code: null,
          title: 'Pewarnaan',
          target_hours: 3,
          core: false,
        },
      ])
      .returning(['id', 'code'])
      .execute();
    const unitId = (code: string | null) => units.find((u) => u.code === code)?.id ?? '';
    const siti = await buildInmate(t.db, {
      unit_id: unit.id,
      name: HOLDER.name,
      reg_number: HOLDER.reg,
      nik: HOLDER.nik,
    });
    sitiInmateId = siti.id;
    const budi = await buildInmate(t.db, { unit_id: unit.id, name: 'Budi Hartono' });
    const rina = await buildInmate(t.db, { unit_id: unit.id, name: 'Rina Kartika' });
    const enrol = async (name: string, kind: 'inmate' | 'intern', inmateId: string | null) =>
      (
        await t.db
          .insertInto('enrolments')
          .values({
            programme_id: programmeId,
            kind,
            inmate_id: inmateId,
            intake_candidate_id: null,
            name,
            institution: kind === 'intern' ? 'Politeknik Negeri Madiun' : null,
            period_from: kind === 'intern' ? '2026-01-01' : null,
            period_to: kind === 'intern' ? '2026-06-30' : null,
            started_on: '2026-01-05',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    e.siti = await enrol(siti.name, 'inmate', siti.id);
    e.budi = await enrol(budi.name, 'inmate', budi.id);
    e.intern = await enrol('Dewi Anggraini', 'intern', null);
    e.rina = await enrol(rina.name, 'inmate', rina.id);

    // Six held sessions of three hours, and a cancelled one (never counted).
    const sessions: string[] = [];
    for (let i = 0; i < 7; i++) {
      const day = new Date(Date.UTC(2026, 1, 2 + i * 7)).toISOString().slice(0, 10);
      const s = await t.db
        .insertInto('programme_sessions')
        .values({
          programme_id: programmeId,
          schedule_id: null,
          day,
          starts_at: new Date(`${day}T02:00:00Z`),
          ends_at: new Date(`${day}T05:00:00Z`),
          status: i === 6 ? 'cancelled' : 'scheduled',
          cancel_reason: i === 6 ? 'Hari libur' : null,
          rescheduled_from: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      sessions.push(s.id);
      await t.db
        .insertInto('session_journals')
        .values({
          session_id: s.id,
          topic: `Pertemuan ${i + 1}`,
          materials: null,
          notes: null,
          other_instructors: null,
          created_by: null,
        })
        .execute();
      await t.db
        .insertInto('session_journal_units')
        .values({ session_id: s.id, curriculum_unit_id: unitId(i < 3 ? 'K1' : 'K2') })
        .execute();
    }
    const mark = async (enrolmentId: string, statuses: MarkStatus[]) => {
      for (const [i, status] of statuses.entries())
        await t.db
          .insertInto('attendance_marks')
          .values({
            session_id: sessions[i] ?? '',
            enrolment_id: enrolmentId,
            status,
            note: null,
            recorded_by: null,
          })
          .execute();
    };
    await mark(e.siti, ['hadir', 'hadir', 'terlambat', 'hadir', 'dispensasi', 'alpa', 'alpa']);
    await mark(e.budi, ['hadir', 'alpa', 'alpa', 'sakit', 'hadir']);
    await mark(e.intern, ['hadir', 'hadir', 'hadir', 'hadir', 'hadir']);
    await mark(e.rina, ['hadir', 'hadir', 'hadir', 'hadir', 'hadir']);
    const assess = async (enrolmentId: string, statuses: Array<[string | null, CompetencyStatus]>) => {
      for (const [code, status] of statuses)
        await t.db
          .insertInto('competency_assessments')
          .values({
            enrolment_id: enrolmentId,
            curriculum_unit_id: unitId(code),
            status,
            assessed_on: '2026-03-01',
            evidence: 'Praktik',
            assessed_by: null,
          })
          .execute();
    };
    await assess(e.siti, [
      ['K1', 'competent'],
      ['K2', 'competent'],
    ]);
    await assess(e.budi, [
      ['K1', 'competent'],
      ['K2', 'in_progress'],
    ]);
    await assess(e.intern, [
      ['K1', 'competent'],
      ['K2', 'competent'],
      [null, 'in_progress'],
    ]);
    await assess(e.rina, [
      ['K1', 'competent'],
      ['K2', 'competent'],
    ]);
  });
  after(() => t.close());

  test('the completion page says who may complete and, for the others, why not', async () => {
    const res = await petugas.get(`/programmes/${programmeId}/completion`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`data-testid="standing-${e.siti}" data-eligible="true"`));
    assert.match(res.body, new RegExp(`data-testid="issue-${e.siti}"`));
    assert.match(res.body, new RegExp(`data-testid="standing-${e.budi}" data-eligible="false"`));
    assert.match(res.body, /Kehadiran 40% di bawah minimal 80%/);
    assert.match(res.body, /Unit inti belum kompeten: K2</);
  });

  test('completing issues a numbered certificate with a snapshot, in one step', async () => {
    const [a, b] = await Promise.all([
      completeAndIssue(systemCtx(t.db, new Date(), actor.name), e.siti),
      completeAndIssue(systemCtx(t.db, new Date(), actor.name), e.intern),
    ]);
    const rows = await t.db.selectFrom('certificates').selectAll().where('id', 'in', [a, b]).execute();
    const numbers = rows.map((r) => r.number).sort();
    assert.deepEqual(numbers, [`001/SERT-RTN-UJI/MRJT/${year}`, `002/SERT-RTN-UJI/MRJT/${year}`]);
    const siti = rows.find((r) => r.enrolment_id === e.siti);
    assert.ok(siti);
    assert.equal(siti.holder_name, HOLDER.name);
    assert.equal(siti.holder_initials, 'S. A. L.');
    assert.equal(Number(siti.hours), 12, 'four sessions present × 3 hours');
    assert.equal(
      Number(siti.attendance_rate),
      80,
      '4 of 5 counted: the dispensation and the cancelled session are left out',
    );
    assert.deepEqual(siti.competencies, [
      { code: 'K1', title: 'Tusuk dasar', hours: 9, status: 'competent' },
      { code: 'K2', title: 'Pola tas', hours: 3, status: 'competent' },
      { code: null, title: 'Pewarnaan', hours: 0, status: 'not_started' },
    ]);
    assert.match(siti.verify_token, /^[A-Za-z0-9_-]{32}$/);
    const intern = rows.find((r) => r.enrolment_id === e.intern);
    assert.equal(intern?.holder_name, 'Dewi Anggraini', 'interns hold certificates too');
    const statuses = await t.db
      .selectFrom('enrolments')
      .select(['id', 'status'])
      .where('id', 'in', [e.siti, e.intern])
      .execute();
    assert.ok(statuses.every((s) => s.status === 'completed'));
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [a, e.siti])
      .execute();
    assert.deepEqual(audit.map((x) => x.action).sort(), ['certificates.issue', 'enrolments.completed']);
  });

  test('issuing asks first: without scripts a page, with scripts the button carries the question', async () => {
    const page = (await petugas.get(`/programmes/${programmeId}/completion`)).body;
    assert.match(page, /data-confirm="Anda yakin menerbitkan sertifikat untuk /);
    const asked = await petugas.postForm(`/enrolments/${e.budi}/certificate`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /data-testid="confirm-question">Anda yakin menerbitkan sertifikat untuk /);
    assert.match(asked.body, /name="confirmed" value="1"/);
    assert.deepEqual(await certificateOf(e.budi), []);
  });

  test('a participant who does not meet the rule is refused and stays active', async () => {
    const res = await petugas.postForm(`/enrolments/${e.budi}/certificate`, { confirmed: '1' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /belum memenuhi aturan penyelesaian/);
    assert.deepEqual(await certificateOf(e.budi), []);
    const row = await t.db
      .selectFrom('enrolments')
      .select('status')
      .where('id', '=', e.budi)
      .executeTakeFirst();
    assert.equal(row?.status, 'active');
  });

  test('the page route issues and shows the certificate; a second valid one is refused', async () => {
    const res = await petugas.postForm(`/enrolments/${e.rina}/certificate`, { confirmed: '1' });
    assert.equal(res.statusCode, 303);
    const [c] = await certificateOf(e.rina);
    assert.ok(c);
    assert.equal(res.headers.location, `/certificates/${c.id}`);
    const page = await petugas.get(`/certificates/${c.id}`);
    assert.equal(page.statusCode, 200);
    const person = await petugas.get(`/inmates/${sitiInmateId}`);
    assert.equal(person.statusCode, 200);
    assert.match(person.body, /data-testid="inmate-certificates"/, "listed on the person's page");
    assert.ok(page.body.includes(`https://simandiri.uji.go.id/verify/${c.verify_token}`));
    const again = await petugas.postForm(`/enrolments/${e.rina}/certificate`, { confirmed: '1' });
    assert.equal(again.statusCode, 409);
  });

  test('the certificate PDF downloads for staff of the unit', async () => {
    const [c] = await certificateOf(e.siti);
    assert.ok(c);
    const res = await petugas.get(`/certificates/${c.id}/sertifikat.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.ok(res.rawPayload.length > 3000, 'letterhead, table and QR image');
  });

  test("another unit's staff see neither the certificate, its PDF nor the programme's completion", async () => {
    const [c] = await certificateOf(e.siti);
    assert.ok(c);
    assert.equal((await otherPetugas.get(`/certificates/${c.id}`)).statusCode, 404);
    assert.equal((await otherPetugas.get(`/certificates/${c.id}/sertifikat.pdf`)).statusCode, 404);
    assert.equal((await otherPetugas.get(`/programmes/${programmeId}/completion`)).statusCode, 404);
    assert.equal((await otherPetugas.postForm(`/enrolments/${e.budi}/certificate`)).statusCode, 404);
  });

  test('the public page shows the number, initials, programme and date, and no personal data', async () => {
    const [c] = await certificateOf(e.siti);
    assert.ok(c);
    const res = await t.client().get(`/verify/${c.verify_token}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /data-testid="verify-status" data-status="valid"/);
    assert.ok(res.body.includes(c.number.replaceAll('/', '/')));
    assert.match(res.body, /data-testid="verify-initials">S\. A\. L\.</);
    assert.match(res.body, /Pelatihan Merajut/);
    for (const secret of [
      HOLDER.name,
      'Siti',
      'Aminah',
      'Lestari',
      HOLDER.reg,
      HOLDER.nik,
      e.siti,
      'PT. Arta',
    ])
      assert.ok(!res.body.includes(secret), `${secret} must not appear`);
    assert.match(res.body, /<meta name="robots" content="noindex, nofollow"/);
    assert.equal(res.headers['x-robots-tag'], 'noindex, nofollow');
    // A signed-in visitor gets the same bare page, without their account in a menu.
    const signed = await petugas.get(`/verify/${c.verify_token}`);
    assert.ok(!signed.body.includes('data-testid="signout"'));
  });

  test('only the Kepala UPT revokes; the public page then says revoked with the date, not why', async () => {
    const [c] = await certificateOf(e.siti);
    assert.ok(c);
    const reason = 'Nama tertukar dengan warga binaan lain karena sakit jiwa';
    assert.equal((await petugas.postForm(`/certificates/${c.id}/revoke`, { reason })).statusCode, 403);
    const short = await kepala.postForm(`/certificates/${c.id}/revoke`, { reason: 'x' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /data-testid="error-reason"/);
    // It asks first (no scripts: a page naming the certificate and the reason); nothing is revoked yet.
    const asked = await kepala.postForm(`/certificates/${c.id}/revoke`, { reason });
    assert.equal(asked.statusCode, 200);
    assert.match(
      asked.body,
      new RegExp(`data-testid="confirm-question">Anda yakin mencabut sertifikat ${c.number}`),
    );
    assert.match(asked.body, /Alasan: Nama tertukar/);
    assert.match((await t.client().get(`/verify/${c.verify_token}`)).body, /data-status="valid"/);
    const res = await kepala.postForm(`/certificates/${c.id}/revoke`, { reason, confirmed: '1' });
    assert.equal(res.statusCode, 303);
    const pub = await t.client().get(`/verify/${c.verify_token}`);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /data-status="revoked"/);
    assert.match(pub.body, /DICABUT/);
    assert.match(pub.body, /Tanggal pencabutan/);
    assert.ok(!pub.body.includes('sakit jiwa'));
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'certificates.revoke')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(
      (await kepala.postForm(`/certificates/${c.id}/revoke`, { reason, confirmed: '1' })).statusCode,
      409,
    );
  });

  test('after a revocation a new certificate may be issued, with a new number', async () => {
    const res = await petugas.postForm(`/enrolments/${e.siti}/certificate`, { confirmed: '1' });
    assert.equal(res.statusCode, 303);
    const rows = await certificateOf(e.siti);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['revoked', 'valid'],
    );
    assert.equal(rows[1]?.number, `004/SERT-RTN-UJI/MRJT/${year}`);
  });

  test('an unknown or malformed token gets a 404 page in Indonesian', async () => {
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'bukan-token', '%3Cscript%3E']) {
      const res = await t.client().get(`/verify/${token}`);
      assert.equal(res.statusCode, 404, token);
      assert.match(res.body, /Sertifikat tidak ditemukan/);
    }
  });

  test('the completion rule is set per programme, within 0–100', async () => {
    const bad = await petugas.postForm(`/programmes/${programmeId}/completion`, { min_attendance: '150' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-min_attendance"/);
    const ok = await petugas.postForm(`/programmes/${programmeId}/completion`, { min_attendance: '40' });
    assert.equal(ok.statusCode, 303);
    const page = await petugas.get(`/programmes/${programmeId}/completion`);
    assert.match(page.body, new RegExp(`data-testid="standing-${e.budi}" data-eligible="false"`));
    assert.ok(!page.body.includes('Kehadiran 40% di bawah'), 'attendance now meets the lower minimum');
    const p = await t.db
      .selectFrom('programmes')
      .select('completion_min_attendance')
      .where('id', '=', programmeId)
      .executeTakeFirst();
    assert.equal(p?.completion_min_attendance, 40);
  });

  test('the API completes, issues, reads and revokes, and refuses a petugas revoking', async () => {
    await t.db
      .updateTable('competency_assessments')
      .set({ status: 'competent' })
      .where('enrolment_id', '=', e.budi)
      .execute();
    const standing = await petugas.json('GET', `/api/v1/programmes/${programmeId}/completion`);
    assert.equal(standing.statusCode, 200);
    const budi = standing
      .json()
      .participants.find((p: { enrolment_id: string }) => p.enrolment_id === e.budi);
    assert.deepEqual([budi.eligible, budi.attendance_rate, budi.reasons], [true, 40, []]);

    const issued = await petugas.json('POST', `/api/v1/enrolments/${e.budi}/certificate`, { confirmed: '1' });
    assert.equal(issued.statusCode, 201, issued.body);
    const c = issued.json();
    assert.equal(c.number, `005/SERT-RTN-UJI/MRJT/${year}`);
    assert.equal(c.holder_name, 'Budi Hartono');
    assert.match(c.verify_url, /^https:\/\/simandiri\.uji\.go\.id\/verify\/[A-Za-z0-9_-]{32}$/);
    const again = await petugas.json('POST', `/api/v1/enrolments/${e.budi}/certificate`, { confirmed: '1' });
    assert.equal(again.statusCode, 409);

    const read = await otherPetugas.json('GET', `/api/v1/certificates/${c.id}`);
    assert.equal(read.statusCode, 404);
    assert.equal(
      (await petugas.json('POST', `/api/v1/certificates/${c.id}/revoke`, { reason: 'Salah cetak' }))
        .statusCode,
      403,
    );
    const short = await kepala.json('POST', `/api/v1/certificates/${c.id}/revoke`, { reason: 'x' });
    assert.equal(short.statusCode, 400);
    const revoked = await kepala.json('POST', `/api/v1/certificates/${c.id}/revoke`, {
      reason: 'Salah cetak nama',
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.deepEqual([revoked.json().status, revoked.json().revoked_reason], ['revoked', 'Salah cetak nama']);

    const doc = await petugas.json('GET', '/api/openapi.json');
    for (const path of ['/api/v1/programmes/{id}/completion', '/api/v1/certificates/{id}/revoke'])
      assert.ok(path in doc.json().paths, path);
  });

  test('a certificate for a person past their tanggal ekspirasi is refused with the reason, until the register is put right', async () => {
    const unitId = (
      await t.db
        .selectFrom('programmes')
        .select('unit_id')
        .where('id', '=', programmeId)
        .executeTakeFirstOrThrow()
    ).unit_id;
    const wati = await buildInmate(t.db, { unit_id: unitId, name: 'Wati Lewat Ekspirasi' });
    const expiry = daysFromToday(-30);
    await t.db
      .updateTable('inmates')
      .set({ expected_release_date: expiry })
      .where('id', '=', wati.id)
      .execute();
    const place = await t.db
      .insertInto('enrolments')
      .values({
        programme_id: programmeId,
        kind: 'inmate',
        inmate_id: wati.id,
        intake_candidate_id: null,
        name: wati.name,
        institution: null,
        period_from: null,
        period_to: null,
        started_on: '2026-01-05',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The same record as Rina, who completed: full attendance, every core unit competent.
    await t.db
      .insertInto('attendance_marks')
      .columns(['session_id', 'enrolment_id', 'status', 'note', 'recorded_by'])
      .expression((eb) =>
        eb
          .selectFrom('attendance_marks')
          .select((x) => ['session_id', x.val(place.id).as('enrolment_id'), 'status', 'note', 'recorded_by'])
          .where('enrolment_id', '=', e.rina),
      )
      .execute();
    await t.db
      .insertInto('competency_assessments')
      .columns(['enrolment_id', 'curriculum_unit_id', 'status', 'assessed_on', 'evidence', 'assessed_by'])
      .expression((eb) =>
        eb
          .selectFrom('competency_assessments')
          .select((x) => [
            x.val(place.id).as('enrolment_id'),
            'curriculum_unit_id',
            'status',
            'assessed_on',
            'evidence',
            'assessed_by',
          ])
          .where('enrolment_id', '=', e.rina),
      )
      .execute();

    const standing = await petugas.json('GET', `/api/v1/programmes/${programmeId}/completion`);
    const row = standing
      .json()
      .participants.find((p: { enrolment_id: string }) => p.enrolment_id === place.id);
    assert.deepEqual([row.eligible, row.reasons], [false, [{ code: 'past_expiry', expiry }]]);
    const page = await petugas.get(`/programmes/${programmeId}/completion`);
    assert.match(page.body, /Tanggal ekspirasi .* sudah lewat dan tidak ada perpanjangan/);

    const refused = await petugas.json('POST', `/api/v1/enrolments/${place.id}/certificate`, {
      confirmed: '1',
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Tanggal ekspirasi .* sudah lewat/);
    assert.deepEqual(await certificateOf(place.id), []);
    const still = await t.db
      .selectFrom('enrolments')
      .select('status')
      .where('id', '=', place.id)
      .executeTakeFirst();
    assert.equal(still?.status, 'active');

    const fixed = await petugas.json('POST', `/api/v1/inmates/${wati.id}/expiry-changes`, {
      kind: 'correction',
      new_expiry: daysFromToday(90),
      basis: 'Putusan banding PT Surabaya, masa pidana ditambah 4 bulan',
    });
    assert.equal(fixed.statusCode, 201, fixed.body);
    const issued = await petugas.json('POST', `/api/v1/enrolments/${place.id}/certificate`, {
      confirmed: '1',
    });
    assert.equal(issued.statusCode, 201, issued.body);
  });
});
