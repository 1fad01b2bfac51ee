// Reports that never scan every mark (issue 15 item 2): the attendance overview, a programme's
// report, a participant's record, the dashboard's absence alerts and an inmate's month read
// attendance_marks only through an index. Checked on the plans PostgreSQL makes for the very
// statements the services run (recorded through Kysely's log and EXPLAINed), over generated data
// of many small programmes, analysed, so a page of the overview is a small part of the marks.
// The check proves itself: without the (session_id, enrolment_id) index the same reads plan a
// sequential scan of every mark, and it finds them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { generate } from '../../../bench/generate.ts';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { planScans, type Scan, type Statement } from '../../../test/plans.ts';
import { type Ctx, systemCtx } from '../../app/principal.ts';
import type { Database } from '../../db/schema.ts';
import {
  absenceAlerts,
  inmateMonth,
  overview,
  participantRecord,
  programmeReport,
} from './attendance-reports.service.ts';

describe('attendance report query plans on generated data', () => {
  let tdb: TestDb;
  let pool: pg.Pool;
  /** A second Kysely on the test database that records every statement while `recording` is set. */
  let recorder: Kysely<Database>;
  let recording: Statement[] | null = null;
  const the = { programme: '', unit: '', enrolment: '', inmate: '' };

  async function statementsOf(fn: (ctx: Ctx) => Promise<unknown>): Promise<Statement[]> {
    recording = [];
    try {
      await fn({ ...systemCtx(recorder), now: new Date('2026-07-31T05:00:00Z') });
      return recording;
    } finally {
      recording = null;
    }
  }

  /** Every scan in the plans of `statements`, EXPLAINed on `client` (a transaction may hold DDL). */
  const scans = (statements: readonly Statement[], client: pg.Pool | pg.PoolClient = pool) =>
    planScans(client, statements);

  const seqScansOfMarks = (found: Scan[]) =>
    found
      .filter((s) => s.node === 'Seq Scan' && s.table === 'attendance_marks')
      .map((s) => `${s.node} on ${s.table} in: ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`);

  before(async () => {
    tdb = await createTestDb();
    // 240 programmes of 12 participants with 14 weekly sessions: a page of the overview (50
    // programmes) is a fifth of the marks, one programme a 240th.
    await generate(tdb.url, {
      units: 60,
      inmates: 6_000,
      programmesPerUnit: 4,
      weeks: 14,
      start: '2026-04-20',
      attendance: { participantsPerProgramme: 12, today: '2026-07-31' },
    });
    // As autovacuum leaves a live table: analysed, and its visibility map set (without it no
    // index-only scan is worth planning, whatever the index holds).
    await sql`vacuum analyze`.execute(tdb.db);
    pool = new pg.Pool({ connectionString: tdb.url, max: 2 });
    pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
    recorder = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log(event) {
        if (event.level === 'query' && recording)
          recording.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    const busiest = await sql<{
      programme_id: string;
      unit_id: string;
      enrolment_id: string;
      inmate_id: string;
    }>`
      select s.programme_id, pr.unit_id, e.id as enrolment_id, e.inmate_id
        from programme_sessions s
        join programmes pr on pr.id = s.programme_id
        join enrolments e on e.programme_id = pr.id and e.inmate_id is not null
       group by 1, 2, 3, 4
       order by count(*) desc, 1, 3
       limit 1`.execute(tdb.db);
    const row = busiest.rows[0];
    assert.ok(row, 'the generator made no programme with sessions and participants');
    Object.assign(the, {
      programme: row.programme_id,
      unit: row.unit_id,
      enrolment: row.enrolment_id,
      inmate: row.inmate_id,
    });
  });

  after(async () => {
    await recorder?.destroy();
    await tdb?.drop();
  });

  test('the data is big enough for the planner to prefer an index', async () => {
    const n = await sql<{ marks: string; programmes: string }>`
      select (select count(*) from attendance_marks) as marks,
             (select count(*) from programmes) as programmes`.execute(tdb.db);
    assert.ok(Number(n.rows[0]?.marks) > 30_000, `only ${n.rows[0]?.marks} marks`);
    assert.ok(Number(n.rows[0]?.programmes) > 200, `only ${n.rows[0]?.programmes} programmes`);
  });

  const reads: Array<[string, (ctx: Ctx) => Promise<unknown>]> = [
    [
      'the national overview, first and third page',
      async (ctx) => {
        await overview(ctx, 1);
        await overview(ctx, 3);
      },
    ],
    [
      "a programme's report (default period and a chosen one)",
      async (ctx) => {
        await programmeReport(ctx, the.programme);
        await programmeReport(ctx, the.programme, { from: '2026-05', to: '2026-06' });
      },
    ],
    ["a participant's record", (ctx) => participantRecord(ctx, the.enrolment)],
    ["the unit dashboard's absence alerts", (ctx) => absenceAlerts(ctx, { unitId: the.unit, threshold: 3 })],
    [
      "an inmate's month (the SPPN evidence)",
      (ctx) => inmateMonth(ctx, { inmateId: the.inmate, month: '2026-06' }),
    ],
  ];

  for (const [name, read] of reads)
    test(`${name} reads attendance marks only through an index`, async () => {
      const statements = await statementsOf(read);
      const found = await scans(statements);
      // It does read the marks (the test would pass vacuously otherwise).
      assert.ok(
        found.some((s) => s.table === 'attendance_marks'),
        `never reads attendance_marks: ${JSON.stringify(found.map((s) => s.table))}`,
      );
      assert.deepEqual(seqScansOfMarks(found), []);
    });

  test('the check finds the sequential scans the same reads make without the index', async () => {
    const statements = await statementsOf(async (ctx) => {
      await overview(ctx, 1);
      await programmeReport(ctx, the.programme);
    });
    const client = await pool.connect();
    try {
      // Dropped inside a transaction that is rolled back: the other tests keep the index.
      await client.query('begin');
      await client.query(
        'alter table attendance_marks drop constraint attendance_marks_session_enrolment_key',
      );
      const seq = seqScansOfMarks(await scans(statements, client));
      assert.ok(seq.length >= 2, `only ${seq.length} sequential scans without the index`);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
