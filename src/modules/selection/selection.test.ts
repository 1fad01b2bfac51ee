import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildUnit, buildUser } from '../../../test/builders.ts';

describe('assessment, TPP selection and enrolment', () => {
  let t: TestApp;
  let petugas: Client;
  let kepala: Client;
  let unitId: string;

  const newProgramme = async (capacity: number, eligibility: Record<string, unknown> = {}) => {
    const res = await petugas.json('POST', '/api/v1/programmes', {
      name: `Pelatihan Merajut ${Math.random().toString(36).slice(2, 7)}`,
      kind: 'training',
      capacity,
      eligibility,
    });
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
  const score = (intakeId: string, candidateId: string, v: number) =>
    petugas.json('PUT', `/api/v1/intakes/${intakeId}/candidates/${candidateId}/scores`, {
      scores: { minat: v, bakat: v, pengalaman: v, perilaku: v, kesehatan: v },
    });
  const decideAndApprove = async (intakeId: string, candidateIds: string[]) => {
    const tpp = await petugas.json('PUT', `/api/v1/intakes/${intakeId}/tpp`, {
      held_on: '2026-01-12',
      members: ['Kepala KPLP', 'Kasi Binadik'],
      decisions: candidateIds.map((id) => ({ candidate_id: id, decision: 'accepted' })),
    });
    assert.equal(tpp.statusCode, 200, tpp.body);
    assert.equal((await kepala.json('POST', `/api/v1/intakes/${intakeId}/approve`)).statusCode, 204);
  };
  const enrol = (intakeId: string, candidateId: string) =>
    petugas.json('POST', `/api/v1/intakes/${intakeId}/candidates/${candidateId}/enrol`, {
      started_on: '2026-01-21',
    });
  const count = async (table: 'intakes' | 'intake_candidates' | 'tpp_sessions' | 'enrolments') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('bad input is refused per field and nothing is written', async () => {
    const programmeId = await newProgramme(10);
    const before = await Promise.all([count('intakes'), count('intake_candidates'), count('enrolments')]);
    const intake = await petugas.json('POST', `/api/v1/programmes/${programmeId}/intakes`, {
      opened_on: '05/01/2026',
      criteria: [{ key: 'Minat!', label: '', max: 0 }],
    });
    assert.equal(intake.statusCode, 400, intake.body);
    const person = await petugas.json('POST', `/api/v1/programmes/${programmeId}/enrolments`, {
      kind: 'tamu',
      name: 'X',
      started_on: 'besok',
    });
    assert.equal(person.statusCode, 400);
    const intern = await petugas.json('POST', `/api/v1/programmes/${programmeId}/enrolments`, {
      kind: 'intern',
      name: 'Sri Wahyuni',
      started_on: '2026-01-21',
    });
    assert.equal(intern.statusCode, 400);
    assert.match(intern.body, /institution/);
    const upside = await petugas.json('POST', `/api/v1/programmes/${programmeId}/enrolments`, {
      kind: 'intern',
      name: 'Sri Wahyuni',
      institution: 'BBPVP Semarang',
      period_from: '2026-06-30',
      period_to: '2026-01-01',
      started_on: '2026-01-21',
    });
    assert.equal(upside.statusCode, 400);
    assert.match(upside.body, /period_to/);
    const intakeId = await openIntake(programmeId);
    const inmate = await buildInmate(t.db, { unit_id: unitId });
    const candidateId = await addCandidate(intakeId, inmate.id);
    const bad = await petugas.json('PUT', `/api/v1/intakes/${intakeId}/candidates/${candidateId}/scores`, {
      scores: { minat: 6, bakat: 3 },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /scores\.minat/);
    const c = await t.db
      .selectFrom('intake_candidates')
      .select(['total', 'scores'])
      .where('id', '=', candidateId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(c.total), 0);
    assert.deepEqual(c.scores, {});
    const after = await Promise.all([count('intakes'), count('intake_candidates'), count('enrolments')]);
    assert.deepEqual(after, [(before[0] ?? 0) + 1, (before[1] ?? 0) + 1, before[2]]);
  });

  test('the intake shows who is not eligible and why, and refuses to add them', async () => {
    const programmeId = await newProgramme(10, { min_remaining_months: 6, risk_levels: ['rendah'] });
    const risky = await buildInmate(t.db, { unit_id: unitId, name: 'Bambang Tinggi' });
    await t.db
      .updateTable('inmates')
      .set({ risk_level: 'tinggi', expected_release_date: '2026-02-01' })
      .where('id', '=', risky.id)
      .execute();
    const intakeId = await openIntake(programmeId);
    const res = await petugas.get(`/api/v1/intakes/${intakeId}`);
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json() as {
      proposals: Array<{ id: string; eligible: boolean; reasons: Array<{ key: string }> }>;
    };
    const p = d.proposals.find((x) => x.id === risky.id);
    assert.ok(p);
    assert.equal(p.eligible, false);
    // Release on 1 February 2026 has passed: said so, not "0 bulan".
    assert.deepEqual(p.reasons.map((r) => r.key).sort(), [
      'selection.reason.risk_level',
      'selection.reason.sentence_ended',
    ]);
    const add = await petugas.json('POST', `/api/v1/intakes/${intakeId}/candidates`, { inmate_id: risky.id });
    assert.equal(add.statusCode, 409);
  });

  test("a detainee's participation is voluntary: without recorded consent they cannot be enrolled", async () => {
    const programmeId = await newProgramme(10);
    const detainee = await buildInmate(t.db, { unit_id: unitId, reg_number: 'A.II 77/2026' });
    const intakeId = await openIntake(programmeId);
    const candidateId = await addCandidate(intakeId, detainee.id);
    assert.equal((await score(intakeId, candidateId, 4)).statusCode, 204);
    await decideAndApprove(intakeId, [candidateId]);
    const refused = await enrol(intakeId, candidateId);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /persetujuan/i);
    assert.equal(
      (await t.db.selectFrom('enrolments').select('id').where('inmate_id', '=', detainee.id).execute())
        .length,
      0,
    );
    const consent = await petugas.json(
      'POST',
      `/api/v1/intakes/${intakeId}/candidates/${candidateId}/consent`,
      {
        note: 'Menyatakan bersedia secara lisan di hadapan wali pemasyarakatan',
      },
    );
    assert.equal(consent.statusCode, 204);
    assert.equal((await enrol(intakeId, candidateId)).statusCode, 201);
  });

  test('only the Kepala UPT approves the TPP decision, and nobody is enrolled before approval', async () => {
    const programmeId = await newProgramme(10);
    const intakeId = await openIntake(programmeId);
    const candidateId = await addCandidate(intakeId, (await buildInmate(t.db, { unit_id: unitId })).id);
    const tpp = await petugas.json('PUT', `/api/v1/intakes/${intakeId}/tpp`, {
      held_on: '2026-01-12',
      members: ['Kepala KPLP'],
      decisions: [{ candidate_id: candidateId, decision: 'accepted' }],
    });
    assert.equal(tpp.statusCode, 200, tpp.body);
    assert.equal((await enrol(intakeId, candidateId)).statusCode, 409);
    assert.equal((await petugas.json('POST', `/api/v1/intakes/${intakeId}/approve`)).statusCode, 403);
    assert.equal((await kepala.json('POST', `/api/v1/intakes/${intakeId}/approve`)).statusCode, 204);
    assert.equal((await enrol(intakeId, candidateId)).statusCode, 201);
  });

  test('a rejected or waitlisted candidate needs a reason', async () => {
    const programmeId = await newProgramme(10);
    const intakeId = await openIntake(programmeId);
    const candidateId = await addCandidate(intakeId, (await buildInmate(t.db, { unit_id: unitId })).id);
    const res = await petugas.json('PUT', `/api/v1/intakes/${intakeId}/tpp`, {
      held_on: '2026-01-12',
      members: ['Kepala KPLP'],
      decisions: [{ candidate_id: candidateId, decision: 'rejected' }],
    });
    assert.equal(res.statusCode, 400);
    assert.equal(
      await t.db.selectFrom('tpp_sessions').select('id').where('intake_id', '=', intakeId).executeTakeFirst(),
      undefined,
    );
  });

  test('capacity is enforced across inmates, interns and staff', async () => {
    const programmeId = await newProgramme(2);
    const intakeId = await openIntake(programmeId);
    const a = await addCandidate(intakeId, (await buildInmate(t.db, { unit_id: unitId })).id);
    const b = await addCandidate(intakeId, (await buildInmate(t.db, { unit_id: unitId })).id);
    await decideAndApprove(intakeId, [a, b]);
    assert.equal((await enrol(intakeId, a)).statusCode, 201);
    const staff = await petugas.json('POST', `/api/v1/programmes/${programmeId}/enrolments`, {
      kind: 'staff',
      name: 'Dwi Hartono',
      started_on: '2026-01-21',
    });
    assert.equal(staff.statusCode, 201, staff.body);
    const full = await enrol(intakeId, b);
    assert.equal(full.statusCode, 409);
    assert.match(full.body, /penuh/);
    const list = (await petugas.get(`/api/v1/programmes/${programmeId}/enrolments`)).json() as {
      items: unknown[];
    };
    assert.equal(list.items.length, 2);
  });

  test("releasing an inmate withdraws their active enrolment with reason 'released'", async () => {
    const programmeId = await newProgramme(10);
    const inmate = await buildInmate(t.db, { unit_id: unitId });
    const intakeId = await openIntake(programmeId);
    const candidateId = await addCandidate(intakeId, inmate.id);
    await decideAndApprove(intakeId, [candidateId]);
    assert.equal((await enrol(intakeId, candidateId)).statusCode, 201);
    const res = await petugas.json('POST', `/api/v1/inmates/${inmate.id}/status`, {
      change: 'release',
      on_date: '2026-03-02',
      reason: 'Bebas bersyarat',
    });
    assert.equal(res.statusCode, 200, res.body);
    const e = await t.db
      .selectFrom('enrolments')
      .select(['status', 'end_reason', 'ended_on'])
      .where('inmate_id', '=', inmate.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(e, { status: 'withdrawn', end_reason: 'released', ended_on: '2026-03-02' });
    const page = await petugas.get(`/inmates/${inmate.id}`);
    assert.match(
      page.body,
      /data-testid="programme-history"[\s\S]*02\/03\/2026 · Keluar \(Bebas\)/,
      'the person page shows the programme history',
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'enrolments.withdrawn')
      .execute();
    assert.ok(audit.length >= 1);
  });

  test("another unit's staff cannot see an intake, and another unit's inmate cannot be a candidate", async () => {
    const programmeId = await newProgramme(10);
    const intakeId = await openIntake(programmeId);
    const otherUnit = (await buildUnit(t.db)).id;
    const outsider = await t.signedIn(
      (await buildUser(t.db, { roles: ['petugas'], unit_id: otherUnit })).username,
    );
    assert.equal((await outsider.get(`/api/v1/intakes/${intakeId}`)).statusCode, 404);
    assert.equal((await outsider.get(`/intakes/${intakeId}`)).statusCode, 404);
    const stranger = await buildInmate(t.db, { unit_id: otherUnit });
    const res = await petugas.json('POST', `/api/v1/intakes/${intakeId}/candidates`, {
      inmate_id: stranger.id,
    });
    assert.equal(res.statusCode, 400);
    const rows = await t.db
      .selectFrom('intake_candidates')
      .select('id')
      .where('inmate_id', '=', stranger.id)
      .execute();
    assert.equal(rows.length, 0);
  });

  test('a participant is suspended and resumed, and withdrawn only with a reason', async () => {
    const programmeId = await newProgramme(10);
    const res = await petugas.json('POST', `/api/v1/programmes/${programmeId}/enrolments`, {
      kind: 'intern',
      name: 'Sri Wahyuni',
      institution: 'BBPVP Semarang',
      period_from: '2026-01-19',
      period_to: '2026-04-17',
      started_on: '2026-01-21',
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = (res.json() as { id: string }).id;
    const to = (body: Record<string, unknown>) =>
      petugas.json('POST', `/api/v1/enrolments/${id}/status`, { on_date: '2026-02-04', ...body });
    assert.equal((await to({ status: 'suspended', note: 'Sakit' })).statusCode, 204);
    assert.equal((await to({ status: 'active' })).statusCode, 204);
    assert.equal((await to({ status: 'withdrawn' })).statusCode, 400);
    assert.equal((await to({ status: 'withdrawn', end_reason: 'own_request' })).statusCode, 204);
    assert.equal((await to({ status: 'active' })).statusCode, 400);
  });

  test('a participant who completed the programme is not enrolled a second time from a later intake', async () => {
    const programmeId = await newProgramme(2);
    const person = await buildInmate(t.db, { unit_id: unitId });
    const other = await buildInmate(t.db, { unit_id: unitId });
    // Two intakes of the same programme, with the same person a candidate in both.
    const first = await openIntake(programmeId);
    const second = await openIntake(programmeId);
    const c1 = await addCandidate(first, person.id);
    const c2 = await addCandidate(second, person.id);
    const o2 = await addCandidate(second, other.id);
    await decideAndApprove(first, [c1]);
    await decideAndApprove(second, [c2, o2]);
    const enrolled = await enrol(first, c1);
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    const placeId = (enrolled.json() as { id: string }).id;
    // While the first place is held, the second intake cannot give another.
    const held = await enrol(second, c2);
    assert.equal(held.statusCode, 409);
    assert.equal((held.json() as { error: { code: string } }).error.code, 'intakes.already_enrolled');
    const done = await petugas.json('POST', `/api/v1/enrolments/${placeId}/status`, {
      status: 'completed',
      on_date: '2026-03-31',
    });
    assert.equal(done.statusCode, 204, done.body);

    // The page offers no "Daftarkan" for them and says why; the other candidate can still join.
    const page = (await petugas.get(`/intakes/${second}`)).body;
    assert.doesNotMatch(page, new RegExp(`data-testid="enrol-${c2}"`));
    assert.match(page, new RegExp(`data-testid="completed-${c2}">Sudah menyelesaikan program ini`));
    assert.match(page, new RegExp(`data-testid="enrol-${o2}"`));
    // One click (the form, confirmed) or the API: refused, no second place, no seat taken.
    const click = await petugas.postForm(`/intakes/${second}/candidates/${c2}/enrol`, { confirmed: '1' });
    assert.equal(click.statusCode, 409);
    assert.match(click.body, /Sudah menyelesaikan program ini/);
    const api = await enrol(second, c2);
    assert.equal(api.statusCode, 409);
    assert.equal((api.json() as { error: { code: string } }).error.code, 'intakes.already_completed');
    const places = await t.db
      .selectFrom('enrolments')
      .select('status')
      .where('programme_id', '=', programmeId)
      .where('inmate_id', '=', person.id)
      .execute();
    assert.deepEqual(
      places.map((p) => p.status),
      ['completed'],
    );
    assert.equal((await enrol(second, o2)).statusCode, 201);
    // A later intake does not propose them, nor take them as a candidate.
    const third = await openIntake(programmeId);
    const proposals = (await petugas.get(`/intakes/${third}`)).body;
    assert.match(
      proposals,
      new RegExp(`data-testid="proposal-${person.id}"((?!</tr>)[\\s\\S])*Sudah menyelesaikan program ini`),
    );
    assert.doesNotMatch(proposals, new RegExp(`data-testid="add-${person.id}"`));
    const add = await petugas.json('POST', `/api/v1/intakes/${third}/candidates`, { inmate_id: person.id });
    assert.equal(add.statusCode, 409);
    assert.equal((add.json() as { error: { code: string } }).error.code, 'intakes.not_eligible');
  });
});

describe('selection pages', () => {
  let t: TestApp;
  let petugas: Client;
  let kepala: Client;
  let unitId: string;

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('an intake runs from candidates through assessment and the TPP decision to enrolment', async () => {
    const prog = await petugas.json('POST', '/api/v1/programmes', {
      name: 'Pelatihan Merajut',
      kind: 'training',
      capacity: 15,
      eligibility: { risk_levels: ['rendah'] },
    });
    const programmeId = (prog.json() as { id: string }).id;
    const ok = await buildInmate(t.db, { unit_id: unitId, name: 'Siti Aminah' });
    const risky = await buildInmate(t.db, { unit_id: unitId, name: 'Joko Risiko' });
    await t.db.updateTable('inmates').set({ risk_level: 'tinggi' }).where('id', '=', risky.id).execute();

    assert.equal((await petugas.get(`/programmes/${programmeId}/intakes/new`)).statusCode, 200);
    const bad = await petugas.postForm(`/programmes/${programmeId}/intakes`, { opened_on: 'kemarin' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-opened_on"/);
    const opened = await petugas.postForm(`/programmes/${programmeId}/intakes`, { opened_on: '2026-01-05' });
    assert.equal(opened.statusCode, 303);
    const url = String(opened.headers.location);
    const page = await petugas.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tingkat risiko tinggi tidak diizinkan/);
    const intakeId = url.split('/').pop() ?? '';

    assert.equal((await petugas.postForm(`${url}/candidates`, { inmate_id: ok.id })).statusCode, 303);
    const cand = await t.db
      .selectFrom('intake_candidates')
      .select('id')
      .where('intake_id', '=', intakeId)
      .executeTakeFirstOrThrow();
    const badScore = await petugas.postForm(`${url}/candidates/${cand.id}/scores`, {
      minat: '9',
      bakat: '4',
      pengalaman: '3',
      perilaku: '5',
      kesehatan: '5',
    });
    assert.equal(badScore.statusCode, 400);
    assert.match(badScore.body, /Nilai Minat harus 0 sampai 5/);
    const scored = await petugas.postForm(`${url}/candidates/${cand.id}/scores`, {
      minat: '4',
      bakat: '4',
      pengalaman: '3',
      perilaku: '5',
      kesehatan: '4,5',
    });
    assert.equal(scored.statusCode, 303);
    assert.match((await petugas.get(url)).body, /20\.5/);

    const noMembers = await petugas.postForm(`${url}/tpp`, { held_on: '2026-01-12', members: '' });
    assert.equal(noMembers.statusCode, 400);
    const tpp = await petugas.postForm(`${url}/tpp`, {
      held_on: '2026-01-12',
      members: 'Kepala KPLP\nKasi Binadik',
      [`decision_${cand.id}`]: 'accepted',
    });
    assert.equal(tpp.statusCode, 303);
    assert.equal((await petugas.postForm(`${url}/approve`)).statusCode, 403);
    await kepala.get(url);
    assert.equal((await kepala.postForm(`${url}/approve`)).statusCode, 303);
    assert.match((await petugas.get(url)).body, /data-testid="enrol-/);
    // Without scripts, enrolling asks first on a page of its own; nothing is written until yes.
    const asked = await petugas.postForm(`${url}/candidates/${cand.id}/enrol`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /data-testid="confirm-question">Anda yakin mendaftarkan /);
    assert.match(asked.body, /name="confirmed" value="1"/);
    assert.match(asked.body, new RegExp(`action="${url}/candidates/${cand.id}/enrol"`));
    assert.equal(
      (await t.db.selectFrom('enrolments').select('id').where('inmate_id', '=', ok.id).execute()).length,
      0,
    );
    // With scripts the form carries the same question for the dialog.
    assert.match((await petugas.get(url)).body, /data-confirm="Anda yakin mendaftarkan /);
    const yes = await petugas.postForm(`${url}/candidates/${cand.id}/enrol`, { confirmed: '1' });
    assert.equal(yes.statusCode, 303, yes.body);
    const e = await t.db
      .selectFrom('enrolments')
      .select(['kind', 'status'])
      .where('inmate_id', '=', ok.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(e, { kind: 'inmate', status: 'active' });
  });

  test('interns and staff join on the participants page; a withdrawal needs a reason', async () => {
    const prog = await petugas.json('POST', '/api/v1/programmes', {
      name: 'Pelatihan Menjahit',
      kind: 'training',
      capacity: 5,
    });
    const programmeId = (prog.json() as { id: string }).id;
    const base = `/programmes/${programmeId}/enrolments`;
    assert.equal((await petugas.get(base)).statusCode, 200);
    const missing = await petugas.postForm(base, {
      kind: 'intern',
      name: 'Rina Marlina',
      started_on: '2026-01-21',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /data-testid="error-institution"/);
    const ok = await petugas.postForm(base, {
      kind: 'intern',
      name: 'Rina Marlina',
      institution: 'BBPVP Semarang',
      period_from: '2026-01-19',
      period_to: '2026-04-17',
      started_on: '2026-01-21',
    });
    assert.equal(ok.statusCode, 303);
    const listed = await petugas.get(base);
    assert.match(listed.body, /Rina Marlina/);
    assert.match(listed.body, /1 dari 5 tempat terisi/);
    const e = await t.db
      .selectFrom('enrolments')
      .select('id')
      .where('programme_id', '=', programmeId)
      .executeTakeFirstOrThrow();
    const noReason = await petugas.postForm(`/enrolments/${e.id}/status`, {
      status: 'withdrawn',
      on_date: '2026-02-04',
    });
    assert.equal(noReason.statusCode, 400);
    const withdrawn = await petugas.postForm(`/enrolments/${e.id}/status`, {
      status: 'withdrawn',
      end_reason: 'own_request',
      on_date: '2026-02-04',
    });
    assert.equal(withdrawn.statusCode, 303);
    assert.match((await petugas.get(base)).body, /Permintaan sendiri/);
  });
});
