// Builders for the follow-ups after release: a person's consent (follow_up or cv_sharing) straight
// in the database, given on a day and optionally withdrawn.
import type { Db } from '../src/db/database.ts';
import type { ConsentPurpose } from '../src/db/schema.ts';

export async function buildConsent(
  db: Db,
  o: {
    inmate_id: string;
    unit_id: string;
    purpose?: ConsentPurpose;
    given_on: string;
    withdrawn_on?: string;
  },
) {
  return db
    .insertInto('reintegration_consents')
    .values({
      inmate_id: o.inmate_id,
      unit_id: o.unit_id,
      purpose: o.purpose ?? 'follow_up',
      given_on: o.given_on,
      note: null,
      recorded_by: null,
      withdrawn_on: o.withdrawn_on ?? null,
      withdrawn_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
