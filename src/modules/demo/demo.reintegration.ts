// Demo (issue 16): the knitting class after release. The Bapas that supervises Magetan (Bapas Kelas
// II Madiun) and its probation officer; three participants the register released at least four
// months ago, each with a case (consents given before release, the checklist done, the release):
// one hired by PT. Arta Jayendra Perkasa as a home-based knitter, one running a small knitting
// business with a starter kit, one lost to contact; their 1- and 3-month follow-ups. And the people
// still inside whose release is near: cases with an integrasi decree and part-done checklists, one
// under the PK. People are chosen from the data, dates follow from theirs (demo.reintegration.plan.ts),
// and everything is written through the services, as the unit's staff would.
import { dayInZone } from '../../app/format.ts';
import type { Actor, Ctx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { ReleasePlan, Role, UnitClass, UnitType } from '../../db/schema.ts';
import { addAssistance, savePlan } from '../business/business.service.ts';
import { recordFollowUp } from '../follow-ups/follow-ups.service.ts';
import { apply, changeStatus as changeApplication, createOffer } from '../job-offers/job-offers.service.ts';
import { partnerIdByName } from '../partners/partners.service.ts';
import { addDays } from '../programmes/schedule.rules.ts';
import { BUILT_IN } from '../reintegration/reintegration.rules.ts';
import {
  type CaseInput,
  caseDetail,
  giveConsent,
  recordRelease,
  saveCase,
  updateItem,
} from '../reintegration/reintegration.service.ts';
import { createUnit, unitIdByCode } from '../units/units.service.ts';
import { createUser, userExists, userIdByUsername } from '../users/users.service.ts';
import { DEMO_PASSWORD } from './demo.accounts.ts';
import { DEMO_PARTNER } from './demo.agreements.ts';
import { staff } from './demo.ctx.ts';
import { demoRegister } from './demo.inmates.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';
import { addMonths } from './demo.register.ts';
import {
  DEMO_BAPAS,
  DEMO_BAPAS_ACCOUNT,
  FOLLOW_UPS,
  integrasiFits,
  PIPELINE,
  RELEASED_MONTHS_AGO,
  RELEASED_STORIES,
  type ReleasedStory,
  releasedDays,
} from './demo.reintegration.plan.ts';

export { DEMO_BAPAS, DEMO_BAPAS_ACCOUNT };

/** A demo account at work on a day (10:00 WIB), with its role, so the services' checks apply. */
function on(db: Db, actor: Actor, roles: Role[], day: string): Ctx {
  return staff(db, actor, roles)(new Date(`${day}T03:00:00Z`));
}

export interface ReleaseStaff {
  unitId: string;
  petugas: Actor;
}

/**
 * The three participants of the knitting class the register releases at least RELEASED_MONTHS_AGO
 * months before `today` (the latest three), from the register's own story, in release order.
 */
export function releasedStories(today: string) {
  const upTo = addMonths(today, -RELEASED_MONTHS_AGO);
  const { initial, arrivals } = demoRegister();
  return [...initial, ...arrivals]
    .filter((p) => p.exit?.change === 'release' && p.exit.on <= upTo)
    .map((p) => ({ name: p.name, releasedOn: p.exit?.on ?? '' }));
}

/** The participants (by enrolment) among `names`, in the unit: id, name, entry day. */
async function enrolledByName(db: Db, unitId: string, names: string[]) {
  if (names.length === 0) return [];
  return db
    .selectFrom('enrolments as e')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .innerJoin('inmates as i', 'i.id', 'e.inmate_id')
    .select(['i.id', 'i.name', 'i.status'])
    .distinct()
    .where('p.unit_id', '=', unitId)
    .where('p.name', '=', DEMO_PROGRAMME)
    .where('i.name', 'in', names)
    .execute();
}

/** The family member or guarantor each released person goes home to, and where the premi is paid. */
const HOMES: Record<ReleasedStory, Omit<CaseInput, 'plan'> & { plan: ReleasePlan }> = {
  hired: {
    plan: 'work',
    guarantor_name: 'Sumiati',
    guarantor_relation: 'Ibu kandung',
    guarantor_phone: '0813-3512-4470',
    address_after_release: 'Desa Candirejo, Kecamatan Magetan, Kabupaten Magetan',
    bank_name: 'BRI Unit Magetan',
    bank_account: '0123-01-045678-50-3',
  },
  business: {
    plan: 'umkm',
    guarantor_name: 'Parmi',
    guarantor_relation: 'Istri',
    guarantor_phone: '0857-3044-2186',
    address_after_release: 'Desa Sarangan, Kecamatan Plaosan, Kabupaten Magetan',
    bank_name: 'BRI Unit Plaosan',
    bank_account: '0456-01-012345-53-7',
  },
  lost: {
    plan: 'work',
    guarantor_name: 'Suwarno',
    guarantor_relation: 'Ayah kandung',
    guarantor_phone: '0822-3391-0075',
    address_after_release: 'Desa Bangsri, Kecamatan Karangrejo, Kabupaten Magetan',
    bank_name: 'Bank Jatim Cabang Magetan',
    bank_account: '0241-234567',
  },
};

/** How each built-in checklist item ended before a release without a Bapas (bebas murni). */
const CLOSED_BEFORE_RELEASE: Record<string, { status: 'done' | 'not_applicable'; note?: string }> = {
  ktp: { status: 'done', note: 'KTP-el asli diserahkan kembali dari barang titipan.' },
  bank_account: { status: 'done' },
  certificates: {
    status: 'not_applicable',
    note: 'Bebas sebelum pelatihan selesai; diberi surat keterangan telah mengikuti pelatihan.',
  },
  cv: { status: 'done' },
  guarantor: { status: 'done' },
  plan: { status: 'done' },
  bapas_pk: { status: 'not_applicable', note: 'Bebas murni (tanggal ekspirasi): tanpa pembimbingan Bapas.' },
};

/**
 * Before the register applies the year (demo.seed.ts): the three released participants' cases. At
 * the pre-release interview each consents to sharing their CV and to being followed up; the
 * checklist is closed ten days before; on the tanggal ekspirasi the release is recorded ("Catat
 * pembebasan"), which releases them in the register and ends their places in the class ('released').
 * Returns how many cases it made (0 once made).
 */
export async function seedDemoReleases(db: Db, ids: ReleaseStaff, now: Date = new Date()): Promise<number> {
  if (!ids.unitId || !ids.petugas.userId) return 0;
  const today = dayInZone(now, 'Asia/Jakarta');
  const stories = releasedStories(today);
  const people = await enrolledByName(
    db,
    ids.unitId,
    stories.map((s) => s.name),
  );
  const chosen = stories
    .filter((s) => people.some((p) => p.name === s.name))
    .sort((a, b) => a.releasedOn.localeCompare(b.releasedOn) || a.name.localeCompare(b.name, 'id'))
    .slice(-RELEASED_STORIES.length);
  let created = 0;
  for (const [k, story] of RELEASED_STORIES.entries()) {
    const s = chosen[k];
    const person = people.find((p) => p.name === s?.name);
    if (!s || !person || person.status !== 'active') continue;
    if (
      await db
        .selectFrom('reintegration_cases')
        .select('id')
        .where('inmate_id', '=', person.id)
        .executeTakeFirst()
    )
      continue;
    const d = releasedDays(s.releasedOn);
    const petugas = (day: string) => on(db, ids.petugas, ['petugas'], day);
    for (const purpose of ['cv_sharing', 'follow_up'] as const)
      await giveConsent(petugas(d.consentOn), person.id, {
        purpose,
        given_on: d.consentOn,
        note: 'Dinyatakan di hadapan petugas pada wawancara persiapan bebas.',
      });
    await saveCase(petugas(d.consentOn), person.id, HOMES[story]);
    const { items } = await caseDetail(petugas(d.checklistDoneOn), person.id);
    for (const item of items) {
      const how = CLOSED_BEFORE_RELEASE[item.kind] ?? { status: 'done' as const };
      await updateItem(petugas(d.checklistDoneOn), person.id, item.id, {
        owner_id: ids.petugas.userId,
        due_on: d.checklistDoneOn,
        status: how.status,
        note: how.note,
      });
    }
    await recordRelease(petugas(s.releasedOn), person.id, {
      released_on: s.releasedOn,
      release_kind: 'ekspirasi',
    });
    created++;
  }
  return created;
}

/** Participants and former participants still inside whose tanggal ekspirasi is ahead, nearest first. */
async function participantsInside(db: Db, unitId: string, today: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .innerJoin('inmates as i', 'i.id', 'e.inmate_id')
    .select(['i.id', 'i.name', 'i.entry_date', 'i.expected_release_date'])
    .distinct()
    .where('p.unit_id', '=', unitId)
    .where('p.name', '=', DEMO_PROGRAMME)
    .where('e.status', 'in', ['active', 'completed'])
    .where('i.status', '=', 'active')
    .where('i.expected_release_date', '>', today)
    .orderBy('i.expected_release_date')
    .orderBy('i.name')
    .execute();
}

/** The Bapas and its PK, when missing. Returns how many it made. */
async function seedBapas(db: Db, seed: Ctx, kanwilId: string): Promise<number> {
  let created = 0;
  let bapasId = await unitIdByCode(db, DEMO_BAPAS.code);
  if (!bapasId) {
    const { kanwil: _k, ...unit } = DEMO_BAPAS;
    bapasId = (
      await createUnit(seed, {
        ...unit,
        type: unit.type as UnitType,
        class: unit.class as UnitClass,
        kanwil_id: kanwilId,
      })
    ).id;
    created++;
  }
  if (!(await userExists(db, DEMO_BAPAS_ACCOUNT.username))) {
    await createUser(seed, {
      ...DEMO_BAPAS_ACCOUNT,
      roles: [...DEMO_BAPAS_ACCOUNT.roles],
      unit_id: bapasId,
      password: DEMO_PASSWORD,
      must_change_password: false,
    });
    created++;
  }
  return created;
}

/** The offer the hired participant answered, and the one open now for the class still inside. */
function offers(skillArea: string | null, hired: ReturnType<typeof releasedDays> | null, today: string) {
  const common = {
    place: 'Kabupaten Magetan (dikerjakan di rumah)',
    home_based: true,
    pay_basis: 'piece' as const,
    skill_area: skillArea ?? undefined,
  };
  return [
    ...(hired
      ? [
          {
            ...common,
            position: 'Perajut rumahan tas dan dompet rajut',
            pay_from: 15_000,
            pay_to: 40_000,
            requirements:
              'Mampu membuat tas dan dompet rajut sesuai pola; memiliki telepon genggam untuk menerima pesanan; ' +
              'menyetor hasil setiap minggu ke gudang PT. Arta Jayendra Perkasa di Magetan. Benang dan pola disediakan.',
            competencies: ['RJT-03', 'RJT-04'],
            opens_on: hired.offerOpens,
            closes_on: hired.offerCloses,
          },
        ]
      : []),
    {
      ...common,
      position: 'Perajut rumahan gantungan kunci dan dompet rajut',
      pay_from: 3_000,
      pay_to: 12_000,
      requirements:
        'Mampu membuat gantungan kunci dan dompet rajut dengan hasil lolos pemeriksaan mutu; bersedia menyetor ' +
        'hasil setiap dua minggu. Cocok bagi peserta yang akan bebas dalam tiga bulan ke depan.',
      competencies: ['RJT-01', 'RJT-02', 'RJT-05'],
      opens_on: addDays(today, -16),
      closes_on: addDays(today, 45),
    },
  ];
}

export interface ReintegrationStaff {
  unitId: string;
  kanwilId: string;
  petugas: Actor;
  instructor: Actor;
}

/**
 * After the year's records (before the monthly reports): the Bapas and its PK; the released
 * participants' job, business and follow-ups; the people still inside with a release ahead.
 * Returns how many records it made (0 once made).
 */
export async function seedDemoReintegration(
  db: Db,
  ids: ReintegrationStaff,
  now: Date = new Date(),
): Promise<number> {
  if (!ids.unitId || !ids.kanwilId || !ids.petugas.userId) return 0;
  const today = dayInZone(now, 'Asia/Jakarta');
  const seed = staff(db, { userId: null, name: 'system:seed' }, [])(now);
  let created = await seedBapas(db, seed, ids.kanwilId);
  const partnerId = await partnerIdByName(db, ids.unitId, DEMO_PARTNER);
  const programme = await db
    .selectFrom('programmes')
    .select(['skill_area'])
    .where('unit_id', '=', ids.unitId)
    .where('name', '=', DEMO_PROGRAMME)
    .executeTakeFirst();
  if (!partnerId || !programme) return created;
  const petugas = (day: string) => on(db, ids.petugas, ['petugas'], day);
  const instructor = (day: string) => on(db, ids.instructor, ['instruktur_mitra'], day);

  // The released participants, in release order: hired, own business, lost to contact. Others
  // released by the register have a case too (migration 0032); these three prepared theirs and
  // consented to share their CV before release.
  const released = await db
    .selectFrom('reintegration_cases as rc')
    .innerJoin('inmates as i', 'i.id', 'rc.inmate_id')
    .select(['i.id', 'rc.released_on'])
    .where('rc.unit_id', '=', ids.unitId)
    .where('rc.release_kind', '=', 'ekspirasi')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('reintegration_consents as c')
          .select('c.id')
          .whereRef('c.inmate_id', '=', 'rc.inmate_id')
          .where('c.purpose', '=', 'cv_sharing'),
      ),
    )
    .orderBy('rc.released_on')
    .orderBy('i.name')
    .limit(RELEASED_STORIES.length)
    .execute();
  const story = new Map(RELEASED_STORIES.map((s, k) => [s, released[k]] as const));
  const hired = story.get('hired');
  const hiredDays = hired?.released_on ? releasedDays(hired.released_on) : null;

  const anyOffer = await db
    .selectFrom('job_offers')
    .select('id')
    .where('unit_id', '=', ids.unitId)
    .executeTakeFirst();
  const offerIds: string[] = [];
  if (!anyOffer) {
    for (const o of offers(programme.skill_area, hiredDays, today)) {
      offerIds.push(await createOffer(instructor(o.opens_on), { ...o, partner_id: partnerId }));
      created++;
    }
    if (hired && hiredDays && offerIds[0]) {
      const offerId = offerIds[0];
      const appId = await apply(petugas(hiredDays.appliedOn), offerId, {
        inmate_id: hired.id,
        applied_on: hiredDays.appliedOn,
        note: 'Diusulkan petugas: hasil tas rajutnya lolos pemeriksaan mutu mitra.',
      });
      await changeApplication(instructor(hiredDays.interviewOn), offerId, appId, {
        status: 'wawancara',
        on_date: hiredDays.interviewOn,
        note: 'Wawancara dan uji merajut di Aula Rutan oleh instruktur mitra.',
      });
      await changeApplication(instructor(hiredDays.hiredOn), offerId, appId, {
        status: 'diterima',
        on_date: hiredDays.hiredOn,
        note: 'Diterima sebagai perajut rumahan; paket benang pertama diambil di gudang Magetan.',
      });
      created++;
    }
  }

  // The own business: a plan written before release, a starter kit handed over on the day.
  const business = story.get('business');
  if (business?.released_on) {
    const has = await db
      .selectFrom('business_plans')
      .select('id')
      .where('inmate_id', '=', business.id)
      .executeTakeFirst();
    if (!has) {
      const d = releasedDays(business.released_on);
      const products = await db
        .selectFrom('products')
        .select('id')
        .where('unit_id', '=', ids.unitId)
        .where('name', 'in', ['Tas rajut', 'Dompet rajut', 'Gantungan kunci rajut'])
        .execute();
      await savePlan(petugas(d.consentOn), business.id, {
        business_name: 'Rajut Lawu',
        trade: 'Kerajinan rajut',
        description:
          'Membuat dan menjual tas, dompet dan gantungan kunci rajut di rumah; dijual di pasar desa, dititipkan ' +
          'di kios oleh-oleh Telaga Sarangan dan dipesan lewat WhatsApp.',
        product_ids: products.map((p) => p.id),
        location: 'Kecamatan Plaosan, Kabupaten Magetan',
        capital_needed: 2_500_000,
      });
      await addAssistance(petugas(d.starterKitOn), business.id, {
        kind: 'starter_kit',
        item: 'Paket usaha rajut: 12 gulung benang katun susu, 6 hakpen, gunting, meteran, pola dan 100 label merek',
        value: 850_000,
        giver: DEMO_PARTNER,
        partner_id: partnerId,
        given_on: d.starterKitOn,
      });
      created += 2;
    }
  }

  // The 1- and 3-month follow-ups that have happened by today.
  for (const s of RELEASED_STORIES) {
    const person = story.get(s);
    if (!person?.released_on) continue;
    const d = releasedDays(person.released_on);
    for (const f of FOLLOW_UPS[s]) {
      const day = d.followUpOn(f);
      if (day > today) continue;
      const has = await db
        .selectFrom('follow_ups')
        .select('id')
        .where('inmate_id', '=', person.id)
        .where('month_no', '=', f.month_no)
        .executeTakeFirst();
      if (has) continue;
      const { late: _l, ...answers } = f;
      await recordFollowUp(petugas(day), person.id, { ...answers, contacted_on: day });
      created++;
    }
  }

  created += await seedPipeline(db, ids, today, offerIds[offerIds.length - 1]);
  return created;
}

/** What each pipeline case has done so far: the rest of its checklist is open. */
const DONE_SO_FAR: ReadonlyArray<readonly string[]> = [
  ['ktp', 'bank_account', 'guarantor', 'plan', 'bapas_pk'],
  ['ktp', 'guarantor'],
  ['ktp'],
];

/**
 * The participants and former participants still inside whose release is near: an integrasi (PB
 * within 30 days under the PK, a CMB and a PB within 90 days) with its decree, the Bapas, consents
 * and a part-done checklist. The first has applied to the open job offer.
 */
async function seedPipeline(db: Db, ids: ReintegrationStaff, today: string, openOfferId: string | undefined) {
  const bapasId = await unitIdByCode(db, DEMO_BAPAS.code);
  const pkId = await userIdByUsername(db, DEMO_BAPAS_ACCOUNT.username);
  const people = await participantsInside(db, ids.unitId, today);
  const petugas = (day: string) => on(db, ids.petugas, ['petugas'], day);
  let created = 0;
  let k = 0;
  for (const person of people) {
    const plan = PIPELINE[k];
    if (!plan) break;
    const integrasiOn = addDays(today, plan.inDays);
    if (
      !person.expected_release_date ||
      !integrasiFits(plan.kind, integrasiOn, person.entry_date, person.expected_release_date)
    )
      continue;
    k++;
    if (
      await db
        .selectFrom('reintegration_cases')
        .select('id')
        .where('inmate_id', '=', person.id)
        .executeTakeFirst()
    )
      continue;
    const consentOn = addDays(today, -plan.decreeDaysAgo - 14);
    if (k < 3)
      for (const purpose of ['cv_sharing', 'follow_up'] as const)
        await giveConsent(petugas(consentOn), person.id, {
          purpose,
          given_on: consentOn,
          note: 'Dinyatakan di hadapan wali pada wawancara persiapan integrasi.',
        });
    await saveCase(petugas(today), person.id, {
      integrasi_kind: plan.kind,
      integrasi_date: integrasiOn,
      decree_number: plan.decree,
      decree_date: addDays(today, -plan.decreeDaysAgo),
      plan: k === 3 ? 'umkm' : 'work',
      bapas_unit_id: bapasId,
      pk_user_id: plan.pk ? pkId : undefined,
    });
    const { items } = await caseDetail(petugas(today), person.id);
    const done = DONE_SO_FAR[k - 1] ?? [];
    for (const item of items) {
      const before = BUILT_IN.find((b) => b.kind === item.kind)?.daysBefore ?? 14;
      const due = addDays(integrasiOn, -before);
      await updateItem(petugas(today), person.id, item.id, {
        owner_id: ids.petugas.userId ?? undefined,
        due_on: due < today ? today : due,
        status: done.includes(item.kind) ? 'done' : 'open',
      });
    }
    created++;
    if (k === 1 && openOfferId) {
      await apply(petugas(addDays(today, -4)), openOfferId, {
        inmate_id: person.id,
        applied_on: addDays(today, -4),
        note: 'Akan bebas bersyarat bulan ini; ingin bekerja dari rumah.',
      });
      created++;
    }
  }
  return created;
}
