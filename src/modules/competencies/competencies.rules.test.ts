import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assessmentProblems,
  hoursAttended,
  type MarkOfSession,
  statusOfDecision,
} from './competencies.rules.ts';

// Wednesdays 09:00–12:00 WIB: three hours each.
const mark = (session: string, day: string, status: MarkOfSession['status'] = 'hadir'): MarkOfSession => ({
  enrolment_id: 'siti',
  session_id: session,
  status,
  starts_at: new Date(`${day}T02:00:00Z`),
  ends_at: new Date(`${day}T05:00:00Z`),
});

describe('hours per unit', () => {
  const journal = new Map([
    ['s1', ['rjt05']],
    ['s2', ['rjt05']],
    ['s3', ['rjt03', 'rjt06']],
    ['s4', ['rjt03', 'rjt06']],
    ['s5', ['rjt06']],
  ]);
  const targets = new Map([
    ['rjt03', 18],
    ['rjt05', 6],
    ['rjt06', 1.5],
  ]);

  test('without a production log every present session counts in full', () => {
    const h = hoursAttended(
      [mark('s1', '2026-02-04'), mark('s2', '2026-02-11'), mark('s3', '2026-02-18')],
      journal,
    );
    assert.deepEqual(Object.fromEntries(h.get('siti') ?? []), { rjt05: 6, rjt03: 1.5, rjt06: 1.5 });
  });

  test('production practice is not course hours once the unit has its target hours', () => {
    const production = new Set(['s3', 's4', 's5']);
    const h = hoursAttended(
      // Out of order on purpose: the rule reads them oldest first.
      [
        mark('s4', '2026-02-25'),
        mark('s1', '2026-02-04'),
        mark('s3', '2026-02-18'),
        mark('s5', '2026-03-04'),
      ],
      journal,
      { production, targets },
    );
    // RJT-06 reached its 1.5 h at s3; s4 and s5 were production practice for it. RJT-03 is still
    // short of its target, so the practice counts towards it.
    assert.deepEqual(Object.fromEntries(h.get('siti') ?? []), { rjt05: 3, rjt03: 3, rjt06: 1.5 });
  });

  test('a teaching session (no production log) still counts beyond the target', () => {
    const h = hoursAttended(
      [mark('s1', '2026-02-04'), mark('s2', '2026-02-11'), mark('s3', '2026-02-18')],
      new Map([...journal, ['s3', ['rjt05']]]),
      { production: new Set(['s2']), targets },
    );
    assert.equal(h.get('siti')?.get('rjt05'), 9);
  });

  test('a production session that tops up a unit counts only up to its target', () => {
    const h = hoursAttended([mark('s1', '2026-02-04'), mark('s2', '2026-02-11')], journal, {
      production: new Set(['s2']),
      targets: new Map([['rjt05', 4]]),
    });
    assert.equal(h.get('siti')?.get('rjt05'), 4);
  });

  test('absence earns nothing, late counts as present', () => {
    const h = hoursAttended(
      [mark('s1', '2026-02-04', 'alpa'), mark('s2', '2026-02-11', 'terlambat')],
      journal,
    );
    assert.equal(h.get('siti')?.get('rjt05'), 3);
  });
});

describe('what an assessment must carry', () => {
  const on = { today: '2026-03-11', startedOn: '2026-01-21' };

  test('a verdict needs a date and evidence; without a verdict nothing is required', () => {
    assert.deepEqual(
      assessmentProblems({ status: 'competent', assessedOn: null, evidence: null }, on).map((p) => p.field),
      ['assessed_on', 'evidence'],
    );
    assert.deepEqual(
      assessmentProblems({ status: 'not_yet_competent', assessedOn: '2026-03-04', evidence: null }, on).map(
        (p) => p.key,
      ),
      ['competencies.evidenceRequired'],
    );
    assert.deepEqual(assessmentProblems({ status: 'in_progress', assessedOn: null, evidence: null }, on), []);
    assert.deepEqual(assessmentProblems({ status: 'not_started', assessedOn: null, evidence: null }, on), []);
  });

  test('the date is neither in the future nor before the participant started', () => {
    const p = (d: string) =>
      assessmentProblems({ status: 'competent', assessedOn: d, evidence: 'Tas rajut' }, on).map((x) => x.key);
    assert.deepEqual(p('2026-03-12'), ['competencies.dateFuture']);
    assert.deepEqual(p('2026-01-20'), ['competencies.dateBeforeStart']);
    assert.deepEqual(p('2026-03-11'), []);
  });

  test('"not assessed" keeps a status without a verdict and withdraws a verdict to in progress', () => {
    assert.equal(statusOfDecision('pending', 'not_started'), 'not_started');
    assert.equal(statusOfDecision('pending', 'in_progress'), 'in_progress');
    assert.equal(statusOfDecision('pending', 'competent'), 'in_progress');
    assert.equal(statusOfDecision('competent', 'not_started'), 'competent');
  });
});
