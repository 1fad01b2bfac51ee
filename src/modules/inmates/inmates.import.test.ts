import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildUnit, buildUser } from '../../../test/builders.ts';
import { parseDay, parseRoster, readTable } from './inmates.import.ts';

const HEADER = 'No. Registrasi;Nama;Jenis Kelamin;Tanggal Lahir;Tanggal Masuk;Tanggal Ekspirasi;Blok;NIK';

describe('reading SDP exports', () => {
  test('dates come as dd/mm/yyyy or ISO; impossible days are refused', () => {
    assert.equal(parseDay('21/01/2026'), '2026-01-21');
    assert.equal(parseDay('1-2-1990'), '1990-02-01');
    assert.equal(parseDay('2026-01-21'), '2026-01-21');
    assert.equal(parseDay('31/02/2026'), null);
    assert.equal(parseDay('2026/01/21'), null);
    assert.equal(parseDay('kemarin'), null);
  });

  test('a semicolon CSV with a BOM and a comma CSV read the same', async () => {
    const semi = await readTable(
      'a.csv',
      Buffer.from(`\uFEFF${HEADER}\nB.I 1/2025;Budi Santoso;L;01/02/1990;03/04/2025;;C;\n`),
    );
    const comma = await readTable(
      'b.csv',
      Buffer.from(
        `${HEADER.replaceAll(';', ',')}\n"B.I 1/2025","Budi Santoso",L,01/02/1990,03/04/2025,,C,\n`,
      ),
    );
    assert.deepEqual(semi, comma);
    const parsed = parseRoster(semi);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.rows[0]?.values.reg_number, 'B.I 1/2025');
    assert.equal(parsed.rows[0]?.values.birth_date, '1990-02-01');
  });

  test('a file without a required column names it on the heading row', () => {
    const r = parseRoster([{ line: 1, cells: ['Nama', 'Tanggal Lahir'] }]);
    assert.deepEqual(
      r.problems.map((p) => [p.row, p.column, p.key]),
      [
        [1, 'reg_number', 'import.missingColumn'],
        [1, 'gender', 'import.missingColumn'],
        [1, 'entry_date', 'import.missingColumn'],
      ],
    );
  });
});

function multipart(csrf: string, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----simandiri${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('SDP import', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  const upload = (name: string, content: Buffer, type = 'text/csv', url = '/inmates/import') => {
    const m = multipart(petugas.csrf, { name, content, type });
    return t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: [...petugas.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': m.contentType,
      },
      payload: m.payload,
    });
  };
  const count = async (table: 'inmates' | 'audit_log' | 'inmate_status_history') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a file full of bad rows writes nothing and reports every error by row and column', async () => {
    const csv = [
      HEADER,
      'B.I 1/2025;Budi Santoso;L;01/02/1990;03/04/2025;;C;3520123456789012',
      'nomor asal;Andi;X;31/02/1990;03/04/2025;;C;',
      ';A;L;01/02/1990;2025-04-03;2024-01-01;C;123',
      'b.i-001/2025;Budi Lain;P;01/02/2030;03/04/2025;;C;',
    ].join('\r\n');
    const before = { inmates: await count('inmates'), audit: await count('audit_log') };
    const res = await upload('roster.csv', Buffer.from(`\uFEFF${csv}`));
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const page = await petugas.get(String(res.headers.location));
    assert.equal(page.statusCode, 200);
    const cells = [...page.body.matchAll(/<tr><td>(\d+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map(
      (m) => [Number(m[1]), m[2], m[3]],
    );
    assert.deepEqual(cells, [
      [3, 'Nomor registrasi', 'Nomor registrasi tidak sesuai format, contoh: B.I 123/2025.'],
      [3, 'Jenis kelamin', 'Isi L atau P (Laki-laki/Perempuan).'],
      [3, 'Tanggal lahir', 'Tanggal tidak valid; gunakan dd/mm/tttt atau tttt-bb-hh.'],
      [4, 'Nomor registrasi', 'Wajib diisi.'],
      [4, 'Nama', 'Minimal 2 karakter.'],
      [4, 'Tanggal ekspirasi', 'Tanggal ekspirasi tidak boleh sebelum tanggal masuk.'],
      [4, 'NIK', 'NIK harus 16 digit (format sel sebagai teks di Excel).'],
      [5, 'Nomor registrasi', 'Nomor registrasi ini sudah muncul di baris 2.'],
      [5, 'Tanggal lahir', 'Tanggal lahir harus sebelum tanggal masuk.'],
    ]);
    assert.doesNotMatch(page.body, /data-testid="import-confirm"/);
    const id = String(res.headers.location).split('/').pop() ?? '';
    const confirm = await petugas.postForm(`/inmates/import/${id}/confirm`);
    assert.equal(confirm.statusCode, 400);
    assert.equal(await count('inmates'), before.inmates);
    assert.equal(await count('audit_log'), before.audit);
  });

  test('a good file previews what will be created and updated, and writes it all only on confirmation', async () => {
    const existing = await buildInmate(t.db, {
      unit_id: unitId,
      reg_number: 'A.II 45/2026',
      name: 'Nama Lama',
      nik: '3520111122223333',
    });
    const csv = [
      HEADER,
      'a.ii-45/2026;Nama Baru;L;12/12/1985;05/01/2026;05/03/2026;A;',
      'B.IIa 7/2025;Sri Lestari;P;1992-07-17;2025-09-01;2026-06-01;W;3520123456789012',
    ].join('\n');
    const before = { inmates: await count('inmates'), history: await count('inmate_status_history') };
    const res = await upload('sdp.csv', Buffer.from(csv));
    assert.equal(res.statusCode, 303);
    const url = String(res.headers.location);
    const page = await petugas.get(url);
    assert.match(page.body, /2 baris siap: 1 baru, 1 diperbarui\. 0 masalah ditemukan\./);
    assert.match(page.body, /data-testid="import-confirm"/);
    assert.ok(!page.body.includes('3520123456789012'), 'the preview never shows a NIK');
    assert.equal(await count('inmates'), before.inmates, 'nothing is written by the preview');

    const confirm = await petugas.postForm(`${url}/confirm`);
    assert.equal(confirm.statusCode, 303);
    assert.equal(await count('inmates'), before.inmates + 1);
    assert.equal(await count('inmate_status_history'), before.history + 1);
    const updated = await t.db
      .selectFrom('inmates')
      .selectAll()
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    assert.equal(updated.name, 'Nama Baru');
    assert.equal(updated.nik, '3520111122223333', 'an empty NIK in the file keeps the stored one');
    const created = await t.db
      .selectFrom('inmates')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('reg_number', '=', 'B.IIa 7/2025')
      .executeTakeFirstOrThrow();
    assert.equal(created.gender, 'P');
    assert.equal(created.register_class, 'B.IIa');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'inmates.import')
      .executeTakeFirstOrThrow();
    assert.equal(audit.unit_id, unitId);
    const again = await petugas.postForm(`${url}/confirm`);
    assert.equal(again.statusCode, 409, 'a file is saved once');
  });

  test('an XLSX export is read like a CSV, dates in date cells included', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data WBP');
    ws.addRow(['No. Registrasi', 'Nama', 'Jenis Kelamin', 'Tanggal Lahir', 'Tanggal Masuk', 'NIK']);
    ws.addRow([
      'B.I 300/2025',
      'Hadi Wibowo',
      'Laki-laki',
      new Date(Date.UTC(1980, 0, 2)),
      '15/08/2025',
      '3520987654321098',
    ]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(
      'sdp.xlsx',
      content,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const page = await petugas.get(String(res.headers.location));
    assert.match(page.body, /1 baris siap: 1 baru, 0 diperbarui\. 0 masalah ditemukan\./);
    assert.match(page.body, /Hadi Wibowo/);
  });

  test('the API previews the same way, with messages per row and column, and refuses to confirm a bad file', async () => {
    const csv = `${HEADER}\nB.I 9/2025;Yusuf Hidayat;L;01/01/1990;01/01/2025;;B;\nB.I 10/2025;Wahyu;L;1990-13-01;01/01/2025;;B;\n`;
    const res = await upload('api.csv', Buffer.from(csv), 'text/csv', '/api/v1/inmates/imports');
    assert.equal(res.statusCode, 201, res.body);
    const body = JSON.parse(res.body) as {
      id: string;
      create: number;
      problems: Array<{ row: number; column: string; message: string }>;
    };
    assert.equal(body.create, 1);
    assert.deepEqual(body.problems, [
      { row: 3, column: 'birth_date', message: 'Tanggal tidak valid; gunakan dd/mm/tttt atau tttt-bb-hh.' },
    ]);
    const before = await count('inmates');
    const confirm = await petugas.json('POST', `/api/v1/inmates/imports/${body.id}/confirm`, {});
    assert.equal(confirm.statusCode, 400);
    assert.equal(await count('inmates'), before);
  });

  test('people active in the register but absent from a full roster are marked only after a separate confirmation', async () => {
    const unit = (await buildUnit(t.db)).id;
    const c = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit })).username);
    const stays = await buildInmate(t.db, { unit_id: unit, reg_number: 'B.I 501/2025' });
    const gone = await buildInmate(t.db, {
      unit_id: unit,
      reg_number: 'B.I 502/2025',
      name: 'Purnomo Hartono',
    });
    await buildInmate(t.db, { unit_id: unit, reg_number: 'B.I 503/2025', status: 'released' });
    const m = multipart(c.csrf, {
      name: 'full.csv',
      content: Buffer.from(`${HEADER}\n${stays.reg_number};${stays.name};L;01/05/1990;01/03/2025;;A;\n`),
      type: 'text/csv',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/inmates/import',
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': m.contentType,
      },
      payload: m.payload,
    });
    const url = String(res.headers.location);
    const preview = await c.get(url);
    assert.match(preview.body, /data-testid="import-absent"[\s\S]*Purnomo Hartono/);
    assert.doesNotMatch(preview.body, /data-testid="import-absent-form"/, 'only after the import is saved');
    assert.equal(
      (await c.postForm(`${url}/absent`, { change: 'transfer', on_date: '2026-02-01', reason: 'x' }))
        .statusCode,
      409,
    );
    assert.equal((await c.postForm(`${url}/confirm`)).statusCode, 303);
    const status = async () =>
      (await t.db.selectFrom('inmates').select('status').where('id', '=', gone.id).executeTakeFirstOrThrow())
        .status;
    assert.equal(await status(), 'active', 'saving the import changes no one missing from it');
    const applied = await c.get(url);
    assert.match(applied.body, /data-testid="import-absent-form"/);
    const noReason = await c.postForm(`${url}/absent`, { change: 'transfer', on_date: '2026-02-01' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /data-testid="error-reason">Wajib diisi/);
    const mark = await c.postForm(`${url}/absent`, {
      change: 'transfer',
      on_date: '2026-02-01',
      reason: 'Dipindahkan ke Lapas Kelas I Madiun',
    });
    assert.equal(mark.statusCode, 303, mark.body.slice(0, 500));
    assert.equal(await status(), 'transferred');
    const history = await t.db
      .selectFrom('inmate_status_history')
      .select(['status', 'on_date', 'reason'])
      .where('inmate_id', '=', gone.id)
      .execute();
    assert.deepEqual(history, [
      { status: 'transferred', on_date: '2026-02-01', reason: 'Dipindahkan ke Lapas Kelas I Madiun' },
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('unit_id', '=', unit)
      .where('action', 'like', 'inmates.import%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['inmates.import', 'inmates.import_absent_transfer'],
    );
    assert.equal(
      (await c.postForm(`${url}/absent`, { change: 'release', on_date: '2026-02-01', reason: 'x' }))
        .statusCode,
      409,
      'once only',
    );
  });

  test('an upload without a file or with an unreadable one is refused on the form; other units cannot see a preview', async () => {
    const junk = await upload('x.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'));
    assert.equal(junk.statusCode, 400);
    assert.match(junk.body, /data-testid="error-file">Berkas tidak dapat dibaca/);
    const res = await upload(
      'sdp.csv',
      Buffer.from(`${HEADER}\nB.I 5/2025;Eko Saputra;L;01/01/1990;01/01/2025;;B;\n`),
    );
    const stranger = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await stranger.get(String(res.headers.location))).statusCode, 404);
    assert.equal((await stranger.postForm(`${String(res.headers.location)}/confirm`)).statusCode, 404);
  });
});
