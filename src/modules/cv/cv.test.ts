// The one-page CV: its content from the training record, the staff route (the unit's staff only),
// and the partner's CV, which needs a live cv_sharing consent and an application to the partner's
// own offer: a withdrawal refuses it at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import {
  buildApplication,
  buildTrainingRecord,
  giveConsent,
  type TrainingRecord,
} from '../../../test/cv-fixtures.ts';
import type { Ctx } from '../../app/principal.ts';
import { systemCtx } from '../../app/principal.ts';
import { scopeFor } from '../../app/scope.ts';
import type { Role } from '../../db/schema.ts';
import { cvDocument, cvForPartner } from './cv.service.ts';

const BASE = 'https://simandiri.uji.go.id';

describe('the CV from the training record', () => {
  let t: TestApp;
  let unitId: string;
  let partnerId: string;
  let inmateId: string;
  let record: TrainingRecord;
  let petugas: Client;

  const ctxAs = (id: string, role: Role, unit: string | null, partner: string | null = null): Ctx => {
    const base = systemCtx(t.db, new Date('2026-12-02T03:00:00Z'));
    return {
      ...base,
      who: {
        ...base.who,
        id,
        username: `u-${id.slice(0, 6)}`,
        roles: [role],
        unitId: unit,
        partnerId: partner,
        scope: scopeFor({ id, unit_id: unit, kanwil_id: null, roles: [role], partner_id: partner }, []),
        actor: { userId: id, name: `u-${id.slice(0, 6)}` },
      },
    };
  };

  before(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE });
    unitId = (await buildUnit(t.db, { name: 'Rutan Kelas IIB Magetan' })).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' })).id;
    inmateId = (await buildInmate(t.db, { unit_id: unitId, name: 'Siti Aminah', nik: '3520014501900002' }))
      .id;
    record = await buildTrainingRecord(t.db, { unitId, partnerId, inmateId, holder: 'Siti Aminah' });
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('the CV lists the programme, the competent units only, attendance, items made and passed, and the certificate link', async () => {
    const cv = await cvDocument(systemCtx(t.db), inmateId, BASE);
    assert.equal(cv.name, 'Siti Aminah');
    assert.deepEqual(cv.programmes, [
      [
        'Pelatihan Merajut Dasar',
        'Pelatihan · Rajut · bersama PT. Arta Jayendra Perkasa',
        '2 Maret 2026 – 30 Juni 2026',
        'Selesai',
      ],
    ]);
    assert.deepEqual(cv.competencies, [['RJT.01', 'Membuat tusuk rantai', 'Pelatihan Merajut Dasar']]);
    const record_ = Object.fromEntries(cv.record);
    // 3 present (one late) of 4 held sessions; the cancelled session's mark does not count.
    assert.equal(record_['Tingkat kehadiran'], '75% (hadir 3 dari 4 sesi)');
    assert.equal(record_['Barang yang dibuat'], '12 buah');
    assert.equal(record_['Lolos uji mutu'], '9 dari 10 buah yang diuji');
    assert.deepEqual(cv.certificates, [
      {
        number: record.certificateNumber,
        programme: 'Pelatihan Merajut Dasar',
        issued: '1 Juli 2026',
        url: `${BASE}/verify/${record.verifyToken}`,
      },
    ]);
    assert.ok(!JSON.stringify(cv).includes('3520014501900002'), 'no NIK on a CV');
  });

  test('a revoked certificate is left off the CV', async () => {
    await t.db
      .updateTable('certificates')
      .set({ status: 'revoked', revoked_reason: 'Salah cetak', revoked_at: new Date() })
      .where('number', '=', record.certificateNumber)
      .execute();
    try {
      assert.deepEqual((await cvDocument(systemCtx(t.db), inmateId, BASE)).certificates, []);
    } finally {
      await t.db
        .updateTable('certificates')
        .set({ status: 'valid', revoked_reason: null, revoked_at: null })
        .where('number', '=', record.certificateNumber)
        .execute();
    }
  });

  test("the unit's staff download the PDF, and the download is in the person's access log", async () => {
    const res = await petugas.get(`/reintegration/${inmateId}/cv.pdf`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /cv-siti-aminah\.pdf/);
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.ok(res.rawPayload.length > 3000, 'letterhead, tables and a QR image');
    const log = await t.db
      .selectFrom('inmate_access_log')
      .select(['channel', 'source'])
      .where('inmate_id', '=', inmateId)
      .execute();
    assert.ok(log.some((l) => l.channel === 'export' && l.source.includes('cv.pdf')));
  });

  test("another unit's staff and a Bapas officer do not find the person; a Kanwil user is refused", async () => {
    const other = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await other.get(`/reintegration/${inmateId}/cv.pdf`)).statusCode, 404);
    const pk = await t.signedIn(
      (await buildUser(t.db, { roles: ['pembimbing_kemasyarakatan'], unit_id: null })).username,
    );
    assert.equal((await pk.get(`/reintegration/${inmateId}/cv.pdf`)).statusCode, 404);
    const kanwil = await t.signedIn((await buildUser(t.db, { roles: ['kanwil'], unit_id: null })).username);
    assert.equal((await kanwil.get(`/reintegration/${inmateId}/cv.pdf`)).statusCode, 403);
  });

  test("a partner's instructor gets the CV only with a live consent, for their own partner's offer; a withdrawal refuses it at once", async () => {
    const app = await buildApplication(t.db, { unitId, partnerId, inmateId });
    const instructor = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    const asInstructor = ctxAs(instructor.id, 'instruktur_mitra', unitId, partnerId);
    const audits = async () =>
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('action', '=', 'cv.shared')
          .executeTakeFirstOrThrow()
      ).n;

    // No consent yet: refused with the reason, nothing written.
    await assert.rejects(cvForPartner(asInstructor, app.id, BASE), (e: { status?: number; key?: string }) => {
      assert.equal(e.status, 409);
      assert.equal(e.key, 'cv.noConsent');
      return true;
    });
    assert.equal(await audits(), '0');

    const consent = await giveConsent(t.db, { unitId, inmateId, purpose: 'cv_sharing' });
    const file = await cvForPartner(asInstructor, app.id, BASE);
    assert.equal(file.pdf.subarray(0, 5).toString(), '%PDF-');
    assert.equal(await audits(), '1', 'the disclosure is audited');

    // Another partner's instructor does not find the application at all.
    const otherPartner = (await buildPartner(t.db, { unit_id: unitId })).id;
    const stranger = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    await assert.rejects(
      cvForPartner(ctxAs(stranger.id, 'instruktur_mitra', unitId, otherPartner), app.id, BASE),
      {
        status: 404,
      },
    );

    // Withdrawn today: refused from the next request on.
    await t.db
      .updateTable('reintegration_consents')
      .set({ withdrawn_on: '2026-12-02' })
      .where('id', '=', consent.id)
      .execute();
    await assert.rejects(cvForPartner(asInstructor, app.id, BASE), { status: 409 });
    assert.equal(await audits(), '1');
  });
});
