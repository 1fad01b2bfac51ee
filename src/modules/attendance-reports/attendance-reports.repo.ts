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
import { isPresent, MARK_STATUSES } from '../attendance/attendance.rules.ts';

// The statuses that end a run of absences, taken from the rules so SQL and rules cannot disagree.
const PRESENT = MARK_STATUSES.filter(isPresent);

/** Programmes (`pr`) the viewer may see: their units, and for an instructor only their partner's. */
const scopeSql = (scope: Scope) => scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' });

export interface ParticipantMarkRow {
  enrolment_id: string;
  kind: ParticipantKind;
  name: string;
  inmate_id: string | null;
  reg_number: string | null;
  enrolment_status: EnrolmentStatus;
  started_on: string;
  ended_on: string | null;
  mark: MarkStatus | null;
  day: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
}

/**
 * Every participant of a programme with their marks on held (not cancelled) sessions, oldest
 * first; a participant with no mark yet comes back once with a null mark.
 */
export async function participantMarks(conn: Conn, programmeId: string, enrolmentId?: string) {
  const r = await sql<ParticipantMarkRow>`
    select e.id as enrolment_id, e.kind, e.name, e.inmate_id, i.reg_number,
           e.status as enrolment_status, e.started_on, e.ended_on,
           m.status as mark, m.day, m.starts_at, m.ends_at
      from enrolments e
      left join inmates i on i.id = e.inmate_id
      left join lateral (
        select a.status, s.day, s.starts_at, s.ends_at
          from attendance_marks a
          join programme_sessions s on s.id = a.session_id and s.status = 'scheduled'
         where a.enrolment_id = e.id
      ) m on true
     where e.programme_id = ${programmeId}
       ${enrolmentId ? sql`and e.id = ${enrolmentId}` : sql``}
     order by e.name, e.id, m.starts_at`.execute(conn);
  return r.rows;
}

export interface MonthRow {
  month: string;
  held: number;
  cancelled: number;
  participants: number;
  counts: Record<MarkStatus, number>;
}

/** Per calendar month up to `today`: sessions held and cancelled, participants marked, marks by status. */
export async function monthSummary(conn: Conn, programmeId: string, today: string): Promise<MonthRow[]> {
  const r = await sql<Record<string, string | number>>`
    select to_char(s.day, 'YYYY-MM') as month,
           count(distinct s.id) filter (where s.status = 'scheduled') as held,
           count(distinct s.id) filter (where s.status = 'cancelled') as cancelled,
           count(distinct a.enrolment_id) filter (where s.status = 'scheduled') as participants,
           ${sql.join(
             MARK_STATUSES.map(
               (st) =>
                 sql`count(a.id) filter (where s.status = 'scheduled' and a.status = ${st}) as ${sql.ref(st)}`,
             ),
           )}
      from programme_sessions s
      left join attendance_marks a on a.session_id = s.id
     where s.programme_id = ${programmeId} and s.day <= ${today}
     group by 1
     order by 1`.execute(conn);
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

export interface TailRow {
  enrolment_id: string;
  name: string;
  kind: ParticipantKind;
  inmate_id: string | null;
  programme_id: string;
  programme_name: string;
  mark: MarkStatus;
  day: string;
}

/**
 * For the unit's active participants, the marks after their latest presence (oldest first): the
 * only marks a current run of absences can be made of. Most participants have none.
 */
export async function absenceTails(conn: Conn, scope: Scope, unitId: string) {
  const r = await sql<TailRow>`
    with e as (
      select e.id, e.name, e.kind, e.inmate_id, pr.id as programme_id, pr.name as programme_name
        from enrolments e
        join programmes pr on pr.id = e.programme_id
       where e.status = 'active' and pr.unit_id = ${unitId} and ${scopeSql(scope)}
    ), last_present as (
      select a.enrolment_id, max(s.starts_at) as at
        from attendance_marks a
        join programme_sessions s on s.id = a.session_id and s.status = 'scheduled'
       where a.enrolment_id in (select id from e) and a.status = any(${[...PRESENT]}::text[])
       group by a.enrolment_id
    )
    select e.id as enrolment_id, e.name, e.kind, e.inmate_id, e.programme_id, e.programme_name,
           a.status as mark, s.day
      from e
      join attendance_marks a on a.enrolment_id = e.id
      join programme_sessions s on s.id = a.session_id and s.status = 'scheduled'
      left join last_present lp on lp.enrolment_id = e.id
     where s.starts_at > coalesce(lp.at, '-infinity'::timestamptz)
     order by e.programme_name, e.name, e.id, s.starts_at`.execute(conn);
  return r.rows;
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
