import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { dayInZone } from '../../app/format.ts';
import { systemCtx } from '../../app/principal.ts';
import { REMINDERS_JOB, recordReminders } from './agreements.reminders.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const ELF = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(200)]);

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type: string }) {
  const boundary = `----simandiri${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('agreements', () => {
  let t: TestApp;
  let petugas: Client;
  let kepala: Client;
  let unitId: string;
  let partnerId: string;
  const countRows = async (table: 'files' | 'audit_log' | 'agreements') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: '20000' });
    unitId = (await buildUnit(t.db)).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' })).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    kepala = await t.signedIn((await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId })).username);
  });
  after(() => t.close());

  const create = async (o: Record<string, unknown> = {}) => {
    const res = await petugas.json('POST', '/api/v1/agreements', {
      partner_id: partnerId,
      kind: 'pks',
      title: 'PKS Pelatihan Merajut',
      signed_on: '2026-01-21',
      valid_from: '2026-01-21',
      terms: {
        pay_model: 'piece_rate',
        materials_by: 'partner',
        piece_rates: [{ product: 'Tas rajut', unit: 'buah', rate: 25000 }],
        obligations_second: ['Menyediakan benang'],
      },
      ...o,
    });
    assert.equal(res.statusCode, 201, res.body);
    return (JSON.parse(res.body) as { id: string }).id;
  };

  test('a recorded agreement is a draft with the unit and partner as the two parties', async () => {
    const id = await create();
    const d = JSON.parse((await petugas.get(`/api/v1/agreements/${id}?on=2026-02-04`)).body) as {
      agreement: { status: string; parties: Array<{ role: string; name: string }> };
      terms_in_force: {
        piece_rates: Array<{ rate: number }>;
        split: { premi: number; from_agreement: boolean };
      };
    };
    assert.equal(d.agreement.status, 'draft');
    assert.deepEqual(
      d.agreement.parties.map((p) => p.role),
      ['first', 'second'],
    );
    assert.equal(d.agreement.parties[1]?.name, 'PT. Arta Jayendra Perkasa');
    assert.equal(d.terms_in_force.piece_rates[0]?.rate, 25000);
    assert.deepEqual(d.terms_in_force.split, { premi: 50, pnbp: 15, capital: 35, from_agreement: false });
  });

  test('only the Kepala UPT may mark an agreement signed; after that it is locked and changes by addendum', async () => {
    const id = await create();
    assert.equal((await petugas.json('POST', `/api/v1/agreements/${id}/sign`)).statusCode, 403);
    assert.equal(
      (await petugas.json('POST', `/api/v1/agreements/${id}/actions`, { action: 'sign' })).statusCode,
      403,
    );
    const signed = await kepala.json('POST', `/api/v1/agreements/${id}/sign`);
    assert.equal(signed.statusCode, 200);
    assert.deepEqual(JSON.parse(signed.body), { status: 'signed' });
    const edit = await petugas.json('PUT', `/api/v1/agreements/${id}`, {
      title: 'Diubah',
      valid_from: '2026-01-21',
    });
    assert.equal(edit.statusCode, 409);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .where('action', '=', 'agreements.sign')
      .executeTakeFirstOrThrow();
    assert.deepEqual(audit.before, { status: 'draft' });
  });

  test('a signed agreement is no longer edited in place: its edit page and the form post both answer 409, and nothing changes', async () => {
    const id = await create({ title: 'PKS yang sudah ditandatangani' });
    assert.equal((await kepala.json('POST', `/api/v1/agreements/${id}/sign`)).statusCode, 200);
    const page = await petugas.get(`/agreements/${id}/edit`);
    assert.equal(page.statusCode, 409);
    const post = await petugas.postForm(`/agreements/${id}`, { title: 'Diubah', valid_from: '2026-01-21' });
    assert.equal(post.statusCode, 409);
    const row = await t.db
      .selectFrom('agreements')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.title, 'PKS yang sudah ditandatangani');
  });

  test('an addendum changes the piece rate from its own date, and earlier dates keep the old rate', async () => {
    const id = await create();
    await kepala.json('POST', `/api/v1/agreements/${id}/sign`);
    await petugas.json('POST', `/api/v1/agreements/${id}/actions`, { action: 'activate' });
    const add = await petugas.json('POST', `/api/v1/agreements/${id}/addenda`, {
      title: 'Adendum I tarif tas',
      signed_on: '2026-07-01',
      valid_from: '2026-07-01',
      terms: {
        pay_model: 'piece_rate',
        materials_by: 'partner',
        piece_rates: [{ product: 'Tas rajut', unit: 'buah', rate: 30000 }],
        premi_pct: 35,
        pnbp_pct: 50,
        capital_pct: 15,
      },
    });
    assert.equal(add.statusCode, 201, add.body);
    const addId = (JSON.parse(add.body) as { id: string }).id;
    const rate = async (on: string) =>
      (
        JSON.parse((await petugas.get(`/api/v1/agreements/${id}?on=${on}`)).body) as {
          terms_in_force: { piece_rates: Array<{ rate: number }> };
        }
      ).terms_in_force.piece_rates[0]?.rate;
    assert.equal(await rate('2026-08-01'), 25000, 'a draft addendum changes nothing');
    await kepala.json('POST', `/api/v1/agreements/${addId}/sign`);
    assert.equal(await rate('2026-06-30'), 25000);
    assert.equal(await rate('2026-07-01'), 30000);
    const page = await petugas.get(`/agreements/${id}?on=2026-07-15`);
    assert.match(page.body, /Rp 30\.000/);
    assert.match(page.body, /35\/50\/15/);
    assert.match((await petugas.get(`/agreements/${id}?on=2026-03-04`)).body, /Rp 25\.000/);
  });

  test('an addendum needs a signed parent and cannot start before it', async () => {
    const draft = await create();
    const r1 = await petugas.json('POST', `/api/v1/agreements/${draft}/addenda`, {
      title: 'Adendum',
      valid_from: '2026-03-01',
    });
    assert.equal(r1.statusCode, 400);
    const id = await create();
    await kepala.json('POST', `/api/v1/agreements/${id}/sign`);
    const r2 = await petugas.json('POST', `/api/v1/agreements/${id}/addenda`, {
      title: 'Adendum',
      valid_from: '2025-12-01',
    });
    assert.equal(r2.statusCode, 400);
    assert.match(r2.body, /sebelum perjanjian induknya/);
  });

  test('termination needs a reason, reported on the reason field; nothing changes without one', async () => {
    const id = await create();
    const bad = await petugas.postForm(`/agreements/${id}/actions`, { action: 'terminate' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Alasan wajib diisi/);
    const row = await t.db
      .selectFrom('agreements')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'draft');
    // With a reason it asks first: without scripts a page names the date and the reason.
    const asked = await petugas.postForm(`/agreements/${id}/actions`, {
      action: 'terminate',
      reason: 'Mitra menghentikan usaha',
      on: '2026-02-02',
    });
    assert.equal(asked.statusCode, 200);
    assert.match(
      asked.body,
      /data-testid="confirm-question">Anda yakin mengakhiri perjanjian &quot;PKS Pelatihan Merajut&quot;\?/,
    );
    assert.match(asked.body, /Berakhir pada Senin, 2 Februari 2026\. Alasan: Mitra menghentikan usaha/);
    assert.match(asked.body, /name="reason" value="Mitra menghentikan usaha"/);
    const still = await t.db
      .selectFrom('agreements')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(still.status, 'draft');
    assert.match(
      (await petugas.get(`/agreements/${id}`)).body,
      /data-confirm="Anda yakin mengakhiri perjanjian/,
    );
    const ok = await petugas.postForm(`/agreements/${id}/actions`, {
      action: 'terminate',
      reason: 'Mitra menghentikan usaha',
      on: '2026-02-02',
      confirmed: '1',
    });
    assert.equal(ok.statusCode, 303);
    const ended = await t.db
      .selectFrom('agreements')
      .select(['status', 'terminated_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(ended, { status: 'terminated', terminated_on: '2026-02-02' });
    // The API does not ask.
    const other = await create();
    const api = await petugas.json('POST', `/api/v1/agreements/${other}/actions`, {
      action: 'terminate',
      reason: 'Mitra menghentikan usaha',
    });
    assert.equal(api.statusCode, 200, api.body);
  });

  test('marking signed a draft without a signing date asks for it: given, not in the future, not before the draft', async () => {
    const id = await create({ signed_on: undefined });
    const page = (await kepala.get(`/agreements/${id}`)).body;
    assert.match(page, /data-testid="sign-form"/);
    assert.match(page, /<label for="f-signed_on"/);
    const sign = (signed_on: string) => kepala.postForm(`/agreements/${id}/sign`, { signed_on });
    const missing = await sign('');
    assert.equal(missing.statusCode, 400);
    assert.match(
      missing.body,
      /data-testid="error-signed_on"[^>]*>[^<]*Isi tanggal perjanjian ini ditandatangani/,
    );
    const future = await sign('2099-01-01');
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /tidak boleh setelah hari ini/);
    const early = await sign('2020-01-01');
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /tidak boleh sebelum draf dibuat \(\d{2}\/\d{2}\/\d{4}\)/);
    const bad = await sign('kemarin');
    assert.equal(bad.statusCode, 400);
    const before = await t.db
      .selectFrom('agreements')
      .select(['status', 'signed_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(before, { status: 'draft', signed_on: null });
    // The day the draft was written, in the unit's zone: the earliest allowed, and today.
    const drafted = await t.db
      .selectFrom('agreements as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.created_at', 'u.timezone'])
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow();
    const row = { d: dayInZone(drafted.created_at, drafted.timezone) };
    assert.equal((await sign(row.d)).statusCode, 303);
    const after = await t.db
      .selectFrom('agreements')
      .select(['status', 'signed_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, { status: 'signed', signed_on: row.d });
    // A draft that has its date signs with one click, as before.
    const dated = await create();
    assert.doesNotMatch((await kepala.get(`/agreements/${dated}`)).body, /data-testid="sign-form"/);
    assert.equal((await kepala.postForm(`/agreements/${dated}/sign`)).statusCode, 303);
  });

  test('the API signs a draft without a date only with signed_on, checked like the form', async () => {
    const id = await create({ signed_on: undefined });
    const bare = await kepala.json('POST', `/api/v1/agreements/${id}/sign`, {});
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /"field":"signed_on"/);
    assert.equal(
      (await kepala.json('POST', `/api/v1/agreements/${id}/sign`, { signed_on: '2099-01-01' })).statusCode,
      400,
    );
    const drafted = await t.db
      .selectFrom('agreements as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.created_at', 'u.timezone'])
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow();
    const day = dayInZone(drafted.created_at, drafted.timezone);
    const ok = await kepala.json('POST', `/api/v1/agreements/${id}/sign`, { signed_on: day });
    assert.equal(ok.statusCode, 200, ok.body);
    const row = await t.db
      .selectFrom('agreements')
      .select(['status', 'signed_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'signed', signed_on: day });
  });

  test('a split that does not add up to 100 is refused per field, and nothing is saved', async () => {
    const before = await countRows('agreements');
    const res = await petugas.json('POST', '/api/v1/agreements', {
      partner_id: partnerId,
      kind: 'pks',
      title: 'PKS salah',
      valid_from: '2026-01-21',
      terms: { premi_pct: 50, pnbp_pct: 15, capital_pct: 30 },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /"field":"premi_pct"/);
    assert.equal(await countRows('agreements'), before);
  });

  test('the HTML form takes obligations and piece rates as lines and re-shows a bad rate line', async () => {
    await petugas.get('/agreements/new');
    const bad = await petugas.postForm('/agreements', {
      partner_id: partnerId,
      kind: 'mou',
      title: 'MoU Rajut',
      valid_from: '2026-01-21',
      piece_rates: 'Tas; buah',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-piece_rates"/);
    assert.match(bad.body, /MoU Rajut/);
    const ok = await petugas.postForm('/agreements', {
      partner_id: partnerId,
      kind: 'mou',
      title: 'MoU Rajut',
      valid_from: '2026-01-21',
      obligations_first: '1. Menyediakan aula\n2. Menyeleksi peserta',
      piece_rates: 'Dompet rajut; buah; 15.000',
      pay_model: 'piece_rate',
    });
    assert.equal(ok.statusCode, 303);
    const page = await petugas.get(String(ok.headers.location));
    assert.match(page.body, /<li>Menyediakan aula<\/li>/);
    assert.match(page.body, /Dompet rajut: Rp 15\.000 \/ buah/);
  });

  const upload = (
    c: Client,
    id: string,
    file: { name: string; content: Buffer; type: string } | undefined,
    api = false,
  ) => {
    const m = multipart({ _csrf: c.csrf, kind: 'signed_scan' }, file);
    return t.app.inject({
      method: 'POST',
      url: api ? `/api/v1/agreements/${id}/documents` : `/agreements/${id}/documents`,
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': m.contentType,
      },
      payload: m.payload,
    });
  };

  test('a signed scan is stored in the database and downloadable only by those who may see the agreement', async () => {
    const id = await create();
    const res = await upload(petugas, id, { name: 'pks-ttd.pdf', content: PDF, type: 'application/pdf' });
    assert.equal(res.statusCode, 303, res.body);
    const file = await t.db
      .selectFrom('files')
      .selectAll()
      .where('owner_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(file.mime, 'application/pdf');
    const dl = await petugas.get(`/files/${file.id}`);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.ok(dl.rawPayload.equals(PDF));
    const other = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await other.get(`/files/${file.id}`)).statusCode, 404);
  });

  test('bad uploads are refused with a message and store nothing: wrong type, executable named .pdf, empty, too large', async () => {
    const id = await create();
    const files = await countRows('files');
    const cases: Array<[{ name: string; content: Buffer; type: string } | undefined, number, RegExp]> = [
      [
        { name: 'catatan.txt', content: Buffer.from('hanya teks'), type: 'text/plain' },
        400,
        /Jenis berkas tidak didukung/,
      ],
      [
        { name: 'pks.pdf', content: ELF, type: 'application/pdf' },
        400,
        /tidak sesuai dengan namanya \(ELF\)/,
      ],
      [{ name: 'kosong.pdf', content: Buffer.alloc(0), type: 'application/pdf' }, 400, /Berkas kosong/],
      [undefined, 400, /Pilih berkas/],
      [
        { name: 'besar.pdf', content: Buffer.concat([PDF, Buffer.alloc(30_000)]), type: 'application/pdf' },
        413,
        /terlalu besar/,
      ],
    ];
    for (const [file, status, message] of cases) {
      const res = await upload(petugas, id, file);
      assert.equal(res.statusCode, status, `${file?.name}: ${res.body.slice(0, 200)}`);
      assert.match(res.body, message);
    }
    const api = await upload(petugas, id, { name: 'pks.pdf', content: ELF, type: 'application/pdf' }, true);
    assert.equal(api.statusCode, 400);
    assert.match(api.body, /"field":"file"/);
    assert.equal(await countRows('files'), files);
  });

  test('evaluations are recorded with follow-up actions whose status can be updated', async () => {
    const id = await create();
    const res = await petugas.json('POST', `/api/v1/agreements/${id}/evaluations`, {
      evaluated_on: '2026-06-24',
      evaluator: 'Sri Wahyuni',
      findings: 'Pasokan benang terlambat dua minggu.',
      score: 84,
      actions: ['Jadwalkan pengiriman benang bulanan'],
    });
    assert.equal(res.statusCode, 201);
    const d = JSON.parse((await petugas.get(`/api/v1/agreements/${id}`)).body) as {
      evaluations: Array<{ score: number; actions: Array<{ id: string; status: string }> }>;
    };
    const action = d.evaluations[0]?.actions[0];
    assert.equal(action?.status, 'open');
    assert.equal(
      (await petugas.json('PUT', `/api/v1/evaluation-actions/${action?.id}`, { status: 'done' })).statusCode,
      204,
    );
    const bad = await petugas.json('POST', `/api/v1/agreements/${id}/evaluations`, {
      evaluated_on: '2026-06-24',
      evaluator: 'X',
      findings: 'ok',
      score: 140,
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /"field":"score"/);
  });

  test('the PDF summary is a real PDF with the letterhead', async () => {
    const id = await create();
    const res = await petugas.get(`/agreements/${id}/summary.pdf?on=2026-02-04`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.ok(res.rawPayload.length > 2000);
  });

  test('reminders: ending within 30 days shows on the dashboard, and the daily job records it once', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const id = await create({
      title: 'PKS Segera Berakhir',
      valid_from: '2026-01-21',
      terms: { valid_to: soon },
    });
    await kepala.json('POST', `/api/v1/agreements/${id}/sign`);
    const dash = await petugas.get(`/dashboard/${unitId}`);
    assert.match(dash.body, /PKS Segera Berakhir/);
    assert.match(dash.body, /Berakhir dalam 30 hari/);
    const list = JSON.parse((await petugas.get('/api/v1/agreements/reminders')).body) as {
      items: Array<{ id: string; kind: string }>;
    };
    assert.deepEqual(
      list.items.filter((i) => i.id === id).map((i) => i.kind),
      ['agreement.ending_30'],
    );
    const first = await recordReminders(systemCtx(t.db, new Date(), REMINDERS_JOB));
    assert.ok(first >= 1);
    assert.equal(
      await recordReminders(systemCtx(t.db, new Date(), REMINDERS_JOB)),
      0,
      'a second run records nothing new',
    );
    const n = await t.db.selectFrom('notifications').selectAll().where('entity_id', '=', id).execute();
    assert.deepEqual(
      n.map((x) => x.kind),
      ['agreement.ending_30'],
    );
    assert.ok(today <= soon);
  });

  test("a partner instructor sees only their own partner's agreements", async () => {
    const id = await create({ title: 'PKS milik Arta' });
    const other = await buildPartner(t.db, { unit_id: unitId, legal_name: 'CV Lain' });
    const otherRes = await petugas.json('POST', '/api/v1/agreements', {
      partner_id: other.id,
      kind: 'mou',
      title: 'MoU CV Lain',
      valid_from: '2026-01-21',
    });
    const otherId = (JSON.parse(otherRes.body) as { id: string }).id;
    const inst = await petugas.json('POST', `/api/v1/partners/${partnerId}/instructors`, {
      username: 'instruktur.uji',
      full_name: 'Instruktur Uji',
      password: 'instruktur-123456',
    });
    assert.equal(inst.statusCode, 201, inst.body);
    await t.db
      .updateTable('users')
      .set({ must_change_password: false })
      .where('username', '=', 'instruktur.uji')
      .execute();
    const c = await t.signedIn('instruktur.uji', 'instruktur-123456');
    assert.equal((await c.get(`/api/v1/agreements/${id}`)).statusCode, 200);
    assert.equal((await c.get(`/api/v1/agreements/${otherId}`)).statusCode, 404);
    assert.equal((await c.get(`/api/v1/partners/${other.id}`)).statusCode, 404);
    const list = JSON.parse((await c.get('/api/v1/agreements')).body) as {
      items: Array<{ partner_id: string }>;
    };
    assert.ok(list.items.length > 0 && list.items.every((a) => a.partner_id === partnerId));
    assert.equal((await c.json('POST', `/api/v1/agreements/${id}/evaluations`, {})).statusCode, 403);
  });
});
