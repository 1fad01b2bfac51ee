// Builders for attendance tests and the benchmark: a programme, a session on a day, participants.
import { dayInZone, ZONE_OFFSET } from '../src/app/format.ts';
import type { Db } from '../src/db/database.ts';
import type { ParticipantKind } from '../src/db/schema.ts';
import { addDays } from '../src/modules/programmes/schedule.rules.ts';

export const todayWib = () => dayInZone(new Date(), 'Asia/Jakarta');
export const daysFromToday = (n: number) => addDays(todayWib(), n);

export async function buildProgramme(
  db: Db,
  o: { unit_id: string; partner_id?: string | null; name?: string; capacity?: number },
) {
  return db
    .insertInto('programmes')
    .values({
      unit_id: o.unit_id,
      name: o.name ?? `Pelatihan ${Math.random().toString(36).slice(2, 8)}`,
      kind: 'training',
      skill_area: null,
      partner_id: o.partner_id ?? null,
      agreement_id: null,
      location: 'Aula',
      capacity: o.capacity ?? 30,
      status: 'running',
      eligibility: JSON.stringify({}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildSession(
  db: Db,
  o: { programme_id: string; day: string; status?: 'scheduled' | 'cancelled'; cancel_reason?: string },
) {
  const off = ZONE_OFFSET['Asia/Jakarta'];
  return db
    .insertInto('programme_sessions')
    .values({
      programme_id: o.programme_id,
      schedule_id: null,
      day: o.day,
      starts_at: new Date(`${o.day}T09:00:00${off}`),
      ends_at: new Date(`${o.day}T12:00:00${off}`),
      status: o.status ?? 'scheduled',
      cancel_reason: o.status === 'cancelled' ? (o.cancel_reason ?? 'Kegiatan pembinaan lain') : null,
      extra: true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Participants (staff kind, no inmate record needed) enrolled from `started_on`, named in order. */
export async function buildParticipants(
  db: Db,
  o: {
    programme_id: string;
    n: number;
    started_on: string;
    ended_on?: string;
    kind?: ParticipantKind;
    prefix?: string;
  },
) {
  if (o.n === 0) return [];
  return db
    .insertInto('enrolments')
    .values(
      Array.from({ length: o.n }, (_, i) => ({
        programme_id: o.programme_id,
        kind: o.kind ?? 'staff',
        inmate_id: null,
        intake_candidate_id: null,
        name: `${o.prefix ?? 'Peserta'} ${String(i + 1).padStart(3, '0')}`,
        institution: null,
        period_from: null,
        period_to: null,
        status: o.ended_on ? 'withdrawn' : 'active',
        end_reason: o.ended_on ? 'own_request' : null,
        status_note: null,
        started_on: o.started_on,
        ended_on: o.ended_on ?? null,
      })),
    )
    .returningAll()
    .execute();
}
