// Builders of the raw records the monthly aggregates count that other builders do not make: a
// direct sale (or its reversal) and a certificate, written as rows, for the rollups tests.
import type { Db } from '../src/db/database.ts';

let serial = 0;
export async function buildSale(
  db: Db,
  o: { unit_id: string; sold_on: string; total: number; reverses_id?: string },
) {
  serial++;
  return db
    .insertInto('sales')
    .values({
      unit_id: o.unit_id,
      number: `PJ-T-${Date.now()}-${serial}`,
      sold_on: o.sold_on,
      channel: 'bazaar',
      buyer_name: null,
      buyer_phone: null,
      payment_method: 'tunai',
      payment_ref: null,
      total: o.total,
      status: o.reverses_id ? 'reversal' : 'completed',
      reverses_id: o.reverses_id ?? null,
      cancel_reason: o.reverses_id ? 'Salah catat' : null,
      note: null,
      created_by: null,
      approved_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildCertificate(
  db: Db,
  o: { unit_id: string; programme_id: string; enrolment_id: string; issued_on: string },
) {
  serial++;
  return db
    .insertInto('certificates')
    .values({
      number: `SRT-T-${Date.now()}-${serial}`,
      verify_token: `tok${Date.now()}${serial}`,
      enrolment_id: o.enrolment_id,
      programme_id: o.programme_id,
      unit_id: o.unit_id,
      holder_name: 'Peserta',
      holder_initials: 'P.',
      issued_on: o.issued_on,
      hours: 40,
      attendance_rate: 90,
      competencies: '[]',
      issued_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
