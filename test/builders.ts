// Test data builders: each makes a valid record, creating any missing parents, and takes overrides.
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/database.ts';
import type { MarkStatus, Role, TimeZone } from '../src/db/schema.ts';
import { hashPassword } from '../src/modules/auth/password.ts';

export const TEST_PASSWORD = 'kata-sandi-uji-123';
let cachedHash: string | undefined;
const uniq = () => randomBytes(4).toString('hex');

export async function buildKanwil(
  db: Db,
  o: Partial<{ code: string; name: string; timezone: TimeZone }> = {},
) {
  const code = o.code ?? `KW${uniq()}`;
  return db
    .insertInto('kanwil')
    .values({
      code,
      name: o.name ?? `Kanwil ${code}`,
      province: 'Jawa Timur',
      timezone: o.timezone ?? 'Asia/Jakarta',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUnit(
  db: Db,
  o: Partial<{ kanwil_id: string; code: string; name: string; timezone: TimeZone }> = {},
) {
  const kanwil_id = o.kanwil_id ?? (await buildKanwil(db)).id;
  const code = o.code ?? `U${uniq()}`.toUpperCase();
  return db
    .insertInto('units')
    .values({
      kanwil_id,
      code,
      type: 'rutan',
      class: 'IIB',
      name: o.name ?? `Rutan ${code}`,
      timezone: o.timezone ?? 'Asia/Jakarta',
      address: null,
      city: null,
      phone: null,
      email: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUser(
  db: Db,
  o: Partial<{
    username: string;
    roles: Role[];
    unit_id: string | null;
    kanwil_id: string | null;
    active: boolean;
    must_change_password: boolean;
  }> = {},
) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const roles = o.roles ?? ['petugas'];
  const needsUnit = roles.some((r) => ['kepala_upt', 'petugas', 'instruktur_mitra', 'humas'].includes(r));
  const unit_id = o.unit_id !== undefined ? o.unit_id : needsUnit ? (await buildUnit(db)).id : null;
  const username = o.username ?? `user.${uniq()}`;
  return db
    .insertInto('users')
    .values({
      username,
      full_name: `Pengguna ${username}`,
      roles,
      unit_id,
      kanwil_id: o.kanwil_id ?? null,
      password_hash: cachedHash,
      active: o.active ?? true,
      must_change_password: o.must_change_password ?? false,
      nip: null,
      position: null,
      email: null,
      phone: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildPartner(db: Db, o: Partial<{ unit_id: string; legal_name: string }> = {}) {
  const unit_id = o.unit_id ?? (await buildUnit(db)).id;
  return db
    .insertInto('partners')
    .values({
      unit_id,
      type: 'company',
      legal_name: o.legal_name ?? `PT Mitra ${uniq()}`,
      nib: null,
      npwp: null,
      address: null,
      city: null,
      phone: null,
      email: null,
      website: null,
      notes: null,
      contacts: '[]',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let inmateSerial = 0;
export async function buildInmate(
  db: Db,
  o: Partial<{
    unit_id: string;
    reg_number: string;
    name: string;
    nik: string | null;
    status: 'active' | 'released' | 'transferred';
    expected_release_date: string;
  }> = {},
) {
  const unit_id = o.unit_id ?? (await buildUnit(db)).id;
  inmateSerial++;
  const reg_number = o.reg_number ?? `B.I ${1000 + inmateSerial}/2025`;
  return db
    .insertInto('inmates')
    .values({
      unit_id,
      reg_number,
      register_class: reg_number.startsWith('A.') ? 'A.II' : 'B.I',
      name: o.name ?? `Warga Binaan ${uniq()}`,
      gender: 'L',
      birth_date: '1990-05-01',
      entry_date: '2025-03-01',
      expected_release_date: o.expected_release_date ?? '2027-03-01',
      block: 'A',
      room: '3',
      education: 'SMA',
      risk_level: 'rendah',
      nik: o.nik ?? null,
      status: o.status ?? 'active',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A place in a programme: an inmate's when `inmate_id` is given, otherwise a staff member's. */
export async function buildEnrolment(
  db: Db,
  o: {
    programme_id: string;
    inmate_id?: string;
    name?: string;
    started_on?: string;
    status?: 'active' | 'completed';
  },
) {
  return db
    .insertInto('enrolments')
    .values({
      programme_id: o.programme_id,
      kind: o.inmate_id ? 'inmate' : 'staff',
      inmate_id: o.inmate_id ?? null,
      intake_candidate_id: null,
      name: o.name ?? `Peserta ${uniq()}`,
      institution: null,
      period_from: null,
      period_to: null,
      status: o.status ?? 'active',
      end_reason: null,
      status_note: null,
      started_on: o.started_on ?? '2026-01-01',
      ended_on: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An attendance mark of one participant on one session. */
export async function buildMark(
  db: Db,
  o: { session_id: string; enrolment_id: string; status: MarkStatus; note?: string },
) {
  return db
    .insertInto('attendance_marks')
    .values({
      session_id: o.session_id,
      enrolment_id: o.enrolment_id,
      status: o.status,
      note: o.note ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
