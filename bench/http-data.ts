// The data behind bench/http.ts: a size (the issue's "workload", the national one, a small one for
// trying the harness), generated with bench/generate.ts into a fresh embedded PostgreSQL or a kept
// --data-dir (reused when it already holds the data), or an already running server (--database-url).
// Every size carries the big programme: 200 participants with 152 held sessions, the 200-person
// roll call of issue 15; data generated before it existed (the national set of bench:rollup) gets
// it added, with its aggregates recounted. What the scenarios read is looked up here too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import type { TimeZone, UnitType } from '../src/db/schema.ts';
import { addDays, mondayOf } from '../src/modules/programmes/schedule.rules.ts';
import type { Cell } from './copy.ts';
import { bigProgramme, copyProgrammeRows, generate } from './generate.ts';
import { generateAttendance } from './generate-attendance.ts';
import { recountAll } from './generate-rollups.ts';
import { freePort } from './startup.ts';

export interface Size {
  units: number;
  kanwil?: number;
  inmates: number;
  programmesPerUnit: number;
  weeks: number;
  start: string;
  today: string;
  /** Production makers per programme. */
  participants: number;
  /** Participants per programme after the attendance top-up. */
  attendanceParticipants: number;
  big: { participants: number; sessions: number };
}

const YEAR = { weeks: 52, start: '2025-12-01', today: '2026-11-30', participants: 10 };
const BIG = { participants: 200, sessions: 152 };
export const SIZES: Record<'small' | 'workload' | 'national', Size> = {
  /** For trying the harness: a minute to generate. */
  small: {
    ...YEAR,
    units: 4,
    kanwil: 2,
    inmates: 1500,
    programmesPerUnit: 3,
    attendanceParticipants: 30,
    big: BIG,
  },
  /** Issue 15's: 5,000 inmates, about 206,000 marks, 152 sessions of 200 participants. */
  workload: {
    ...YEAR,
    units: 16,
    kanwil: 4,
    inmates: 5000,
    programmesPerUnit: 4,
    attendanceParticipants: 57,
    big: BIG,
  },
  /** bench:rollup's national set (530 units, 280,000 inmates, ~15 million marks), plus the big programme. */
  national: {
    ...YEAR,
    units: 530,
    inmates: 280_000,
    programmesPerUnit: 8,
    attendanceParticipants: 70,
    big: BIG,
  },
};

export const BIG_NAME = 'Pelatihan Menjahit Kelas Besar';
const PREFIX = 'SYN';
const ROOT = path.resolve(import.meta.dirname, '..');

export interface Data {
  url: string;
  db: Db;
  /** Stops what was started here (and removes a temp folder). */
  close(): Promise<void>;
}

/** The database for a size: a running server, a kept folder, or a temp folder; generated if empty. */
export async function openData(o: {
  size: Size;
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  /** The app's tree: a fresh database gets its migrations (`npm run db:migrate` there). */
  appDir: string;
  log: (m: string) => void;
}): Promise<Data> {
  let url = o.databaseUrl;
  let stopServer = async () => {};
  if (!url) {
    const dir = o.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-http-')));
    const quiet = { info: () => {}, warn: (m: string) => o.log(m) };
    const server = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), log: quiet });
    url = server.url;
    o.log(
      `embedded PostgreSQL on ${o.dataDir ? dir : `a temp folder (${dir})`}: ${url.replace(/:[^:@]*@/, ':***@')}`,
    );
    stopServer = async () => {
      await server.stop();
      if (!o.dataDir) await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const db = createDb(url, { max: 4, applicationName: 'simandiri-bench-http' });
  try {
    await fill(url, db, o.size, o.appDir, o.log);
  } catch (err) {
    await db.destroy();
    await stopServer();
    throw err;
  }
  return {
    url,
    db,
    async close() {
      await db.destroy();
      await stopServer();
    },
  };
}

/** The schema of the app that will run on the data: this tree's in-process, another's by its script. */
async function migrateFor(url: string, db: Db, appDir: string): Promise<void> {
  if (path.resolve(appDir) === ROOT) {
    await migrate(db);
    return;
  }
  const r = spawnSync('npm', ['run', 'db:migrate'], {
    cwd: appDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: url },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm run db:migrate failed in ${appDir}:\n${r.stdout}\n${r.stderr}`);
}

async function fill(
  url: string,
  db: Db,
  size: Size,
  appDir: string,
  log: (m: string) => void,
): Promise<void> {
  const have = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
      where table_name = 'kanwil'`.execute(db);
  const generated =
    (have.rows[0]?.n ?? 0) > 0 &&
    (await sql`select 1 from kanwil where code like ${`${PREFIX}-%`} limit 1`.execute(db)).rows.length > 0;
  if (!generated) {
    // A fresh database: the app's migrations, then the generator (whose rows fit every schema
    // since 0028). A kept one is migrated forward by the app it is benchmarked with.
    await migrateFor(url, db, appDir);
    log(`generating: ${JSON.stringify(size)}`);
    const t0 = performance.now();
    const gen = await generate(url, {
      units: size.units,
      ...(size.kanwil ? { kanwil: size.kanwil } : {}),
      inmates: size.inmates,
      programmesPerUnit: size.programmesPerUnit,
      weeks: size.weeks,
      start: size.start,
      prefix: PREFIX,
      production: { participantsPerProgramme: size.participants, productsPerUnit: 12, materialsPerUnit: 8 },
      attendance: { participantsPerProgramme: size.attendanceParticipants, today: size.today },
      bigProgramme: size.big,
      log,
    });
    log(
      `generated in ${((performance.now() - t0) / 1000).toFixed(0)} s; recounting the monthly aggregates...`,
    );
    await recountAll(db, { unitIds: gen.unitIds, from: size.start, to: size.today, log });
    return;
  }
  const big = await sql`select 1 from programmes where name = ${BIG_NAME} limit 1`.execute(db);
  if (big.rows.length === 0) await addBig(url, db, size, log);
}

/** The big programme added to data generated without it, in the unit holding the most inmates. */
async function addBig(url: string, db: Db, size: Size, log: (m: string) => void): Promise<void> {
  log(`adding the big programme (${size.big.participants} participants, ${size.big.sessions} sessions)...`);
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'simandiri-bench-http' });
  const client = await pool.connect();
  let unitId = '';
  try {
    await client.query('begin');
    const holding = await client.query<{ id: string; type: UnitType; zone: TimeZone; n: number }>(
      `select u.id, u.type, u.timezone as zone, count(i.id)::int as n
         from units u left join inmates i on i.unit_id = u.id and i.status = 'active'
        where u.code like $1 group by u.id order by u.code`,
      [`${PREFIX}-%`],
    );
    const holidays = await client.query<{ day: string }>(
      'select day::text as day from holidays where unit_id is null',
    );
    const from = mondayOf(size.start);
    const windowTo = addDays(from, size.weeks * 7 - 1);
    const rows: Record<'programmes' | 'curriculum' | 'schedules' | 'sessions', Cell[][]> = {
      programmes: [],
      curriculum: [],
      schedules: [],
      sessions: [],
    };
    const b = bigProgramme(size.big, {
      holding: holding.rows,
      seed: 2026,
      from,
      // biome-ignore lint/complexity/useMathMinMax: these are 'YYYY-MM-DD' strings, not numbers
      to: size.today < windowTo ? size.today : windowTo,
      holidays: new Set(holidays.rows.map((h) => h.day)),
      out: rows,
      log,
    });
    unitId = b.unitId;
    await copyProgrammeRows(client, rows);
    const a = await generateAttendance(client, [b.unitId], {
      participantsPerProgramme: b.participants,
      today: size.today,
      overrides: [{ programmeId: b.id, participants: b.participants, stayUntil: addDays(size.today, 365) }],
      programmeIds: [b.id],
    });
    await client.query('commit');
    log(`big programme: ${a.enrolments} participants, ${a.marks} marks in ${b.sessions} sessions`);
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
    await pool.end();
  }
  await recountAll(db, { unitIds: [unitId], from: size.start, to: size.today, log });
}

async function count(db: Db, table: string): Promise<number> {
  // Exact counts: the figures printed beside the results are the data's, not the planner's guess.
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function sizesOf(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'kanwil',
    'units',
    'inmates',
    'programmes',
    'programme_sessions',
    'enrolments',
    'attendance_marks',
    'production_entries',
    'rollup_unit_months',
  ])
    out[t] = await count(db, t);
  return out;
}

export interface Targets {
  programmeId: string;
  unitId: string;
  kanwilId: string;
  zone: TimeZone;
  /** The big programme's latest held session, and how many marks it holds. */
  sessionId: string;
  sessionMarks: number;
  sessionDay: string;
  participants: number;
  heldSessions: number;
  inmateId: string;
  /** The month of that session: the roll-ups' month. */
  month: string;
}

/** What the scenarios read: the big programme, its latest roll call, one of its inmates. */
export async function targetsOf(db: Db): Promise<Targets> {
  const p = (
    await sql<{ id: string; unit_id: string; kanwil_id: string; zone: TimeZone }>`
      select pr.id, pr.unit_id, u.kanwil_id, u.timezone as zone from programmes pr
        join units u on u.id = pr.unit_id where pr.name = ${BIG_NAME} order by pr.created_at limit 1`.execute(
      db,
    )
  ).rows[0];
  if (!p) throw new Error(`no "${BIG_NAME}" programme in this database`);
  const s = (
    await sql<{ id: string; day: string; marks: number }>`
      select s.id, s.day::text as day, count(m.id)::int as marks from programme_sessions s
        join attendance_marks m on m.session_id = s.id
       where s.programme_id = ${p.id} and s.extra = false
       group by s.id order by s.day desc limit 1`.execute(db)
  ).rows[0];
  if (!s) throw new Error('the big programme has no marked session');
  const figures = (
    await sql<{ participants: number; held: number; inmate_id: string }>`
      select (select count(*)::int from enrolments e where e.programme_id = ${p.id}) as participants,
             (select count(*)::int from programme_sessions x where x.programme_id = ${p.id}
                 and x.extra = false and x.day <= ${s.day}::date) as held,
             (select e.inmate_id from enrolments e join inmates i on i.id = e.inmate_id
               where e.programme_id = ${p.id} order by i.reg_number limit 1) as inmate_id`.execute(db)
  ).rows[0];
  if (!figures?.inmate_id) throw new Error('the big programme has no inmate participant');
  return {
    programmeId: p.id,
    unitId: p.unit_id,
    kanwilId: p.kanwil_id,
    zone: p.zone,
    sessionId: s.id,
    sessionMarks: s.marks,
    sessionDay: s.day,
    participants: figures.participants,
    heldSessions: figures.held,
    inmateId: figures.inmate_id,
    month: s.day.slice(0, 7),
  };
}
