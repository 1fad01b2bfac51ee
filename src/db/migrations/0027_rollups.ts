// Issue 14: monthly aggregates per unit and per programme, kept by a queued recount. Triggers on
// every source table log the (unit, month) a write touches into rollup_dirty, in the writer's own
// transaction and once per statement (a 200-mark save adds one row, not 200); the rollups job
// recounts those unit-months from the records. See docs/decisions/0016-monthly-aggregates.md.
import { type Kysely, sql } from 'kysely';

/** The figures of one programme (or unit) in one month: MonthFigures in rollups.figures.ts. */
const FIGURES = sql.raw(`
  participants_narapidana integer not null default 0,
  participants_tahanan integer not null default 0,
  participants_intern integer not null default 0,
  participants_staff integer not null default 0,
  participants_total integer not null default 0,
  enrolled integer not null default 0,
  completed integer not null default 0,
  sessions_held integer not null default 0,
  sessions_cancelled integer not null default 0,
  marks_hadir integer not null default 0,
  marks_terlambat integer not null default 0,
  marks_izin integer not null default 0,
  marks_sakit integer not null default 0,
  marks_alpa integer not null default 0,
  marks_dispensasi integer not null default 0,
  competencies integer not null default 0,
  certificates integer not null default 0,
  certificates_revoked integer not null default 0,
  items_finished bigint not null default 0,
  items_checked bigint not null default 0,
  items_passed bigint not null default 0,
  offtake_value bigint not null default 0,
  sales_count integer not null default 0,
  sales_value bigint not null default 0,
  computed_at timestamptz not null default now()`);

/**
 * Each source table: how a changed row names its unit and month(s). `r` is the changed row; the
 * query yields (unit_id, month) pairs, month being any day in it.
 */
const SOURCES: Record<string, string> = {
  programme_sessions: `select pr.unit_id, r.day from rows r join programmes pr on pr.id = r.programme_id`,
  attendance_marks: `select pr.unit_id, s.day from rows r
      join programme_sessions s on s.id = r.session_id join programmes pr on pr.id = s.programme_id`,
  // An enrolment counts as a participant in every month it spans, up to today.
  enrolments: `select pr.unit_id, m from rows r join programmes pr on pr.id = r.programme_id
      cross join lateral rollup_span(r.started_on, r.ended_on) m`,
  competency_assessments: `select pr.unit_id, r.assessed_on from rows r
      join enrolments e on e.id = r.enrolment_id join programmes pr on pr.id = e.programme_id
      where r.assessed_on is not null`,
  certificates: `select r.unit_id, r.issued_on from rows r
      union all select r.unit_id, (r.revoked_at at time zone u.timezone::text)::date from rows r
        join units u on u.id = r.unit_id where r.revoked_at is not null`,
  production_entries: `select r.unit_id, r.day from rows r`,
  qc_batches: `select r.unit_id, r.checked_on from rows r where r.checked_on is not null`,
  qc_batch_lines: `select b.unit_id, b.checked_on from rows r join qc_batches b on b.id = r.batch_id
      where b.checked_on is not null`,
  sales: `select r.unit_id, r.sold_on from rows r`,
  premi_runs: `select r.unit_id, r.month from rows r`,
  pnbp_deposits: `select r.unit_id, r.deposited_on from rows r`,
  // Signed, in force at each month's end, ending: every month from its start to its end.
  agreements: `select r.unit_id, m from rows r cross join lateral rollup_span(
      least(r.valid_from, coalesce(r.signed_on, r.valid_from)), greatest(r.valid_to, r.terminated_on)) m`,
  // The Program Aksi items served are those of the programmes running: the months it ran.
  programme_program_aksi: `select distinct pr.unit_id, s.day from rows r
      join programmes pr on pr.id = r.programme_id
      join programme_sessions s on s.programme_id = r.programme_id`,
  // Narapidana or tahanan is read from the register class: the months of the person's enrolments.
  // (Only the update trigger exists; against old_rows the join to itself finds no change.)
  inmates: `select pr.unit_id, m from rows r
      join old_rows o on o.id = r.id and o.register_class is distinct from r.register_class
      join enrolments e on e.inmate_id = r.id
      join programmes pr on pr.id = e.programme_id
      cross join lateral rollup_span(e.started_on, e.ended_on) m`,
};

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rollup_unit_months (
    unit_id uuid not null references units(id) on delete cascade,
    month date not null check (extract(day from month) = 1),
    ${FIGURES},
    programmes_running integer not null default 0,
    program_aksi_served integer not null default 0,
    premi bigint not null default 0,
    pnbp bigint not null default 0,
    capital bigint not null default 0,
    pnbp_deposited bigint not null default 0,
    agreements_new integer not null default 0,
    agreements_ending integer not null default 0,
    agreements_active integer not null default 0,
    partners_active integer not null default 0,
    primary key (unit_id, month))`.execute(db);
  // A month across all units (the national and Kanwil pages).
  await sql`create index rollup_unit_months_month_idx on rollup_unit_months (month)`.execute(db);

  await sql`create table rollup_programme_months (
    unit_id uuid not null references units(id) on delete cascade,
    programme_id uuid not null references programmes(id) on delete cascade,
    month date not null check (extract(day from month) = 1),
    ${FIGURES},
    primary key (programme_id, month))`.execute(db);
  await sql`create index rollup_programme_months_unit_idx on rollup_programme_months (unit_id, month)`.execute(
    db,
  );

  // A log, not a set: a writer only ever inserts, so it never waits on the recount or on another
  // writer, and the recount deletes exactly the rows it saw committed (a change committed while it
  // ran keeps its own row and is counted on the next run). See the decision record.
  await sql`create table rollup_dirty (
    id bigint generated by default as identity primary key,
    unit_id uuid not null,
    month date not null,
    marked_at timestamptz not null default now())`.execute(db);
  await sql`create index rollup_dirty_unit_idx on rollup_dirty (unit_id, month)`.execute(db);

  // The months a span touches, from its first day's month to its last (open: today's), never
  // past today in the easternmost zone: later months are marked by the clock (rollups.jobs.ts).
  await sql`create function rollup_span(first_day date, last_day date) returns setof date
    language sql stable as $$
      select generate_series(date_trunc('month', first_day),
        date_trunc('month', greatest(first_day, least(coalesce(last_day, 'infinity'::date),
          (now() at time zone 'Asia/Jayapura')::date))), interval '1 month')::date
    $$`.execute(db);

  for (const [table, pairs] of Object.entries(SOURCES)) {
    const mark = (rows: string) =>
      `insert into rollup_dirty (unit_id, month)
         select distinct x.unit_id, date_trunc('month', x.day)::date
           from (${pairs.replaceAll('from rows r', `from ${rows} r`)}) as x(unit_id, day)
          where x.unit_id is not null and x.day is not null;`;
    await sql
      .raw(`create function rollup_mark_${table}() returns trigger language plpgsql as $$
      begin
        -- A restore copies rollup_dirty as it was backed up (src/db/restore.ts sets this).
        if current_setting('simandiri.restoring', true) = 'on' then return null; end if;
        if TG_OP in ('INSERT', 'UPDATE') then ${mark('new_rows')} end if;
        if TG_OP in ('DELETE', 'UPDATE') then ${mark('old_rows')} end if;
        return null;
      end $$`)
      .execute(db);
    const ins = `create trigger rollup_mark_ins after insert on ${table}
      referencing new table as new_rows for each statement execute function rollup_mark_${table}()`;
    const upd = `create trigger rollup_mark_upd after update on ${table}
      referencing old table as old_rows new table as new_rows for each statement execute function rollup_mark_${table}()`;
    const del = `create trigger rollup_mark_del after delete on ${table}
      referencing old table as old_rows for each statement execute function rollup_mark_${table}()`;
    // A person's register class matters only when it changes; a new person has no enrolment yet.
    const triggers = table === 'inmates' ? [upd] : [ins, upd, del];
    for (const t of triggers) await sql.raw(t).execute(db);
  }

  // What the records hold already is counted by the first run of the job.
  for (const [table, pairs] of Object.entries(SOURCES)) {
    if (table === 'inmates') continue;
    await sql
      .raw(`insert into rollup_dirty (unit_id, month)
        select distinct x.unit_id, date_trunc('month', x.day)::date
          from (${pairs.replaceAll('from rows r', `from ${table} r`)}) as x(unit_id, day)
         where x.unit_id is not null and x.day is not null`)
      .execute(db);
  }

  // The recount of one unit-month reads each table by (unit, day) or (programme, day); these two
  // were missing (sessions, marks, enrolments, production, sales, premi, PNBP had theirs).
  await sql`create index certificates_unit_issued_idx on certificates (unit_id, issued_on)`.execute(db);
  await sql`create index qc_batches_unit_checked_idx on qc_batches (unit_id, checked_on)`.execute(db);
}
