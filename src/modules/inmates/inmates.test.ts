import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';

const NIK = '3520123456789012';
const MASKED = '3520**********12';

const valid = {
  reg_number: 'b.i-123/2025',
  name: 'Bambang Sutrisno',
  gender: 'L',
  birth_date: '1988-04-12',
  entry_date: '2025-06-02',
  expected_release_date: '2027-12-01',
  block: 'C',
  room: '7',
  education: 'SMA',
  skills: 'menjahit, bertani',
  interests: 'kerajinan',
  risk_level: 'rendah',
  health_restriction: 'true',
  nik: NIK,
};

describe('inmate register', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('inmates')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a form with bad answers is shown again with a message per field in Indonesian, and nothing is written', async () => {
    const before = await count();
    const res = await petugas.postForm('/inmates', {
      reg_number: 'nomor asal',
      name: 'X',
      gender: 'L',
      birth_date: '2025-13-40',
      entry_date: '2025-06-02',
      nik: '12345',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-testid="error-summary"/);
    assert.match(res.body, /data-testid="error-name">Minimal 2 karakter/);
    assert.match(res.body, /data-testid="error-birth_date">Tanggal tidak valid/);
    assert.match(res.body, /data-testid="error-nik">Formatnya tidak sesuai/);
    assert.match(res.body, /value="nomor asal"/, "the user's answers are kept");
    // The schema passes, the rules do not: the number's format and the dates' order.
    const rules = await petugas.postForm('/inmates', {
      ...valid,
      reg_number: 'C.X 1/2025',
      expected_release_date: '2024-01-01',
    });
    assert.equal(rules.statusCode, 400);
    assert.match(rules.body, /data-testid="error-reg_number">Nomor registrasi tidak sesuai format/);
    assert.match(rules.body, /data-testid="error-expected_release_date">Tanggal ekspirasi tidak boleh/);
    assert.equal(await count(), before);
  });

  test('an inmate is registered from the form with a normalised number; the NIK is stored but shown masked', async () => {
    const res = await petugas.postForm('/inmates', valid);
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    const page = await petugas.get(String(res.headers.location));
    assert.match(page.body, /data-testid="inmate-reg">B\.I 123\/2025</);
    assert.match(page.body, /Narapidana/);
    assert.match(page.body, new RegExp(`data-testid="inmate-nik">${MASKED.replace(/\*/g, '\\*')}<`));
    assert.ok(!page.body.includes(NIK));
    const row = await t.db
      .selectFrom('inmates')
      .selectAll()
      .where('reg_number', '=', 'B.I 123/2025')
      .executeTakeFirstOrThrow();
    assert.equal(row.nik, NIK);
    assert.equal(row.register_class, 'B.I');
    assert.deepEqual(row.skills, ['menjahit', 'bertani']);
    assert.equal(row.health_restriction, true);
    const history = await t.db
      .selectFrom('inmate_status_history')
      .selectAll()
      .where('inmate_id', '=', row.id)
      .execute();
    assert.equal(history.length, 1);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(audit.after).includes(NIK), 'the audit log keeps the NIK masked');
  });

  test("a detainee's page shows the time left of detention (sisa masa penahanan), a narapidana's of the sentence", async () => {
    const detainee = await buildInmate(t.db, {
      unit_id: unitId,
      reg_number: 'A.II 31/2026',
    });
    const sentenced = await buildInmate(t.db, {
      unit_id: unitId,
      reg_number: 'B.I 31/2026',
    });
    const label = (body: string) => /<dt>([^<]*)<\/dt>\s*<dd data-testid="inmate-remaining"/.exec(body)?.[1];
    assert.equal(label((await petugas.get(`/inmates/${detainee.id}`)).body), 'Sisa masa penahanan');
    assert.equal(label((await petugas.get(`/inmates/${sentenced.id}`)).body), 'Sisa masa pidana');
  });

  test('the same registration number twice in one unit is refused, however it is written', async () => {
    await buildInmate(t.db, { unit_id: unitId, reg_number: 'A.II 45/2026' });
    const before = await count();
    const form = await petugas.postForm('/inmates', { ...valid, reg_number: 'a.ii-045/2026', nik: '' });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-reg_number">Nomor registrasi ini sudah terdaftar/);
    const api = await petugas.json('POST', '/api/v1/inmates', {
      reg_number: 'A.II 45/2026',
      name: 'Dua Kali',
      gender: 'P',
      birth_date: '1990-01-01',
      entry_date: '2026-01-05',
    });
    assert.equal(api.statusCode, 400);
    assert.match(api.body, /"field":"reg_number"/);
    assert.equal(await count(), before);
  });

  test('the NIK never appears unmasked in any page or API response', async () => {
    const i = await buildInmate(t.db, { unit_id: unitId, name: 'Siti Rahayu', nik: NIK });
    const bodies = [
      (await petugas.get('/inmates')).body,
      (await petugas.get('/inmates?q=rahayu')).body,
      (await petugas.get(`/inmates/${i.id}`)).body,
      (await petugas.get(`/inmates/${i.id}/edit`)).body,
      (await petugas.get('/api/v1/inmates?q=rahayu')).body,
      (await petugas.get(`/api/v1/inmates/${i.id}`)).body,
    ];
    const put = await petugas.json('PUT', `/api/v1/inmates/${i.id}`, {
      reg_number: i.reg_number,
      name: 'Siti Rahayu',
      gender: 'P',
      birth_date: '1990-05-01',
      entry_date: '2025-03-01',
      nik: '3520999988887777',
    });
    assert.equal(put.statusCode, 200, put.body);
    bodies.push(put.body);
    const created = await petugas.json('POST', '/api/v1/inmates', {
      reg_number: 'A.I 9/2026',
      name: 'Joko Widodo Santoso',
      gender: 'L',
      birth_date: '1995-02-02',
      entry_date: '2026-01-10',
      nik: NIK,
    });
    assert.equal(created.statusCode, 201, created.body);
    bodies.push(created.body);
    for (const body of bodies) {
      assert.ok(!body.includes(NIK), 'raw NIK leaked');
      assert.ok(!body.includes('3520999988887777'), 'raw NIK leaked');
      assert.ok(!/"nik":/.test(body), 'no raw nik key in JSON');
    }
    assert.equal(JSON.parse(created.body).nik_masked, MASKED);
    assert.equal(JSON.parse(created.body).category, 'tahanan');
    assert.equal(JSON.parse(put.body).nik_masked, '3520**********77');
  });

  test('a release is recorded in the status history with its audit record, and a re-admission follows it', async () => {
    const i = await buildInmate(t.db, { unit_id: unitId });
    const noReason = await petugas.postForm(`/inmates/${i.id}/status`, {
      change: 'release',
      on_date: '2026-02-01',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /data-testid="error-reason">Wajib diisi/);
    const res = await petugas.postForm(`/inmates/${i.id}/status`, {
      change: 'release',
      on_date: '2026-02-01',
      reason: 'Bebas murni',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const row = await t.db
      .selectFrom('inmates')
      .select('status')
      .where('id', '=', i.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'released');
    const history = await t.db
      .selectFrom('inmate_status_history')
      .selectAll()
      .where('inmate_id', '=', i.id)
      .execute();
    assert.deepEqual(
      history.map((h) => [h.status, h.on_date, h.reason]),
      [['released', '2026-02-01', 'Bebas murni']],
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id'])
      .where('entity_id', '=', i.id)
      .execute();
    assert.deepEqual(audit, [{ action: 'inmates.release', unit_id: unitId }]);
    const again = await petugas.json('POST', `/api/v1/inmates/${i.id}/status`, {
      change: 'transfer',
      on_date: '2026-02-02',
      reason: 'Lapas Madiun',
    });
    assert.equal(again.statusCode, 400, 'a released inmate cannot be transferred out');
    const readmit = await petugas.json('POST', `/api/v1/inmates/${i.id}/status`, {
      change: 'readmit',
      on_date: '2026-03-01',
    });
    assert.equal(readmit.statusCode, 200, readmit.body);
    const d = JSON.parse(readmit.body) as { inmate: { status: string }; status_history: unknown[] };
    assert.equal(d.inmate.status, 'active');
    assert.equal(d.status_history.length, 2);
    const page = await petugas.get(`/inmates/${i.id}`);
    assert.match(page.body, /Bebas murni/);
  });

  test('a Register F entry is recorded from the person page and listed there', async () => {
    const i = await buildInmate(t.db, { unit_id: unitId });
    const bad = await petugas.postForm(`/inmates/${i.id}/register-f`, { entry_date: '2026-01-15' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-violation">Wajib diisi/);
    const res = await petugas.postForm(`/inmates/${i.id}/register-f`, {
      entry_date: '2026-01-15',
      violation: 'Membawa telepon genggam',
      sanction: 'Tutupan sunyi 6 hari',
    });
    assert.equal(res.statusCode, 303);
    const page = await petugas.get(`/inmates/${i.id}`);
    assert.match(page.body, /data-testid="register-f"[\s\S]*Membawa telepon genggam/);
  });

  test('the list searches by name or number and filters by status, class and block', async () => {
    await buildInmate(t.db, { unit_id: unitId, name: 'Agus Salim', reg_number: 'B.IIa 77/2025' });
    await buildInmate(t.db, { unit_id: unitId, name: 'Dewi Lestari', status: 'released' });
    const byName = await petugas.get('/inmates?q=agus');
    assert.match(byName.body, /Agus Salim/);
    assert.doesNotMatch(byName.body, /Dewi Lestari/);
    const byNumber = await petugas.get('/api/v1/inmates?q=77%2F2025');
    assert.deepEqual(
      (JSON.parse(byNumber.body) as { items: Array<{ name: string }> }).items.map((x) => x.name),
      ['Agus Salim'],
    );
    const released = await petugas.get('/inmates?status=released');
    assert.match(released.body, /Dewi Lestari/);
    assert.doesNotMatch(released.body, /Agus Salim/);
    const cls = await petugas.get('/api/v1/inmates?register_class=A.I');
    assert.ok(
      (JSON.parse(cls.body) as { items: Array<{ register_class: string }> }).items.every(
        (x) => x.register_class === 'A.I',
      ),
    );
  });

  test('the OpenAPI document describes the inmate API and its responses carry only the masked NIK', async () => {
    const doc = JSON.parse((await t.client().get('/api/openapi.json')).body) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const path of ['/api/v1/inmates', '/api/v1/inmates/{id}', '/api/v1/inmates/{id}/status'])
      assert.ok(doc.paths[path], path);
    const responses = JSON.stringify(doc.paths['/api/v1/inmates']?.get?.responses);
    assert.match(responses, /"nik_masked"/);
    assert.doesNotMatch(responses, /"nik"/);
  });

  test("another unit's staff get 404 for this unit's inmates; Humas and partner instructors get 403", async () => {
    const i = await buildInmate(t.db, { unit_id: unitId });
    const stranger = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await stranger.get(`/inmates/${i.id}`)).statusCode, 404);
    assert.equal((await stranger.get(`/api/v1/inmates/${i.id}`)).statusCode, 404);
    assert.equal(
      (
        await stranger.json('POST', `/api/v1/inmates/${i.id}/status`, {
          change: 'release',
          on_date: '2026-02-01',
          reason: 'x',
        })
      ).statusCode,
      404,
    );
    const list = JSON.parse((await stranger.get('/api/v1/inmates')).body) as { total: number };
    assert.equal(list.total, 0);
    const humas = await t.signedIn((await buildUser(t.db, { roles: ['humas'], unit_id: unitId })).username);
    assert.equal((await humas.get('/inmates')).statusCode, 403);
    assert.equal((await humas.get(`/api/v1/inmates/${i.id}`)).statusCode, 403);
    assert.doesNotMatch((await humas.get('/dashboard')).body, /nav-inmates/);
    const instr = await t.signedIn(
      (await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId })).username,
    );
    assert.equal((await instr.get('/inmates')).statusCode, 403);
  });
});

describe('who sees inmate data', () => {
  test('regional and national viewers get no inmate names: the register answers 403 to Kanwil and Ditjenpas', async () => {
    const t = await startTestApp();
    try {
      const kanwil = await buildKanwil(t.db);
      const unit = await buildUnit(t.db, { kanwil_id: kanwil.id });
      await buildInmate(t.db, { unit_id: unit.id });
      for (const [roles, home] of [
        [['kanwil'], { unit_id: null, kanwil_id: kanwil.id }],
        [['pusat'], { unit_id: null }],
      ] as const) {
        const c = await t.signedIn((await buildUser(t.db, { roles: [...roles], ...home })).username);
        assert.equal((await c.get('/inmates')).statusCode, 403);
        assert.equal((await c.get('/api/v1/inmates')).statusCode, 403);
      }
    } finally {
      await t.close();
    }
  });
});
