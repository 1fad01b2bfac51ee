import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../app/errors.ts';
import { formToInput, parseCurriculum } from './programmes.form.ts';

describe('programme form', () => {
  test('curriculum lines are "title; target hours" or "code; title; target hours"; blank lines are ignored', () => {
    assert.deepEqual(parseCurriculum('Tusuk dasar; 6\n\nK-02; Rantai dan tusuk tunggal; 12 jam\n'), {
      units: [
        { title: 'Tusuk dasar', target_hours: 6 },
        { code: 'K-02', title: 'Rantai dan tusuk tunggal', target_hours: 12 },
      ],
      badLine: null,
    });
  });

  test('a curriculum line without whole target hours is named by its line number', () => {
    assert.equal(parseCurriculum('Tusuk dasar; 6\nPola tas').badLine, 2);
    assert.equal(parseCurriculum('Tusuk dasar; enam').badLine, 1);
    assert.throws(
      () => formToInput({ name: 'Merajut', kind: 'training', capacity: 20, curriculum: 'Pola tas; 1,5' }),
      (e: unknown) => e instanceof AppError && e.fields[0]?.field === 'curriculum',
    );
  });

  test('eligibility fields of the form become one eligibility object', () => {
    const input = formToInput({
      name: 'Merajut',
      kind: 'training',
      capacity: 20,
      min_remaining_months: 6,
      risk_levels: ['rendah', 'sedang'],
    });
    assert.deepEqual(input.eligibility, {
      min_remaining_months: 6,
      risk_levels: ['rendah', 'sedang'],
      allow_health_restriction: false,
    });
  });
});
