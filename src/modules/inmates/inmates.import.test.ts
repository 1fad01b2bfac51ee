import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildUnit, buildUser } from '../../../test/builders.ts';
import { loadConfig } from '../../app/config.ts';
import { type Actor, actingAs, type Ctx } from '../../app/principal.ts';
import { startJobs } from '../../jobs.ts';
import { drainImportJobs } from './inmates.import.jobs.ts';
import { confirmImport, purgeUnsavedImports, queueImport, runImportJob } from './inmates.import.service.ts';
import { parseDay, parseRoster, parseRosterInSteps, readTable } from './inmates.import.ts';

const HEADER = 'No. Registrasi;Nama;Jenis Kelamin;Tanggal Lahir;Tanggal Masuk;Tanggal Ekspirasi;Blok;NIK';

describe('reading SDP exports', () => {
  test('a large file is checked in steps that report rows done out of the total, with the same result', async () => {
    const lines = Array.from(
      { length: 2500 },
      (_, i) => `B.I ${i + 1}/2025;Orang Ke ${i + 1};L;01/02/1990;03/04/2025;;C;`,
    );
    const table = await readTable('big.csv', Buffer.from([HEADER, ...lines].join('\n')));
    const seen: Array<[number, number]> = [];
    const stepped = await parseRosterInSteps(
      table,
      async (done, total) => {
        seen.push([done, total]);
      },
      1000,
    );
    assert.deepEqual(seen, [
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    assert.deepEqual(stepped, parseRoster(table));
    assert.equal(stepped.rows.length, 2500);
  });

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

  // Uploads, then waits for the import jobs this process runs (no pg-boss in tests).
  const upload = async (name: string, content: Buffer, type = 'text/csv', url = '/inmates/import') => {
    const m = multipart(petugas.csrf, { name, content, type });
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: [...petugas.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': m.contentType,
      },
      payload: m.payload,
    });
    await drainImportJobs();
    return res;
  };
  const confirmAndWait = async (c: Client, url: string) => {
    const res = await c.postForm(`${url}/confirm`);
    await drainImportJobs();
    return res;
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
    const confirm = await confirmAndWait(petugas, `/inmates/import/${id}`);
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

    const confirm = await confirmAndWait(petugas, url);
    assert.equal(confirm.statusCode, 303);
    assert.equal(confirm.headers.location, url, 'back to the import, which shows the save');
    assert.match((await petugas.get(url)).body, /data-testid="import-applied"/);
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

  test('a tanggal ekspirasi the roster moves is kept as register history, naming the file', async () => {
    const moved = await buildInmate(t.db, {
      unit_id: unitId,
      reg_number: 'A.II 46/2026',
      name: 'Joko Santoso',
      expected_release_date: '2026-03-05',
    });
    const same = await buildInmate(t.db, {
      unit_id: unitId,
      reg_number: 'A.II 47/2026',
      name: 'Agus Salim',
      expected_release_date: '2026-04-01',
    });
    const csv = [
      HEADER,
      'A.II 46/2026;Joko Santoso;L;12/12/1985;05/01/2026;04/05/2026;A;',
      'A.II 47/2026;Agus Salim;L;12/12/1986;05/01/2026;01/04/2026;A;',
    ].join('\n');
    const res = await upload('sdp-perpanjangan.csv', Buffer.from(csv));
    assert.equal((await confirmAndWait(petugas, String(res.headers.location))).statusCode, 303);
    const history = await t.db
      .selectFrom('inmate_expiry_changes')
      .selectAll()
      .where('inmate_id', 'in', [moved.id, same.id])
      .execute();
    assert.equal(history.length, 1, 'only the date that changed');
    assert.equal(history[0]?.inmate_id, moved.id);
    assert.equal(history[0]?.kind, 'correction');
    assert.equal(history[0]?.previous_expiry, '2026-03-05');
    assert.equal(history[0]?.new_expiry, '2026-05-04');
    assert.match(history[0]?.basis ?? '', /SDP.*sdp-perpanjangan\.csv/);
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
    const res = await upload('api.csv', Buffer.from(csv), 'text/csv', '/api/v1/inmate-imports');
    assert.equal(res.statusCode, 202, res.body);
    const queued = JSON.parse(res.body) as { id: string };
    assert.equal(res.headers.location, `/api/v1/inmate-imports/${queued.id}`);
    const got = await petugas.json('GET', `/api/v1/inmate-imports/${queued.id}`);
    const body = JSON.parse(got.body) as {
      id: string;
      status: string;
      create: number;
      progress: { done: number; total: number | null };
      problems: Array<{ row: number; column: string; message: string }>;
    };
    assert.equal(body.status, 'previewed');
    assert.deepEqual(body.progress, { done: 2, total: 2 });
    assert.equal(body.create, 1);
    assert.deepEqual(body.problems, [
      { row: 3, column: 'birth_date', message: 'Tanggal tidak valid; gunakan dd/mm/tttt atau tttt-bb-hh.' },
    ]);
    const before = await count('inmates');
    const confirm = await petugas.json('POST', `/api/v1/inmate-imports/${body.id}/confirm`, {});
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
    await drainImportJobs();
    const url = String(res.headers.location);
    const preview = await c.get(url);
    assert.match(preview.body, /data-testid="import-absent"[\s\S]*Purnomo Hartono/);
    assert.doesNotMatch(preview.body, /data-testid="import-absent-form"/, 'only after the import is saved');
    assert.equal(
      (await c.postForm(`${url}/absent`, { change: 'transfer', on_date: '2026-02-01', reason: 'x' }))
        .statusCode,
      409,
    );
    assert.equal((await confirmAndWait(c, url)).statusCode, 303);
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

  /** The unit's staff member, as a service context: their unit, and the audit actor given. */
  const staff = (actor: Actor = { userId: null, name: 'test' }): Ctx => ({
    db: t.db,
    who: { ...actingAs(actor), unitId, scope: { all: false as const, unitIds: [unitId] } },
    now: new Date(),
  });
  const actor = async () => {
    const u = await t.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow();
    return { userId: u.id, name: u.username };
  };
  const statusOf = async (id: string) =>
    await t.db
      .selectFrom('inmate_imports')
      .select(['status', 'error', 'progress_done', 'progress_total', 'content'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  test('while the jobs run the page shows a labelled progress bar with its phase and a reload link, and the status JSON follows it', async () => {
    const csv = `${HEADER}\nB.I 701/2025;Rina Kusuma;P;01/01/1991;01/02/2025;;W;\n`;
    const id = await queueImport(staff(await actor()), {
      filename: 'antre.csv',
      content: Buffer.from(csv),
    });
    const url = `/inmates/import/${id}`;
    const queued = await petugas.get(url);
    assert.equal(queued.statusCode, 200);
    assert.match(queued.body, /<label for="import-bar">Kemajuan impor<\/label>/);
    assert.match(queued.body, /<progress id="import-bar" aria-describedby="import-phase">/);
    assert.match(queued.body, /role="status"[^>]*>Menunggu giliran diproses…/);
    assert.match(
      queued.body,
      new RegExp(`data-testid="import-reload" href="${url}"|href="${url}" data-testid="import-reload"`),
    );
    const json = await petugas.get(`${url}/status`);
    assert.deepEqual(JSON.parse(json.body), {
      status: 'queued',
      running: true,
      done: 0,
      total: null,
      text: 'Menunggu giliran diproses…',
    });

    // Half-way through checking (as a worker on another node would leave it).
    await t.db
      .updateTable('inmate_imports')
      .set({ status: 'parsing', progress_done: 1000, progress_total: 2500 })
      .where('id', '=', id)
      .execute();
    const checking = await petugas.get(url);
    assert.match(checking.body, /<progress id="import-bar" max="2500" value="1000"/);
    assert.match(checking.body, /Memeriksa baris 1000 dari 2500…/);
    assert.equal(
      JSON.parse((await petugas.get(`${url}/status`)).body).text,
      'Memeriksa baris 1000 dari 2500…',
    );

    // The worker picks up a row left parsing (a crashed worker) and finishes it.
    await runImportJob(t.db, { kind: 'preview', id });
    const done = await statusOf(id);
    assert.equal(done.status, 'previewed');
    assert.equal(done.content, null, 'the file is dropped once read');
    assert.deepEqual([done.progress_done, done.progress_total], [1, 1]);
    assert.equal(JSON.parse((await petugas.get(`${url}/status`)).body).running, false);
    assert.match((await petugas.get(url)).body, /1 baris siap: 1 baru, 0 diperbarui/);

    const before = await count('inmates');
    await confirmImport(staff(), id);
    const applying = await petugas.get(url);
    assert.match(
      applying.body,
      /<progress id="import-bar" aria-describedby="import-phase">/,
      'no false percentage while the one transaction runs',
    );
    assert.match(applying.body, /Menulis 1 baris dalam satu transaksi…/);
    assert.equal((await petugas.postForm(`${url}/confirm`)).statusCode, 409, 'confirming twice is refused');
    await runImportJob(t.db, { kind: 'apply', id, actor: await actor() });
    await runImportJob(t.db, { kind: 'apply', id, actor: await actor() });
    assert.equal(await count('inmates'), before + 1, 'a repeated job writes nothing more');
    assert.equal((await statusOf(id)).status, 'applied');
  });

  test('a job that fails marks the import failed with a message in Indonesian, never a 500, and writes nothing', async () => {
    // A damaged workbook: still a zip at a glance, so only the job finds it unreadable.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRow(HEADER.split(';'));
    const damaged = Buffer.from(await wb.xlsx.writeBuffer());
    damaged.fill(0x41, 40, 2000);
    const res = await upload(
      'rusak.xlsx',
      damaged,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.equal(res.statusCode, 303);
    const url = String(res.headers.location);
    const page = await petugas.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="import-failed">Berkas tidak dapat dibaca/);
    assert.equal((await statusOf(url.split('/').pop() ?? '')).status, 'failed');
    assert.equal((await petugas.postForm(`${url}/confirm`)).statusCode, 409);
    const api = JSON.parse(
      (await petugas.json('GET', `/api/v1${url.replace('/inmates/import', '/inmate-imports')}`)).body,
    );
    assert.equal(api.status, 'failed');
    assert.match(api.error, /^Berkas tidak dapat dibaca/);

    // Changed since the preview: the number now belongs to no one, so the save is refused whole.
    const moved = await buildInmate(t.db, { unit_id: unitId, reg_number: 'B.I 801/2025' });
    const csv = `${HEADER}\nB.I 801/2025;${moved.name};L;01/01/1990;01/01/2025;;A;\nB.I 802/2025;Baru Sekali;L;01/01/1990;01/01/2025;;A;\n`;
    const url2 = String((await upload('basi.csv', Buffer.from(csv))).headers.location);
    await t.db
      .updateTable('inmates')
      .set({ reg_number: 'B.I 899/2025' })
      .where('id', '=', moved.id)
      .execute();
    const before = { inmates: await count('inmates'), audit: await count('audit_log') };
    assert.equal((await confirmAndWait(petugas, url2)).statusCode, 303);
    assert.match(
      (await petugas.get(url2)).body,
      /data-testid="import-failed">Data berubah sejak pratinjau dibuat/,
    );
    assert.deepEqual({ inmates: await count('inmates'), audit: await count('audit_log') }, before);

    // An unexpected error (here: the confirming account no longer exists) is logged, not shown.
    const url3 = String(
      (
        await upload(
          'ok.csv',
          Buffer.from(`${HEADER}\nB.I 803/2025;Tono Wijaya;L;01/01/1990;01/01/2025;;A;\n`),
        )
      ).headers.location,
    );
    const id3 = url3.split('/').pop() ?? '';
    await confirmImport(staff(), id3);
    const logged: object[] = [];
    await runImportJob(
      t.db,
      { kind: 'apply', id: id3, actor: { userId: '00000000-0000-0000-0000-0000000000ff', name: 'gone' } },
      { error: (o) => logged.push(o) },
    );
    assert.equal(logged.length, 1);
    assert.match(
      (await petugas.get(url3)).body,
      /data-testid="import-failed">Impor gagal diproses\. Coba unggah ulang/,
    );
    assert.equal(await count('inmates'), before.inmates);
  });

  test('previews never saved are purged after the configured hours; saved imports stay', async () => {
    assert.equal(loadConfig({ NODE_ENV: 'test' }).importPreviewHours, 24);
    assert.equal(loadConfig({ NODE_ENV: 'test', IMPORT_PREVIEW_HOURS: '48' }).importPreviewHours, 48);
    const unit = (await buildUnit(t.db)).id;
    const mk = async (status: string, age: string) =>
      (
        await sql<{
          id: string;
        }>`insert into inmate_imports (unit_id, filename, rows, problems, status, created_at)
          values (${unit}, 'x.csv', '[]', '[]', ${status}, now() - ${age}::interval) returning id`.execute(
          t.db,
        )
      ).rows[0]?.id;
    const oldPreview = await mk('previewed', '25 hours');
    const oldFailed = await mk('failed', '25 hours');
    const oldQueued = await mk('queued', '30 hours');
    const oldApplied = await mk('applied', '25 hours');
    const oldApplying = await mk('applying', '25 hours');
    const fresh = await mk('previewed', '23 hours');
    assert.equal(await purgeUnsavedImports(t.db, 24), 3);
    const left = await t.db.selectFrom('inmate_imports').select('id').where('unit_id', '=', unit).execute();
    assert.deepEqual(left.map((r) => r.id).sort(), [oldApplied, oldApplying, fresh].sort());
    assert.ok(oldPreview && oldFailed && oldQueued);
    assert.equal(await purgeUnsavedImports(t.db, 22), 1);
  });

  test('with the queue running in this node, both jobs go through pg-boss and the page follows them', async () => {
    const jobs = await startJobs({
      url: t.tdb.url,
      db: t.db,
      config: t.config,
      log: { info() {}, error() {} },
    });
    const waitFor = async (id: string, status: string) => {
      for (let i = 0; i < 100; i++) {
        const s = (await statusOf(id)).status;
        if (s === status || s === 'failed') return s;
        await new Promise((r) => setTimeout(r, 200));
      }
      return (await statusOf(id)).status;
    };
    try {
      const csv = `${HEADER}\nB.I 901/2025;Dewi Anggraini;P;01/01/1993;01/03/2025;;W;\n`;
      const res = await upload('antrean.csv', Buffer.from(csv));
      const url = String(res.headers.location);
      const id = url.split('/').pop() ?? '';
      assert.equal(await waitFor(id, 'previewed'), 'previewed');
      const before = await count('inmates');
      assert.equal((await petugas.postForm(`${url}/confirm`)).statusCode, 303);
      assert.equal(await waitFor(id, 'applied'), 'applied');
      assert.equal(await count('inmates'), before + 1);
      assert.match((await petugas.get(url)).body, /data-testid="import-applied"/);
    } finally {
      await jobs.stop();
    }
  });
});
