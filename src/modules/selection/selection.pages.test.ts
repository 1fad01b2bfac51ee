import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildUnit, buildUser } from '../../../test/builders.ts';

describe('closing intakes, custom criteria, consent notes and the intake list', () => {
  let t: TestApp;
  let petugas: Client;
  let kepala: Client;
  let unitId: string;

  const newProgramme = async (name = `Pelatihan Rajut ${Math.random().toString(36).slice(2, 7)}`) => {
    const res = await petugas.json('POST', '/api/v1/programmes', { name, kind: 'training', capacity: 10 });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const openIntake = async (programmeId: string) => {
    const res = await petugas.json('POST', `/api/v1/programmes/${programmeId}/intakes`, {
      opened_on: '2026-01-05',
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const addCandidate = async (intakeId: string, inmateId: string) => {
    const res = await petugas.json('POST', `/api/v1/intakes/${intakeId}/candidates`, { inmate_id: inmateId });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const decideAndApprove = async (intakeId: string, candidateIds: string[]) => {
    const tpp = await petugas.json('PUT', `/api/v1/intakes/${intakeId}/tpp`, {
      held_on: '2026-01-12',
      members: ['Kepala KPLP'],
      decisions: candidateIds.map((id) => ({ candidate_id: id, decision: 'accepted' })),
    });
    assert.equal(tpp.statusCode, 200, tpp.body);
    assert.equal((await kepala.json('POST', `/api/v1/intakes/${intakeId}/approve`)).statusCode, 204);
  };
  const audits = async (entityId: string) =>
    (
      await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', entityId)
        .orderBy('at')
        .execute()
    ).map((a) => a.action);

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('an open intake is cancelled with a reason, audited, and is read-only afterwards', async () => {
    const intakeId = await openIntake(await newProgramme());
    const candidateId = await addCandidate(intakeId, (await buildInmate(t.db, { unit_id: unitId })).id);
    const url = `/intakes/${intakeId}`;
    await petugas.get(url);
    const noReason = await petugas.postForm(`${url}/close`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /data-testid="error-reason"/);
    const closed = await petugas.postForm(`${url}/close`, { reason: 'Instruktur mitra berhalangan' });
    assert.equal(closed.statusCode, 303);
    const row = await t.db
      .selectFrom('intakes')
      .select(['status', 'closed_as', 'close_reason', 'closed_by', 'closed_at'])
      .where('id', '=', intakeId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'closed');
    assert.equal(row.closed_as, 'cancelled');
    assert.equal(row.close_reason, 'Instruktur mitra berhalangan');
    assert.ok(row.closed_by && row.closed_at);
    assert.deepEqual(await audits(intakeId), ['intakes.create', 'intakes.cancel']);

    const page = (await petugas.get(url)).body;
    assert.match(page, /Dibatalkan pada .*Instruktur mitra berhalangan/);
    for (const form of ['close-form', 'tpp-form', `score-${candidateId}`, 'add-'])
      assert.doesNotMatch(page, new RegExp(`data-testid="${form}`), `no ${form} on a closed intake`);
    const inmate = await buildInmate(t.db, { unit_id: unitId });
    const writes = await Promise.all([
      petugas.json('POST', `/api/v1/intakes/${intakeId}/candidates`, { inmate_id: inmate.id }),
      petugas.json('PUT', `/api/v1/intakes/${intakeId}/candidates/${candidateId}/scores`, {
        scores: { minat: 1, bakat: 1, pengalaman: 1, perilaku: 1, kesehatan: 1 },
      }),
      petugas.json('PUT', `/api/v1/intakes/${intakeId}/tpp`, {
        held_on: '2026-01-12',
        members: ['Kepala KPLP'],
        decisions: [{ candidate_id: candidateId, decision: 'accepted' }],
      }),
      petugas.json('POST', `/api/v1/intakes/${intakeId}/close`, { reason: 'Sekali lagi' }),
    ]);
    assert.deepEqual(
      writes.map((w) => w.statusCode),
      [409, 409, 409, 409],
    );
    assert.deepEqual(await audits(intakeId), ['intakes.create', 'intakes.cancel']);
  });

  test('a decided intake is closed as completed; enrolment and approval stop there', async () => {
    const intakeId = await openIntake(await newProgramme());
    const a = await addCandidate(intakeId, (await buildInmate(t.db, { unit_id: unitId })).id);
    const b = await addCandidate(intakeId, (await buildInmate(t.db, { unit_id: unitId })).id);
    await decideAndApprove(intakeId, [a, b]);
    const enrol = (c: string) =>
      petugas.json('POST', `/api/v1/intakes/${intakeId}/candidates/${c}/enrol`, { started_on: '2026-01-21' });
    assert.equal((await enrol(a)).statusCode, 201);
    const short = await petugas.json('POST', `/api/v1/intakes/${intakeId}/close`, { reason: 'x' });
    assert.equal(short.statusCode, 400);
    const res = await petugas.json('POST', `/api/v1/intakes/${intakeId}/close`, {
      reason: 'Angkatan I sudah lengkap',
    });
    assert.equal(res.statusCode, 204, res.body);
    const d = (await petugas.get(`/api/v1/intakes/${intakeId}`)).json() as {
      intake: { status: string; closed_as: string; close_reason: string };
    };
    assert.deepEqual(
      [d.intake.status, d.intake.closed_as, d.intake.close_reason],
      ['closed', 'completed', 'Angkatan I sudah lengkap'],
    );
    assert.equal((await enrol(b)).statusCode, 409);
    assert.ok((await audits(intakeId)).includes('intakes.close'));
  });

  test('the petugas adjusts the criteria when opening an intake: rename, remove, add with a maximum', async () => {
    const programmeId = await newProgramme();
    const form = (await petugas.get(`/programmes/${programmeId}/intakes/new`)).body;
    assert.match(form, /name="criteria\.0\.label" value="Minat"/);
    assert.match(form, /name="criteria\.4\.label" value="Kesehatan"/);
    const base = { opened_on: '2026-01-05' };
    const bad = await petugas.postForm(`/programmes/${programmeId}/intakes`, {
      ...base,
      'criteria.0.label': 'Minat',
      'criteria.0.max': '0',
      'criteria.1.label': 'minat',
      'criteria.1.max': '5',
      'criteria.3.label': '123',
      'criteria.3.max': '5',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Nilai tertinggi harus bilangan bulat 1 sampai 100/);
    assert.match(bad.body, /Kriteria &quot;minat&quot; sudah ada|Kriteria "minat" sudah ada/);
    assert.match(bad.body, /Nama kriteria wajib diisi dan memuat huruf/);
    assert.match(bad.body, /href="#f-criteria\.3\.label"/, 'the error names the row the user filled in');
    assert.equal(
      (await t.db.selectFrom('intakes').select('id').where('programme_id', '=', programmeId).execute())
        .length,
      0,
    );
    const empty = await petugas.postForm(`/programmes/${programmeId}/intakes`, {
      ...base,
      'criteria.0.label': '',
      'criteria.0.max': '5',
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Isi paling sedikit satu kriteria/);

    // The same refusal in English after switching the language.
    await petugas.postForm('/language', { lang: 'en', next: '/' });
    const en = await petugas.postForm(`/programmes/${programmeId}/intakes`, {
      ...base,
      'criteria.0.label': 'Minat',
      'criteria.0.max': '200',
    });
    assert.match(en.body, /The highest score must be a whole number from 1 to 100/);
    await petugas.postForm('/language', { lang: 'id', next: '/' });

    const ok = await petugas.postForm(`/programmes/${programmeId}/intakes`, {
      ...base,
      'criteria.0.label': 'Minat merajut',
      'criteria.0.max': '10',
      'criteria.1.label': 'Bakat',
      'criteria.1.max': '5',
      'criteria.2.label': '',
      'criteria.2.max': '5',
      'criteria.3.label': 'Perilaku',
      'criteria.3.max': '5',
      'criteria.5.label': 'Ketelitian',
      'criteria.5.max': '3',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const intake = await t.db
      .selectFrom('intakes')
      .select(['id', 'criteria'])
      .where('programme_id', '=', programmeId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(intake.criteria, [
      { key: 'minat_merajut', label: 'Minat merajut', max: 10 },
      { key: 'bakat', label: 'Bakat', max: 5 },
      { key: 'perilaku', label: 'Perilaku', max: 5 },
      { key: 'ketelitian', label: 'Ketelitian', max: 3 },
    ]);
    const c = await addCandidate(intake.id, (await buildInmate(t.db, { unit_id: unitId })).id);
    const over = await petugas.postForm(`/intakes/${intake.id}/candidates/${c}/scores`, {
      minat_merajut: '10',
      bakat: '5',
      perilaku: '5',
      ketelitian: '4',
    });
    assert.equal(over.statusCode, 400);
    assert.match(over.body, /Nilai Ketelitian harus 0 sampai 3/);
  });

  test("a detainee's consent is recorded with a note, who and when, and can be withdrawn, ending their place", async () => {
    const intakeId = await openIntake(await newProgramme());
    const detainee = await buildInmate(t.db, { unit_id: unitId, reg_number: 'A.II 501/2026' });
    const sentenced = await buildInmate(t.db, { unit_id: unitId });
    const c = await addCandidate(intakeId, detainee.id);
    const s = await addCandidate(intakeId, sentenced.id);
    const url = `/intakes/${intakeId}`;
    const page = (await petugas.get(url)).body;
    assert.match(page, new RegExp(`data-testid="consent-${c}"`));
    assert.doesNotMatch(page, new RegExp(`data-testid="consent-${s}"`), 'no consent for the sentenced');

    const long = await petugas.postForm(`${url}/candidates/${c}/consent`, { note: 'x'.repeat(501) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /Catatan paling panjang 500 karakter/);
    const notDetainee = await petugas.postForm(`${url}/candidates/${s}/consent`, { note: 'Bersedia' });
    assert.equal(notDetainee.statusCode, 400);
    assert.match(notDetainee.body, /Persetujuan hanya dicatat untuk tahanan/);

    const ok = await petugas.postForm(`${url}/candidates/${c}/consent`, {
      note: 'Bersedia, disampaikan di hadapan wali',
    });
    assert.equal(ok.statusCode, 303);
    const shown = (await petugas.get(url)).body;
    assert.match(shown, /Persetujuan diberikan \w+, \d{1,2} \w+ \d{4}\.<\/strong> Dicatat .+ oleh /);
    assert.match(shown, /Bersedia, disampaikan di hadapan wali/);
    const row = await t.db
      .selectFrom('intake_candidates')
      .select(['consent_recorded_at', 'consent_recorded_by', 'consent_note'])
      .where('id', '=', c)
      .executeTakeFirstOrThrow();
    assert.ok(row.consent_recorded_at && row.consent_recorded_by);

    await decideAndApprove(intakeId, [c, s]);
    assert.equal(
      (await petugas.postForm(`${url}/candidates/${c}/enrol`, { confirmed: '1' })).statusCode,
      303,
    );
    const withdrawn = await petugas.postForm(`${url}/candidates/${c}/consent/withdraw`, {
      note: 'Ingin fokus pada persidangan',
    });
    assert.equal(withdrawn.statusCode, 303);
    const e = await t.db
      .selectFrom('enrolments')
      .select(['status', 'end_reason', 'status_note'])
      .where('inmate_id', '=', detainee.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(e, {
      status: 'withdrawn',
      end_reason: 'own_request',
      status_note: 'Ingin fokus pada persidangan',
    });
    const after = await t.db
      .selectFrom('intake_candidates')
      .select(['consent_recorded_at', 'consent_withdrawn_at'])
      .where('id', '=', c)
      .executeTakeFirstOrThrow();
    assert.equal(after.consent_recorded_at, null);
    assert.ok(after.consent_withdrawn_at);
    assert.match((await petugas.get(url)).body, /Persetujuan ditarik/);
    // Without consent again, the detainee cannot be enrolled again: the page says why.
    const again = await petugas.postForm(`${url}/candidates/${c}/enrol`, { confirmed: '1' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /persetujuan belum dicatat/);
    assert.deepEqual((await audits(c)).slice(-2), ['intakes.consent', 'intakes.consent_withdrawn']);
    const twice = await petugas.json(
      'POST',
      `/api/v1/intakes/${intakeId}/candidates/${c}/consent/withdraw`,
      {},
    );
    assert.equal(twice.statusCode, 400);
  });

  test('the Seleksi nav item leads to the intakes of the user’s units, filtered by status and programme', async () => {
    const mine = await newProgramme('Pelatihan Sablon Daftar');
    const openId = await openIntake(mine);
    const closedId = await openIntake(mine);
    await petugas.json('POST', `/api/v1/intakes/${closedId}/close`, { reason: 'Dibuka ganda' });
    const otherUnit = (await buildUnit(t.db)).id;
    const outsider = await t.signedIn(
      (await buildUser(t.db, { roles: ['petugas'], unit_id: otherUnit })).username,
    );
    const dash = (await petugas.get('/dashboard')).body;
    assert.match(
      dash,
      /href="\/intakes"[^>]*data-testid="nav-intakes"|data-testid="nav-intakes"[^>]*href="\/intakes"/,
    );
    const list = (await petugas.get('/intakes')).body;
    assert.match(list, new RegExp(`data-testid="intake-row-${openId}"`));
    assert.match(list, new RegExp(`data-testid="intake-row-${closedId}"`));
    const open = (await petugas.get(`/intakes?status=open&programme=${mine}`)).body;
    assert.match(open, new RegExp(`intake-row-${openId}`));
    assert.doesNotMatch(open, new RegExp(`intake-row-${closedId}`));
    const closed = (await petugas.get('/intakes?status=closed')).body;
    assert.match(closed, new RegExp(`intake-row-${closedId}`));
    assert.match(closed, /Dibatalkan/);
    assert.equal((await petugas.get('/intakes?status=lain')).statusCode, 400);
    const theirs = (await outsider.get('/intakes')).body;
    assert.doesNotMatch(theirs, new RegExp(`intake-row-${openId}`), 'another unit sees none of ours');
    const api = (await petugas.get(`/api/v1/intakes?programme_id=${mine}`)).json() as {
      items: Array<{ id: string; status: string }>;
    };
    assert.deepEqual(api.items.map((i) => i.id).sort(), [openId, closedId].sort());
    const kanwil = await t.signedIn((await buildUser(t.db, { roles: ['kanwil'] })).username);
    assert.equal((await kanwil.get('/intakes')).statusCode, 403);
    assert.doesNotMatch((await kanwil.get('/dashboard')).body, /nav-intakes/);
  });
});
