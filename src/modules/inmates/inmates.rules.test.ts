import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  categoryOf,
  hasRegisterFWithin,
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
