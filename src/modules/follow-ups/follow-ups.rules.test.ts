import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerProblems, dueOn, milestoneStatus } from './follow-ups.rules.ts';

describe('follow-up milestones', () => {
  test('a follow-up falls due N calendar months after release, on the month end when the day does not exist', () => {
    assert.equal(dueOn('2026-03-15', 1), '2026-04-15');
    assert.equal(dueOn('2026-01-31', 1), '2026-02-28');
    assert.equal(dueOn('2028-01-31', 1), '2028-02-29', 'leap year');
    assert.equal(dueOn('2026-08-31', 6), '2027-02-28');
    assert.equal(dueOn('2026-11-30', 12), '2027-11-30');
    assert.equal(dueOn('2026-12-05', 3), '2027-03-05', 'across the year');
  });

  test('a milestone is overdue after its due day, due on it, upcoming within 30 days, missed once the next one opens', () => {
    const rel = '2026-01-10';
    assert.equal(milestoneStatus(rel, 1, '2026-01-20', false), 'upcoming');
    assert.equal(milestoneStatus(rel, 1, '2026-02-10', false), 'due');
    assert.equal(milestoneStatus(rel, 1, '2026-02-11', false), 'overdue');
    assert.equal(milestoneStatus(rel, 1, '2026-04-10', false), 'missed', 'the 3-month follow-up is due');
    assert.equal(milestoneStatus(rel, 6, '2026-02-11', false), 'later');
    assert.equal(milestoneStatus(rel, 12, '2027-03-01', false), 'overdue');
    assert.equal(milestoneStatus(rel, 12, '2027-04-10', false), 'missed');
    assert.equal(milestoneStatus(rel, 1, '2026-05-01', true), 'recorded');
  });
});

describe('follow-up answers', () => {
  const reached = {
    contacted_on: '2026-02-10',
    contact_lost: false,
    work_status: 'employed' as const,
    income_band: '1m_3m' as const,
    in_trade: true,
    reoffended: false,
  };
  const fields = (a: typeof reached | Record<string, unknown>, today = '2026-03-01') =>
    answerProblems({ ...reached, ...a }, '2026-01-10', today).map((p) => `${p.field}:${p.key}`);

  test('a reached person with their work is complete', () => {
    assert.deepEqual(fields({}), []);
  });
  test('a contact date before the release or after today is refused on that field', () => {
    assert.deepEqual(fields({ contacted_on: '2026-01-09' }), ['contacted_on:followUps.beforeRelease']);
    assert.deepEqual(fields({ contacted_on: '2026-03-02' }), ['contacted_on:followUps.future']);
    assert.deepEqual(fields({ contacted_on: '2026-01-10' }), [], 'the release day itself');
  });
  test('reached means the work is known; contact lost means work, income and trade are not', () => {
    assert.deepEqual(fields({ work_status: null }), ['work_status:followUps.workRequired']);
    assert.deepEqual(fields({ contact_lost: true }), [
      'work_status:followUps.lostNoWork',
      'income_band:followUps.lostNoWork',
      'in_trade:followUps.lostNoWork',
    ]);
    assert.deepEqual(
      fields({ contact_lost: true, work_status: null, income_band: null, in_trade: null, reoffended: true }),
      [],
      'a re-offence may be known from the records',
    );
  });
});
