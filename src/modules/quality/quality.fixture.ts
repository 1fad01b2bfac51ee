// Test fixture shared by the quality-check and offtake tests: Rutan Magetan's knitting class with
// PT. Arta Jayendra Perkasa (piece rates by agreement, an addendum from 15 March 2026 that raises
// the key-ring rate and lets the unit sell unfixable rejects), two makers holding finished items.
import assert from 'node:assert/strict';
import type { Client, TestApp } from '../../../test/app.ts';
import { buildEnrolment, buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { systemCtx } from '../../app/principal.ts';
import { moveProduct } from '../stock/stock.service.ts';

export interface QcFixture {
  unitId: string;
  partnerId: string;
  otherPartnerId: string;
  programmeId: string;
  otherProgrammeId: string;
  agreementId: string;
  keyring: string;
  wallet: string;
  bag: string;
  makers: { ani: string; budi: string };
  petugas: Client;
  kepala: Client;
  instructor: Client;
  otherInstructor: Client;
  /** Finished items of a maker, awaiting the partner's check (as the production log posts them). */
  produce(enrolmentId: string, productId: string, qty: number, day?: string): Promise<void>;
  count(
    table:
      | 'qc_batches'
      | 'qc_batch_lines'
      | 'qc_rejects'
      | 'product_movements'
      | 'offtake_invoices'
      | 'offtake_payments',
  ): Promise<number>;
  stock(
    productId: string,
  ): Promise<{ awaiting_check: number; in_check: number; on_hand: number; sold: number }>;
}

export async function qcFixture(t: TestApp): Promise<QcFixture> {
  const unitId = (await buildUnit(t.db)).id;
  const partnerId = (await buildPartner(t.db, { unit_id: unitId, legal_name: 'PT. Arta Jayendra Perkasa' }))
    .id;
  const otherPartnerId = (await buildPartner(t.db, { unit_id: unitId })).id;
  const user = async (role: 'petugas' | 'kepala_upt' | 'instruktur_mitra', partner?: string) => {
    const u = await buildUser(t.db, { roles: [role], unit_id: unitId });
    if (partner)
      await t.db.updateTable('users').set({ partner_id: partner }).where('id', '=', u.id).execute();
    return t.signedIn(u.username);
  };
  const petugas = await user('petugas');
  const kepala = await user('kepala_upt');
  const instructor = await user('instruktur_mitra', partnerId);
  const otherInstructor = await user('instruktur_mitra', otherPartnerId);

  const agreement = async (partner: string, rates: Array<[string, number]>) => {
    const res = await petugas.json('POST', '/api/v1/agreements', {
      partner_id: partner,
      kind: 'pks',
      title: 'PKS Pelatihan Merajut',
      signed_on: '2026-01-21',
      valid_from: '2026-01-21',
      terms: {
        pay_model: 'piece_rate',
        materials_by: 'partner',
        piece_rates: rates.map(([product, rate]) => ({ product, unit: 'buah', rate })),
        rejects_saleable: false,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = (res.json() as { id: string }).id;
    assert.equal((await kepala.json('POST', `/api/v1/agreements/${id}/sign`)).statusCode, 200);
    return id;
  };
  const agreementId = await agreement(partnerId, [
    ['Gantungan kunci rajut', 5000],
    ['Dompet rajut', 15000],
  ]);
  const add = await petugas.json('POST', `/api/v1/agreements/${agreementId}/addenda`, {
    title: 'Adendum I tarif gantungan kunci',
    signed_on: '2026-03-15',
    valid_from: '2026-03-15',
    terms: {
      pay_model: 'piece_rate',
      materials_by: 'partner',
      piece_rates: [
        { product: 'Gantungan kunci rajut', unit: 'buah', rate: 6000 },
        { product: 'Dompet rajut', unit: 'buah', rate: 15000 },
      ],
      rejects_saleable: true,
    },
  });
  assert.equal(add.statusCode, 201, add.body);
  const addId = (add.json() as { id: string }).id;
  assert.equal((await kepala.json('POST', `/api/v1/agreements/${addId}/sign`)).statusCode, 200);
  const otherAgreement = await agreement(otherPartnerId, [['Gantungan kunci rajut', 4000]]);

  const programme = async (name: string, partner: string, agreementOf: string) => {
    const res = await petugas.json('POST', '/api/v1/programmes', {
      name,
      kind: 'production',
      capacity: 20,
      partner_id: partner,
      agreement_id: agreementOf,
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const programmeId = await programme('Kelas Rajut Magetan', partnerId, agreementId);
  const otherProgrammeId = await programme('Kelas Anyaman', otherPartnerId, otherAgreement);

  const kind = await t.db
    .selectFrom('product_kinds')
    .select('id')
    .where('code', '=', 'aksesoris')
    .executeTakeFirstOrThrow();
  const product = async (name: string, programmeOf: string) =>
    (
      await t.db
        .insertInto('products')
        .values({
          unit_id: unitId,
          programme_id: programmeOf,
          kind_id: kind.id,
          name: `${name}${programmeOf === programmeId ? '' : ' (anyaman)'}`,
          rate_name: name,
          route: 'partner',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const keyring = await product('Gantungan kunci rajut', programmeId);
  const wallet = await product('Dompet rajut', programmeId);
  // No rate for bags in the agreement: checking a passed bag is refused.
  const bag = await product('Tas rajut', programmeId);
  const ani = (await buildEnrolment(t.db, { programme_id: programmeId, name: 'Ani Lestari' })).id;
  const budi = (await buildEnrolment(t.db, { programme_id: programmeId, name: 'Budi Santoso' })).id;

  const ctx = systemCtx(t.db);
  return {
    unitId,
    partnerId,
    otherPartnerId,
    programmeId,
    otherProgrammeId,
    agreementId,
    keyring,
    wallet,
    bag,
    makers: { ani, budi },
    petugas,
    kepala,
    instructor,
    otherInstructor,
    async produce(enrolmentId, productId, qty, day = '2026-03-04') {
      await t.db
        .transaction()
        .execute((trx) =>
          moveProduct({ ...ctx, db: trx }, { productId, kind: 'produced', qty, day, enrolmentId }),
        );
    },
    async count(table) {
      const r = await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async stock(productId) {
      return t.db
        .selectFrom('products')
        .select(['awaiting_check', 'in_check', 'on_hand', 'sold'])
        .where('id', '=', productId)
        .executeTakeFirstOrThrow();
    },
  };
}
