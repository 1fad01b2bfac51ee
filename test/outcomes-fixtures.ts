// Builders for the outcome tests: a participant of a programme released on a day, with a consent to
// follow-up and the follow-ups given (straight into the tables: the outcome figures are counts of
// what the records hold, whichever page wrote them).
import type { Db } from '../src/db/database.ts';
import { buildInmate } from './builders.ts';

export interface FollowUpSpec {
  month_no: 1 | 3 | 6 | 12;
  contact_lost?: boolean;
  work_status?: 'employed' | 'own_business' | 'not_working';
  reoffended?: boolean;
}

/** A person enrolled in `programme_id` (completed), released on `released_on`, with follow-ups. */
export async function buildReleased(
  db: Db,
  o: {
    unit_id: string;
    programme_id: string;
    released_on: string;
    followUps?: readonly FollowUpSpec[];
    /** Another programme the person also took (of any unit). */
    alsoIn?: string;
  },
) {
  const inmate = await buildInmate(db, { unit_id: o.unit_id, status: 'released' });
  for (const programme_id of [o.programme_id, ...(o.alsoIn ? [o.alsoIn] : [])])
    await db
      .insertInto('enrolments')
      .values({
        programme_id,
        kind: 'inmate',
        inmate_id: inmate.id,
        intake_candidate_id: null,
        name: inmate.name,
        institution: null,
        period_from: null,
        period_to: null,
        status: 'completed',
        end_reason: null,
        status_note: null,
        started_on: '2025-06-01',
        ended_on: '2025-12-20',
      })
      .execute();
  await db
    .insertInto('reintegration_cases')
    .values({
      inmate_id: inmate.id,
      unit_id: o.unit_id,
      integrasi_kind: null,
      integrasi_date: null,
      decree_number: null,
      decree_date: null,
      plan: 'work',
      guarantor_name: null,
      guarantor_relation: null,
      guarantor_phone: null,
      address_after_release: null,
      bank_name: null,
      bank_account: null,
      bapas_unit_id: null,
      pk_user_id: null,
      released_on: o.released_on,
      release_kind: 'ekspirasi',
      pseudonymised_at: null,
      created_by: null,
    })
    .execute();
  await db
    .insertInto('reintegration_consents')
    .values({
      inmate_id: inmate.id,
      unit_id: o.unit_id,
      purpose: 'follow_up',
      given_on: '2025-12-01',
      note: null,
      recorded_by: null,
      withdrawn_on: null,
      withdrawn_by: null,
    })
    .execute();
  const months = { 1: 1, 3: 3, 6: 6, 12: 12 } as const;
  for (const f of o.followUps ?? []) {
    const d = new Date(`${o.released_on}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + months[f.month_no]);
    await db
      .insertInto('follow_ups')
      .values({
        inmate_id: inmate.id,
        unit_id: o.unit_id,
        month_no: f.month_no,
        contacted_on: d.toISOString().slice(0, 10),
        contact_lost: f.contact_lost ?? false,
        work_status: f.contact_lost ? (f.work_status ?? null) : (f.work_status ?? 'not_working'),
        reoffended: f.reoffended ?? false,
        income_band: null,
        in_trade: null,
        note: null,
        recorded_by: null,
      })
      .execute();
  }
  return inmate;
}
