// Attendance summaries end to end: rates and runs by the attendance rules, the month table, the
// dashboard alert at the threshold, XLSX exports that parse back, and who may see what.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme, buildSession } from '../../../test/attendance-fixtures.ts';
import {
  buildEnrolment,
  buildInmate,
  buildKanwil,
  buildMark,
  buildPartner,
  buildUnit,
  buildUser,
} from '../../../test/builders.ts';
import type { MarkStatus } from '../../db/schema.ts';
import { attendanceRate, currentAbsenceRun } from '../attendance/attendance.rules.ts';

type Cell = ExcelJS.CellValue;

async function sheets(body: Buffer): Promise<Map<string, Cell[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  const out = new Map<string, Cell[][]>();
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow((row) => {
      rows.push((row.values as Cell[]).slice(1));
    });
    out.set(ws.name, rows);
  });
  return out;
}

// Five Wednesdays; 11 February is cancelled (a mark left on it must not count).
const DAYS = ['2026-01-07', '2026-01-14', '2026-01-21', '2026-01-28', '2026-02-04'];
const MARKS: Record<'a' | 'b' | 'c', MarkStatus[]> = {
  a: ['hadir', 'alpa', 'izin', 'dispensasi', 'sakit'], // run 3: dispensasi neither breaks nor extends it
  b: ['hadir', 'terlambat', 'alpa', 'alpa', 'hadir'], // run 0
  c: ['hadir', 'hadir', 'hadir', 'alpa', 'alpa'], // run 2: below the threshold of 3
};

describe('attendance summaries', () => {
  let t: TestApp;
  let staff: Client;
  let kanwil: Client;
  let instructor: Client;
  const ids = {} as Record<string, string>;

  before(async () => {
    t = await startTestApp({ ATTENDANCE_ABSENCE_ALERT: '3' });
    const kw = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kw.id });
    const partner = await buildPartner(t.db, { unit_id: unit.id });
    const otherPartner = await buildPartner(t.db, { unit_id: unit.id });
    const prog = await buildProgramme(t.db, {
      unit_id: unit.id,
      partner_id: partner.id,
      name: 'Pelatihan Merajut',
    });
    const other = await buildProgramme(t.db, {
      unit_id: unit.id,
      partner_id: otherPartner.id,
      name: 'Las Listrik',
    });
    const people = {
      a: await buildInmate(t.db, { unit_id: unit.id, name: 'Andi Saputra', nik: '3520011203900001' }),
      b: await buildInmate(t.db, { unit_id: unit.id, name: 'Bagus Pratama' }),
      c: await buildInmate(t.db, { unit_id: unit.id, name: 'Cahyo Nugroho' }),
      d: await buildInmate(t.db, { unit_id: unit.id, name: 'Dedi Kurniawan' }),
    };
    const sessions = [];
    for (const day of DAYS) sessions.push(await buildSession(t.db, { programme_id: prog.id, day }));
    const cancelled = await buildSession(t.db, {
      programme_id: prog.id,
      day: '2026-02-11',
      status: 'cancelled',
    });
    const later = await buildSession(t.db, { programme_id: prog.id, day: '2026-02-18' });
    for (const k of ['a', 'b', 'c'] as const) {
      const e = await buildEnrolment(t.db, {
        programme_id: prog.id,
        inmate_id: people[k].id,
        name: people[k].name,
      });
      ids[k] = e.id;
      for (const [i, s] of sessions.entries())
        await buildMark(t.db, { session_id: s.id, enrolment_id: e.id, status: MARKS[k][i] as MarkStatus });
    }
    await buildMark(t.db, { session_id: cancelled.id, enrolment_id: ids.c as string, status: 'alpa' });
    // The other partner's participant: four absences in a row.
    const ed = await buildEnrolment(t.db, {
      programme_id: other.id,
      inmate_id: people.d.id,
      name: people.d.name,
    });
    for (const day of DAYS.slice(0, 4)) {
      const s = await buildSession(t.db, { programme_id: other.id, day });
      await buildMark(t.db, { session_id: s.id, enrolment_id: ed.id, status: 'alpa' });
      ids.otherSession = s.id;
    }
    Object.assign(ids, {
      d: ed.id,
      unit: unit.id,
      prog: prog.id,
      other: other.id,
      session3: sessions[2]?.id,
      cancelled: cancelled.id,
      later: later.id,
      inmateA: people.a.id,
      inmateD: people.d.id,
    });

    const s = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    const k = await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: kw.id });
    const i = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unit.id });
    await t.db.updateTable('users').set({ partner_id: partner.id }).where('id', '=', i.id).execute();
    staff = await t.signedIn(s.username);
    kanwil = await t.signedIn(k.username);
    instructor = await t.signedIn(i.username);
  });
  after(() => t.close());

  test("a participant's rate, counts and current run of absences follow the attendance rules", async () => {
    const res = await staff.get(`/attendance-reports/programmes/${ids.prog}/participants.xlsx`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const rows = (await sheets(res.rawPayload)).get('Per peserta');
    assert.ok(rows);
    const header = rows[0] as string[];
    const col = (name: string) => header.indexOf(name);
    const byName = new Map(rows.slice(1).map((r) => [String(r[0]), r]));
    assert.equal(byName.size, 3);
    const expected = { a: ['Andi Saputra', 25, 3], b: ['Bagus Pratama', 60, 0], c: ['Cahyo Nugroho', 60, 2] };
    for (const k of ['a', 'b', 'c'] as const) {
      const [name, rate, run] = expected[k];
      const row = byName.get(String(name));
      assert.ok(row, String(name));
      assert.equal(row[col('Tingkat kehadiran')], rate, `${name} rate`);
      assert.equal(row[col('Absen berturut-turut')], run, `${name} run`);
      // The same numbers the rules give for the marks of held sessions.
      assert.equal(rate, attendanceRate(MARKS[k]).rate);
      assert.equal(run, currentAbsenceRun(MARKS[k]));
    }
    const a = byName.get('Andi Saputra') ?? [];
    assert.deepEqual(
      ['Hadir', 'Terlambat', 'Izin', 'Sakit', 'Alpa', 'Dispensasi'].map((h) => a[col(h)]),
      [1, 0, 1, 1, 1, 1],
    );
    assert.equal(a[col('Jam hadir')], 3, 'one three-hour session attended');
    // The mark on the cancelled session is not counted.
    assert.equal((byName.get('Cahyo Nugroho') ?? [])[col('Alpa')], 2);
    assert.ok(!JSON.stringify(rows).includes('3520011203900001'), 'no NIK');
  });

  test('the JSON API gives the same figures', async () => {
    const res = await staff.get(`/api/v1/programmes/${ids.prog}/attendance-summary`);
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as {
      months: Array<{ month: string; rate: { rate: number } }>;
      participants: Array<{ name: string; current_absence_run: number; rate: { rate: number } }>;
    };
    assert.deepEqual(
      body.participants.map((p) => [p.name, p.rate.rate, p.current_absence_run]),
      [
        ['Andi Saputra', 25, 3],
        ['Bagus Pratama', 60, 0],
        ['Cahyo Nugroho', 60, 2],
      ],
    );
    assert.deepEqual(
      body.months.map((m) => [m.month, m.rate.rate]),
      [
        ['2026-01', 54.5],
        ['2026-02', 33.3],
      ],
    );
    const s = JSON.parse((await staff.get(`/api/v1/sessions/${ids.session3}/summary`)).body) as {
      counts: Record<string, number>;
      absent: Array<{ name: string }>;
    };
    assert.equal(s.counts.izin, 1);
    assert.deepEqual(s.absent.map((a) => a.name).sort(), ['Andi Saputra', 'Bagus Pratama']);
    assert.equal((await kanwil.get(`/api/v1/programmes/${ids.prog}/attendance-summary`)).statusCode, 403);
    assert.equal(
      (await instructor.get(`/api/v1/programmes/${ids.other}/attendance-summary`)).statusCode,
      404,
    );
    assert.equal((await instructor.get(`/api/v1/sessions/${ids.otherSession}/summary`)).statusCode, 404);
  });

  test('the month table counts sessions held and cancelled, participants and marks, with the rate', async () => {
    const res = await staff.get(`/attendance-reports/programmes/${ids.prog}/months.xlsx`);
    assert.equal(res.statusCode, 200);
    const rows = (await sheets(res.rawPayload)).get('Per bulan') ?? [];
    assert.deepEqual(rows.slice(1), [
      // month, held, cancelled, participants, hadir, terlambat, izin, sakit, alpa, dispensasi, counted, rate
      ['2026-01', 4, 0, 3, 5, 1, 1, 0, 4, 1, 11, 54.5],
      ['2026-02', 2, 1, 3, 1, 0, 0, 1, 1, 0, 3, 33.3],
    ]);
    const page = await staff.get(`/attendance-reports/programmes/${ids.prog}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<table id="months-table"/);
    assert.match(page.body, /data-month="2026-01" data-rate="54.5"/);
    assert.match(page.body, /<script src="\/vendor\/chart.umd.js" defer/);
    const lib = await staff.get('/vendor/chart.umd.js');
    assert.equal(lib.statusCode, 200);
    assert.match(lib.body, /Chart\.js v4\./);
  });

  test('a session summary counts its marks and lists who was absent; a cancelled one shows as cancelled', async () => {
    const res = await staff.get(`/sessions/${ids.session3}/summary`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /data-testid="count-hadir">1</);
    assert.match(res.body, /data-testid="count-izin">1</);
    assert.match(res.body, /data-testid="count-alpa">1</);
    assert.match(res.body, /data-testid="session-rate">33,3%/);
    const absent = res.body.slice(res.body.indexOf('absent-list'));
    assert.match(absent, /Andi Saputra/);
    assert.match(absent, /Bagus Pratama/);
    assert.doesNotMatch(absent, /Cahyo Nugroho/);
    const c = await staff.get(`/sessions/${ids.cancelled}/summary`);
    assert.match(c.body, /data-testid="session-cancelled"/);
    assert.doesNotMatch(c.body, /absent-list/);
  });

  test('the dashboard alerts at the threshold of consecutive absences and not below it', async () => {
    let body = (await staff.get('/dashboard')).body;
    assert.match(body, new RegExp(`data-testid="absence-${ids.a}"`));
    assert.match(body, new RegExp(`data-testid="absence-${ids.d}"`));
    assert.doesNotMatch(body, new RegExp(`absence-${ids.c}`), 'two in a row is below the threshold');
    assert.doesNotMatch(body, new RegExp(`absence-${ids.b}`));
    assert.match(body, new RegExp(`href="/attendance-reports/enrolments/${ids.a}"`));
    // A third absence in a row puts the participant on the list.
    await buildMark(t.db, {
      session_id: ids.later as string,
      enrolment_id: ids.c as string,
      status: 'sakit',
    });
    body = (await staff.get('/dashboard')).body;
    assert.match(body, new RegExp(`data-testid="absence-${ids.c}"`));
    const row = body.slice(body.indexOf(`absence-${ids.c}`));
    assert.match(row, /<td class="num">3<\/td>/);
    assert.match(row, /18\/02\/2026/);
    await t.db
      .deleteFrom('attendance_marks')
      .where('session_id', '=', ids.later as string)
      .execute();
  });

  test('Kanwil sees how many participants are absent in a row, never their names, and no report', async () => {
    const res = await kanwil.get(`/dashboard/${ids.unit}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /data-testid="absence-count">2 peserta/);
    for (const name of ['Andi Saputra', 'Bagus Pratama', 'Cahyo Nugroho', 'Dedi Kurniawan'])
      assert.ok(!res.body.includes(name), name);
    for (const url of [
      '/attendance-reports',
      `/attendance-reports/programmes/${ids.prog}`,
      `/attendance-reports/programmes/${ids.prog}/participants.xlsx`,
      `/attendance-reports/inmates/${ids.inmateA}/participation.xlsx?month=2026-01`,
      `/sessions/${ids.session3}/summary`,
    ])
      assert.equal((await kanwil.get(url)).statusCode, 403, url);
  });

  test("an instructor sees their partner's programme and gets 404 for another partner's", async () => {
    assert.equal((await instructor.get(`/attendance-reports/programmes/${ids.prog}`)).statusCode, 200);
    for (const url of [
      `/attendance-reports/programmes/${ids.other}`,
      `/attendance-reports/programmes/${ids.other}/participants.xlsx`,
      `/attendance-reports/programmes/${ids.other}/months.xlsx`,
      `/sessions/${ids.otherSession}/summary`,
      `/attendance-reports/enrolments/${ids.d}`,
      `/attendance-reports/inmates/${ids.inmateD}?month=2026-01`,
      `/attendance-reports/inmates/${ids.inmateD}/participation.xlsx?month=2026-01`,
      `/attendance-reports/inmates/${ids.inmateD}/participation.pdf?month=2026-01`,
    ])
      assert.equal((await instructor.get(url)).statusCode, 404, url);
    const overview = (await instructor.get('/attendance-reports')).body;
    assert.match(overview, /Pelatihan Merajut/);
    assert.doesNotMatch(overview, /Las Listrik/);
    const dash = (await instructor.get('/dashboard')).body;
    assert.match(dash, new RegExp(`absence-${ids.a}`));
    assert.doesNotMatch(dash, /Dedi Kurniawan/);
  });

  test("the SPPN kemandirian evidence is for narapidana only: a detainee's month is shown without it, and its export is refused", async () => {
    const detainee = await buildInmate(t.db, {
      unit_id: ids.unit as string,
      name: 'Eko Tahanan',
      reg_number: 'A.III 12/2026',
    });
    const prog = await buildProgramme(t.db, { unit_id: ids.unit as string, name: 'Menjahit' });
    const e = await buildEnrolment(t.db, {
      programme_id: prog.id,
      inmate_id: detainee.id,
      name: detainee.name,
    });
    const s = await buildSession(t.db, { programme_id: prog.id, day: '2026-01-28' });
    await buildMark(t.db, { session_id: s.id, enrolment_id: e.id, status: 'hadir' });
    const page = await staff.get(`/attendance-reports/inmates/${detainee.id}?month=2026-01`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="sppn-narapidana-only"/);
    assert.match(page.body, /SPPN hanya untuk narapidana/);
    assert.doesNotMatch(page.body, /data-testid="download-monthly/);
    for (const file of ['participation.xlsx', 'participation.pdf']) {
      const res = await staff.get(`/attendance-reports/inmates/${detainee.id}/${file}?month=2026-01`);
      assert.equal(res.statusCode, 409, file);
      assert.match(res.body, /SPPN hanya untuk narapidana/, file);
    }
    const sentenced = await staff.get(`/attendance-reports/inmates/${ids.inmateA}?month=2026-01`);
    assert.match(sentenced.body, /data-testid="download-monthly-pdf"/);
  });

  test("an inmate's month of participation exports every session with status and hours, without the NIK", async () => {
    const page = await staff.get(`/attendance-reports/inmates/${ids.inmateA}?month=2026-01`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Andi Saputra/);
    assert.ok(!page.body.includes('3520011203900001'));
    const res = await staff.get(
      `/attendance-reports/inmates/${ids.inmateA}/participation.xlsx?month=2026-02`,
    );
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /partisipasi-b-i-\d+-2025-2026-02\.xlsx/);
    const book = await sheets(res.rawPayload);
    assert.ok(!JSON.stringify([...book.values()]).includes('3520011203900001'), 'no NIK');
    assert.ok(JSON.stringify([...book.values()]).includes('Andi Saputra'));
    const sessions = book.get('Sesi') ?? [];
    assert.deepEqual(
      sessions.slice(1).map((r) => [r[0], r[2], r[3], r[4]]),
      [
        ['2026-02-04', 'Pelatihan Merajut', 'Sakit', 0],
        ['2026-02-11', 'Pelatihan Merajut', 'Dibatalkan', 0],
        ['2026-02-18', 'Pelatihan Merajut', 'Belum dicatat', 0],
      ],
    );
    const jan = await sheets(
      (await staff.get(`/attendance-reports/inmates/${ids.inmateA}/participation.xlsx?month=2026-01`))
        .rawPayload,
    );
    const totals = jan.get('Ringkasan per program') ?? [];
    const flat = totals.map((r) => r.map(String).join('|'));
    assert.ok(flat.includes('Nama|Andi Saputra'));
    // programme, sessions, cancelled, hadir..dispensasi, unmarked, rate, hours
    assert.ok(flat.includes('Pelatihan Merajut|4|0|1|0|1|0|1|1|0|33.3|3'), flat.join('\n'));
    assert.equal(
      (await staff.get(`/attendance-reports/inmates/${ids.inmateA}?month=2026-13`)).statusCode,
      400,
    );
    const pdf = await staff.get(`/attendance-reports/inmates/${ids.inmateA}/participation.pdf?month=2026-01`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });
});
