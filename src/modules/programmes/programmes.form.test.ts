import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../app/errors.ts';
import { existingUnits, formToInput, parseCurriculum } from './programmes.form.ts';

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

  test('existing curriculum rows keep their ids, follow their order numbers and drop the ticked ones', () => {
    const [a, b, c] = [
      '11111111-1111-4111-8111-111111111111',
      '22222222-2222-4222-8222-222222222222',
      '33333333-3333-4333-8333-333333333333',
    ];
    assert.deepEqual(
      existingUnits({
        cu_id: [a, b, c],
        cu_position: ['3', '1', '2'],
        cu_code: ['', 'K-02', ''],
        cu_title: ['Tusuk dasar', ' Rantai ', 'Pola'],
        cu_hours: ['6', '12', '9'],
        cu_remove: c,
      }),
      {
        units: [
          { id: b, code: 'K-02', title: 'Rantai', target_hours: 12 },
          { id: a, title: 'Tusuk dasar', target_hours: 6 },
        ],
        badRow: null,
      },
    );
    assert.equal(
      existingUnits({ cu_id: [a, b], cu_title: ['Tusuk dasar', ''], cu_hours: ['6', '3'] }).badRow,
      2,
    );
    assert.equal(existingUnits({ cu_id: a, cu_title: 'Tusuk dasar', cu_hours: '1,5' }).badRow, 1);
    assert.throws(
      () =>
        formToInput({
          name: 'Merajut',
          kind: 'training',
          capacity: 20,
          cu_id: [a],
          cu_title: [''],
          cu_hours: ['1'],
        }),
      (e: unknown) => e instanceof AppError && e.fields[0]?.field === 'cu_title',
    );
  });
});
