// Builders for the retention tests: a released person whose name, NIK, phone, address and bank
// account are written into every table the retention job must clean (straight into the tables:
// the job must find them whichever page wrote them).
import { sql } from 'kysely';
import { systemCtx } from '../src/app/principal.ts';
import type { Db } from '../src/db/database.ts';
import { recordAudit } from '../src/modules/audit/audit.service.ts';
import { buildProgramme, buildSession } from './attendance-fixtures.ts';
import { buildInmate, buildMark, buildPartner } from './builders.ts';
import { buildCertificate } from './rollups-fixtures.ts';

let serial = 0;

export interface PersonSpec {
  unit_id: string;
  name: string;
  nik: string;
  phone: string;
  /** The case's release day; none: no case, the register's history says when. */
  released_on?: string;
  /** A release in the register's history only (no reintegration case). */
  history_released_on?: string;
  follow_ups?: ReadonlyArray<{ month_no: 1 | 3 | 6 | 12; contacted_on: string }>;
  status?: 'active' | 'released';
}

/** A person of the unit with their data in every table the retention job cleans. */
export async function buildPersonEverywhere(db: Db, o: PersonSpec) {
  serial++;
  const first = o.name.split(' ')[0] ?? o.name;
  const inmate = await buildInmate(db, {
    unit_id: o.unit_id,
    name: o.name,
    nik: o.nik,
    status: o.status ?? 'released',
  });
  const id = inmate.id;
  const programme = await buildProgramme(db, { unit_id: o.unit_id });
  const session = await buildSession(db, { programme_id: programme.id, day: '2019-10-01' });
  await db
    .insertInto('session_journals')
    .values({ session_id: session.id, topic: 'Rajut dasar', materials: null, notes: `${first} izin sakit` })
    .execute();
  const intake = await db
    .insertInto('intakes')
    .values({ programme_id: programme.id, opened_on: '2019-09-01', criteria: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const candidate = await db
    .insertInto('intake_candidates')
    .values({
      intake_id: intake.id,
      inmate_id: id,
      consent_note: `${o.name} setuju, keluarga ${o.phone}`,
      decision: 'accepted',
      decision_reason: `${first} rajin`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('tpp_sessions')
    .values({
      intake_id: intake.id,
      held_on: '2019-09-10',
      members: ['Ketua TPP'],
      notes: `${o.name} diterima`,
    })
    .execute();
  const enrolment = await db
    .insertInto('enrolments')
    .values({
      programme_id: programme.id,
      kind: 'inmate',
      inmate_id: id,
      intake_candidate_id: candidate.id,
      name: o.name,
      institution: null,
      period_from: null,
      period_to: null,
      status: 'completed',
      end_reason: null,
      status_note: `Catatan ${o.name}`,
      started_on: '2019-09-15',
      ended_on: '2019-12-20',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const mark = await buildMark(db, {
    session_id: session.id,
    enrolment_id: enrolment.id,
    status: 'izin',
    note: `${first} ke klinik`,
  });
  await db
    .insertInto('attendance_corrections')
    .values({
      mark_id: mark.id,
      previous_status: 'alpa',
      previous_note: `${first} tidak hadir`,
      new_status: 'izin',
      new_note: `${first} ke klinik`,
      reason: `Surat izin ${o.name} terlambat`,
    })
    .execute();
  const cert = await buildCertificate(db, {
    unit_id: o.unit_id,
    programme_id: programme.id,
    enrolment_id: enrolment.id,
    issued_on: '2019-12-20',
  });
  await db
    .updateTable('certificates')
    .set({ holder_name: o.name, holder_initials: 'X. Y.' })
    .where('id', '=', cert.id)
    .execute();
  const expiry = o.released_on ?? o.history_released_on ?? '2020-01-01';
  await sql`update inmates set block = 'C', room = '12', entry_date = '2017-01-01',
    expected_release_date = ${expiry} where id = ${id}`.execute(db);

  if (o.released_on) {
    const rc = await db
      .insertInto('reintegration_cases')
      .values({
        inmate_id: id,
        unit_id: o.unit_id,
        integrasi_kind: null,
        integrasi_date: null,
        decree_number: null,
        decree_date: null,
        plan: 'umkm',
        guarantor_name: `Ibu ${o.name}`,
        guarantor_relation: 'ibu',
        guarantor_phone: o.phone,
        address_after_release: `Jl. Melati 7, rumah ${o.name}`,
        bank_name: 'BRI',
        bank_account: `0099${o.phone}`,
        bapas_unit_id: null,
        pk_user_id: null,
        released_on: o.released_on,
        release_kind: 'ekspirasi',
        pseudonymised_at: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('readiness_items')
      .values({
        case_id: rc.id,
        unit_id: o.unit_id,
        kind: 'guarantor',
        due_on: o.released_on,
        status: 'done',
        done_on: o.released_on,
        note: `Hubungi ${o.phone}`,
      })
      .execute();
    await db
      .insertInto('reintegration_consents')
      .values({
        inmate_id: id,
        unit_id: o.unit_id,
        purpose: 'follow_up',
        given_on: '2019-11-01',
        note: `Ditandatangani ${o.name}`,
      })
      .execute();
    await db
      .insertInto('business_plans')
      .values({
        inmate_id: id,
        unit_id: o.unit_id,
        business_name: `Rajut ${first}`,
        trade: 'Rajut',
        description: `Usaha rajut milik ${o.name}`,
        location: `Desa Sukamaju, rumah ${o.name}`,
      })
      .execute();
    const partner = await buildPartner(db, { unit_id: o.unit_id });
    const offer = await db
      .insertInto('job_offers')
      .values({
        unit_id: o.unit_id,
        partner_id: partner.id,
        position: 'Perajut',
        place: 'Magetan',
        opens_on: '2019-10-01',
        closes_on: '2019-12-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const app = await db
      .insertInto('job_applications')
      .values({
        offer_id: offer.id,
        inmate_id: id,
        unit_id: o.unit_id,
        partner_id: partner.id,
        applied_on: '2019-11-01',
        status_on: '2019-11-01',
        note: `${first} bisa dihubungi di ${o.phone}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('job_application_events')
      .values({
        application_id: app.id,
        status: 'diajukan',
        on_date: '2019-11-01',
        note: `${o.name} melamar`,
      })
      .execute();
  }
  if (o.history_released_on)
    await db
      .insertInto('inmate_status_history')
      .values({
        inmate_id: id,
        status: 'released',
        on_date: o.history_released_on,
        reason: `Bebas, dijemput keluarga ${first}`,
      })
      .execute();
  for (const f of o.follow_ups ?? [])
    await db
      .insertInto('follow_ups')
      .values({
        inmate_id: id,
        unit_id: o.unit_id,
        month_no: f.month_no,
        contacted_on: f.contacted_on,
        work_status: 'own_business',
        note: `Ditelepon di ${o.phone}`,
      })
      .execute();
  await db
    .insertInto('register_f_entries')
    .values({ inmate_id: id, entry_date: '2019-08-01', violation: `${first} bertengkar`, sanction: null })
    .execute();
  await db
    .insertInto('premi_withdrawals')
    .values({
      unit_id: o.unit_id,
      inmate_id: id,
      number: `PW-${serial}-${Date.now()}`,
      day: '2019-11-15',
      amount: 50_000,
      purpose: 'family',
      reason: `Kiriman untuk anak ${first}`,
      recipient: `Istri ${o.name}`,
    })
    .execute();
  await db
    .insertInto('inmate_imports')
    .values({
      unit_id: o.unit_id,
      filename: 'sdp.xlsx',
      status: 'applied',
      rows: JSON.stringify([
        {
          row: 2,
          action: 'create',
          inmate_id: null,
          values: { reg_number: inmate.reg_number, name: o.name, nik: o.nik },
        },
        {
          row: 3,
          action: 'create',
          inmate_id: null,
          values: { reg_number: 'Z.9/2019', name: 'Orang Lain', nik: null },
        },
      ]),
      problems: '[]',
      absent: JSON.stringify([{ id, reg_number: inmate.reg_number, name: o.name }]),
    })
    .execute();
  // An audit record of the person's register entry, with their name and NIK in its personal part.
  await db.transaction().execute((trx) =>
    recordAudit(trx, systemCtx(db).who.actor, {
      action: 'inmates.create',
      entity: 'inmate',
      entityId: id,
      unitId: o.unit_id,
      after: { name: o.name, nik: o.nik, unit_id: o.unit_id },
    }),
  );
  return { inmate, enrolment, certificateId: cert.id };
}
