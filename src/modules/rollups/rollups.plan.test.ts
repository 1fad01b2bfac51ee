// The roll-ups scale (issue 14 item 6): the Kanwil and national reads never touch the raw tables,
// and the recount of one unit-month reads them by index, never by a sequential scan. Checked on
// the plans PostgreSQL makes for the very statements the repo runs (recorded through Kysely's log
// and EXPLAINed), over generated data of a dozen units (bench/generate.ts: some 40,000 attendance
// marks and thousands of production entries), analysed, so the planner knows
// the tables are big and a unit-month is a small part of them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { generate } from '../../../bench/generate.ts';
import { recountAll } from '../../../bench/generate-rollups.ts';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { planScans, type Scan, type Statement } from '../../../test/plans.ts';
import type { Ctx } from '../../app/principal.ts';
import { systemCtx } from '../../app/principal.ts';
import type { Database } from '../../db/schema.ts';
import * as repo from './rollups.repo.ts';
import { freshness, outcomeTotals, programmeMonths, refreshDirty, unitMonths } from './rollups.service.ts';

/** Raw tables a roll-up page must never read, and a recount must read only through an index. */
const RAW = ['attendance_marks', 'production_entries'] as const;
/** The records the reintegration outcomes are counted from (#16): the reads never touch them either. */
const OUTCOME_RAW = ['reintegration_cases', 'follow_ups', 'enrolments'] as const;
const MONTH = '2026-06';

describe('roll-up query plans on generated data', () => {
  let tdb: TestDb;
  let pool: pg.Pool;
  /** A second Kysely on the test database that records every statement while `recording` is set. */
  let recorder: Kysely<Database>;
  let recording: Statement[] | null = null;
  let unitId = '';
  let kanwilUnits: string[] = [];

  /** The statements `fn` runs, recorded (and run: reads, or a recount rolled back afterwards). */
  async function statementsOf(fn: (db: Kysely<Database>) => Promise<unknown>): Promise<Statement[]> {
    recording = [];
    try {
      await fn(recorder);
      return recording;
    } finally {
      recording = null;
    }
  }

  /** Every scan of each plan: node type and relation. */
  const scans = (statements: readonly Statement[]) => planScans(pool, statements);

  const seqScansOfRaw = (found: Scan[]) =>
    found.filter((s) => s.node === 'Seq Scan' && (RAW as readonly string[]).includes(s.table));

  before(async () => {
    tdb = await createTestDb();
    const gen = await generate(tdb.url, {
      units: 12,
      inmates: 6_000,
      programmesPerUnit: 4,
      weeks: 22,
      start: '2026-03-02',
      production: { participantsPerProgramme: 8, productsPerUnit: 6, materialsPerUnit: 4 },
      attendance: { participantsPerProgramme: 40, today: '2026-07-31' },
    });
    await recountAll(tdb.db, { unitIds: gen.unitIds, from: '2026-03-02', to: '2026-07-31' });
    await sql`analyze`.execute(tdb.db);
    pool = new pg.Pool({ connectionString: tdb.url, max: 2 });
    recorder = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log(event) {
        if (event.level === 'query' && recording)
          recording.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    const busiest = await sql<{ unit_id: string; kanwil_id: string }>`
      select r.unit_id, u.kanwil_id from rollup_unit_months r join units u on u.id = r.unit_id
       where r.month = ${`${MONTH}-01`}::date order by r.marks_hadir desc, r.unit_id limit 1`.execute(tdb.db);
    const row = busiest.rows[0];
    assert.ok(row, 'the generator made no unit with marks in the month');
    unitId = row.unit_id;
    kanwilUnits = (
      await tdb.db.selectFrom('units').select('id').where('kanwil_id', '=', row.kanwil_id).execute()
    ).map((u) => u.id);
  });

  after(async () => {
    await recorder?.destroy();
    await tdb?.drop();
  });

  test('the data is big enough for the planner to prefer an index', async () => {
    const n = await sql<{ marks: string; entries: string; rows: string }>`
      select (select count(*) from attendance_marks) as marks,
             (select count(*) from production_entries) as entries,
             (select count(*) from rollup_unit_months) as rows`.execute(tdb.db);
    const c = n.rows[0];
    assert.ok(Number(c?.marks) > 30_000, `only ${c?.marks} marks`);
    assert.ok(Number(c?.entries) > 3_000, `only ${c?.entries} production entries`);
    assert.ok(Number(c?.rows) > 50, `only ${c?.rows} aggregate rows`);
  });

  test('the check finds a sequential scan where there is one', async () => {
    // A filter on a column no index holds: a count(*) alone may be an index-only scan (PostgreSQL 15
    // plans it so once the visibility map is set), which would prove nothing about the check.
    const found = await scans([{ sql: "select id from attendance_marks where note = 'x'", parameters: [] }]);
    assert.deepEqual(
      seqScansOfRaw(found).map((s) => s.table),
      ['attendance_marks'],
    );
  });

  test('the national, Kanwil and unit reads plan no scan of a raw table at all', async () => {
    const national: Ctx = systemCtx(tdb.db);
    const statements = await statementsOf(async (db) => {
      const ctx = { ...national, db };
      await unitMonths(ctx, { from: MONTH, to: MONTH });
      await unitMonths(ctx, { from: '2026-03', to: MONTH, unitIds: kanwilUnits });
      await programmeMonths(ctx, { from: '2026-03', to: MONTH, unitId });
      await freshness(ctx, {});
      await freshness(ctx, { unitIds: kanwilUnits });
      await outcomeTotals(ctx, { from: '2025-07', to: MONTH, by: 'unit' });
      await outcomeTotals(ctx, { from: '2025-07', to: MONTH, by: 'programme', unitIds: kanwilUnits });
    });
    assert.ok(statements.length >= 7, `recorded ${statements.length} statements`);
    const raw = (await scans(statements)).filter((s) =>
      ([...RAW, ...OUTCOME_RAW] as readonly string[]).includes(s.table),
    );
    assert.deepEqual(raw, [], 'a roll-up read touches a raw table');
  });

  test("one unit-month's recount reads attendance marks and production entries only by index", async () => {
    const statements = await statementsOf((db) =>
      db
        .transaction()
        .execute(async (trx) => {
          await repo.recount(trx, unitId, MONTH);
          throw new RollBack();
        })
        .catch((err) => {
          if (!(err instanceof RollBack)) throw err;
        }),
    );
    const found = await scans(statements);
    // It does read both: through an index (the test would pass vacuously otherwise).
    for (const table of RAW)
      assert.ok(
        found.some((s) => s.table === table),
        `the recount never reads ${table}: ${JSON.stringify(found.map((s) => s.table))}`,
      );
    assert.deepEqual(
      seqScansOfRaw(found).map((s) => `${s.node} on ${s.table} in: ${s.sql.slice(0, 200)}`),
      [],
    );
  });

  test('the job path (a touched unit-month claimed and recounted by refreshDirty) reads them only by index', async () => {
    const statements = await statementsOf((db) =>
      db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into rollup_dirty (unit_id, month) values (${unitId}, ${`${MONTH}-01`}::date)`.execute(
            trx,
          );
          assert.equal(await refreshDirty(trx, { limit: 10 }), 1);
          throw new RollBack();
        })
        .catch((err) => {
          if (!(err instanceof RollBack)) throw err;
        }),
    );
    const found = await scans(statements);
    assert.ok(found.some((s) => s.table === 'attendance_marks'));
    assert.deepEqual(
      seqScansOfRaw(found).map((s) => `${s.node} on ${s.table} in: ${s.sql.slice(0, 200)}`),
      [],
    );
  });
});

class RollBack extends Error {}
