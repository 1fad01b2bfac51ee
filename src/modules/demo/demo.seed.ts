// Demo data that tells the product's story: Rutan Kelas IIB Magetan under the East Java regional
// office, its Kepala Ari Rahmanto, and one account per role. Safe to run on every start: it only
// adds what is missing. Later modules extend it (the PKS, the knitting class, attendance...).
import { dayInZone } from '../../app/format.ts';
import type { Actor } from '../../app/principal.ts';
import { SYSTEM, systemCtx } from '../../app/principal.ts';
import { createDb, type Db } from '../../db/database.ts';
import type { Role, TimeZone, UnitClass, UnitType } from '../../db/schema.ts';
import { refreshDirty } from '../rollups/rollups.service.ts';
import { createUnit, ensureKanwil, unitIdByCode } from '../units/units.service.ts';
import { createUser, userExists, userIdByUsername } from '../users/users.service.ts';

import { DEMO_PASSWORD } from './demo.accounts.ts';
import { seedDemoAgreements } from './demo.agreements.ts';
import { seedDemoApprovals } from './demo.approvals.ts';
import { seedDemoAttendance } from './demo.attendance.ts';
import { seedDemoCertificates } from './demo.certificates.ts';
import { seedDemoHumas } from './demo.humas.ts';
import { seedDemoInmates, seedDemoRegister } from './demo.inmates.ts';
import { seedDemoJournal } from './demo.journal.ts';
import { seedDemoMonev } from './demo.monev.ts';
import { seedDemoPremi } from './demo.premi.ts';
import { seedDemoProduction } from './demo.production.ts';
import { seedDemoProgrammes } from './demo.programmes.ts';
import { seedDemoReintegration, seedDemoReleases } from './demo.reintegration.ts';
import { seedDemoReports } from './demo.reports.ts';
import { endDemoInternships, seedDemoSelection } from './demo.selection.ts';
import { seedDemoUnits, type UnitStaff } from './demo.units.seed.ts';

export { DEMO_PASSWORD };

const SEED: Actor = { ...SYSTEM.actor, name: 'system:seed' };

const KANWIL = [
  {
    code: 'JATIM',
    name: 'Kanwil Ditjenpas Jawa Timur',
    province: 'Jawa Timur',
    address: 'Jl. Kayoon No. 50-52, Surabaya',
    timezone: 'Asia/Jakarta' as TimeZone,
  },
  {
    code: 'BALI',
    name: 'Kanwil Ditjenpas Bali',
    province: 'Bali',
    address: 'Jl. Raya Puputan No. 7, Denpasar',
    timezone: 'Asia/Makassar' as TimeZone,
  },
];

const UNITS: ReadonlyArray<{
  kanwil: string;
  code: string;
  type: UnitType;
  class: UnitClass;
  name: string;
  city: string;
  address: string;
  timezone: TimeZone;
}> = [
  {
    kanwil: 'JATIM',
    code: 'RUTAN-MGT',
    type: 'rutan',
    class: 'IIB',
    name: 'Rutan Kelas IIB Magetan',
    city: 'Magetan',
    address: 'Jl. Pahlawan No. 2, Magetan',
    timezone: 'Asia/Jakarta',
  },
  {
    kanwil: 'JATIM',
    code: 'LAPAS-MDN',
    type: 'lapas',
    class: 'I',
    name: 'Lapas Kelas I Madiun',
    city: 'Madiun',
    address: 'Jl. Yos Sudarso No. 108, Madiun',
    timezone: 'Asia/Jakarta',
  },
  {
    kanwil: 'JATIM',
    code: 'LAPAS-NGW',
    type: 'lapas',
    class: 'IIB',
    name: 'Lapas Kelas IIB Ngawi',
    city: 'Ngawi',
    address: 'Jl. Ahmad Yani No. 1, Ngawi',
    timezone: 'Asia/Jakarta',
  },
  {
    kanwil: 'BALI',
    code: 'LAPAS-KRB',
    type: 'lapas',
    class: 'IIA',
    name: 'Lapas Kelas IIA Kerobokan',
    city: 'Badung',
    address: 'Jl. Tangkuban Perahu, Kerobokan',
    timezone: 'Asia/Makassar',
  },
];

export const DEMO_ACCOUNTS: ReadonlyArray<{
  username: string;
  full_name: string;
  /** Civil servants sign with their NIP (birth date, month of appointment, gender, sequence). */
  nip: string;
  position: string;
  roles: Role[];
  unit?: string;
  kanwil?: string;
}> = [
  {
    username: 'ari.rahmanto',
    nip: '197605141998031002',
    full_name: 'Ari Rahmanto',
    position: 'Kepala Rutan Kelas IIB Magetan',
    roles: ['kepala_upt'],
    unit: 'RUTAN-MGT',
  },
  {
    username: 'petugas.magetan',
    nip: '198809212010122003',
    full_name: 'Sri Wahyuni',
    position: 'Petugas Pembinaan Kemandirian (Giatja)',
    roles: ['petugas'],
    unit: 'RUTAN-MGT',
  },
  {
    username: 'humas.magetan',
    nip: '199302172019031005',
    full_name: 'Dimas Prasetyo',
    position: 'Humas Rutan Magetan',
    roles: ['humas'],
    unit: 'RUTAN-MGT',
  },
  {
    username: 'admin.magetan',
    nip: '198506302009121004',
    full_name: 'Agus Setiawan',
    position: 'Pengelola Sistem Rutan Magetan',
    roles: ['admin'],
    unit: 'RUTAN-MGT',
  },
  {
    username: 'kanwil.jatim',
    nip: '197908052002121001',
    full_name: 'Budi Santoso',
    position: 'Analis Pembinaan, Kanwil Ditjenpas Jawa Timur',
    roles: ['kanwil'],
    kanwil: 'JATIM',
  },
  {
    username: 'ditjenpas',
    nip: '197404121999032002',
    full_name: 'Ratna Kusumawati',
    position: 'Direktorat Pembinaan, Ditjenpas',
    roles: ['pusat'],
  },
  {
    username: 'petugas.madiun',
    nip: '199001032015031006',
    full_name: 'Hendra Wijaya',
    position: 'Petugas Pembinaan Lapas Madiun',
    roles: ['petugas'],
    unit: 'LAPAS-MDN',
  },
  // The other units' Kepala (they approve premi runs and sign the monthly reports) and petugas.
  {
    username: 'kepala.madiun',
    nip: '197203171994031001',
    full_name: 'Heru Kristanto',
    position: 'Kepala Lapas Kelas I Madiun',
    roles: ['kepala_upt'],
    unit: 'LAPAS-MDN',
  },
  {
    username: 'kepala.ngawi',
    nip: '197910242003122002',
    full_name: 'Indah Permatasari',
    position: 'Kepala Lapas Kelas IIB Ngawi',
    roles: ['kepala_upt'],
    unit: 'LAPAS-NGW',
  },
  {
    username: 'petugas.ngawi',
    nip: '199206082017031003',
    full_name: 'Rizal Firmansyah',
    position: 'Petugas Pembinaan Lapas Ngawi',
    roles: ['petugas'],
    unit: 'LAPAS-NGW',
  },
  {
    username: 'kepala.kerobokan',
    nip: '197501091997031001',
    full_name: 'I Gusti Ngurah Wirawan',
    position: 'Kepala Lapas Kelas IIA Kerobokan',
    roles: ['kepala_upt'],
    unit: 'LAPAS-KRB',
  },
  {
    username: 'petugas.kerobokan',
    nip: '199011152014032001',
    full_name: 'Ni Kadek Sukmawati',
    position: 'Petugas Pembinaan Lapas Kerobokan',
    roles: ['petugas'],
    unit: 'LAPAS-KRB',
  },
];

/** Accounts made later in the story, from their partner's page. */
export const DEMO_PARTNER_ACCOUNTS = [
  { username: 'instruktur.arta', full_name: 'Siti Aminah', partner: 'PT. Arta Jayendra Perkasa' },
] as const;

/**
 * seedDemo on connections of its own whose commits do not wait for the disk (synchronous_commit
 * off): the demo commits about 1,600 transactions, and each would otherwise wait for a flush of the
 * WAL, several milliseconds on a virtual disk. Only these connections are affected, never the app's.
 * PostgreSQL guarantees this cannot damage the database: a crash of the machine within a second of
 * the seed may lose its last transactions, as if it had been stopped there. Demo data only (off in
 * production unless SEED_DEMO asks for it).
 */
export async function seedDemoInto(url: string, now: Date = new Date()): Promise<{ created: number }> {
  const u = new URL(url);
  u.searchParams.set('options', `${u.searchParams.get('options') ?? ''} -c synchronous_commit=off`.trim());
  const db = createDb(u.toString(), { applicationName: 'simandiri-seed' });
  try {
    return await seedDemo(db, now);
  } finally {
    await db.destroy();
  }
}

export async function seedDemo(db: Db, now: Date = new Date()): Promise<{ created: number }> {
  let created = 0;
  const today = dayInZone(now, 'Asia/Jakarta');
  const seed = systemCtx(db, now, SEED.name);
  const kanwilIds = new Map<string, string>();
  for (const k of KANWIL) kanwilIds.set(k.code, await ensureKanwil(seed, k));
  const unitIds = new Map<string, string>();
  for (const u of UNITS) {
    let id = await unitIdByCode(db, u.code);
    if (!id) {
      const { kanwil, ...rest } = u;
      id = (await createUnit(seed, { ...rest, kanwil_id: kanwilIds.get(kanwil) ?? '' })).id;
      created++;
    }
    unitIds.set(u.code, id);
  }
  for (const a of DEMO_ACCOUNTS) {
    if (await userExists(db, a.username)) continue;
    await createUser(seed, {
      username: a.username,
      full_name: a.full_name,
      nip: a.nip,
      position: a.position,
      roles: a.roles,
      unit_id: a.unit ? unitIds.get(a.unit) : undefined,
      kanwil_id: a.kanwil ? kanwilIds.get(a.kanwil) : undefined,
      password: DEMO_PASSWORD,
      must_change_password: false,
    });
    created++;
  }
  const userId = async (username: string) => (await userIdByUsername(db, username)) ?? '';
  created += await seedDemoAgreements(db, SEED, {
    unitId: unitIds.get('RUTAN-MGT') ?? '',
    kepalaId: await userId('ari.rahmanto'),
    petugasId: await userId('petugas.magetan'),
  });
  created += await seedDemoProgrammes(seed, {
    unitId: unitIds.get('RUTAN-MGT') ?? '',
    petugasId: await userId('petugas.magetan'),
  });
  created += await seedDemoInmates(db, SEED, unitIds.get('RUTAN-MGT') ?? '');
  created += await seedDemoSelection(db, {
    unitId: unitIds.get('RUTAN-MGT') ?? '',
    petugas: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
    kepala: { userId: await userId('ari.rahmanto'), name: 'ari.rahmanto' },
  });
  // Three participants' releases recorded on their case ("Catat pembebasan"), before the register
  // applies the rest of the year (demo.reintegration.ts).
  created += await seedDemoReleases(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      petugas: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
    },
    now,
  );
  // After the intake: the register's year up to today (verdicts, releases, arrivals), which ends
  // the places of those who leave, and the interns' six months.
  created += await seedDemoRegister(db, SEED, unitIds.get('RUTAN-MGT') ?? '', today);
  created += await endDemoInternships(db, {
    unitId: unitIds.get('RUTAN-MGT') ?? '',
    petugas: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
    today,
  });
  // After enrolment: the roll call of every session held so far, for whoever was enrolled.
  created += await seedDemoAttendance(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      recorder: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
    },
    now,
  );
  // After attendance: what each held session taught, the hours per unit and the assessments.
  created += await seedDemoJournal(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      instructor: { userId: await userId('instruktur.arta'), name: 'instruktur.arta' },
      petugasId: (await userId('petugas.magetan')) || null,
    },
    now,
  );
  // After attendance: what the class made on the days each participant was present, its checks,
  // invoices, sales, materials and stock-take.
  created += await seedDemoProduction(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      petugas: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
      kepala: { userId: await userId('ari.rahmanto'), name: 'ari.rahmanto' },
      instructor: { userId: await userId('instruktur.arta'), name: 'instruktur.arta' },
    },
    now,
  );
  // After production: each month's premi run, canteen withdrawals, a payout at release, PNBP deposits.
  created += await seedDemoPremi(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      transferUnitId: unitIds.get('LAPAS-MDN') ?? '',
      petugas: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
      kepala: { userId: await userId('ari.rahmanto'), name: 'ari.rahmanto' },
    },
    now,
  );
  // Keep last: completion reads the attendance and competencies seeded above.
  created += await seedDemoCertificates(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      issuer: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
    },
    now,
  );
  // The mid-year monitoring visit describes what the records above show on its day.
  created += await seedDemoMonev(db, SEED, {
    unitId: unitIds.get('RUTAN-MGT') ?? '',
    petugasId: await userId('petugas.magetan'),
    today,
  });
  // What waits for the Kepala UPT this morning: the petugas's request to correct a locked roll call.
  created += await seedDemoApprovals(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      petugas: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
    },
    now,
  );
  // After release: the Bapas and its PK, jobs, an own business and follow-ups, the release pipeline.
  created += await seedDemoReintegration(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      kanwilId: kanwilIds.get('JATIM') ?? '',
      petugas: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
      instructor: { userId: await userId('instruktur.arta'), name: 'instruktur.arta' },
    },
    now,
  );
  // After production, certificates and sales: Humas's news of the signing and the first
  // certificates, the product gallery and the public's order inquiries (demo.humas.ts).
  created += await seedDemoHumas(
    db,
    {
      unitId: unitIds.get('RUTAN-MGT') ?? '',
      humas: { userId: await userId('humas.magetan'), name: 'humas.magetan' },
      kepala: { userId: await userId('ari.rahmanto'), name: 'ari.rahmanto' },
      petugas: { userId: await userId('petugas.magetan'), name: 'petugas.magetan' },
    },
    now,
  );
  // The other units' year, so the Kanwil and national pages compare real figures (demo.units.ts).
  const unitStaff = new Map<string, UnitStaff>();
  for (const [code, petugas, kepala] of [
    ['LAPAS-MDN', 'petugas.madiun', 'kepala.madiun'],
    ['LAPAS-NGW', 'petugas.ngawi', 'kepala.ngawi'],
    ['LAPAS-KRB', 'petugas.kerobokan', 'kepala.kerobokan'],
  ] as const)
    unitStaff.set(code, {
      unitId: unitIds.get(code) ?? '',
      petugas: { userId: await userId(petugas), name: petugas },
      kepala: { userId: await userId(kepala), name: kepala },
    });
  created += await seedDemoUnits(db, unitStaff, now);
  // The monthly reports of the year, on the days they were written, signed and read (after the
  // records they count).
  const accounts = new Map<string, Actor>();
  for (const a of DEMO_ACCOUNTS)
    accounts.set(a.username, { userId: await userId(a.username), name: a.username });
  created += await seedDemoReports(db, accounts, unitIds, now);
  // The monthly aggregates of everything seeded above (issue 14), so the demo starts fresh.
  await refreshDirty(db);
  return { created };
}
