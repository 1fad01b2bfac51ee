// The breach register and the legal basis table (UU 27/2022), driven through the pages and the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { localInputValue } from './privacy.rules.ts';

const HOUR = 3_600_000;
const local = (at: Date, zone: 'Asia/Jakarta' | 'Asia/Makassar' = 'Asia/Jakarta') =>
  localInputValue(at, zone);

describe('breach register (UU 27/2022 Pasal 46)', () => {
  let t: TestApp;
  let kepala: Client;
  let unitAdmin: Client;
  let petugas: Client;
  let otherKepala: Client;
  let national: Client;
  let kanwil: Client;
  let pusat: Client;
  let unitId: string;

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db, { timezone: 'Asia/Makassar' });
    // A unit in Bali keeps WITA: its deadlines show in its own zone.
    unitId = (await buildUnit(t.db, { kanwil_id: kw.id, timezone: 'Asia/Makassar', name: 'Lapas Uji Bali' }))
      .id;
    const otherUnit = (await buildUnit(t.db)).id;
    const signIn = async (o: Parameters<typeof buildUser>[1]) =>
      t.signedIn((await buildUser(t.db, o)).username);
    kepala = await signIn({ roles: ['kepala_upt'], unit_id: unitId });
    unitAdmin = await signIn({ roles: ['admin'], unit_id: unitId });
    petugas = await signIn({ roles: ['petugas'], unit_id: unitId });
    otherKepala = await signIn({ roles: ['kepala_upt'], unit_id: otherUnit });
    national = await signIn({ roles: ['admin'], unit_id: null });
    kanwil = await signIn({ roles: ['kanwil'], unit_id: null, kanwil_id: kw.id });
    pusat = await signIn({ roles: ['pusat'], unit_id: null });
  });
  after(() => t.close());

  const breachForm = (foundAt: Date, over: Record<string, string | string[]> = {}) => ({
    title: 'Daftar peserta kelas rajut terkirim ke grup yang salah',
    description: 'Berkas daftar peserta beserta nomor registrasi terkirim ke grup pesan mitra.',
    found_at: local(foundAt, 'Asia/Makassar'),
    categories: ['identitas', 'kejahatan'],
    people_affected: '15',
    measures: 'Pesan ditarik, mitra diminta menghapus berkas, kata sandi berkas diganti.',
    ...over,
  });

  const create = async (c: Client, foundAt: Date, over: Record<string, string | string[]> = {}) => {
    const res = await c.postForm('/privacy/breaches', breachForm(foundAt, over));
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const id = String(res.headers.location).split('/').pop();
    assert.ok(id);
    return id;
  };

  test("a recorded breach is due 3 x 24 h after it was found, counts down on the Kepala's dashboard, and clears once both notices are recorded", async () => {
    const foundAt = new Date(Date.now() - 2 * HOUR);
    foundAt.setUTCSeconds(0, 0);
    const id = await create(kepala, foundAt);

    const row = await t.db
      .selectFrom('privacy_breaches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(
      row.found_at.toISOString(),
      foundAt.toISOString(),
      'the typed WITA time is stored as the instant',
    );
    assert.equal(row.notify_due_at.getTime() - row.found_at.getTime(), 72 * HOUR);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id'])
      .where('entity', '=', 'privacy_breach')
      .where('entity_id', '=', id)
      .execute();
    assert.deepEqual(audit, [{ action: 'privacy.breach.create', unit_id: unitId }]);

    const page = await kepala.get(`/privacy/breaches/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="breach-countdown"/);
    assert.match(page.body, /WITA/);
    assert.match(page.body, /2 hari 2\d jam \d+ menit lagi/);

    for (const c of [kepala, unitAdmin]) {
      const dash = await c.get('/dashboard');
      assert.match(dash.body, /data-testid="breach-deadlines"/);
      assert.ok(dash.body.includes(`/privacy/breaches/${id}`), 'the dashboard lists the open breach');
    }

    const noticeAt = local(new Date(foundAt.getTime() + HOUR), 'Asia/Makassar');
    const subjects = await kepala.postForm(`/privacy/breaches/${id}/notifications`, {
      recipient: 'subjects',
      notified_at: noticeAt,
      notified_to: '15 warga binaan peserta kelas rajut',
      channel: 'Surat tertulis diserahkan langsung',
    });
    assert.equal(subjects.statusCode, 303);
    assert.ok(
      (await kepala.get('/dashboard')).body.includes(`/privacy/breaches/${id}`),
      'one notice is not enough',
    );

    const twice = await kepala.postForm(`/privacy/breaches/${id}/notifications`, {
      recipient: 'subjects',
      notified_at: noticeAt,
      notified_to: 'lagi',
      channel: 'lagi',
    });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /sudah dicatat/);

    const authority = await kepala.postForm(`/privacy/breaches/${id}/notifications`, {
      recipient: 'authority',
      notified_at: noticeAt,
      notified_to: 'Lembaga PDP melalui Kanwil',
      channel: 'Surat elektronik resmi',
    });
    assert.equal(authority.statusCode, 303);
    const dash = await kepala.get('/dashboard');
    assert.ok(!dash.body.includes(`/privacy/breaches/${id}`), 'a notified breach leaves the dashboard');
    assert.match((await kepala.get(`/privacy/breaches/${id}`)).body, /data-testid="breach-notified"/);

    const closed = await kepala.postForm(`/privacy/breaches/${id}/close`, {
      closing_note: 'Mitra mengonfirmasi penghapusan berkas secara tertulis.',
    });
    assert.equal(closed.statusCode, 303);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['privacy.breach.create', 'privacy.breach.notify', 'privacy.breach.notify', 'privacy.breach.close'],
    );
  });

  test('an unnotified breach past its deadline is highlighted as overdue, and cannot be closed', async () => {
    const id = await create(kepala, new Date(Date.now() - 80 * HOUR), {
      title: 'Laptop berisi data tertinggal',
    });
    const dash = await kepala.get('/dashboard');
    assert.match(dash.body, /data-testid="breach-overdue"/);
    assert.match(dash.body, /Lewat batas: terlambat 0 hari [78] jam/);
    const close = await kepala.postForm(`/privacy/breaches/${id}/close`, {
      closing_note: 'Selesai ditangani.',
    });
    assert.equal(close.statusCode, 400);
    assert.match(close.body, /sebelum menutup insiden/);
    // A national administrator sees every unit's open deadlines on the national dashboard.
    const overview = await national.get('/dashboard');
    assert.ok(overview.body.includes(`/privacy/breaches/${id}`));
    assert.match(overview.body, /data-testid="breach-overdue"/);
  });

  test('a form with a time still to come or answers missing is shown again with a message per field', async () => {
    const before = (await t.db.selectFrom('privacy_breaches').select('id').execute()).length;
    const res = await kepala.postForm('/privacy/breaches', {
      ...breachForm(new Date(Date.now() + 5 * HOUR)),
      occurred_at: local(new Date(Date.now() + 6 * HOUR), 'Asia/Makassar'),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-testid="error-found_at">Waktu ini belum terjadi/);
    const empty = await kepala.postForm('/privacy/breaches', { title: 'x' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /data-testid="error-people_affected"/);
    assert.match(empty.body, /data-testid="error-categories"/);
    const unknown = await kepala.json('POST', '/api/v1/privacy/breaches', {
      ...breachForm(new Date()),
      categories: ['rahasia'],
      people_affected: 3,
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal((await t.db.selectFrom('privacy_breaches').select('id').execute()).length, before);
  });

  test('the JSON API records a breach with an ISO instant, a notice, and reports the deadline', async () => {
    const res = await unitAdmin.json('POST', '/api/v1/privacy/breaches', {
      title: 'Akses tidak sah ke akun petugas',
      description: 'Akun petugas dipakai dari perangkat yang tidak dikenal selama satu malam.',
      found_at: '2026-01-21T09:30:00+08:00',
      categories: ['identitas'],
      people_affected: 40,
      measures: 'Akun dinonaktifkan, sesi diakhiri, kata sandi diganti.',
    });
    assert.equal(res.statusCode, 201, res.body);
    const b = JSON.parse(res.body) as {
      id: string;
      notify_due_at: string;
      overdue: boolean;
      pending: string[];
    };
    assert.equal(b.notify_due_at, '2026-01-24T01:30:00.000Z');
    assert.equal(b.overdue, true);
    assert.deepEqual(b.pending, ['subjects', 'authority']);
    const n = await unitAdmin.json('POST', `/api/v1/privacy/breaches/${b.id}/notifications`, {
      recipient: 'authority',
      notified_at: '2026-01-25T08:00:00+08:00',
      notified_to: 'Lembaga PDP',
      channel: 'Surat',
    });
    assert.equal(n.statusCode, 200, n.body);
    const after = JSON.parse(n.body) as { pending: string[]; notices: Array<{ late: boolean }> };
    assert.deepEqual(after.pending, ['subjects']);
    assert.equal(after.notices[0]?.late, true, 'a notice after the deadline is marked late');
    const list = JSON.parse((await unitAdmin.get('/api/v1/privacy/breaches')).body) as {
      items: Array<{ id: string }>;
    };
    assert.ok(list.items.some((i) => i.id === b.id));
  });

  test("another unit's breach is not found; regional and national offices are refused the register", async () => {
    const id = await create(kepala, new Date(Date.now() - HOUR), { title: 'Berkas asesmen tercecer' });
    assert.equal((await otherKepala.get(`/privacy/breaches/${id}`)).statusCode, 404);
    assert.equal((await otherKepala.get(`/api/v1/privacy/breaches/${id}`)).statusCode, 404);
    assert.equal(
      (
        await otherKepala.json('POST', `/api/v1/privacy/breaches/${id}/close`, {
          closing_note: 'bukan milik kami',
        })
      ).statusCode,
      404,
    );
    const theirs = JSON.parse((await otherKepala.get('/api/v1/privacy/breaches')).body) as {
      items: unknown[];
    };
    assert.equal(theirs.items.length, 0);
    const otherDash = await otherKepala.get('/dashboard');
    assert.ok(!otherDash.body.includes(id));
    // Breach descriptions may name people: offices above the unit get no access, not even the title.
    for (const c of [kanwil, pusat]) {
      assert.equal((await c.get('/privacy/breaches')).statusCode, 403);
      assert.equal((await c.get(`/api/v1/privacy/breaches/${id}`)).statusCode, 403);
      assert.ok(!(await c.get('/dashboard')).body.includes('Berkas asesmen tercecer'));
    }
    // Unit staff other than the head and the administrator neither read nor keep the register.
    assert.equal((await petugas.get('/privacy/breaches')).statusCode, 403);
    assert.ok(!(await petugas.get('/dashboard')).body.includes('breach-deadlines'));
    // The national administrator sees every unit's breaches.
    assert.equal((await national.get(`/privacy/breaches/${id}`)).statusCode, 200);
  });
});

describe('legal basis per category of personal data', () => {
  let t: TestApp;
  let national: Client;
  let unitAdmin: Client;
  let petugas: Client;
  let kanwil: Client;

  before(async () => {
    t = await startTestApp();
    const unitId = (await buildUnit(t.db)).id;
    const signIn = async (o: Parameters<typeof buildUser>[1]) =>
      t.signedIn((await buildUser(t.db, o)).username);
    national = await signIn({ roles: ['admin'], unit_id: null });
    unitAdmin = await signIn({ roles: ['admin'], unit_id: unitId });
    petugas = await signIn({ roles: ['petugas'], unit_id: unitId });
    kanwil = await signIn({ roles: ['kanwil'], unit_id: null, kanwil_id: (await buildKanwil(t.db)).id });
  });
  after(() => t.close());

  test('the table is seeded with the categories the product holds, health and criminal records marked specific', async () => {
    const rows = await t.db.selectFrom('privacy_legal_basis').selectAll().execute();
    const codes = rows.map((r) => r.code).sort();
    for (const c of ['biometrik', 'identitas', 'kejahatan', 'keluarga', 'kesehatan', 'keuangan'])
      assert.ok(codes.includes(c), c);
    assert.equal(rows.find((r) => r.code === 'kesehatan')?.specific, true);
    assert.equal(rows.find((r) => r.code === 'kejahatan')?.specific, true);
    assert.match(rows.find((r) => r.code === 'identitas')?.legal_basis ?? '', /UU 22\/2022/);
  });

  test('unit staff and offices read the table without edit links; only a national administrator edits it', async () => {
    for (const c of [petugas, unitAdmin, kanwil]) {
      const page = await c.get('/privacy/legal-basis');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-testid="basis-kesehatan"/);
      assert.ok(!page.body.includes('/edit"'), 'no edit link for readers');
    }
    const row = await t.db
      .selectFrom('privacy_legal_basis')
      .selectAll()
      .where('code', '=', 'keluarga')
      .executeTakeFirstOrThrow();
    const body = {
      code: row.code,
      category: row.category,
      specific: false,
      legal_basis: row.legal_basis,
      purpose: row.purpose,
      retention: 'Dihapus 1 tahun setelah bebas',
      holders: row.holders,
    };
    for (const c of [unitAdmin, petugas, kanwil])
      assert.equal((await c.json('PUT', `/api/v1/privacy/legal-basis/${row.id}`, body)).statusCode, 403);
    assert.equal(
      (await unitAdmin.postForm(`/privacy/legal-basis/${row.id}`, { ...body, specific: '' })).statusCode,
      403,
    );

    const page = await national.get('/privacy/legal-basis');
    assert.ok(page.body.includes(`/privacy/legal-basis/${row.id}/edit`));
    const saved = await national.postForm(`/privacy/legal-basis/${row.id}`, {
      ...body,
      specific: 'true',
    });
    assert.equal(saved.statusCode, 303);
    const after = await t.db
      .selectFrom('privacy_legal_basis')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.retention, 'Dihapus 1 tahun setelah bebas');
    assert.equal(after.specific, true);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'privacy_legal_basis')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['privacy.legal_basis.update'],
    );
    const dup = await national.json('POST', '/api/v1/privacy/legal-basis', { ...body, code: 'identitas' });
    assert.equal(dup.statusCode, 400);
    const added = await national.json('POST', '/api/v1/privacy/legal-basis', {
      ...body,
      code: 'pendidikan',
      category: 'Ijazah dan riwayat pendidikan',
    });
    assert.equal(added.statusCode, 201);
    const list = JSON.parse((await petugas.get('/api/v1/privacy/legal-basis')).body) as {
      items: Array<{ code: string }>;
    };
    assert.ok(list.items.some((i) => i.code === 'pendidikan'));
  });
});
