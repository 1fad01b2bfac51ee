// Attendance at scale for the synthetic-data generator (`--marks`): every programme is topped up to
// --attendance-participants participants from its unit's active inmates (the production generator's
// makers stay and count), and every participant gets a mark on every held session of the window up
// to "today" while enrolled: mostly present, now and then late, excused, sick, absent or called away.
//
// Set-based SQL over what the generator wrote, inside its transaction: the rows are made where they
// land instead of being streamed from node (15 million marks would otherwise cross the socket as
// COPY text). Deterministic all the same: ids are md5 of the session and the enrolment (or of the
// programme and the inmate), participants are picked by md5 order, a mark's status by hashtext.
// Like the rest of the generator no audit records are written, and where the role allows it the
// triggers (the aggregates' dirty marks and the foreign-key checks) are off for these inserts:
// the bench recounts the aggregates of every unit-month afterwards (bench/generate-rollups.ts).
import type pg from 'pg';

export interface AttendanceOptions {
  /** Participants per programme after the top-up (the production makers included). */
  participantsPerProgramme: number;
  /** Sessions on or before this day are held and get their marks (YYYY-MM-DD). */
  today: string;
  /** Units per statement (progress is logged after each batch). */
  batch?: number;
  /**
   * Programmes topped up to another number of participants, picked among the inmates staying past
   * `stayUntil` (no expected release date, or a later one): the big programme's roll call of
   * today then offers every one of them.
   */
  overrides?: ReadonlyArray<{ programmeId: string; participants: number; stayUntil: string }>;
  /** Only these programmes of the units (a programme added to data generated earlier). */
  programmeIds?: readonly string[];
}

export interface AttendanceResult {
  enrolments: number;
  marks: number;
}

/** Twelve statuses, picked by a hash of the session and the enrolment: 7 in 12 hadir. */
const STATUSES = `array['hadir','hadir','hadir','hadir','hadir','hadir','hadir','terlambat','izin','sakit','alpa','dispensasi']`;

export async function generateAttendance(
  client: pg.PoolClient,
  unitIds: readonly string[],
  o: AttendanceOptions,
  log: (m: string) => void = () => {},
): Promise<AttendanceResult> {
  let replica = true;
  await client.query('savepoint attendance_triggers');
  try {
    await client.query('set local session_replication_role = replica');
    await client.query('release savepoint attendance_triggers');
  } catch {
    replica = false;
    await client.query('rollback to savepoint attendance_triggers');
  }
  if (!replica) log('  attendance: not a superuser, so the triggers fire for every mark (slower)');
  const batch = o.batch ?? 25;
  let enrolments = 0;
  let marks = 0;
  const t0 = performance.now();
  for (let i = 0; i < unitIds.length; i += batch) {
    const ids = unitIds.slice(i, i + batch);
    // The top-up: inmates active in the unit and not yet in the programme, from the programme's
    // first session (or its start), by a stable order of the programme and the inmate.
    const e = await client.query(
      `insert into enrolments (id, programme_id, kind, inmate_id, name, status, started_on)
       select md5(pr.id::text || i.id::text)::uuid, pr.id, 'inmate', i.id, i.name, 'active', f.day
         from programmes pr
         cross join lateral (select coalesce(min(s.day), $3::date) as day from programme_sessions s
                              where s.programme_id = pr.id) f
         cross join lateral (select count(*)::int as n from enrolments x where x.programme_id = pr.id) have
         left join unnest($4::uuid[], $5::int[], $6::date[]) as o(programme_id, n, stay_until)
                on o.programme_id = pr.id
         cross join lateral (
           select i.id, i.name from inmates i
            where i.unit_id = pr.unit_id and i.status = 'active'
              and not exists (select 1 from enrolments x where x.programme_id = pr.id and x.inmate_id = i.id)
              and (o.stay_until is null or i.expected_release_date is null
                   or i.expected_release_date > o.stay_until)
            order by md5(pr.id::text || i.id::text)
            limit greatest(0, coalesce(o.n, $2::int) - have.n)) i
        where pr.unit_id = any($1::uuid[]) and ($7::uuid[] is null or pr.id = any($7::uuid[]))`,
      [
        ids,
        o.participantsPerProgramme,
        o.today,
        (o.overrides ?? []).map((x) => x.programmeId),
        (o.overrides ?? []).map((x) => x.participants),
        (o.overrides ?? []).map((x) => x.stayUntil),
        o.programmeIds ?? null,
      ],
    );
    enrolments += e.rowCount ?? 0;
    const m = await client.query(
      `insert into attendance_marks (id, session_id, enrolment_id, status, recorded_at, updated_at)
       select md5(s.id::text || e.id::text)::uuid, s.id, e.id,
              (${STATUSES})[1 + abs(hashtext(s.id::text || e.id::text)) % 12], s.ends_at, s.ends_at
         from programmes pr
         join programme_sessions s on s.programme_id = pr.id and s.status = 'scheduled' and s.day <= $2::date
         join enrolments e on e.programme_id = pr.id and s.day >= e.started_on
                          and (e.ended_on is null or s.day < e.ended_on)
        where pr.unit_id = any($1::uuid[]) and ($3::uuid[] is null or pr.id = any($3::uuid[]))`,
      [ids, o.today, o.programmeIds ?? null],
    );
    marks += m.rowCount ?? 0;
    const s = (performance.now() - t0) / 1000;
    log(
      `  attendance: ${Math.min(i + batch, unitIds.length)} / ${unitIds.length} units, ` +
        `${enrolments.toLocaleString('en')} enrolments added, ${marks.toLocaleString('en')} marks, ` +
        `${Math.round(marks / s).toLocaleString('en')} marks/s`,
    );
  }
  if (replica) await client.query('set local session_replication_role = origin');
  return { enrolments, marks };
}
