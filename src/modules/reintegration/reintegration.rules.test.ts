import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  dueOn,
  integrasiProblems,
  releaseDateOf,
  releaseProblems,
  windowOf,
} from './reintegration.rules.ts';

test('a release date falls in the 30-day window up to and including day 30, then in the 90-day one', () => {
  assert.equal(windowOf('2026-12-02', '2026-12-02'), '30');
  assert.equal(windowOf('2027-01-01', '2026-12-02'), '30');
  assert.equal(windowOf('2027-01-02', '2026-12-02'), '90');
  assert.equal(windowOf('2027-03-02', '2026-12-02'), '90');
  assert.equal(windowOf('2027-03-03', '2026-12-02'), null);
  assert.equal(windowOf('2026-12-01', '2026-12-02'), null, 'a day already past is in no window');
  assert.equal(windowOf(null, '2026-12-02'), null);
});

test('a planned integrasi moves the release date before the tanggal ekspirasi', () => {
  assert.equal(
    releaseDateOf({ integrasi_date: '2027-01-10', expected_release_date: '2027-06-01' }),
    '2027-01-10',
  );
  assert.equal(releaseDateOf({ integrasi_date: null, expected_release_date: '2027-06-01' }), '2027-06-01');
});

test('an item is due its days before release, never in the past, and in 30 days without a release date', () => {
  assert.equal(dueOn('2027-01-31', 14, '2026-12-02'), '2027-01-17');
  assert.equal(dueOn('2026-12-10', 30, '2026-12-02'), '2026-12-02');
  assert.equal(dueOn(null, 14, '2026-12-02'), addDays('2026-12-02', 30));
});

test('an integrasi date without a decree number is refused on the decree field', () => {
  const p = integrasiProblems({ integrasi_kind: 'PB', integrasi_date: '2027-01-10' }, '2026-12-02');
  assert.deepEqual(
    p.map((x) => [x.field, x.key]),
    [['decree_number', 'reintegration.decreeRequired']],
  );
  assert.deepEqual(integrasiProblems({}, '2026-12-02'), [], 'no integrasi at all is fine');
  assert.deepEqual(
    integrasiProblems(
      {
        integrasi_kind: 'CB',
        integrasi_date: '2027-01-10',
        decree_number: 'W15-1/2026',
        decree_date: '2026-11-20',
      },
      '2026-12-02',
    ),
    [],
  );
  assert.ok(
    integrasiProblems({ decree_number: ' ', integrasi_date: '2027-01-10' }, '2026-12-02').some(
      (x) => x.field === 'integrasi_kind',
    ),
  );
});

test('a release by integrasi needs that integrasi on the case; a release is not in the future', () => {
  const c = { entry_date: '2025-01-01', status: 'active', integrasi_kind: null };
  assert.deepEqual(
    releaseProblems({ released_on: '2026-12-02', release_kind: 'ekspirasi' }, c, '2026-12-02'),
    [],
  );
  assert.deepEqual(
    releaseProblems({ released_on: '2026-12-02', release_kind: 'PB' }, c, '2026-12-02').map((x) => x.field),
    ['release_kind'],
  );
  assert.deepEqual(
    releaseProblems({ released_on: '2026-12-03', release_kind: 'ekspirasi' }, c, '2026-12-02').map(
      (x) => x.key,
    ),
    ['reintegration.releaseInFuture'],
  );
  assert.deepEqual(
    releaseProblems(
      { released_on: '2026-12-02', release_kind: 'PB' },
      { ...c, integrasi_kind: 'PB' },
      '2026-12-02',
    ),
    [],
  );
});
