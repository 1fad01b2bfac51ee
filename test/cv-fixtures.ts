// Builders for the CV and data-subject export tests: one person's training record (a knitting
// class with a partner, a competent curriculum unit, a certificate, marks, production and a quality
// check), a job offer with an application, and a consent row.
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/database.ts';
import type { ConsentPurpose, MarkStatus } from '../src/db/schema.ts';
import { buildSession } from './attendance-fixtures.ts';
import { buildEnrolment, buildMark } from './builders.ts';

const uniq = () => randomBytes(4).toString('hex');

export interface TrainingRecord {
  programmeId: string;
  enrolmentId: string;
  certificateNumber: string;
  verifyToken: string;
}

/** Rajut Dasar with the partner: 4 held sessions (3 present, 1 alpa) and 1 cancelled, 12 made, 9 of 10 passed. */
export async function buildTrainingRecord(
  db: Db,
  o: { unitId: string; partnerId: string; inmateId: string; holder: string },
): Promise<TrainingRecord> {
  const programme = await db
    .insertInto('programmes')
    .values({
      unit_id: o.unitId,
      name: 'Pelatihan Merajut Dasar',
      kind: 'training',
      skill_area: 'Rajut',
      partner_id: o.partnerId,
      agreement_id: null,
      location: 'Aula',
      capacity: 20,
      status: 'finished',
      eligibility: JSON.stringify({}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const enrolment = await buildEnrolment(db, {
    programme_id: programme.id,
    inmate_id: o.inmateId,
    name: o.holder,
    started_on: '2026-03-02',
    status: 'completed',
  });
  await db.updateTable('enrolments').set({ ended_on: '2026-06-30' }).where('id', '=', enrolment.id).execute();
  const units = await db
    .insertInto('curriculum_units')
    .values([
      {
        programme_id: programme.id,
        position: 1,
        code: 'RJT.01',
        title: 'Membuat tusuk rantai',
        target_hours: 8,
        core: true,
      },
      {
        programme_id: programme.id,
        position: 2,
        code: 'RJT.02',
        title: 'Merajut tas',
        target_hours: 16,
        core: false,
      },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('competency_assessments')
    .values([
      {
        enrolment_id: enrolment.id,
        curriculum_unit_id: units[0]?.id ?? '',
        status: 'competent',
        assessed_on: '2026-06-20',
        evidence: 'Praktik',
        assessed_by: null,
      },
      {
        enrolment_id: enrolment.id,
        curriculum_unit_id: units[1]?.id ?? '',
        status: 'not_yet_competent',
        assessed_on: '2026-06-20',
        evidence: null,
        assessed_by: null,
      },
    ])
    .execute();
  const marks: Array<[string, MarkStatus | null]> = [
    ['2026-03-02', 'hadir'],
    ['2026-03-09', 'terlambat'],
    ['2026-03-16', 'hadir'],
    ['2026-03-23', 'alpa'],
  ];
  for (const [day, status] of marks) {
    const s = await buildSession(db, { programme_id: programme.id, day });
    if (status) await buildMark(db, { session_id: s.id, enrolment_id: enrolment.id, status });
  }
  // A cancelled session's mark does not count.
  const cancelled = await buildSession(db, {
    programme_id: programme.id,
    day: '2026-03-30',
    status: 'cancelled',
  });
  await buildMark(db, { session_id: cancelled.id, enrolment_id: enrolment.id, status: 'alpa' });

  const kind = await db
    .insertInto('product_kinds')
    .values({ code: `K${uniq()}`, name: 'Rajutan' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const product = await db
    .insertInto('products')
    .values({
      unit_id: o.unitId,
      programme_id: programme.id,
      kind_id: kind.id,
      name: 'Tas rajut',
      rate_name: null,
      route: 'partner',
      price: null,
      description: null,
      photo_file_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('production_entries')
    .values([
      {
        unit_id: o.unitId,
        programme_id: programme.id,
        session_id: null,
        day: '2026-03-09',
        enrolment_id: enrolment.id,
        product_id: product.id,
        finished: 5,
      },
      {
        unit_id: o.unitId,
        programme_id: programme.id,
        session_id: null,
        day: '2026-03-16',
        enrolment_id: enrolment.id,
        product_id: product.id,
        finished: 7,
      },
    ])
    .execute();
  const batch = await db
    .insertInto('qc_batches')
    .values({
      unit_id: o.unitId,
      partner_id: o.partnerId,
      programme_id: programme.id,
      agreement_id: null,
      number: `QC-${uniq()}`,
      sent_on: '2026-03-20',
      checked_on: '2026-03-25',
      status: 'checked',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('qc_batch_lines')
    .values({
      batch_id: batch.id,
      enrolment_id: enrolment.id,
      product_id: product.id,
      submitted: 10,
      passed: 9,
      rate: null,
    })
    .execute();
  const certificateNumber = `SERT/${uniq()}/2026`;
  const verifyToken = `tok${uniq()}${uniq()}`;
  await db
    .insertInto('certificates')
    .values({
      number: certificateNumber,
      verify_token: verifyToken,
      enrolment_id: enrolment.id,
      programme_id: programme.id,
      unit_id: o.unitId,
      holder_name: o.holder,
      holder_initials: 'S. A.',
      issued_on: '2026-07-01',
      hours: 24,
      attendance_rate: 75,
      competencies: JSON.stringify([]),
      issued_by: null,
    })
    .execute();
  return { programmeId: programme.id, enrolmentId: enrolment.id, certificateNumber, verifyToken };
}

/** An open offer of the partner and the person's application to it. */
export async function buildApplication(db: Db, o: { unitId: string; partnerId: string; inmateId: string }) {
  const offer = await db
    .insertInto('job_offers')
    .values({
      unit_id: o.unitId,
      partner_id: o.partnerId,
      position: 'Perajut rumahan',
      place: 'Magetan',
      home_based: true,
      pay_from: 1500000,
      pay_to: null,
      pay_basis: 'month',
      requirements: '',
      skill_area: 'Rajut',
      opens_on: '2026-11-01',
      closes_on: '2026-12-31',
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return db
    .insertInto('job_applications')
    .values({
      offer_id: offer.id,
      inmate_id: o.inmateId,
      unit_id: o.unitId,
      partner_id: o.partnerId,
      applied_on: '2026-11-20',
      status_on: '2026-11-20',
      note: null,
      created_by: null,
    })
    .returning(['id', 'offer_id'])
    .executeTakeFirstOrThrow();
}

export async function giveConsent(
  db: Db,
  o: { unitId: string; inmateId: string; purpose: ConsentPurpose; givenOn?: string },
) {
  return db
    .insertInto('reintegration_consents')
    .values({
      inmate_id: o.inmateId,
      unit_id: o.unitId,
      purpose: o.purpose,
      given_on: o.givenOn ?? '2026-11-01',
      note: null,
      recorded_by: null,
      withdrawn_on: null,
      withdrawn_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
