// What the premi runs need beyond the production generator (bench/generate-production.ts already
// writes quality-check lines with the agreement's piece rates, own sales, unit-bought materials and
// offtake payments): attendance marks of the training programmes' participants, which the trainee
// minimum counts, and a minimum per session on every unit, so top-ups happen.
//
// Set-based SQL over what the generator wrote (no audit records, as the rest of the generator):
// every participant of a training programme is marked for each session in the window while enrolled,
// present about nine times in ten (deterministic: a hash of the session and the enrolment).
import type pg from 'pg';

export interface PremiDataResult {
  marks: number;
  units: number;
}

export async function generatePremiData(
  client: pg.PoolClient,
  o: { unitIds: readonly string[]; from: string; to: string; minSession?: number },
): Promise<PremiDataResult> {
  const units = await client.query(`update units set premi_min_session = $2 where id = any($1::uuid[])`, [
    o.unitIds,
    o.minSession ?? 3_000,
  ]);
  const marks = await client.query(
    `insert into attendance_marks (session_id, enrolment_id, status)
     select ps.id, e.id,
            case when abs(hashtext(ps.id::text || e.id::text)) % 10 = 0 then 'alpa' else 'hadir' end
       from programmes pr
       join programme_sessions ps on ps.programme_id = pr.id
       join enrolments e on e.programme_id = pr.id
      where pr.unit_id = any($1::uuid[]) and pr.kind = 'training' and ps.status <> 'cancelled'
        and ps.day between $2 and $3 and ps.day >= e.started_on
        and (e.ended_on is null or ps.day < e.ended_on)
     on conflict do nothing`,
    [o.unitIds, o.from, o.to],
  );
  return { marks: marks.rowCount ?? 0, units: units.rowCount ?? 0 };
}
