// The data-subject export: every section of what is held about one person, as JSON and PDF, to the
// Kepala UPT of the person's unit only (refused to petugas and Kanwil, not found elsewhere), with
// the NIK masked and each download audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildKanwil, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { buildApplication, buildTrainingRecord, giveConsent } from '../../../test/cv-fixtures.ts';
import { systemCtx } from '../../app/principal.ts';
import { subjectLines } from './subject-access.pdf.ts';
import { SECTION_KEYS, subjectData } from './subject-access.service.ts';

const NIK = '3520014501900002';

describe('the data-subject export', () => {
  let t: TestApp;
  let unitId: string;
  let inmateId: string;
  let kepala: Client;
  let petugas: Client;
  let kanwil: Client;

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    unitId = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    const partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' }))
      .id;
    inmateId = (await buildInmate(t.db, { unit_id: unitId, name: 'Siti Aminah', nik: NIK })).id;
    await buildTrainingRecord(t.db, { unitId, partnerId, inmateId, holder: 'Siti Aminah' });
    await buildApplication(t.db, { unitId, partnerId, inmateId });
    await giveConsent(t.db, { unitId, inmateId, purpose: 'cv_sharing' });
    await t.db
      .insertInto('inmate_status_history')
      .values({
        inmate_id: inmateId,
        status: 'active',
        on_date: '2025-03-01',
        reason: 'Masuk',
        created_by: null,
      })
      .execute();
    await t.db
      .insertInto('register_f_entries')
      .values({
        inmate_id: inmateId,
        entry_date: '2025-08-01',
        violation: 'Terlambat apel',
        sanction: null,
        created_by: null,
      })
      .execute();
    await t.db
      .insertInto('reintegration_cases')
      .values({
        inmate_id: inmateId,
        unit_id: unitId,
        integrasi_kind: null,
        integrasi_date: null,
        decree_number: null,
        decree_date: null,
        plan: 'work',
        guarantor_name: 'Ibu Sumarni',
        guarantor_relation: 'Ibu',
        guarantor_phone: '081234567890',
        address_after_release: null,
        bank_name: null,
        bank_account: null,
        bapas_unit_id: null,
        pk_user_id: null,
        released_on: null,
        release_kind: null,
        pseudonymised_at: null,
        created_by: null,
      })
      .execute();
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId })).username);
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    kanwil = await t.signedIn(
      (await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: kw.id })).username,
    );
  });
  after(() => t.close());

  test('the JSON holds every section, the record of each module, and the NIK only masked', async () => {
    const res = await kepala.get(`/privacy/subjects/${inmateId}.json`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="data-pribadi-b-i-/);
    assert.ok(!res.body.includes(NIK), 'the NIK never leaves unmasked');
    const d = JSON.parse(res.body) as {
      register: { name: string; nik_masked: string };
      attendanceSummary: { rate: number; present: number };
      sections: Record<string, Array<Record<string, unknown>>>;
    };
    assert.equal(d.register.name, 'Siti Aminah');
    assert.ok(d.register.nik_masked && d.register.nik_masked !== NIK);
    assert.deepEqual(Object.keys(d.sections), SECTION_KEYS);
    const n = (k: string) => d.sections[k]?.length ?? -1;
    assert.equal(n('statusHistory'), 1);
    assert.equal(n('registerF'), 1);
    assert.equal(n('enrolments'), 1);
    assert.equal(n('attendance'), 5, 'every mark is listed, the cancelled session too');
    assert.equal(d.attendanceSummary.rate, 75, 'the summary counts held sessions only');
    assert.equal(n('competencies'), 2);
    assert.equal(n('certificates'), 1);
    assert.equal(n('production'), 2);
    assert.equal(n('qualityChecks'), 1);
    assert.equal(n('premiBalance'), 1);
    assert.equal(n('reintegrationCase'), 1);
    assert.equal(d.sections.reintegrationCase?.[0]?.guarantor_name, 'Ibu Sumarni');
    assert.equal(n('consents'), 1);
    assert.equal(n('applications'), 1);
    assert.equal(d.sections.applications?.[0]?.employer, 'PT. Arta Jayendra Perkasa');
    for (const k of ['candidacies', 'checklist', 'businessPlan', 'assistance', 'followUps', 'premiLines'])
      assert.equal(n(k), 0, k);
  });

  test('the API gives the same copy, audited, to the head of the unit only', async () => {
    const res = await kepala.get(`/api/v1/subject-access/${inmateId}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.ok(!res.body.includes(NIK));
    const d = JSON.parse(res.body) as { register: { name: string }; sections: Record<string, unknown[]> };
    assert.equal(d.register.name, 'Siti Aminah');
    assert.deepEqual(Object.keys(d.sections), SECTION_KEYS);
    assert.equal(d.sections.applications?.length, 1);
    assert.equal((await petugas.get(`/api/v1/subject-access/${inmateId}`)).statusCode, 403);
    assert.equal((await kanwil.get(`/api/v1/subject-access/${inmateId}`)).statusCode, 403);
  });

  test('each download is audited and written to the access log, which the next export lists', async () => {
    const before = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'privacy.subject_export')
      .execute();
    const pdf = await kepala.get(`/privacy/subjects/${inmateId}.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'unit_id'])
      .where('action', '=', 'privacy.subject_export')
      .execute();
    assert.equal(audits.length, before.length + 1);
    assert.ok(audits.every((a) => a.entity_id === inmateId && a.unit_id === unitId));
    const d = await subjectData(systemCtx(t.db), inmateId);
    assert.ok(
      d.sections.accessLog.some((l) => l.channel === 'export' && l.source.includes('/privacy/subjects')),
    );
  });

  test('the PDF prints the masked NIK, never the NIK, and a heading for every section', async () => {
    const d = await subjectData(systemCtx(t.db), inmateId);
    const lines = subjectLines(d);
    const all = JSON.stringify(lines);
    assert.ok(!all.includes(NIK));
    const nik = lines.register.find(([label]) => label === 'NIK (disamarkan)');
    assert.ok(nik && nik[1] === d.register.nik_masked && /\*/.test(nik[1]), JSON.stringify(nik));
    assert.equal(lines.sections.length, SECTION_KEYS.length);
    assert.ok(lines.sections.find((s) => s.title === 'Lamaran kerja')?.lines[0]?.includes('Perajut rumahan'));
    assert.match(lines.summary, /tingkat kehadiran 75%/);
  });

  test('the page lists each section with its count and links the downloads; the person page links to it', async () => {
    const page = await kepala.get(`/privacy/subjects/${inmateId}`);
    assert.equal(page.statusCode, 200);
    for (const k of SECTION_KEYS) assert.match(page.body, new RegExp(`data-testid="subject-section-${k}"`));
    assert.ok(page.body.includes(`/privacy/subjects/${inmateId}.pdf`));
    assert.ok(!page.body.includes(NIK));
    const person = await kepala.get(`/inmates/${inmateId}`);
    assert.match(person.body, /data-testid="inmate-subject-export"/);
    const seenByPetugas = await petugas.get(`/inmates/${inmateId}`);
    assert.doesNotMatch(seenByPetugas.body, /data-testid="inmate-subject-export"/);
  });

  test("petugas and Kanwil are refused; another unit's head does not find the person; nothing is audited", async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('action', '=', 'privacy.subject_export')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const was = await count();
    for (const c of [petugas, kanwil])
      for (const suffix of ['', '.json', '.pdf'])
        assert.equal((await c.get(`/privacy/subjects/${inmateId}${suffix}`)).statusCode, 403, suffix);
    const otherHead = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'] })).username);
    assert.equal((await otherHead.get(`/privacy/subjects/${inmateId}.json`)).statusCode, 404);
    assert.equal(await count(), was);
  });
});
