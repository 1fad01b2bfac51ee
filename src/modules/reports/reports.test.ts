// The monthly report end to end through the API and the pages: drafted by the petugas, signed and
// submitted by the Kepala UPT (the figures freeze), acknowledged or returned by its region's Kanwil,
// revised as a new version; bad input writes nothing; another region's Kanwil gets 404.
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
import { systemPrincipal } from '../../app/principal.ts';
import { approvalsInbox } from '../approvals/approvals.service.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { refreshDirty } from '../rollups/rollups.service.ts';
import { monthsBefore } from './reports.rules.ts';
import { reportDocument, reportStatuses } from './reports.service.ts';

const MONTH = '2026-10';

describe('monthly reports', () => {
  let t: TestApp;
  let unitId: string;
  let otherUnitId: string;
  let petugas: Client;
  let kepala: Client;
  let kanwil: Client;
  let otherKanwil: Client;
  let pusat: Client;
  let alpaMark: string;

  const count = async (table: 'monthly_reports' | 'audit_log') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp();
    const jatim = await buildKanwil(t.db, { name: 'Kanwil Ditjenpas Jawa Timur' });
    const bali = await buildKanwil(t.db, { name: 'Kanwil Ditjenpas Bali', timezone: 'Asia/Makassar' });
    const unit = await buildUnit(t.db, { kanwil_id: jatim.id, name: 'Rutan Kelas IIB Magetan' });
    const other = await buildUnit(t.db, {
      kanwil_id: bali.id,
      name: 'Lapas Kelas IIA Kerobokan',
      timezone: 'Asia/Makassar',
    });
    unitId = unit.id;
    otherUnitId = other.id;
    const p = await buildProgramme(t.db, { unit_id: unitId, name: 'Pelatihan Rajut' });
    const a = await buildInmate(t.db, { unit_id: unitId, reg_number: 'B.I 501/2026', name: 'Agus Prasetyo' });
    const b = await buildInmate(t.db, { unit_id: unitId, reg_number: 'A.II 77/2026', name: 'Budi Santoso' });
    const ea = await buildEnrolment(t.db, { programme_id: p.id, inmate_id: a.id, started_on: '2026-10-01' });
    const eb = await buildEnrolment(t.db, { programme_id: p.id, inmate_id: b.id, started_on: '2026-10-01' });
    const s = await buildSession(t.db, { programme_id: p.id, day: '2026-10-06' });
    await buildSession(t.db, { programme_id: p.id, day: '2026-10-07', status: 'cancelled' });
    await buildMark(t.db, { session_id: s.id, enrolment_id: ea.id, status: 'hadir' });
    alpaMark = (await buildMark(t.db, { session_id: s.id, enrolment_id: eb.id, status: 'alpa' })).id;
    await refreshDirty(t.db);

    const sign = async (roles: Parameters<typeof buildUser>[1]) =>
      t.signedIn((await buildUser(t.db, roles)).username);
    petugas = await sign({ roles: ['petugas'], unit_id: unitId });
    const head = await buildUser(t.db, { roles: ['kepala_upt'], unit_id: unitId });
    await t.db
      .updateTable('users')
      .set({
        nip: '197605142001121002',
        full_name: 'Ari Rahmanto',
        position: 'Kepala Rutan Kelas IIB Magetan',
      })
      .where('id', '=', head.id)
      .execute();
    kepala = await t.signedIn(head.username);
    kanwil = await sign({ roles: ['kanwil'], unit_id: null, kanwil_id: jatim.id });
    otherKanwil = await sign({ roles: ['kanwil'], unit_id: null, kanwil_id: bali.id });
    pusat = await sign({ roles: ['pusat'], unit_id: null });
  });
  after(() => t.close());

  test('drafted, signed and submitted, returned with a note, revised and acknowledged; every version stays', async () => {
    const created = await petugas.json('POST', '/api/v1/reports', { month: MONTH });
    assert.equal(created.statusCode, 201, created.body);
    const v1 = (created.json() as { id: string }).id;
    const again = await petugas.json('POST', '/api/v1/reports', { month: MONTH });
    assert.equal(again.statusCode, 409);
    assert.equal((again.json() as { error: { code: string } }).error.code, 'reports.exists');

    const draft = (await petugas.json('GET', `/api/v1/reports/${v1}`)).json() as {
      live: boolean;
      status: string;
      figures: { unit: { sessionsHeld: number; sessionsCancelled: number; marks: { alpa: number } } };
    };
    assert.equal(draft.live, true);
    assert.equal(draft.figures.unit.sessionsHeld, 1);
    assert.equal(draft.figures.unit.sessionsCancelled, 1);

    // A draft is the unit's working paper: the Kanwil does not see it exist; nobody above drafts.
    assert.equal((await kanwil.json('GET', `/api/v1/reports/${v1}`)).statusCode, 404);
    assert.equal((await petugas.json('POST', `/api/v1/reports/${v1}/submit`, {})).statusCode, 403);

    const noNarrative = await kepala.json('POST', `/api/v1/reports/${v1}/submit`, {});
    assert.equal(noNarrative.statusCode, 400);
    assert.match(noNarrative.body, /"field":"narrative"/);

    const narrative = 'Kelas rajut berjalan dengan satu sesi; satu sesi dibatalkan karena kunjungan.';
    assert.equal(
      (await petugas.json('PUT', `/api/v1/reports/${v1}/narrative`, { narrative })).statusCode,
      200,
    );
    const submitted = await kepala.json('POST', `/api/v1/reports/${v1}/submit`, {});
    assert.equal(submitted.statusCode, 200, submitted.body);
    const twice = await kepala.json('POST', `/api/v1/reports/${v1}/submit`, {});
    assert.equal(twice.statusCode, 409);
    assert.equal((twice.json() as { error: { code: string } }).error.code, 'reports.already_submitted');
    assert.equal(
      (await petugas.json('PUT', `/api/v1/reports/${v1}/narrative`, { narrative: 'x' })).statusCode,
      409,
    );

    // Kanwil Bali asking for a report of Kanwil Jawa Timur's unit: 404, on reads and writes alike.
    assert.equal((await otherKanwil.json('GET', `/api/v1/reports/${v1}`)).statusCode, 404);
    assert.equal((await otherKanwil.get(`/reports/${v1}`)).statusCode, 404);
    assert.equal((await otherKanwil.get(`/reports/${v1}/report.pdf`)).statusCode, 404);
    assert.equal((await otherKanwil.json('POST', `/api/v1/reports/${v1}/acknowledge`, {})).statusCode, 404);
    const otherList = (await otherKanwil.json('GET', '/api/v1/reports')).json() as { items: unknown[] };
    assert.equal(otherList.items.length, 0);

    const inbox = (await kanwil.json('GET', `/api/v1/reports?month=${MONTH}`)).json() as {
      items: Array<{ id: string; status: string; late: boolean }>;
      counts: Record<string, number>;
    };
    assert.deepEqual(
      inbox.items.map((i) => [i.id, i.status]),
      [[v1, 'submitted']],
    );
    assert.equal(inbox.counts.submitted, 1);
    assert.equal(inbox.counts.draft, undefined, 'the Kanwil has no drafts to count');
    // Submitted after the 5th of November: late (the test clock is after it).
    assert.equal(inbox.items[0]?.late, true);
    assert.equal((await pusat.json('GET', `/api/v1/reports/${v1}`)).statusCode, 200);
    assert.equal((await pusat.json('POST', `/api/v1/reports/${v1}/acknowledge`, {})).statusCode, 403);

    const noNote = await kanwil.json('POST', `/api/v1/reports/${v1}/return`, { note: '  ' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /"field":"note"/);
    const note = 'Angka penjualan belum sesuai buku penjualan; mohon diperiksa.';
    assert.equal((await kanwil.json('POST', `/api/v1/reports/${v1}/return`, { note })).statusCode, 200);
    const ackReturned = await kanwil.json('POST', `/api/v1/reports/${v1}/acknowledge`, {});
    assert.equal(ackReturned.statusCode, 409);
    assert.equal((ackReturned.json() as { error: { code: string } }).error.code, 'reports.not_submitted');

    const noReason = await petugas.json('POST', `/api/v1/reports/${v1}/revise`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /"field":"reason"/);
    const revised = await petugas.json('POST', `/api/v1/reports/${v1}/revise`, {
      reason: 'Dikembalikan Kanwil',
    });
    assert.equal(revised.statusCode, 201, revised.body);
    const v2 = (revised.json() as { id: string }).id;
    assert.equal(
      (await petugas.json('POST', `/api/v1/reports/${v1}/revise`, { reason: 'lagi' })).statusCode,
      409,
    );

    const page = await kepala.get(`/reports/${v2}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="version-2" data-status="draft"/);
    assert.match(page.body, /data-testid="version-1" data-status="returned"/);
    assert.match(page.body, /Angka penjualan belum sesuai/);
    assert.match(page.body, /data-testid="submit-form"/);

    assert.equal((await kepala.json('POST', `/api/v1/reports/${v2}/submit`, {})).statusCode, 200);
    assert.equal((await kanwil.json('POST', `/api/v1/reports/${v2}/acknowledge`, {})).statusCode, 200);
    const final = (await kanwil.json('GET', `/api/v1/reports/${v2}`)).json() as {
      status: string;
      version: number;
      narrative: string;
      versions: Array<{ version: number; status: string; review_note: string | null }>;
    };
    assert.equal(final.status, 'acknowledged');
    assert.equal(final.narrative, narrative, 'the narrative carries over to the new version');
    assert.deepEqual(
      final.versions.map((v) => [v.version, v.status, v.review_note]),
      [
        [2, 'acknowledged', null],
        [1, 'returned', note],
      ],
    );

    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'monthly_report')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audited.map((a) => a.action),
      [
        'reports.draft',
        'reports.narrative',
        'reports.submit',
        'reports.return',
        'reports.revise',
        'reports.submit',
        'reports.acknowledge',
      ],
    );
  });

  test('a record corrected after submission leaves the submitted snapshot unchanged; the revision counts it', async () => {
    const [v1] = (await kanwil.json('GET', `/api/v1/reports?month=${MONTH}`)).json().items as Array<{
      id: string;
    }>;
    assert.ok(v1);
    const before = (await kanwil.json('GET', `/api/v1/reports/${v1.id}`)).json() as {
      figures: { unit: { marks: { hadir: number; alpa: number } } };
    };
    assert.deepEqual([before.figures.unit.marks.hadir, before.figures.unit.marks.alpa], [1, 1]);

    await t.db.updateTable('attendance_marks').set({ status: 'hadir' }).where('id', '=', alpaMark).execute();
    await refreshDirty(t.db);
    const after = (await kanwil.json('GET', `/api/v1/reports/${v1.id}`)).json() as typeof before & {
      versions: Array<{ id: string }>;
    };
    assert.deepEqual(after.figures, before.figures, 'the frozen figures did not move');
    const older = after.versions.at(-1)?.id ?? '';
    const olderFigures = (await kanwil.json('GET', `/api/v1/reports/${older}`)).json() as typeof before;
    assert.equal(olderFigures.figures.unit.marks.alpa, 1);

    const v3 = (
      (
        await kepala.json('POST', `/api/v1/reports/${v1.id}/revise`, { reason: 'Presensi dikoreksi' })
      ).json() as {
        id: string;
      }
    ).id;
    const live = (await kepala.json('GET', `/api/v1/reports/${v3}`)).json() as typeof before & {
      live: boolean;
    };
    assert.equal(live.live, true);
    assert.deepEqual([live.figures.unit.marks.hadir, live.figures.unit.marks.alpa], [2, 0]);
    assert.equal((await kepala.json('POST', `/api/v1/reports/${v3}/submit`, {})).statusCode, 200);
    const frozen = (await kanwil.json('GET', `/api/v1/reports/${v3}`)).json() as typeof before;
    assert.deepEqual([frozen.figures.unit.marks.hadir, frozen.figures.unit.marks.alpa], [2, 0]);
    const still = (await kanwil.json('GET', `/api/v1/reports/${older}`)).json() as typeof before;
    assert.equal(still.figures.unit.marks.alpa, 1, 'version 1 keeps what it said');
  });

  test('bad input is refused with a message per field or 409, and nothing is written', async () => {
    const rows = await count('monthly_reports');
    const audits = await count('audit_log');
    const field = async (
      c: Client,
      method: 'POST',
      url: string,
      body: object,
      status: number,
      f?: string,
    ) => {
      const res = await c.json(method, url, body);
      assert.equal(res.statusCode, status, `${url} ${JSON.stringify(body)}: ${res.body}`);
      if (f) assert.match(res.body, new RegExp(`"field":"${f}"`));
      return res;
    };
    const future = await field(petugas, 'POST', '/api/v1/reports', { month: '2099-01' }, 400, 'month');
    assert.match(future.body, /belum tiba|has not come/);
    const thisMonth = new Date().toISOString().slice(0, 7);
    const current = await field(petugas, 'POST', '/api/v1/reports', { month: thisMonth }, 400, 'month');
    assert.match(current.body, /belum berakhir|has not ended/);
    await field(petugas, 'POST', '/api/v1/reports', { month: '2026-13' }, 400, 'month');
    // A unit outside the user's scope: not theirs to know of.
    await field(petugas, 'POST', '/api/v1/reports', { month: '2026-09', unit_id: otherUnitId }, 404);
    // Acknowledging or returning a draft: the Kanwil cannot see it; a submitted one twice: 409.
    const d = (
      (
        await petugas.json('POST', '/api/v1/reports', { month: '2026-09', narrative: 'September' })
      ).json() as {
        id: string;
      }
    ).id;
    const afterDraft = [await count('monthly_reports'), await count('audit_log')];
    await field(kanwil, 'POST', `/api/v1/reports/${d}/acknowledge`, {}, 404);
    await field(kepala, 'POST', `/api/v1/reports/${d}/submit`, { signed_on: '2099-01-01' }, 400, 'signed_on');
    await field(kepala, 'POST', `/api/v1/reports/${d}/submit`, { signed_on: '2026-09-30' }, 400, 'signed_on');
    await field(petugas, 'POST', `/api/v1/reports/${d}/revise`, { reason: 'x' }, 409);
    assert.deepEqual(
      [await count('monthly_reports'), await count('audit_log')],
      afterDraft,
      'nothing written',
    );
    assert.deepEqual(afterDraft, [rows + 1, audits + 1], 'only the one good draft');
  });

  test('the pages: the unit sees its months, the Kepala confirms before signing, the Kanwil its inbox; PDF and XLSX', async () => {
    const list = await petugas.get('/reports');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /data-testid="month-2026-08"/);
    const drafted = await petugas.postForm('/reports', { unit_id: unitId, month: '2026-08' });
    assert.equal(drafted.statusCode, 303, drafted.body);
    const id = String(drafted.headers.location).split('/').pop() ?? '';
    const bad = await petugas.postForm('/reports', { unit_id: unitId, month: '2026-08' });
    assert.equal(bad.statusCode, 409);

    const empty = await petugas.postForm(`/reports/${id}/narrative`, { narrative: '' });
    assert.equal(empty.statusCode, 303, 'an empty narrative may be saved while drafting');
    const unsigned = await kepala.postForm(`/reports/${id}/submit`, {
      signed_on: '2026-12-01',
      confirmed: '1',
    });
    assert.equal(unsigned.statusCode, 400);
    assert.match(unsigned.body, /data-testid="error-summary"/);
    await petugas.postForm(`/reports/${id}/narrative`, { narrative: 'Agustus: kelas berjalan.' });
    const ask = await kepala.postForm(`/reports/${id}/submit`, { signed_on: '2026-12-01' });
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /data-testid="confirm-question"/);
    const yes = await kepala.postForm(`/reports/${id}/submit`, { signed_on: '2026-12-01', confirmed: '1' });
    assert.equal(yes.statusCode, 303, yes.body);

    const inbox = await kanwil.get('/reports?month=2026-08');
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, /data-testid="count-submitted">1</);
    assert.match(inbox.body, new RegExp(`/reports/${id}`));
    const noNote = await kanwil.postForm(`/reports/${id}/return`, { note: '' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /data-testid="error-note"/);

    const returned = await kanwil.postForm(`/reports/${id}/return`, { note: 'Lengkapi uraian.' });
    assert.equal(returned.statusCode, 303, returned.body);
    const revised = await petugas.postForm(`/reports/${id}/revise`, { reason: 'Uraian dilengkapi' });
    assert.equal(revised.statusCode, 303, revised.body);
    assert.match(String(revised.headers.location), /^\/reports\/[0-9a-f-]{36}$/);
    assert.notEqual(revised.headers.location, `/reports/${id}`);

    const pdf = await kanwil.get(`/reports/${id}/report.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(pdf.body.slice(0, 5), /%PDF-/);
    const xlsx = await kanwil.get(`/reports/${id}/report.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(
      String(xlsx.headers['content-disposition']),
      /laporan-bulanan-rutan-kelas-iib-magetan-2026-08-v1\.xlsx/,
    );
  });

  test("a draft with a narrative waits in the Kepala's approvals inbox; who has submitted and who is late", async () => {
    const kepalaWho = {
      ...systemPrincipal('kepala'),
      roles: ['kepala_upt' as const],
      scope: { all: false, unitIds: [unitId] },
    };
    const items = await approvalsInbox({ db: t.db, who: kepalaWho }, { unitId });
    const toSign = items.filter((i) => i.kind === 'monthly_report');
    assert.deepEqual(
      toSign.map((i) => i.params.month).sort(),
      ['2026-08', '2026-09'],
      "September's draft and August's revision, both with a narrative",
    );
    const page = await kepala.get('/approvals');
    assert.match(page.body, /Laporan bulanan September 2026 \(Versi 1\) siap ditandatangani/);

    const kanwilWho = {
      ...systemPrincipal('kanwil'),
      roles: ['kanwil' as const],
      scope: { all: false, unitIds: [unitId] },
    };
    const ctx = { db: t.db, who: kanwilWho, now: new Date('2026-12-02T03:00:00Z') };
    const oct = await reportStatuses(ctx, { month: '2026-10', unitIds: [unitId, otherUnitId] });
    assert.deepEqual([...oct.keys()], [unitId], 'a unit outside the scope is left out');
    const o = oct.get(unitId);
    assert.equal(o?.status, 'submitted');
    assert.equal(o?.version, 3);
    assert.equal(o?.dueOn, '2026-11-05');
    assert.ok(o?.submittedAt instanceof Date);
    const sep = (await reportStatuses(ctx, { month: '2026-09', unitIds: [unitId] })).get(unitId);
    assert.deepEqual(
      [sep?.status, sep?.reportId, sep?.late],
      ['none', null, true],
      'a draft is not submitted, and the Kanwil does not see it',
    );
    const early = { ...ctx, now: new Date('2026-11-04T03:00:00Z') };
    const nov = (await reportStatuses(early, { month: '2026-10', unitIds: [unitId] })).get(unitId);
    assert.equal(nov?.late, true, 'submitted on 2 December, after the 5th of November');
    const notDue = (await reportStatuses(early, { month: '2026-11', unitIds: [unitId] })).get(unitId);
    assert.deepEqual([notDue?.status, notDue?.late], ['none', false]);
  });
});

describe('monthly reports on the demo: nothing above the unit names an inmate', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({}, { demo: true });
  });
  after(() => t.close());

  test('kanwil.jatim and ditjenpas read no name or registration number of the demo register in any report page, export or API answer', async () => {
    const magetan = (
      await t.db.selectFrom('units').select('id').where('code', '=', 'RUTAN-MGT').executeTakeFirstOrThrow()
    ).id;
    const kepala = await t.signedIn('ari.rahmanto', DEMO_PASSWORD);
    const taken = new Set(
      (await t.db.selectFrom('monthly_reports').select('month').where('unit_id', '=', magetan).execute()).map(
        (r) => r.month.slice(0, 7),
      ),
    );
    const month = monthsBefore(new Date().toISOString().slice(0, 7), 11).find((m) => !taken.has(m));
    if (month) {
      const created = await kepala.json('POST', '/api/v1/reports', {
        month,
        narrative: 'Kelas rajut berjalan; pesanan mitra terpenuhi.',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = (created.json() as { id: string }).id;
      assert.equal((await kepala.json('POST', `/api/v1/reports/${id}/submit`, {})).statusCode, 200);
    }
    const people = await t.db.selectFrom('inmates').select(['name', 'reg_number']).execute();
    assert.ok(people.length >= 15);
    const values = people.flatMap((p) => [p.name, p.reg_number]);

    for (const username of ['kanwil.jatim', 'ditjenpas']) {
      const c = await t.signedIn(username, DEMO_PASSWORD);
      const list = await c.json('GET', '/api/v1/reports');
      assert.equal(list.statusCode, 200);
      const items = (list.json() as { items: Array<{ id: string; unit_id: string }> }).items;
      assert.ok(
        items.some((i) => i.unit_id === magetan),
        `${username} sees Magetan's submitted reports`,
      );
      const texts = [list.body, (await c.get('/reports')).body];
      const who = {
        ...systemPrincipal(username),
        roles: [username === 'ditjenpas' ? ('pusat' as const) : ('kanwil' as const)],
      };
      for (const i of items.filter((x) => x.unit_id === magetan)) {
        texts.push(
          (await c.get(`/reports/${i.id}`)).body,
          (await c.json('GET', `/api/v1/reports/${i.id}`)).body,
        );
        const xlsx = await c.get(`/reports/${i.id}/report.xlsx`);
        assert.equal(xlsx.statusCode, 200);
        texts.push(await workbookText(xlsx.rawPayload));
        const pdf = await c.get(`/reports/${i.id}/report.pdf`);
        assert.equal(pdf.statusCode, 200);
        // The PDF sets its text in an embedded font (glyph ids): what it prints is the document it is given.
        texts.push(JSON.stringify(await reportDocument({ db: t.db, who, now: new Date() }, i.id)));
      }
      for (const text of texts)
        for (const v of values) assert.ok(!text.includes(v), `${username} must not read ${v}`);
    }
  });
});

/** Every cell of every sheet of a workbook, as text. */
async function workbookText(buf: Buffer): Promise<string> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        out.push(String(cell.value ?? ''));
      });
    });
  });
  return out.join('\n');
}
