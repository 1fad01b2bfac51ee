// SPPN evidence in bulk (issue 14, item 5): one PDF with a section for every narapidana of a
// programme's month (a bookmark and its own pages each), a block at a time if asked, detainees
// left out, only for the unit's staff, and fast enough for a class of 70 to be served in the request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme, buildSession } from '../../../test/attendance-fixtures.ts';
import {
  buildEnrolment,
  buildInmate,
  buildKanwil,
  buildMark,
  buildUnit,
  buildUser,
} from '../../../test/builders.ts';
import type { MarkStatus } from '../../db/schema.ts';

const CLASS = 70;
const DAYS = ['2026-10-07', '2026-10-14', '2026-10-21', '2026-10-28'];
const STATUSES: MarkStatus[] = ['hadir', 'terlambat', 'izin', 'alpa'];

/** The bookmark titles of a pdfkit file (its outline dictionaries are written uncompressed). */
function bookmarks(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\/Title \(((?:\\.|[^\\)])*)\)/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
}

const pages = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/Type \/Page\b(?!s)/g)].length;

describe('SPPN evidence in bulk', () => {
  let t: TestApp;
  let staff: Client;
  let otherStaff: Client;
  let kanwil: Client;
  const names: string[] = [];
  let programmeId = '';
  let detaineeName = '';

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kw.id });
    const other = await buildUnit(t.db, { kanwil_id: kw.id });
    const prog = await buildProgramme(t.db, { unit_id: unit.id, name: 'Rajut Tangan', capacity: 100 });
    programmeId = prog.id;
    const sessions = [];
    for (const day of DAYS) sessions.push(await buildSession(t.db, { programme_id: prog.id, day }));
    for (let i = 0; i < CLASS; i++) {
      const name = `Peserta Rajut ${String(i + 1).padStart(2, '0')}`;
      const p = await buildInmate(t.db, { unit_id: unit.id, name });
      await t.db
        .updateTable('inmates')
        .set({ block: i % 2 === 0 ? 'A' : 'B' })
        .where('id', '=', p.id)
        .execute();
      const e = await buildEnrolment(t.db, { programme_id: prog.id, inmate_id: p.id, name });
      for (const [k, s] of sessions.entries())
        await buildMark(t.db, {
          session_id: s.id,
          enrolment_id: e.id,
          status: STATUSES[(i + k) % STATUSES.length] as MarkStatus,
        });
      names.push(name);
    }
    const detainee = await buildInmate(t.db, {
      unit_id: unit.id,
      name: 'Tahanan Titipan',
      reg_number: 'A.II 77/2026',
    });
    detaineeName = detainee.name;
    await buildEnrolment(t.db, { programme_id: prog.id, inmate_id: detainee.id, name: detainee.name });

    const s = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    const o = await buildUser(t.db, { roles: ['petugas'], unit_id: other.id });
    const k = await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: kw.id });
    staff = await t.signedIn(s.username);
    otherStaff = await t.signedIn(o.username);
    kanwil = await t.signedIn(k.username);
  });
  after(() => t.close());

  test('one PDF holds a section for each narapidana of the month, and none for a detainee', async (c) => {
    const started = performance.now();
    const res = await staff.get(`/attendance-reports/programmes/${programmeId}/sppn.pdf?month=2026-10`);
    const ms = Math.round(performance.now() - started);
    c.diagnostic(`SPPN evidence of ${CLASS} inmates: ${ms} ms, ${res.rawPayload.length} bytes`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /bukti-sppn-rajut-tangan-2026-10\.pdf/);
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const marks = bookmarks(res.rawPayload);
    for (const name of names)
      assert.equal(marks.filter((m) => m.startsWith(`${name} (`)).length, 1, `one section for ${name}`);
    assert.ok(!marks.some((m) => m.startsWith(detaineeName)), 'a detainee is no SPPN evidence');
    assert.ok(pages(res.rawPayload) >= CLASS, 'each section starts on its own page');
    // Served in the request (about 2 s for 70 on a quiet machine): the time is printed above, and
    // measured as a figure rather than asserted, so the machine's load cannot fail the test.
    const log = await t.db
      .selectFrom('inmate_access_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('source', 'like', '%sppn.pdf')
      .executeTakeFirstOrThrow();
    assert.equal(Number(log.n), CLASS, 'every inmate exported is in the access log');
  });

  test('a block prints only its inmates; an empty month is refused with a reason', async () => {
    const res = await staff.get(
      `/attendance-reports/programmes/${programmeId}/sppn.pdf?month=2026-10&block=B`,
    );
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /blok-b-2026-10\.pdf/);
    const marks = bookmarks(res.rawPayload);
    assert.equal(marks.length, CLASS / 2);
    assert.ok(
      marks.every((m) => Number(/Rajut (\d+)/.exec(m)?.[1]) % 2 === 0),
      marks.join(', '),
    );
    const none = await staff.get(`/attendance-reports/programmes/${programmeId}/sppn.pdf?month=2025-10`);
    assert.equal(none.statusCode, 409);
    assert.match(none.body, /Tidak ada narapidana/);
    const bad = await staff.get(`/attendance-reports/programmes/${programmeId}/sppn.pdf?month=2026-13`);
    assert.equal(bad.statusCode, 400);
  });

  test("the programme's report links the download; outside the unit it is 404, for the Kanwil 403", async () => {
    const page = await staff.get(`/attendance-reports/programmes/${programmeId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="download-sppn-group"/);
    assert.match(page.body, /action="\/attendance-reports\/programmes\/[^"]+\/sppn\.pdf"/);
    assert.match(page.body, /<option value="B">B<\/option>/);
    const url = `/attendance-reports/programmes/${programmeId}/sppn.pdf?month=2026-10`;
    assert.equal((await otherStaff.get(url)).statusCode, 404);
    const k = await kanwil.get(url);
    assert.equal(k.statusCode, 403);
    assert.ok(!k.body.includes(names[0] as string));
  });
});
