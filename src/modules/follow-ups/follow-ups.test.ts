// Follow-ups after release (issue 16 item 5): only with a live consent given before release, never
// before the release day; the due list by each unit's local date; a Bapas officer (PK) sees and
// records only for the people assigned to them; every follow-up audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { buildConsent } from '../../../test/follow-ups-fixtures.ts';
import { buildBapas, buildCase } from '../../../test/reintegration-fixtures.ts';
import { dayInZone } from '../../app/format.ts';
import { systemCtx } from '../../app/principal.ts';
import { addDays } from './follow-ups.rules.ts';
import { listDue } from './follow-ups.service.ts';

describe('follow-ups after release', () => {
  let t: TestApp;
  let petugas: Client;
  let pk: Client;
  let kanwil: Client;
  let unitId: string;
  const today = dayInZone(new Date(), 'Asia/Jakarta');
  const released = addDays(today, -40);
  /** People of the unit: assigned to the PK with consent; another PK's; no consent; not released. */
  const p: Record<'mine' | 'other' | 'noConsent' | 'late' | 'withdrawn' | 'inside', { inmate: string }> =
    {} as never;

  const count = async (table: 'follow_ups' | 'audit_log') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const body = (over: Record<string, unknown> = {}) => ({
    contacted_on: today,
    work_status: 'employed',
    income_band: '1m_3m',
    in_trade: true,
    ...over,
  });

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    unitId = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    const bapas = await buildBapas(t.db, { kanwil_id: kw.id });
    const otherPk = await buildUser(t.db, { roles: ['pembimbing_kemasyarakatan'], unit_id: bapas.unit.id });
    const made = async (o: {
      pk?: string;
      consent?: { given: string; withdrawn?: string } | null;
      out?: boolean;
    }) => {
      const c = await buildCase(t.db, {
        unit_id: unitId,
        bapas_unit_id: bapas.unit.id,
        ...(o.pk ? { pk_user_id: o.pk } : {}),
        ...(o.out === false ? {} : { released: { on: released, kind: 'PB' as const } }),
      });
      if (o.consent)
        await buildConsent(t.db, {
          inmate_id: c.inmate.id,
          unit_id: unitId,
          given_on: o.consent.given,
          ...(o.consent.withdrawn ? { withdrawn_on: o.consent.withdrawn } : {}),
        });
      return { inmate: c.inmate.id };
    };
    const before = { given: addDays(released, -10) };
    p.mine = await made({ pk: bapas.pk.id, consent: before });
    p.other = await made({ pk: otherPk.id, consent: before });
    p.noConsent = await made({ pk: bapas.pk.id, consent: null });
    p.late = await made({ consent: { given: addDays(released, 3) } });
    p.withdrawn = await made({ consent: { given: addDays(released, -5), withdrawn: addDays(today, -1) } });
    p.inside = await made({ consent: before, out: false });
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    pk = await t.signedIn(bapas.pk.username);
    kanwil = await t.signedIn((await buildUser(t.db, { roles: ['kanwil'], kanwil_id: kw.id })).username);
  });
  after(() => t.close());

  test('the due list shows the 1-month follow-ups of consenting released people, overdue flagged', async () => {
    const res = await petugas.get('/api/v1/follow-ups');
    assert.equal(res.statusCode, 200, res.body);
    const items = (
      JSON.parse(res.body) as {
        items: Array<{ inmate_id: string; month_no: number; overdue: boolean; due_on: string }>;
      }
    ).items;
    const listed = new Set(items.map((i) => i.inmate_id));
    assert.ok(listed.has(p.mine.inmate) && listed.has(p.other.inmate));
    for (const k of ['noConsent', 'late', 'withdrawn', 'inside'] as const)
      assert.ok(!listed.has(p[k].inmate), `${k} is not followed up`);
    const mine = items.find((i) => i.inmate_id === p.mine.inmate);
    assert.equal(mine?.month_no, 1);
    assert.equal(mine?.overdue, true, 'released 40 days ago: the 1-month follow-up is overdue');
    const page = await petugas.get('/follow-ups');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`data-testid="due-${p.mine.inmate}-1"`));
    assert.match(page.body, /data-testid="status-overdue">Terlambat \d+ hari/);
    assert.match(page.body, /data-testid="nav-follow-ups"/);
    assert.equal(
      (await kanwil.get('/follow-ups')).statusCode,
      403,
      'offices see counts elsewhere, never names',
    );
  });

  test('each unit counts due days by its own local date (a WIT unit is a day ahead near midnight)', async () => {
    const kw = await buildKanwil(t.db);
    const wit = await buildUnit(t.db, { kanwil_id: kw.id, timezone: 'Asia/Jayapura' });
    const wib = await buildUnit(t.db, { kanwil_id: kw.id, timezone: 'Asia/Jakarta' });
    const ids: string[] = [];
    for (const u of [wit, wib]) {
      const c = await buildCase(t.db, { unit_id: u.id, released: { on: '2026-11-03', kind: 'ekspirasi' } });
      await buildConsent(t.db, { inmate_id: c.inmate.id, unit_id: u.id, given_on: '2026-10-20' });
      ids.push(c.inmate.id);
    }
    // 16:30 UTC on 2 December: 01:30 on 3 December in Jayapura, 23:30 on 2 December in Jakarta.
    const now = new Date('2026-12-02T16:30:00Z');
    const ctx = systemCtx(t.db, now);
    const rows = (await listDue(ctx, { filter: 'open', page: 1 })).rows.filter((r) =>
      ids.includes(r.inmate_id),
    );
    const witRow = rows.find((r) => r.inmate_id === ids[0]);
    const wibRow = rows.find((r) => r.inmate_id === ids[1]);
    assert.equal(witRow?.due_on, '2026-12-03');
    assert.equal(witRow?.today, '2026-12-03', 'due today in Jayapura');
    assert.equal(wibRow?.today, '2026-12-02', 'due tomorrow in Jakarta');
    const overdue = (
      await listDue(systemCtx(t.db, new Date('2026-12-03T16:30:00Z')), { filter: 'overdue', page: 1 })
    ).rows
      .filter((r) => ids.includes(r.inmate_id))
      .map((r) => r.inmate_id);
    assert.deepEqual(overdue, [ids[0]], 'a day later only the WIT unit is past its due day');
  });

  test('a follow-up without a live consent given before release is refused, nothing written', async () => {
    const [rows, audit] = [await count('follow_ups'), await count('audit_log')];
    for (const k of ['noConsent', 'late', 'withdrawn'] as const) {
      const res = await petugas.json('POST', '/api/v1/follow-ups', {
        inmate_id: p[k].inmate,
        month_no: 1,
        ...body(),
      });
      assert.equal(res.statusCode, 409, `${k}: ${res.body}`);
      assert.match(res.body, /"field":"consent"/);
      assert.match(res.body, /persetujuan tindak lanjut/);
    }
    const inside = await petugas.json('POST', '/api/v1/follow-ups', {
      inmate_id: p.inside.inmate,
      month_no: 1,
      ...body(),
    });
    assert.equal(inside.statusCode, 409);
    assert.match(inside.body, /"field":"person"/);
    // The form says it on the page, with the answers kept.
    const form = await petugas.postForm(`/follow-ups/${p.noConsent.inmate}/1`, {
      contacted_on: today,
      work_status: 'employed',
    });
    assert.equal(form.statusCode, 409);
    assert.match(form.body, /data-testid="error-summary"/);
    assert.match(form.body, /href="#f-consent"/);
    assert.equal(await count('follow_ups'), rows);
    assert.equal(await count('audit_log'), audit);
  });

  test('a contact date before release or in the future, or answers that do not fit, are refused per field', async () => {
    const rows = await count('follow_ups');
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ contacted_on: addDays(released, -1) }, 'contacted_on', /tidak boleh sebelum tanggal bebas/],
      [{ contacted_on: addDays(today, 2) }, 'contacted_on', /tidak boleh setelah hari ini/],
      [{ work_status: undefined }, 'work_status', /Pilih pekerjaannya/],
      [{ contact_lost: true }, 'work_status', /Kosongkan bila kontak terputus/],
    ];
    for (const [over, field, msg] of cases) {
      const res = await petugas.json('POST', '/api/v1/follow-ups', {
        inmate_id: p.mine.inmate,
        month_no: 1,
        ...body(over),
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, new RegExp(`"field":"${field}"`));
      assert.match(res.body, msg);
    }
    const bad = await petugas.json('POST', '/api/v1/follow-ups', {
      inmate_id: p.mine.inmate,
      month_no: 2,
      ...body(),
    });
    assert.equal(bad.statusCode, 400);
    const form = await petugas.postForm(`/follow-ups/${p.mine.inmate}/1`, {
      contacted_on: addDays(released, -3),
      work_status: 'employed',
    });
    assert.equal(form.statusCode, 400);
    assert.match(
      form.body,
      /data-testid="error-contacted_on">Tanggal kontak tidak boleh sebelum tanggal bebas/,
    );
    assert.equal(await count('follow_ups'), rows);
  });

  test('unit staff record a follow-up through the form; it is audited with its personal part apart and leaves the due list', async () => {
    const page = await petugas.get(`/follow-ups/${p.other.inmate}/1`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="follow-up-form"/);
    const res = await petugas.postForm(`/follow-ups/${p.other.inmate}/1`, {
      contacted_on: today,
      work_status: 'own_business',
      income_band: 'lt_1m',
      in_trade: 'true',
      note: 'Merajut di rumah, menjual lewat tetangga',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    const row = await t.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('inmate_id', '=', p.other.inmate)
      .executeTakeFirstOrThrow();
    assert.equal(row.work_status, 'own_business');
    assert.equal(row.in_trade, true);
    assert.equal(row.by_bapas, false);
    assert.equal(row.unit_id, unitId);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.action, 'follow_ups.record');
    assert.doesNotMatch(JSON.stringify(audit), /Merajut/, 'the note is kept apart from the chain');
    const list = JSON.parse((await petugas.get('/api/v1/follow-ups')).body) as {
      items: Array<{ inmate_id: string }>;
    };
    assert.ok(!list.items.some((i) => i.inmate_id === p.other.inmate));
    const person = await petugas.get(`/follow-ups/${p.other.inmate}`);
    assert.match(person.body, /data-testid="milestone-1"[\s\S]*Usaha sendiri/);
    // A second POST of the same month through the API is refused; a correction goes through PUT.
    const again = await petugas.json('POST', '/api/v1/follow-ups', {
      inmate_id: p.other.inmate,
      month_no: 1,
      ...body(),
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /"field":"month_no"/);
    const put = await petugas.json('PUT', `/api/v1/follow-ups/${row.id}`, {
      contacted_on: today,
      contact_lost: true,
    });
    assert.equal(put.statusCode, 204, put.body);
    const fixed = await t.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(fixed.contact_lost, true);
    assert.equal(fixed.work_status, null);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', row.id)
      .execute();
    assert.deepEqual(actions.map((a) => a.action).sort(), ['follow_ups.record', 'follow_ups.update']);
  });

  test('a Bapas officer sees and records only for the people assigned to them', async () => {
    const list = JSON.parse((await pk.get('/api/v1/follow-ups')).body) as {
      items: Array<{ inmate_id: string }>;
    };
    assert.deepEqual(
      list.items.map((i) => i.inmate_id),
      [p.mine.inmate],
      'not another officer’s people, not the unit’s others',
    );
    assert.equal((await pk.get(`/follow-ups/${p.other.inmate}`)).statusCode, 404);
    assert.equal((await pk.get(`/api/v1/follow-ups/people/${p.other.inmate}`)).statusCode, 404);
    const rows = await count('follow_ups');
    const theirs = await pk.json('POST', '/api/v1/follow-ups', {
      inmate_id: p.other.inmate,
      month_no: 3,
      ...body(),
    });
    assert.equal(theirs.statusCode, 404);
    const other = await t.db
      .selectFrom('follow_ups')
      .select('id')
      .where('inmate_id', '=', p.other.inmate)
      .executeTakeFirstOrThrow();
    assert.equal((await pk.json('PUT', `/api/v1/follow-ups/${other.id}`, body())).statusCode, 404);
    assert.equal(await count('follow_ups'), rows);
    assert.equal((await pk.get('/inmates')).statusCode, 403, 'nothing of the register');

    const res = await pk.postForm(`/follow-ups/${p.mine.inmate}/1`, {
      contacted_on: today,
      work_status: 'employed',
      income_band: '1m_3m',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    const row = await t.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('inmate_id', '=', p.mine.inmate)
      .executeTakeFirstOrThrow();
    assert.equal(row.by_bapas, true);
    const person = JSON.parse((await pk.get(`/api/v1/follow-ups/people/${p.mine.inmate}`)).body) as {
      consent: boolean;
      milestones: Array<{ month_no: number; status: string; follow_up: { by_bapas: boolean } | null }>;
    };
    assert.equal(person.consent, true);
    assert.equal(person.milestones[0]?.status, 'recorded');
    assert.equal(person.milestones[0]?.follow_up?.by_bapas, true);
    assert.equal(person.milestones[1]?.status, 'later');
  });

  test('the dashboard shows the follow-ups due to the unit staff and to the Bapas officer', async () => {
    const staff = await petugas.get('/dashboard');
    assert.equal(staff.statusCode, 200);
    assert.match(staff.body, /data-testid="follow-ups-panel"/);
    const officer = await pk.get('/dashboard');
    assert.equal(officer.statusCode, 200, officer.body.slice(0, 500));
    assert.match(officer.body, /data-testid="follow-ups-panel"/);
    assert.match(officer.body, /data-testid="nav-follow-ups"/);
  });
});
