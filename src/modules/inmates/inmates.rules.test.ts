import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  categoryOf,
  expiryChangeProblems,
  hasRegisterFWithin,
  isPastExpiry,
  maskedNik,
  monthsBefore,
  parseRegNumber,
  remainingMonths,
} from './inmates.rules.ts';

describe('registration numbers', () => {
  test('a number written loosely is normalised to the register format', () => {
    assert.equal(parseRegNumber('B.I 123/2025')?.number, 'B.I 123/2025');
    assert.equal(parseRegNumber('b.i 123/2025')?.number, 'B.I 123/2025');
    assert.equal(parseRegNumber('B.I-123/2025')?.number, 'B.I 123/2025');
    assert.equal(parseRegNumber(' BI.0123 / 2025 ')?.number, 'B.I 123/2025');
    assert.equal(parseRegNumber('b.iia 7/2026')?.number, 'B.IIa 7/2026');
    assert.equal(parseRegNumber('B.IIB 7/2026')?.number, 'B.IIb 7/2026');
    assert.equal(parseRegNumber('A.III 45/2026')?.registerClass, 'A.III');
    assert.equal(parseRegNumber('a.iv 1/2026')?.registerClass, 'A.IV');
    assert.equal(parseRegNumber('A.V 2/2026')?.registerClass, 'A.V');
  });

  test('garbage, unknown classes and impossible years are refused', () => {
    for (const bad of [
      '',
      'hello',
      '123/2025',
      'C.I 1/2025',
      'B.IV 1/2025',
      'A.IIa 1/2025',
      'B.I 12/25',
      'B.I 0/2025',
      'B.I 1/1800',
      'B.I 1/2025 x',
    ])
      assert.equal(parseRegNumber(bad), null, bad);
  });
});

describe('category and NIK', () => {
  test('registers A.I-A.V hold detainees (tahanan), B.* sentenced inmates (narapidana)', () => {
    assert.equal(categoryOf('A.I'), 'tahanan');
    assert.equal(categoryOf('A.V'), 'tahanan');
    assert.equal(categoryOf('B.I'), 'narapidana');
    assert.equal(categoryOf('B.III'), 'narapidana');
  });

  test('a NIK is only ever shown masked', () => {
    assert.equal(maskedNik('3520123456789012'), '3520**********12');
    assert.equal(maskedNik(null), null);
    assert.equal(maskedNik(''), null);
  });
});

describe('remaining sentence', () => {
  test('whole months until the expected release date count from the given day', () => {
    assert.equal(remainingMonths('2026-07-21', '2026-01-21'), 6);
    assert.equal(remainingMonths('2026-07-20', '2026-01-21'), 5);
    assert.equal(remainingMonths('2027-01-21', '2026-01-21'), 12);
    assert.equal(remainingMonths('2026-01-10', '2026-01-21'), 0);
    assert.equal(remainingMonths(null, '2026-01-21'), null);
  });

  test('months before a day clamp to the end of a shorter month', () => {
    assert.equal(monthsBefore('2026-03-31', 1), '2026-02-28');
    assert.equal(monthsBefore('2026-01-15', 6), '2025-07-15');
    assert.equal(monthsBefore('2026-01-15', 12), '2025-01-15');
  });
});

describe('Register F', () => {
  const entries = [{ entry_date: '2025-09-01' }];
  test('an entry within the last N months counts; an older one or a future one does not', () => {
    assert.equal(hasRegisterFWithin(entries, 6, '2026-01-21'), true);
    assert.equal(hasRegisterFWithin(entries, 6, '2026-03-01'), true);
    assert.equal(hasRegisterFWithin(entries, 6, '2026-03-02'), false);
    assert.equal(hasRegisterFWithin(entries, 6, '2025-08-31'), false);
    assert.equal(hasRegisterFWithin([], 6, '2026-01-21'), false);
  });
});

describe('past the tanggal ekspirasi', () => {
  test('an active person is flagged the day after their ekspirasi, not on the day itself', () => {
    const p = { status: 'active', expected_release_date: '2026-01-20' };
    assert.equal(isPastExpiry(p, '2026-01-20'), false);
    assert.equal(isPastExpiry(p, '2026-01-21'), true);
  });
  test('a released or transferred person, or one with no known date, is never flagged', () => {
    assert.equal(
      isPastExpiry({ status: 'released', expected_release_date: '2024-11-01' }, '2026-01-21'),
      false,
    );
    assert.equal(
      isPastExpiry({ status: 'transferred', expected_release_date: '2024-11-01' }, '2026-01-21'),
      false,
    );
    assert.equal(isPastExpiry({ status: 'active', expected_release_date: null }, '2026-01-21'), false);
  });
});

describe('changing a tanggal ekspirasi', () => {
  const tahanan = {
    register_class: 'A.III' as const,
    entry_date: '2025-12-01',
    expected_release_date: '2026-01-29',
  };
  const napi = {
    register_class: 'B.I' as const,
    entry_date: '2025-03-01',
    expected_release_date: '2027-03-01',
  };
  const keys = (x: ReturnType<typeof expiryChangeProblems>) => x.map((p) => `${p.field}:${p.key}`);
  const order = {
    kind: 'detention_extension' as const,
    new_expiry: '2026-03-29',
    reference: 'PEN-45/Pid.B/2026/PN Mgt',
    authority: 'Ketua Pengadilan Negeri Magetan',
    order_date: '2026-01-27',
  };

  test('a new detention order for a detainee names its number, authority and date, and extends', () => {
    assert.deepEqual(expiryChangeProblems(order, tahanan, '2026-01-28'), []);
    assert.deepEqual(
      keys(
        expiryChangeProblems(
          { kind: 'detention_extension', new_expiry: '2026-01-20' },
          tahanan,
          '2026-01-28',
        ),
      ),
      [
        'reference:err.required',
        'authority:err.required',
        'order_date:err.required',
        'new_expiry:inmates.expiry.mustExtend',
      ],
    );
    assert.deepEqual(
      keys(expiryChangeProblems({ ...order, order_date: '2026-02-01' }, tahanan, '2026-01-28')),
      ['order_date:inmates.expiry.orderInFuture'],
    );
  });

  test('a detention order is for detainees; a sentenced person’s date is corrected with its basis', () => {
    assert.deepEqual(keys(expiryChangeProblems(order, napi, '2026-01-28')), [
      'kind:inmates.expiry.detaineesOnly',
      'new_expiry:inmates.expiry.mustExtend',
    ]);
    const fix = { kind: 'correction' as const, new_expiry: '2026-12-17' };
    assert.deepEqual(keys(expiryChangeProblems(fix, napi, '2026-01-28')), ['basis:err.required']);
    assert.deepEqual(
      expiryChangeProblems({ ...fix, basis: 'SK remisi umum 17 Agustus 2026' }, napi, '2026-01-28'),
      [],
    );
    assert.deepEqual(
      keys(
        expiryChangeProblems(
          { ...fix, new_expiry: '2027-03-01', basis: 'Tidak berubah' },
          napi,
          '2026-01-28',
        ),
      ),
      ['new_expiry:inmates.expiry.unchanged'],
    );
    assert.deepEqual(
      keys(
        expiryChangeProblems({ ...fix, new_expiry: '2025-01-01', basis: 'Salah ketik' }, napi, '2026-01-28'),
      ),
      ['new_expiry:inmates.releaseBeforeEntry'],
    );
  });
});
