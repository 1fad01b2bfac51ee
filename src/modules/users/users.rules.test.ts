import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nipProblem, roleUnitProblem } from './users.rules.ts';

const TODAY = '2026-01-21';

describe('NIP', () => {
  test('a well-formed NIP: birth date, month of appointment, gender 1 or 2, sequence', () => {
    assert.equal(nipProblem('198503122010011004', TODAY), null);
    assert.equal(nipProblem('199107082015032001', TODAY), null);
  });
  test('18 digits, no more, no less, and not the sequence 000', () => {
    assert.equal(nipProblem('19850312201001100', TODAY), 'users.nipDigits');
    assert.equal(nipProblem('1985031220100110045', TODAY), 'users.nipDigits');
    assert.equal(nipProblem('19850312201001100A', TODAY), 'users.nipDigits');
    assert.equal(nipProblem('198503122010011000', TODAY), 'users.nipDigits');
  });
  test('the birth date is a real day of someone at least 17', () => {
    assert.equal(nipProblem('198502302010011004', TODAY), 'users.nipBirth', '30 February');
    assert.equal(nipProblem('198513122010011004', TODAY), 'users.nipBirth', 'month 13');
    assert.equal(nipProblem('201001012026011004', TODAY), 'users.nipBirth', 'sixteen years old');
    assert.equal(nipProblem('200002292020011004', TODAY), null, '29 February of a leap year');
  });
  test('the appointment month is a month, after the 17th birthday and not in the future', () => {
    assert.equal(nipProblem('198503122010131004', TODAY), 'users.nipTmt');
    assert.equal(nipProblem('198503121995011004', TODAY), 'users.nipTmt', 'appointed at nine');
    assert.equal(nipProblem('198503122027011004', TODAY), 'users.nipTmt', 'appointed next year');
  });
  test('the gender digit (the 15th) is 1 or 2', () => {
    assert.equal(nipProblem('198503122010013004', TODAY), 'users.nipGender');
    assert.equal(nipProblem('198503122010010004', TODAY), 'users.nipGender');
  });
});

describe('which unit a role works in', () => {
  test('a probation officer (pembimbing_kemasyarakatan) belongs to a Bapas, and holds no other role', () => {
    assert.equal(roleUnitProblem(['pembimbing_kemasyarakatan'], 'bapas'), null);
    assert.equal(roleUnitProblem(['pembimbing_kemasyarakatan'], 'rutan'), 'users.pkNeedsBapas');
    assert.equal(roleUnitProblem(['pembimbing_kemasyarakatan'], 'lapas'), 'users.pkNeedsBapas');
    assert.equal(roleUnitProblem(['pembimbing_kemasyarakatan'], null), 'users.pkNeedsBapas');
    assert.equal(roleUnitProblem(['pembimbing_kemasyarakatan', 'petugas'], 'bapas'), 'users.pkAlone');
  });
  test('other roles are not bound to a unit type here', () => {
    assert.equal(roleUnitProblem(['petugas'], 'rutan'), null);
    assert.equal(roleUnitProblem(['kepala_upt'], 'bapas'), null);
  });
});
