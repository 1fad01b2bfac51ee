import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { competencyLines, matchTraining, transitionProblem } from './job-offers.rules.ts';

describe('job application statuses', () => {
  const at = { status: 'wawancara' as const, status_on: '2026-11-20' };
  test('a status follows only the ones the process allows', () => {
    assert.equal(transitionProblem(at, { status: 'diterima', on_date: '2026-11-25' }, '2026-12-02'), null);
    assert.equal(
      transitionProblem(at, { status: 'diajukan', on_date: '2026-11-25' }, '2026-12-02'),
      'not_allowed',
    );
    assert.equal(transitionProblem(at, { status: 'wawancara', on_date: '2026-11-25' }, '2026-12-02'), 'same');
    const refused = { status: 'ditolak' as const, status_on: '2026-11-20' };
    assert.equal(
      transitionProblem(refused, { status: 'diterima', on_date: '2026-11-25' }, '2026-12-02'),
      'not_allowed',
    );
    const hired = { status: 'diterima' as const, status_on: '2026-11-20' };
    assert.equal(transitionProblem(hired, { status: 'mundur', on_date: '2026-11-30' }, '2026-12-02'), null);
  });
  test('a status date is not in the future nor before the last change', () => {
    assert.equal(
      transitionProblem(at, { status: 'diterima', on_date: '2026-12-03' }, '2026-12-02'),
      'future',
    );
    assert.equal(
      transitionProblem(at, { status: 'diterima', on_date: '2026-11-19' }, '2026-12-02'),
      'before_last',
    );
    assert.equal(transitionProblem(at, { status: 'diterima', on_date: '2026-11-20' }, '2026-12-02'), null);
  });
});

describe('matching a person to an offer', () => {
  const offer = { skill_area: 'Rajut', competencies: ['R02', 'merajut dasar', 'menjahit'] };
  test('the skill area of a completed programme and each competent unit count, by code or title', () => {
    const m = matchTraining(offer, {
      skillAreas: [' rajut '],
      units: [
        { code: 'R01', title: 'Merajut Dasar' },
        { code: 'R02', title: 'Finishing rajutan' },
      ],
    });
    assert.deepEqual(m, { skillArea: true, competencies: ['R02', 'merajut dasar'], score: 3 });
  });
  test('no training in the area and no unit sought is no match', () => {
    const m = matchTraining(offer, { skillAreas: ['Las'], units: [{ code: 'L01', title: 'Las listrik' }] });
    assert.equal(m.score, 0);
  });
  test('an offer without a skill area matches by competencies only', () => {
    const m = matchTraining({ skill_area: null, competencies: [] }, { skillAreas: ['Rajut'], units: [] });
    assert.equal(m.score, 0);
  });
  test("the form's competencies: one per line, blanks and repeats dropped", () => {
    assert.deepEqual(competencyLines('R01\n\n merajut dasar \nr01, Finishing'), [
      'R01',
      'merajut dasar',
      'Finishing',
    ]);
    assert.deepEqual(competencyLines(undefined), []);
  });
});
