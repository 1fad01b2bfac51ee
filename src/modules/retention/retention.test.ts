// The retention job (UU 27/2022): exactly the released people past the period are pseudonymised,
// nothing that is counted changes, no trace of their name, NIK or phone is left in any table, and a
// second run finds nobody; the page and API for the Kepala UPT and the national administrator.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildUnit, buildUser } from '../../../test/builders.ts';
import { buildPersonEverywhere } from '../../../test/retention-fixtures.ts';
import { systemCtx } from '../../app/principal.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { refreshDirty } from '../rollups/rollups.service.ts';
import { drainRetention } from './retention.jobs.ts';
import { runRetention } from './retention.service.ts';

// 2 December 2026, 10:00 WIB: with 5 years the cut-off is 2 December 2021.
const NOW = new Date('2026-12-02T03:00:00Z');

/** Every row of every table of the app, as text, that matches the pattern: table -> rows. */
async function tracesOf(t: TestApp, pattern: string): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'kysely_migration'`.execute(
    t.db,
  );
  const found: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)} x
      where x::text ~* ${pattern}`.execute(t.db);
    const n = r.rows[0]?.n ?? 0;
    if (n > 0) found[table_name] = n;
  }
  return found;
}

const COUNTED = [
  'inmates',
  'enrolments',
  'attendance_marks',
  'certificates',
  'follow_ups',
  'reintegration_cases',
  'reintegration_consents',
  'job_applications',
  'business_plans',
  'intake_candidates',
  'premi_withdrawals',
] as const;

/** The monthly aggregates (outcomes included) recounted from the records, without their timestamps. */
async function aggregates(t: TestApp) {
  await refreshDirty(t.db);
  const r = await sql<{ t: string }>`select coalesce(string_agg((to_jsonb(x) - 'computed_at')::text, '|'
    order by x.unit_id, x.month), '') as t from rollup_unit_months x`.execute(t.db);
  return r.rows[0]?.t ?? '';
}

async function counts(t: TestApp) {
  const out: Record<string, number> = {};
  for (const table of COUNTED) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db);
    out[table] = r.rows[0]?.n ?? 0;
  }
  const outcome = await sql<{ employed: number; reoffended: number; lost: number }>`select
    count(*) filter (where work_status = 'own_business')::int as employed,
    count(*) filter (where reoffended)::int as reoffended,
    count(*) filter (where contact_lost)::int as lost from follow_ups`.execute(t.db);
  return { ...out, ...outcome.rows[0] };
}

describe('retention: pseudonymising released people past the period', () => {
  let t: TestApp;
  let unitId: string;
  const people: Record<string, string> = {};
  before(async () => {
    t = await startTestApp();
    const unit = await buildUnit(t.db, { name: 'Lapas Retensi' });
    unitId = unit.id;
    const mk = async (key: string, spec: Omit<Parameters<typeof buildPersonEverywhere>[1], 'unit_id'>) => {
      const p = await buildPersonEverywhere(t.db, { unit_id: unitId, ...spec });
      people[key] = p.inmate.id;
    };
    // Followed up at 1 and 3 months, the last in April 2020: past the period.
    await mk('old', {
      name: 'Zulkarnaen Prawirodirdjo',
      nik: '3520019001000001',
      phone: '081200000001',
      released_on: '2020-01-10',
      follow_ups: [
        { month_no: 1, contacted_on: '2020-02-10' },
        { month_no: 3, contacted_on: '2020-04-10' },
      ],
    });
    // Never followed up, released the day before the cut-off: past it.
    await mk('dayBefore', {
      name: 'Kusnadi Wiryosaputro',
      nik: '3520019001000002',
      phone: '081200000002',
      released_on: '2021-12-01',
    });
    // Released before issue 16 (no case): the register's history says when.
    await mk('historyOnly', {
      name: 'Sukarmin Hadiwijoyo',
      nik: '3520019001000003',
      phone: '081200000003',
      history_released_on: '2019-05-05',
    });
    // Released on the cut-off day itself: just inside the period, kept.
    await mk('onCutoff', {
      name: 'Sriyatun Mangunkusumo',
      nik: '3520019001000004',
      phone: '081200000004',
      released_on: '2021-12-02',
    });
    // Released long ago but followed up at 12 months after the cut-off: kept.
    await mk('lateFollowUp', {
      name: 'Paijo Cokroaminoto',
      nik: '3520019001000005',
      phone: '081200000005',
      released_on: '2020-12-10',
      follow_ups: [{ month_no: 12, contacted_on: '2021-12-10' }],
    });
    // Still inside, with a tanggal ekspirasi long past: not released, kept.
    const active = await buildInmate(t.db, {
      unit_id: unitId,
      name: 'Tukiman Atmosudiro',
      nik: '3520019001000006',
      status: 'active',
    });
    await sql`update inmates set entry_date = '2015-01-01', expected_release_date = '2018-01-01'
      where id = ${active.id}`.execute(t.db);
    people.active = active.id;
  });
  after(() => t.close());

  const PAST =
    'Zulkarnaen|Prawirodirdjo|Kusnadi|Wiryosaputro|Sukarmin|Hadiwijoyo|352001900100000[123]|08120000000[123]';
  const KEPT = {
    onCutoff: 'Sriyatun Mangunkusumo',
    lateFollowUp: 'Paijo Cokroaminoto',
    active: 'Tukiman Atmosudiro',
  };

  test('exactly the people past the period are pseudonymised, and nothing counted changes', async () => {
    const before = await counts(t);
    const monthly = await aggregates(t);
    assert.match(monthly, /"outcome|"participants/, 'the aggregates hold figures');
    assert.ok(Object.keys(await tracesOf(t, PAST)).length >= 15, 'the fixtures wrote the names widely');
    const r = await runRetention(systemCtx(t.db, NOW, 'system:jobs'), { years: 5, batch: 2 });
    assert.equal(r.cutoff, '2021-12-02');
    assert.equal(r.people, 3);

    const rows = await t.db
      .selectFrom('inmates')
      .select(['id', 'name', 'nik', 'pseudonymised_at'])
      .where('unit_id', '=', unitId)
      .execute();
    const done = rows.filter((x) => x.pseudonymised_at !== null).map((x) => x.id);
    assert.deepEqual(done.sort(), [people.old, people.dayBefore, people.historyOnly].sort());
    for (const x of rows.filter((y) => y.pseudonymised_at !== null)) {
      assert.match(x.name, /^Anonim-[0-9A-F]{6}$/);
      assert.equal(x.nik, null);
    }
    for (const [key, name] of Object.entries(KEPT)) {
      const x = rows.find((y) => y.id === people[key]);
      assert.equal(x?.name, name, `${key} keeps their name`);
      assert.equal(x?.pseudonymised_at, null);
    }
    // The same pseudonym in the register, the programme place and the certificate.
    const old = rows.find((x) => x.id === people.old);
    const enr = await t.db
      .selectFrom('enrolments')
      .select('name')
      .where('inmate_id', '=', people.old ?? '')
      .execute();
    assert.deepEqual(
      enr.map((e) => e.name),
      [old?.name],
    );
    const rc = await t.db
      .selectFrom('reintegration_cases')
      .selectAll()
      .where('inmate_id', '=', people.old ?? '')
      .executeTakeFirstOrThrow();
    assert.ok(rc.pseudonymised_at);
    assert.equal(rc.guarantor_phone, null);
    assert.equal(rc.bank_account, null);
    assert.equal(rc.address_after_release, null);
    assert.equal(rc.released_on, '2020-01-10');

    assert.deepEqual(await counts(t), before);
    assert.equal(await aggregates(t), monthly);
  });

  test('no name, NIK or phone number of a pseudonymised person is left in any table, audit log included', async () => {
    assert.deepEqual(await tracesOf(t, PAST), {});
    // The people kept are still found where they were written.
    const kept = await tracesOf(t, 'Sriyatun');
    for (const table of ['inmates', 'enrolments', 'certificates', 'reintegration_cases', 'business_plans'])
      assert.ok(kept[table], `Sriyatun kept in ${table}`);
    // Another person's row in the same SDP import files keeps its name.
    assert.deepEqual(await tracesOf(t, 'Orang Lain'), { inmate_imports: 5 });
    assert.equal(kept.inmate_imports, 1);
    // Erasing the personal parts keeps the chain verifiable.
    const v = await verifyAuditChain(t.db);
    assert.equal(v.ok, true);
  });

  test('the run is reported with counts per table and audited without a name', async () => {
    const run = await t.db.selectFrom('retention_runs').selectAll().executeTakeFirstOrThrow();
    assert.equal(run.people, 3);
    assert.equal(run.retention_years, 5);
    assert.equal(run.cutoff, '2021-12-02');
    assert.equal(run.triggered_by, null);
    assert.equal(run.details.inmates, 3);
    assert.equal(run.details.enrolments, 3);
    assert.equal(run.details.certificates, 3);
    // The person released only in the register has a case too (migration 0032), with nothing personal
    // on it but it is still counted as scrubbed.
    assert.equal(run.details.reintegration_cases, 3);
    assert.equal(run.details.follow_ups, 2);
    assert.equal(run.details.inmate_imports, 3);
    assert.ok((run.details.audit_personal ?? 0) >= 3);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['after', 'entity_id'])
      .where('action', '=', 'retention.pseudonymise')
      .execute();
    // Batches of two: two people, one, then none.
    assert.equal(audits.length, 2);
    assert.ok(audits.every((a) => a.entity_id === run.id));
    const people = audits.map((a) => (a.after as { people: number }).people).sort();
    assert.deepEqual(people, [1, 2]);
  });

  test('a second run pseudonymises nobody and changes nothing', async () => {
    const snapshot = async () =>
      (
        await sql<{ t: string }>`select string_agg(x::text, '|' order by x.id) as t from inmates x`.execute(
          t.db,
        )
      ).rows[0]?.t;
    const before = await snapshot();
    const beforeCounts = await counts(t);
    const r = await runRetention(systemCtx(t.db, NOW, 'system:jobs'), { years: 5 });
    assert.equal(r.people, 0);
    assert.deepEqual(r.details, {});
    assert.equal(await snapshot(), before);
    assert.deepEqual(await counts(t), beforeCounts);
    const runs = await t.db.selectFrom('retention_runs').select('people').orderBy('created_at').execute();
    assert.deepEqual(
      runs.map((x) => x.people),
      [3, 0],
    );
  });

  test('the Kepala UPT sees the runs and their unit in counts, with no button and no names', async () => {
    await buildUser(t.db, { username: 'kepala.retensi', roles: ['kepala_upt'], unit_id: unitId });
    const c = await t.signedIn('kepala.retensi');
    const page = await c.get('/privacy/retention');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Lapas Retensi/);
    assert.match(page.body, /data-testid="retention-runs"/);
    assert.doesNotMatch(page.body, /data-testid="retention-run"/);
    assert.doesNotMatch(page.body, /Anonim-|Sriyatun|Zulkarnaen/);
    const api = await c.json('GET', '/api/v1/retention');
    assert.equal(api.statusCode, 200);
    const body = api.json() as { cutoff: string; units: Array<{ unit_name: string; pseudonymised: number }> };
    assert.deepEqual(
      body.units.map((u) => [u.unit_name, u.pseudonymised]),
      [['Lapas Retensi', 3]],
    );
    assert.equal((await c.postForm('/privacy/retention/run', { confirmed: '1' })).statusCode, 403);
    assert.equal((await c.json('POST', '/api/v1/retention/runs')).statusCode, 403);
  });

  test('a national administrator runs it now: asked first, then queued, and the run names them', async () => {
    const admin = await buildUser(t.db, { username: 'admin.retensi', roles: ['admin'] });
    const c = await t.signedIn('admin.retensi');
    const page = await c.get('/privacy/retention');
    assert.match(page.body, /data-testid="retention-run"/);
    assert.match(page.body, /Jalankan sekarang/);
    // Without the confirmation the answer is the question; nothing runs.
    const ask = await c.postForm('/privacy/retention/run');
    assert.equal(ask.statusCode, 200);
    await drainRetention();
    assert.equal((await t.db.selectFrom('retention_runs').select('id').execute()).length, 2);
    const res = await c.postForm('/privacy/retention/run', { confirmed: '1' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/privacy/retention');
    await drainRetention();
    const api = await c.json('POST', '/api/v1/retention/runs');
    assert.equal(api.statusCode, 202);
    await drainRetention();
    const runs = await t.db
      .selectFrom('retention_runs')
      .select(['triggered_by', 'people'])
      .where('triggered_by', '=', admin.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    assert.equal(runs.length, 2);
    // These runs use the real clock, not NOW: after 17:00 UTC it is already the next day in WIB, and
    // the person released on the fixed cut-off day is then past the period, so the first run may
    // take them. The second run finds nobody left.
    assert.equal(runs[1]?.people, 0);
  });
});
