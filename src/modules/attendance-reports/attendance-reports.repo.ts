// A reporting module: read-only, set-based SQL straight over attendance_marks, programme_sessions
// and enrolments (one query per summary, no per-row queries). Nothing here writes.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type {
  EnrolmentStatus,
  MarkStatus,
  ParticipantKind,
  RegisterClass,
  SessionStatus,
  TimeZone,
} from '../../db/schema.ts';
import { isAbsent, isPresent, MARK_STATUSES } from '../attendance/attendance.rules.ts';

// The statuses that end a run of absences, taken from the rules so SQL and rules cannot disagree.
const PRESENT = MARK_STATUSES.filter(isPresent);

/** Programmes (`pr`) the viewer may see: their units, and for an instructor only their partner's. */
const scopeSql = (scope: Scope) => scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' });

// The statuses that count as absent: a run of them alerts staff (dispensations neither break nor
// extend one: they are neither present nor absent).
const ABSENT = MARK_STATUSES.filter(isAbsent);

/** A programme's report period: first and last day, both included ('YYYY-MM-DD'). */
export interface Period {
  from: string;
  to: string;
}

export interface ParticipantRow {
  enrolment_id: string;
  kind: ParticipantKind;
  name: string;
  inmate_id: string | null;
  reg_number: string | null;
  enrolment_status: EnrolmentStatus;
  started_on: string;
  ended_on: string | null;
  counts: Record<MarkStatus, number>;
  current_run: number;
  longest_run: number;
  hours: number;
  last_day: string | null;
}

/**
 * Every participant of a programme with the summary of their marks on held (not cancelled)
 * sessions in the period, computed in SQL: counts by status, hours present, the last day marked,
 * and the runs of absences (a run is the absences between two presences, dispensations skipped;
 * the current one is the run after the latest presence). The marks are read through the sessions
 * of the programme by the (session_id, enrolment_id) include (status) index, never the whole table.
 */
export async function participantSummaries(
  conn: Conn,
  programmeId: string,
  period: Period,
  enrolmentId?: string,
): Promise<ParticipantRow[]> {
  const present = sql`status = any(${[...PRESENT]}::text[])`;
  const absent = sql`status = any(${[...ABSENT]}::text[])`;
  const r = await sql<Record<string, string | number | null>>`
    with marks as (
      -- In each participant's session order: the absences so far.
      select a.enrolment_id, a.status, s.day, s.starts_at, s.id as session_id,
             round(extract(epoch from (s.ends_at - s.starts_at)) / 3600, 2) as hours,
             count(*) filter (where a.status = any(${[...ABSENT]}::text[])) over w as absences
        from programme_sessions s
        join attendance_marks a on a.session_id = s.id
       where s.programme_id = ${programmeId} and s.status = 'scheduled'
         and s.day between ${period.from} and ${period.to}
         ${enrolmentId ? sql`and a.enrolment_id = ${enrolmentId}` : sql``}
      window w as (partition by a.enrolment_id order by s.starts_at, s.id)
    ), runs as (
      -- The run at each mark: the absences since the latest presence (dispensations add nothing).
      select m.*, absences - coalesce(max(absences) filter (where ${present}) over w, 0) as run
        from marks m
      window w as (partition by enrolment_id order by starts_at, session_id)
    ), totals as (
      -- The same sort serves all three steps: one pass, grouped as it streams.
      select enrolment_id,
             ${sql.join(MARK_STATUSES.map((st) => sql`count(*) filter (where status = ${st}) as ${sql.ref(st)}`))},
             coalesce(sum(hours) filter (where ${present}), 0) as hours, max(day) as last_day,
             max(run) as longest_run,
             count(*) filter (where ${absent}) - coalesce(max(absences) filter (where ${present}), 0) as current_run
        from runs
       group by 1
    )
    select e.id as enrolment_id, e.kind, e.name, e.inmate_id, i.reg_number,
           e.status as enrolment_status, e.started_on, e.ended_on,
           ${sql.join(MARK_STATUSES.map((st) => sql`t.${sql.ref(st)}`))},
           t.hours, t.last_day, t.current_run, t.longest_run
      from enrolments e
      left join inmates i on i.id = e.inmate_id
      left join totals t on t.enrolment_id = e.id
     where e.programme_id = ${programmeId}
       ${enrolmentId ? sql`and e.id = ${enrolmentId}` : sql``}
     order by e.name, e.id`.execute(conn);
  return r.rows.map((row) => ({
    enrolment_id: String(row.enrolment_id),
    kind: row.kind as ParticipantKind,
    name: String(row.name),
    inmate_id: row.inmate_id === null ? null : String(row.inmate_id),
    reg_number: row.reg_number === null ? null : String(row.reg_number),
    enrolment_status: row.enrolment_status as EnrolmentStatus,
    started_on: String(row.started_on),
    ended_on: row.ended_on === null ? null : String(row.ended_on),
    counts: Object.fromEntries(MARK_STATUSES.map((st) => [st, toNumber(row[st])])) as Record<
      MarkStatus,
      number
    >,
    current_run: toNumber(row.current_run),
    longest_run: toNumber(row.longest_run),
    hours: toNumber(row.hours),
    last_day: row.last_day === null ? null : String(row.last_day),
  }));
}

/** One participant's marks on held sessions, oldest first (their record page lists each). */
export async function marksOf(conn: Conn, programmeId: string, enrolmentId: string) {
  const r = await sql<{ day: string; status: MarkStatus }>`
    select s.day, a.status
      from attendance_marks a
      join programme_sessions s on s.id = a.session_id and s.status = 'scheduled'
     where a.enrolment_id = ${enrolmentId} and s.programme_id = ${programmeId}
     order by s.starts_at, s.id`.execute(conn);
  return r.rows;
}

export interface MonthRow {
  month: string;
  held: number;
  cancelled: number;
  participants: number;
  counts: Record<MarkStatus, number>;
}

/**
 * Per calendar month of the period: sessions held and cancelled, participants marked, marks by
 * status. Marks are joined to held sessions only, and counted from the index (no mark's row read).
 */
export async function monthSummary(conn: Conn, programmeId: string, period: Period): Promise<MonthRow[]> {
  const r = await sql<Record<string, string | number>>`
    with sessions as (
      select to_char(s.day, 'YYYY-MM') as month,
             count(*) filter (where s.status = 'scheduled') as held,
             count(*) filter (where s.status = 'cancelled') as cancelled
        from programme_sessions s
       where s.programme_id = ${programmeId} and s.day between ${period.from} and ${period.to}
       group by 1
    ), people as (
      -- One row per participant and month (grouped by hash, not sorted): their marks by status.
      select to_char(s.day, 'YYYY-MM') as month, a.enrolment_id,
             ${sql.join(MARK_STATUSES.map((st) => sql`count(*) filter (where a.status = ${st}) as ${sql.ref(st)}`))}
        from programme_sessions s
        join attendance_marks a on a.session_id = s.id
       where s.programme_id = ${programmeId} and s.status = 'scheduled'
         and s.day between ${period.from} and ${period.to}
       group by 1, 2
    )
    select s.month, s.held, s.cancelled, count(p.enrolment_id) as participants,
           ${sql.join(MARK_STATUSES.map((st) => sql`coalesce(sum(p.${sql.ref(st)}), 0) as ${sql.ref(st)}`))}
      from sessions s
      left join people p on p.month = s.month
     group by s.month, s.held, s.cancelled
     order by s.month`.execute(conn);
  return r.rows.map((row) => ({
    month: String(row.month),
    held: toNumber(row.held),
    cancelled: toNumber(row.cancelled),
    participants: toNumber(row.participants),
    counts: Object.fromEntries(MARK_STATUSES.map((st) => [st, toNumber(row[st])])) as Record<
      MarkStatus,
      number
    >,
  }));
}

export interface SessionHead {
  id: string;
  programme_id: string;
  programme_name: string;
  unit_id: string;
  timezone: TimeZone;
  day: string;
  starts_at: Date;
  ends_at: Date;
  status: SessionStatus;
  cancel_reason: string | null;
}

export async function findSession(conn: Conn, scope: Scope, sessionId: string) {
  const r = await sql<SessionHead>`
    select s.id, s.programme_id, pr.name as programme_name, pr.unit_id, u.timezone, s.day,
           s.starts_at, s.ends_at, s.status, s.cancel_reason
      from programme_sessions s
      join programmes pr on pr.id = s.programme_id
      join units u on u.id = pr.unit_id
     where s.id = ${sessionId} and ${scopeSql(scope)}`.execute(conn);
  return r.rows[0];
}

export interface RosterRow {
  enrolment_id: string;
  name: string;
  kind: ParticipantKind;
  inmate_id: string | null;
  status: MarkStatus | null;
  note: string | null;
}

/** A session's roster (enrolments active on its day, or marked on it) with each one's mark. */
export async function sessionRoster(conn: Conn, s: { id: string; programme_id: string; day: string }) {
  const r = await sql<RosterRow>`
    select e.id as enrolment_id, e.name, e.kind, e.inmate_id, a.status, a.note
      from enrolments e
      left join attendance_marks a on a.enrolment_id = e.id and a.session_id = ${s.id}
     where e.programme_id = ${s.programme_id}
       and ((e.started_on <= ${s.day} and (e.ended_on is null or e.ended_on >= ${s.day})) or a.id is not null)
     order by e.name, e.id`.execute(conn);
  return r.rows;
}

export interface AbsenceRunRow {
  enrolment_id: string;
  name: string;
  kind: ParticipantKind;
  inmate_id: string | null;
  programme_id: string;
  programme_name: string;
  run: number;
  last_day: string;
}

/**
 * The unit's active participants whose current run of absences (the absences after their latest
 * presence, dispensations skipped) has reached `threshold`, with the day of their latest mark.
 * Counted in SQL: only the few who are on the list come back.
 */
export async function absenceRuns(conn: Conn, scope: Scope, unitId: string, threshold: number) {
  const r = await sql<AbsenceRunRow & { run: string | number }>`
    with e as (
      select e.id, e.name, e.kind, e.inmate_id, pr.id as programme_id, pr.name as programme_name
        from enrolments e
        join programmes pr on pr.id = e.programme_id
       where e.status = 'active' and pr.unit_id = ${unitId} and ${scopeSql(scope)}
    ), m as (
      -- Through the unit's sessions: each one's marks come from the (session_id) index alone.
      select a.enrolment_id, a.status, s.day, s.starts_at
        from programmes pr
        join programme_sessions s on s.programme_id = pr.id and s.status = 'scheduled'
        join attendance_marks a on a.session_id = s.id
       where pr.unit_id = ${unitId} and ${scopeSql(scope)}
    ), last_present as (
      select enrolment_id, max(starts_at) as at
        from m
       where status = any(${[...PRESENT]}::text[])
       group by 1
    )
    select e.id as enrolment_id, e.name, e.kind, e.inmate_id, e.programme_id, e.programme_name,
           count(*) filter (where m.status = any(${[...ABSENT]}::text[])) as run, max(m.day) as last_day
      from e
      join m on m.enrolment_id = e.id
      left join last_present lp on lp.enrolment_id = e.id
     where m.starts_at > coalesce(lp.at, '-infinity'::timestamptz)
     group by e.id, e.name, e.kind, e.inmate_id, e.programme_id, e.programme_name
    having count(*) filter (where m.status = any(${[...ABSENT]}::text[])) >= ${threshold}`.execute(conn);
  return r.rows.map((row): AbsenceRunRow => ({ ...row, run: toNumber(row.run) }));
}

export interface InmateHead {
  id: string;
  name: string;
  reg_number: string;
  register_class: RegisterClass;
  unit_id: string;
  unit_name: string;
  timezone: TimeZone;
}

/** The inmate, if they have a place in at least one programme the viewer may see. */
export async function findInmate(conn: Conn, scope: Scope, inmateId: string) {
  const r = await sql<InmateHead>`
    select i.id, i.name, i.reg_number, i.register_class, i.unit_id, u.name as unit_name, u.timezone
      from inmates i
      join units u on u.id = i.unit_id
     where i.id = ${inmateId}
       and exists (select 1 from enrolments e join programmes pr on pr.id = e.programme_id
                    where e.inmate_id = i.id and ${scopeSql(scope)})`.execute(conn);
  return r.rows[0];
}

export interface ParticipationRow {
  programme_id: string;
  programme_name: string;
  partner_name: string | null;
  session_id: string;
  day: string;
  starts_at: Date;
  ends_at: Date;
  session_status: SessionStatus;
  mark: MarkStatus | null;
  note: string | null;
  topic: string | null;
}

/**
 * An inmate's sessions in a month across every programme in scope: each session of a programme
 * they were enrolled in on its day, with their mark (if any) and the journal's topic.
 */
export async function participation(conn: Conn, scope: Scope, inmateId: string, from: string, to: string) {
  const r = await sql<ParticipationRow>`
    select pr.id as programme_id, pr.name as programme_name, p.legal_name as partner_name,
           s.id as session_id, s.day, s.starts_at, s.ends_at, s.status as session_status,
           a.status as mark, a.note, j.topic
      from enrolments e
      join programmes pr on pr.id = e.programme_id
      left join partners p on p.id = pr.partner_id
      join programme_sessions s on s.programme_id = e.programme_id and s.day between ${from} and ${to}
      left join attendance_marks a on a.session_id = s.id and a.enrolment_id = e.id
      left join session_journals j on j.session_id = s.id
     where e.inmate_id = ${inmateId} and ${scopeSql(scope)}
       and ((e.started_on <= s.day and (e.ended_on is null or e.ended_on >= s.day)) or a.id is not null)
     order by s.starts_at, pr.name`.execute(conn);
  return r.rows;
}

export interface ProgrammeOverviewRow {
  id: string;
  name: string;
  unit_name: string;
  participants: number;
  held: number;
  counts: Record<MarkStatus, number>;
}

export const OVERVIEW_PAGE = 50;

/**
 * One page of the programmes in scope with active participants, sessions held and marks by status.
 * The page is cut first, so a national viewer's page reads the marks of 50 programmes, not all.
 */
export async function programmesOverview(conn: Conn, scope: Scope, today: string, page: number) {
  const [r, total] = await Promise.all([
    sql<Record<string, string | number>>`
      select pr.id, pr.name, pr.unit_name,
             (select count(*) from enrolments e where e.programme_id = pr.id and e.status = 'active')
               as participants,
             (select count(*) from programme_sessions s
               where s.programme_id = pr.id and s.status = 'scheduled' and s.day <= ${today}) as held,
             ${sql.join(MARK_STATUSES.map((st) => sql`coalesce(m.${sql.ref(st)}, 0) as ${sql.ref(st)}`))}
        from (
          select pr.id, pr.name, u.name as unit_name
            from programmes pr
            join units u on u.id = pr.unit_id
           where ${scopeSql(scope)}
           order by u.name, pr.name, pr.id
           limit ${OVERVIEW_PAGE} offset ${(page - 1) * OVERVIEW_PAGE}
        ) pr
        left join lateral (
          select ${sql.join(
            MARK_STATUSES.map((st) => sql`count(*) filter (where a.status = ${st}) as ${sql.ref(st)}`),
          )}
            from programme_sessions s
            join attendance_marks a on a.session_id = s.id
           where s.programme_id = pr.id and s.status = 'scheduled'
        ) m on true
       order by pr.unit_name, pr.name, pr.id`.execute(conn),
    sql<{ n: string }>`select count(*) as n from programmes pr where ${scopeSql(scope)}`.execute(conn),
  ]);
  const rows = r.rows.map(
    (row): ProgrammeOverviewRow => ({
      id: String(row.id),
      name: String(row.name),
      unit_name: String(row.unit_name),
      participants: toNumber(row.participants),
      held: toNumber(row.held),
      counts: Object.fromEntries(MARK_STATUSES.map((st) => [st, toNumber(row[st])])) as Record<
        MarkStatus,
        number
      >,
    }),
  );
  return { rows, total: toNumber(total.rows[0]?.n), pageSize: OVERVIEW_PAGE };
}

/** The programme an enrolment belongs to, if the viewer may see that programme. */
export async function programmeOfEnrolment(conn: Conn, scope: Scope, enrolmentId: string) {
  const r = await sql<{ programme_id: string }>`
    select e.programme_id
      from enrolments e
      join programmes pr on pr.id = e.programme_id
     where e.id = ${enrolmentId} and ${scopeSql(scope)}`.execute(conn);
  return r.rows[0]?.programme_id;
}

export interface GroupMember {
  inmate_id: string;
  name: string;
  reg_number: string;
  register_class: RegisterClass;
  block: string | null;
}

/**
 * The inmates of a programme in a month (SPPN evidence in bulk): enrolled on some day of it, or
 * marked in it; optionally only those of one block. One row per person, by name.
 */
export async function programmeGroup(
  conn: Conn,
  scope: Scope,
  input: { programmeId: string; from: string; to: string; block?: string | undefined },
) {
  const { programmeId, from, to, block } = input;
  const r = await sql<GroupMember>`
    select distinct on (i.name, i.id) i.id as inmate_id, i.name, i.reg_number, i.register_class, i.block
      from enrolments e
      join programmes pr on pr.id = e.programme_id
      join inmates i on i.id = e.inmate_id
     where e.programme_id = ${programmeId} and ${scopeSql(scope)}
       and ${block === undefined ? sql`true` : sql`i.block = ${block}`}
       and ((e.started_on <= ${to} and (e.ended_on is null or e.ended_on >= ${from}))
            or exists (select 1 from attendance_marks a join programme_sessions s on s.id = a.session_id
                        where a.enrolment_id = e.id and s.day between ${from} and ${to}))
     order by i.name, i.id`.execute(conn);
  return r.rows;
}

/** The blocks the inmates of a programme live in (to print one block's evidence at a time). */
export async function programmeBlocks(conn: Conn, scope: Scope, programmeId: string): Promise<string[]> {
  const r = await sql<{ block: string }>`
    select distinct i.block
      from enrolments e
      join programmes pr on pr.id = e.programme_id
      join inmates i on i.id = e.inmate_id
     where e.programme_id = ${programmeId} and ${scopeSql(scope)} and i.block is not null
     order by i.block`.execute(conn);
  return r.rows.map((x) => x.block);
}
