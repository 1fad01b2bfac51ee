// Builders for jobs and own business (#16): a person trained in a skill area (a completed
// programme, competent curriculum units), a partner's instructor account, and CV-sharing consent
// given or withdrawn straight in the database.
import type { Db } from '../src/db/database.ts';
import { buildEnrolment, buildInmate, buildPartner, buildUser } from './builders.ts';

/** A programme of the unit in a skill area, with curriculum units (code, title). */
export async function buildSkillProgramme(
  db: Db,
  o: {
    unit_id: string;
    skill_area: string | null;
    name?: string;
    units?: Array<{ code: string | null; title: string }>;
  },
) {
  const programme = await db
    .insertInto('programmes')
    .values({
      unit_id: o.unit_id,
      name: o.name ?? `Pelatihan ${o.skill_area ?? 'umum'} ${Math.random().toString(36).slice(2, 6)}`,
      kind: 'training',
      skill_area: o.skill_area,
      partner_id: null,
      agreement_id: null,
      location: null,
      capacity: 20,
      eligibility: '{}',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const units = [];
  let position = 1;
  for (const u of o.units ?? []) {
    units.push(
      await db
        .insertInto('curriculum_units')
        .values({
          programme_id: programme.id,
          position: position++,
          code: u.code,
          title: u.title,
          target_hours: 10,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return { programme, units };
}

/**
 * An inmate who took part in the programme: `completed` ends the enrolment completed, and each
 * curriculum unit in `competentIn` is assessed competent.
 */
export async function buildTrainee(
  db: Db,
  o: {
    unit_id: string;
    programme_id: string;
    name?: string;
    completed?: boolean;
    competentIn?: readonly string[];
    status?: 'active' | 'released';
  },
) {
  const inmate = await buildInmate(db, {
    unit_id: o.unit_id,
    ...(o.name ? { name: o.name } : {}),
    ...(o.status ? { status: o.status } : {}),
  });
  const enrolment = await buildEnrolment(db, {
    programme_id: o.programme_id,
    inmate_id: inmate.id,
    name: inmate.name,
    status: o.completed ? 'completed' : 'active',
  });
  for (const unitId of o.competentIn ?? [])
    await db
      .insertInto('competency_assessments')
      .values({
        enrolment_id: enrolment.id,
        curriculum_unit_id: unitId,
        status: 'competent',
        assessed_on: '2026-06-01',
        evidence: 'Praktik',
        assessed_by: null,
      })
      .execute();
  return inmate;
}

/** A partner of the unit and one instructor account tied to it. */
export async function buildPartnerWithInstructor(db: Db, unitId: string, legal_name?: string) {
  const partner = await buildPartner(db, { unit_id: unitId, ...(legal_name ? { legal_name } : {}) });
  const user = await buildUser(db, { roles: ['instruktur_mitra'], unit_id: unitId });
  await db.updateTable('users').set({ partner_id: partner.id }).where('id', '=', user.id).execute();
  return { partner, instructor: user };
}

/** A live CV-sharing consent given on a day. */
export async function giveCvConsent(
  db: Db,
  inmate: { id: string; unit_id: string },
  given_on = '2026-10-01',
) {
  return db
    .insertInto('reintegration_consents')
    .values({
      inmate_id: inmate.id,
      unit_id: inmate.unit_id,
      purpose: 'cv_sharing',
      given_on,
      note: null,
      recorded_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Withdraws the live CV-sharing consent on a day. */
export async function withdrawCvConsent(db: Db, inmateId: string, on: string) {
  await db
    .updateTable('reintegration_consents')
    .set({ withdrawn_on: on })
    .where('inmate_id', '=', inmateId)
    .where('purpose', '=', 'cv_sharing')
    .where('withdrawn_on', 'is', null)
    .execute();
}

/** A catalogue product of the unit, made in a programme when given. */
export async function buildCatalogueProduct(
  db: Db,
  o: { unit_id: string; name: string; programme_id?: string },
) {
  const kind = await db
    .insertInto('product_kinds')
    .values({ code: `K${Math.random().toString(36).slice(2, 8)}`, name: 'Rajutan' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return db
    .insertInto('products')
    .values({
      unit_id: o.unit_id,
      programme_id: o.programme_id ?? null,
      kind_id: kind.id,
      name: o.name,
      rate_name: null,
      route: 'own',
      price: null,
      description: null,
      photo_file_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
