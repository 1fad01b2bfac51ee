// Issue 16: reintegration outcomes in the monthly aggregates. Each programme (and unit) row of a
// month gains the outcome counts of the participants RELEASED in that month (a cohort by release
// month): released, followed up, six-month answers and those in work or own business, twelve-month
// answers and those who re-offended. A later follow-up changes the release month's row, so the
// release cases and follow-ups become trigger sources like the tables of 0027.
import { type Kysely, sql } from 'kysely';

const OUTCOMES = [
  'outcome_released',
  'outcome_followed_up',
  'outcome_m6',
  'outcome_m6_working',
  'outcome_m12',
  'outcome_m12_reoffended',
];

/**
 * How a changed row names the (unit, month) pairs it touches: the units of the programmes the
 * person was enrolled in, and the month of their release (the cohort the row counts in).
 */
const SOURCES: Record<string, string> = {
  reintegration_cases: `select pr.unit_id, r.released_on from rows r
      join enrolments e on e.inmate_id = r.inmate_id join programmes pr on pr.id = e.programme_id
      where r.released_on is not null`,
  follow_ups: `select pr.unit_id, c.released_on from rows r
      join reintegration_cases c on c.inmate_id = r.inmate_id
      join enrolments e on e.inmate_id = r.inmate_id join programmes pr on pr.id = e.programme_id
      where c.released_on is not null`,
};

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['rollup_unit_months', 'rollup_programme_months']) {
    await sql
      .raw(
        `alter table ${table} ${OUTCOMES.map((c) => `add column ${c} integer not null default 0`).join(', ')}`,
      )
      .execute(db);
  }
  // The recount finds a unit's released participants from its programmes' enrolments (by
  // programme) and their cases by person (unique); follow-ups are read by person (unique key).

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
    await sql
      .raw(`create trigger rollup_mark_ins after insert on ${table}
      referencing new table as new_rows for each statement execute function rollup_mark_${table}()`)
      .execute(db);
    await sql
      .raw(`create trigger rollup_mark_upd after update on ${table}
      referencing old table as old_rows new table as new_rows for each statement execute function rollup_mark_${table}()`)
      .execute(db);
    await sql
      .raw(`create trigger rollup_mark_del after delete on ${table}
      referencing old table as old_rows for each statement execute function rollup_mark_${table}()`)
      .execute(db);
    // What the records hold already is counted by the next run of the job.
    await sql
      .raw(`insert into rollup_dirty (unit_id, month)
        select distinct x.unit_id, date_trunc('month', x.day)::date
          from (${pairs.replaceAll('from rows r', `from ${table} r`)}) as x(unit_id, day)
         where x.unit_id is not null and x.day is not null`)
      .execute(db);
  }
}
