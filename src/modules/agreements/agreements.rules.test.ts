import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  effectiveSplit,
  reminderFor,
  type TermsVersion,
  termsInForce,
  transition,
} from './agreements.rules.ts';

const base = { today: '2026-01-21', validFrom: '2026-01-21', validTo: null, signedOn: '2026-01-21' };

describe('agreement lifecycle', () => {
  test('draft -> signed -> active -> expired, each step only from the one before', () => {
    assert.deepEqual(transition({ ...base, status: 'draft', action: 'sign' }), {
      ok: true,
      status: 'signed',
    });
    assert.deepEqual(transition({ ...base, status: 'signed', action: 'activate' }), {
      ok: true,
      status: 'active',
    });
    assert.deepEqual(
      transition({ ...base, status: 'active', action: 'expire', validTo: '2026-06-30', today: '2026-07-01' }),
      { ok: true, status: 'expired' },
    );
    assert.equal(transition({ ...base, status: 'draft', action: 'activate' }).ok, false);
    assert.equal(transition({ ...base, status: 'active', action: 'sign' }).ok, false);
    assert.equal(transition({ ...base, status: 'expired', action: 'terminate', reason: 'x' }).ok, false);
  });

  test('an agreement is signed only with its signing date recorded', () => {
    assert.deepEqual(transition({ ...base, status: 'draft', action: 'sign', signedOn: null }), {
      ok: false,
      violation: 'agreements.sign_needs_date',
    });
  });

  test('an agreement cannot become active before it starts, nor expire while it runs or when open-ended', () => {
    assert.deepEqual(transition({ ...base, status: 'signed', action: 'activate', today: '2026-01-20' }), {
      ok: false,
      violation: 'agreements.not_started',
    });
    assert.deepEqual(transition({ ...base, status: 'active', action: 'expire' }), {
      ok: false,
      violation: 'agreements.not_ended',
    });
    assert.deepEqual(
      transition({ ...base, status: 'active', action: 'expire', validTo: '2026-06-30', today: '2026-06-30' }),
      { ok: false, violation: 'agreements.not_ended' },
    );
  });

  test('termination needs a reason', () => {
    assert.deepEqual(transition({ ...base, status: 'active', action: 'terminate', reason: '  ' }), {
      ok: false,
      violation: 'agreements.reason_required',
    });
    assert.deepEqual(
      transition({ ...base, status: 'active', action: 'terminate', reason: 'Mitra menutup usaha' }),
      { ok: true, status: 'terminated' },
    );
  });
});

const v = (o: Partial<TermsVersion>): TermsVersion => ({
  rejects_saleable: false,
  source_id: 'pks',
  source_kind: 'pks',
  source_status: 'active',
  effective_from: '2026-01-21',
  scope: 'Pelatihan merajut',
  valid_to: null,
  obligations_first: [],
  obligations_second: [],
  materials_by: 'partner',
  pay_model: 'piece_rate',
  piece_rates: [{ product: 'Tas rajut', unit: 'buah', rate: 25000 }],
  premi_pct: null,
  pnbp_pct: null,
  capital_pct: null,
  notes: null,
  ...o,
});

describe('terms in force on a date', () => {
  const pks = v({});
  const addendum = v({
    source_id: 'add1',
    source_kind: 'addendum',
    source_status: 'signed',
    effective_from: '2026-07-01',
    piece_rates: [{ product: 'Tas rajut', unit: 'buah', rate: 30000 }],
  });

  test('an addendum changes the terms from its own date onward and leaves earlier days as they were', () => {
    assert.equal(termsInForce([pks, addendum], '2026-06-30')?.piece_rates[0]?.rate, 25000);
    assert.equal(termsInForce([pks, addendum], '2026-07-01')?.piece_rates[0]?.rate, 30000);
    assert.equal(
      termsInForce([addendum, pks], '2026-12-31')?.source_id,
      'add1',
      'order of versions does not matter',
    );
  });

  test('nothing is in force before the agreement starts', () => {
    assert.equal(termsInForce([pks], '2026-01-20'), undefined);
  });

  test('an addendum still in draft, or terminated before signing, changes nothing', () => {
    assert.equal(
      termsInForce([pks, { ...addendum, source_status: 'draft' }], '2026-08-01')?.source_id,
      'pks',
    );
    assert.equal(
      termsInForce([pks, { ...addendum, source_status: 'terminated' }], '2026-08-01')?.source_id,
      'pks',
    );
  });

  test("the split is the agreement's own when set, else the unit's default", () => {
    const unit = { premi_pct: 50, pnbp_pct: 15, capital_pct: 35 };
    assert.deepEqual(effectiveSplit(pks, unit), { premi: 50, pnbp: 15, capital: 35, fromAgreement: false });
    assert.deepEqual(effectiveSplit(v({ premi_pct: 35, pnbp_pct: 50, capital_pct: 15 }), unit), {
      premi: 35,
      pnbp: 50,
      capital: 15,
      fromAgreement: true,
    });
  });
});

describe('reminders', () => {
  test('90 and 30 days before the end, and once past the end while still active', () => {
    assert.equal(reminderFor({ status: 'active', validTo: '2026-12-31' }, '2026-09-01'), undefined);
    assert.equal(
      reminderFor({ status: 'active', validTo: '2026-12-31' }, '2026-10-02'),
      'agreement.ending_90',
    );
    assert.equal(
      reminderFor({ status: 'active', validTo: '2026-12-31' }, '2026-12-01'),
      'agreement.ending_30',
    );
    assert.equal(
      reminderFor({ status: 'active', validTo: '2026-12-31' }, '2026-12-31'),
      'agreement.ending_30',
    );
    assert.equal(reminderFor({ status: 'active', validTo: '2026-12-31' }, '2027-01-01'), 'agreement.overdue');
  });

  test('open-ended, draft, expired and terminated agreements raise no reminder', () => {
    assert.equal(reminderFor({ status: 'active', validTo: null }, '2030-01-01'), undefined);
    assert.equal(reminderFor({ status: 'draft', validTo: '2026-12-31' }, '2026-12-01'), undefined);
    assert.equal(reminderFor({ status: 'expired', validTo: '2026-12-31' }, '2027-01-05'), undefined);
    assert.equal(reminderFor({ status: 'terminated', validTo: '2026-12-31' }, '2026-12-20'), undefined);
  });
});
