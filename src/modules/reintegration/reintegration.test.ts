import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildInmate, buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { buildBapas, buildCase } from '../../../test/reintegration-fixtures.ts';
import { dayInZone } from '../../app/format.ts';
import { systemCtx, systemPrincipal } from '../../app/principal.ts';
import { scopeFor } from '../../app/scope.ts';
import { hasConsent } from './reintegration.consents.ts';
import { releaseCase } from './reintegration.policy.ts';
import { addDays } from './reintegration.rules.ts';
import { pipeline, recordRelease, saveCase } from './reintegration.service.ts';
import { pipelineSummary } from './reintegration.summary.ts';

const todayWib = () => dayInZone(new Date(), 'Asia/Jakarta');

describe('release pipeline', () => {
  let t: TestApp;
  let kanwilId: string;
  let unitId: string;
  let staff: Client;
  const count = async (
    table: 'audit_log' | 'reintegration_cases' | 'readiness_items' | 'reintegration_consents',
  ) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp();
    kanwilId = (await buildKanwil(t.db)).id;
    unitId = (await buildUnit(t.db, { kanwil_id: kanwilId })).id;
    staff = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test("the windows count from each unit's own date: a WIT unit is already past midnight while a WIB unit is not", async () => {
    const wib = await buildUnit(t.db, { kanwil_id: kanwilId, timezone: 'Asia/Jakarta' });
    const wit = await buildUnit(t.db, { kanwil_id: kanwilId, timezone: 'Asia/Jayapura' });
    // 16:30 UTC: 23:30 on 10 March in Jakarta, 01:30 on 11 March in Jayapura.
    const now = new Date('2026-03-10T16:30:00Z');
    const ctx = systemCtx(t.db, now);
    const a = await buildInmate(t.db, { unit_id: wib.id, expected_release_date: '2026-03-10' });
    const b = await buildInmate(t.db, { unit_id: wib.id, expected_release_date: '2026-04-10' });
    const c = await buildInmate(t.db, { unit_id: wit.id, expected_release_date: '2026-03-10' });
    const d = await buildInmate(t.db, { unit_id: wit.id, expected_release_date: '2026-04-10' });
    assert.deepEqual(await pipelineSummary(ctx, wib.id), { within30: 1, within90: 2, overdueItems: 0 });
    assert.deepEqual(await pipelineSummary(ctx, wit.id), { within30: 1, within90: 1, overdueItems: 0 });
    const ids = (await pipeline(ctx, { window: '30', page: 1 })).rows.map((r) => r.inmate_id);
    assert.ok(ids.includes(a.id) && ids.includes(d.id), 'the WIB release today and the WIT one in 30 days');
    assert.ok(!ids.includes(b.id) && !ids.includes(c.id), 'WIB in 31 days, WIT yesterday');
    // An open checklist item due yesterday in the unit's own date is overdue.
    await saveCase(ctx, b.id, { plan: 'work' });
    await t.db
      .updateTable('readiness_items')
      .set({ due_on: '2026-03-09' })
      .where('kind', '=', 'ktp')
      .where('case_id', '=', (await releaseCase(ctx, b.id)).id)
      .execute();
    assert.equal((await pipelineSummary(ctx, wib.id)).overdueItems, 1);
  });

  test('a planned integrasi moves a person into the window, participants first', async () => {
    const today = todayWib();
    const unit = await buildUnit(t.db, { kanwil_id: kanwilId });
    const ctx = systemCtx(t.db);
    const outsider = await buildInmate(t.db, { unit_id: unit.id, expected_release_date: addDays(today, 5) });
    const { inmate: planned } = await buildCase(t.db, {
      unit_id: unit.id,
      expected_release_date: addDays(today, 400),
      integrasi: { kind: 'PB', date: addDays(today, 20) },
    });
    const programme = await buildProgramme(t.db, { unit_id: unit.id });
    await buildEnrolment(t.db, { programme_id: programme.id, inmate_id: planned.id });
    const rows = (await pipeline(ctx, { window: '30', page: 1 })).rows.filter((r) => r.unit_id === unit.id);
    assert.deepEqual(
      rows.map((r) => [r.inmate_id, r.participant]),
      [
        [planned.id, 'current'],
        [outsider.id, null],
      ],
    );
  });

  test('an integrasi date without a decree number is refused with a message on that field, and nothing is written', async () => {
    const p = await buildInmate(t.db, { unit_id: unitId, expected_release_date: addDays(todayWib(), 60) });
    const [cases, audit] = [await count('reintegration_cases'), await count('audit_log')];
    const form = await staff.postForm(`/reintegration/${p.id}`, {
      integrasi_kind: 'PB',
      integrasi_date: addDays(todayWib(), 20),
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-decree_number"[^>]*>Tanggal integrasi memerlukan nomor SK/);
    const api = await staff.json('PUT', `/api/v1/reintegration/${p.id}`, {
      integrasi_kind: 'PB',
      integrasi_date: addDays(todayWib(), 20),
    });
    assert.equal(api.statusCode, 400);
    const { error } = JSON.parse(api.body) as {
      error: { fields: Array<{ field: string; message: string }> };
    };
    assert.deepEqual(error.fields, [
      { field: 'decree_number', message: 'Tanggal integrasi memerlukan nomor SK (surat keputusan).' },
    ]);
    assert.deepEqual([await count('reintegration_cases'), await count('audit_log')], [cases, audit]);

    const ok = await staff.json('PUT', `/api/v1/reintegration/${p.id}`, {
      integrasi_kind: 'PB',
      integrasi_date: addDays(todayWib(), 20),
      decree_number: 'PAS-1501.PK.05.04/2026',
      plan: 'umkm',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const body = JSON.parse(ok.body) as {
      release_date: string;
      items: Array<{ kind: string; due_on: string }>;
    };
    // Dated from the integrasi date (14 days before it), not from the tanggal ekspirasi 60 days away.
    assert.equal(body.items.find((i) => i.kind === 'certificates')?.due_on, addDays(todayWib(), 6));
    assert.equal(body.release_date, addDays(todayWib(), 20));
    assert.deepEqual(
      body.items.map((i) => i.kind),
      ['ktp', 'bank_account', 'certificates', 'cv', 'guarantor', 'plan', 'bapas_pk'],
    );
    const page = await staff.get(`/reintegration/${p.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="item-ktp"/);
  });

  test('a withdrawn consent no longer counts from its day; a second live consent for a purpose is refused', async () => {
    const today = todayWib();
    const yesterday = addDays(today, -1);
    const p = await buildInmate(t.db, { unit_id: unitId, expected_release_date: addDays(today, 40) });
    const given = await staff.json('POST', `/api/v1/reintegration/${p.id}/consents`, {
      purpose: 'cv_sharing',
      given_on: yesterday,
    });
    assert.equal(given.statusCode, 201, given.body);
    const { id } = JSON.parse(given.body) as { id: string };
    assert.equal(await hasConsent(t.db, p.id, 'cv_sharing'), true);
    assert.equal(await hasConsent(t.db, p.id, 'follow_up'), false);
    const before = await count('reintegration_consents');
    const again = await staff.postForm(`/reintegration/${p.id}/consents`, {
      purpose: 'cv_sharing',
      given_on: today,
    });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /masih berlaku/);
    assert.equal(await count('reintegration_consents'), before);

    const w = await staff.postForm(`/reintegration/${p.id}/consents/${id}/withdraw`, { withdrawn_on: today });
    assert.equal(w.statusCode, 303);
    assert.equal(await hasConsent(t.db, p.id, 'cv_sharing'), false, 'at once');
    assert.equal(await hasConsent(t.db, p.id, 'cv_sharing', today), false);
    assert.equal(await hasConsent(t.db, p.id, 'cv_sharing', yesterday), true, 'it held the day before');
    const twice = await staff.json('POST', `/api/v1/reintegration/${p.id}/consents/${id}/withdrawal`, {});
    assert.equal(twice.statusCode, 409);
    const page = await staff.get(`/reintegration/${p.id}`);
    assert.match(page.body, /data-testid="consent-cv_sharing-withdrawn"/);
  });

  test('"Catat pembebasan" releases the person in the register and ends their programme places, in one transaction', async () => {
    const today = todayWib();
    const p = await buildInmate(t.db, { unit_id: unitId, expected_release_date: today });
    const programme = await buildProgramme(t.db, { unit_id: unitId });
    const e = await buildEnrolment(t.db, { programme_id: programme.id, inmate_id: p.id });

    // Bad input: an integrasi release without that integrasi, or a day in the future. Nothing written.
    const [cases, audit] = [await count('reintegration_cases'), await count('audit_log')];
    for (const form of [
      { released_on: today, release_kind: 'PB' },
      { released_on: addDays(today, 1), release_kind: 'ekspirasi' },
      { released_on: 'kemarin', release_kind: 'ekspirasi' },
    ]) {
      const res = await staff.postForm(`/reintegration/${p.id}/release`, form);
      assert.equal(res.statusCode, 400, JSON.stringify(form));
      assert.match(res.body, /data-testid="error-summary"/);
    }
    assert.deepEqual([await count('reintegration_cases'), await count('audit_log')], [cases, audit]);

    // A failure in the register's step undoes the case's part too.
    await sql`create function reintegration_test_fail() returns trigger language plpgsql as
      $$ begin raise exception 'register refused'; end $$`.execute(t.db);
    await sql`create trigger reintegration_test_fail before insert on inmate_status_history
      for each row execute function reintegration_test_fail()`.execute(t.db);
    await assert.rejects(
      recordRelease(systemCtx(t.db), p.id, { released_on: today, release_kind: 'ekspirasi' }),
      /register refused/,
    );
    await sql`drop trigger reintegration_test_fail on inmate_status_history`.execute(t.db);
    await sql`drop function reintegration_test_fail()`.execute(t.db);
    assert.deepEqual([await count('reintegration_cases'), await count('audit_log')], [cases, audit]);

    const ok = await staff.postForm(`/reintegration/${p.id}/release`, {
      released_on: today,
      release_kind: 'ekspirasi',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const inmate = await t.db
      .selectFrom('inmates')
      .select('status')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    assert.equal(inmate.status, 'released');
    const place = await t.db
      .selectFrom('enrolments')
      .select(['status', 'end_reason', 'ended_on'])
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(place, { status: 'withdrawn', end_reason: 'released', ended_on: today });
    const c = await releaseCase(systemCtx(t.db), p.id);
    assert.deepEqual([c.released_on, c.release_kind], [today, 'ekspirasi']);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [p.id, e.id, c.id])
      .execute();
    for (const a of [
      'reintegration.open',
      'reintegration.release',
      'inmates.release',
      'enrolments.withdrawn',
    ])
      assert.ok(
        actions.some((x) => x.action === a),
        a,
      );
    const twice = await staff.postForm(`/reintegration/${p.id}/release`, {
      released_on: today,
      release_kind: 'ekspirasi',
    });
    assert.equal(twice.statusCode, 400, 'no longer active');
    const released = await staff.get('/reintegration?window=released');
    assert.match(released.body, new RegExp(p.reg_number.replace(/[./]/g, '\\$&')));
  });

  test("a Bapas PK sees only the people assigned to them and writes nothing; other units' staff and offices see none", async () => {
    const soon = addDays(todayWib(), 10);
    const { unit: bapas, pk } = await buildBapas(t.db, { kanwil_id: kanwilId });
    const { inmate: mine } = await buildCase(t.db, {
      unit_id: unitId,
      expected_release_date: soon,
      integrasi: { kind: 'CB', date: soon },
      bapas_unit_id: bapas.id,
      pk_user_id: pk.id,
    });
    const { inmate: other } = await buildCase(t.db, { unit_id: unitId, expected_release_date: soon });
    const c = await t.signedIn(pk.username);
    const list = await c.get('/reintegration?window=30');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(mine.name), 'the assigned person');
    assert.ok(!list.body.includes(other.name), 'not the others of the unit');
    const api = JSON.parse((await c.get('/api/v1/reintegration?window=30')).body) as {
      items: Array<{ inmate_id: string }>;
    };
    assert.deepEqual(
      api.items.map((i) => i.inmate_id),
      [mine.id],
    );
    assert.equal((await c.get(`/reintegration/${mine.id}`)).statusCode, 200);
    assert.equal((await c.get(`/api/v1/reintegration/${mine.id}`)).statusCode, 200);
    assert.equal((await c.get(`/reintegration/${other.id}`)).statusCode, 404);
    assert.equal((await c.postForm(`/reintegration/${mine.id}`, { plan: 'work' })).statusCode, 403);
    const pkCtx = {
      db: t.db,
      now: new Date(),
      who: {
        ...systemPrincipal(pk.username),
        id: pk.id,
        roles: ['pembimbing_kemasyarakatan' as const],
        scope: scopeFor(
          { id: pk.id, unit_id: bapas.id, kanwil_id: null, roles: ['pembimbing_kemasyarakatan'] },
          [],
        ),
      },
    };
    assert.equal((await releaseCase(pkCtx, mine.id)).pk_user_id, pk.id);
    await assert.rejects(releaseCase(pkCtx, other.id), /reintegration.not_found/);
    assert.deepEqual(await pipelineSummary(pkCtx, unitId), { within30: 1, within90: 1, overdueItems: 0 });

    const elsewhere = await t.signedIn((await buildUser(t.db, { roles: ['petugas'] })).username);
    assert.equal((await elsewhere.get(`/reintegration/${mine.id}`)).statusCode, 404);
    const kanwil = await t.signedIn(
      (await buildUser(t.db, { roles: ['kanwil'], kanwil_id: kanwilId })).username,
    );
    assert.equal((await kanwil.get('/reintegration')).statusCode, 403);
    assert.equal((await kanwil.get(`/api/v1/reintegration/${mine.id}`)).statusCode, 403);
  });

  test("the unit's own checklist items join the open cases and every new one; the PK of another Bapas is refused", async () => {
    const soon = addDays(todayWib(), 45);
    const { inmate: open } = await buildCase(t.db, { unit_id: unitId, expected_release_date: soon });
    const res = await staff.postForm('/reintegration/checklist-items', {
      label: 'Surat keterangan kelakuan baik',
      days_before: '10',
    });
    assert.equal(res.statusCode, 303, res.body);
    const short = await staff.postForm('/reintegration/checklist-items', { label: 'ab', days_before: '10' });
    assert.equal(short.statusCode, 400);
    const page = await staff.get('/reintegration/checklist-items');
    assert.match(page.body, /Surat keterangan kelakuan baik/);
    const items = await t.db
      .selectFrom('readiness_items as ri')
      .innerJoin('reintegration_cases as rc', 'rc.id', 'ri.case_id')
      .select(['ri.label', 'ri.due_on'])
      .where('rc.inmate_id', '=', open.id)
      .where('ri.kind', '=', 'custom')
      .execute();
    assert.deepEqual(items, [{ label: 'Surat keterangan kelakuan baik', due_on: addDays(soon, -10) }]);

    const fresh = await buildInmate(t.db, { unit_id: unitId, expected_release_date: soon });
    const otherKanwil = await buildKanwil(t.db);
    const { unit: farBapas, pk: farPk } = await buildBapas(t.db, { kanwil_id: otherKanwil.id });
    const refused = await staff.postForm(`/reintegration/${fresh.id}`, {
      bapas_unit_id: farBapas.id,
      pk_user_id: farPk.id,
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /data-testid="error-bapas_unit_id"/);
    assert.equal((await staff.postForm(`/reintegration/${fresh.id}`, { plan: 'training' })).statusCode, 303);
    const d = JSON.parse((await staff.get(`/api/v1/reintegration/${fresh.id}`)).body) as {
      items: Array<{ kind: string; label: string | null }>;
    };
    assert.equal(d.items.length, 8);
    assert.equal(d.items.at(-1)?.label, 'Surat keterangan kelakuan baik');
  });

  test("the dashboard's release card counts the unit's people within 30 and 90 days", async () => {
    const res = await staff.get('/dashboard');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /data-testid="release-panel"/);
    const s = await pipelineSummary(systemCtx(t.db), unitId);
    assert.match(res.body, new RegExp(`data-testid="release-90">${s.within90}<`));
    assert.ok(s.within90 >= 4);
  });
});
