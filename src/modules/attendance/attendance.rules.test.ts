import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  attendanceRate,
  attendanceRateOfCounts,
  currentAbsenceRun,
  hoursPerUnit,
  isLocked,
  longestAbsenceRun,
  rollCallStanding,
  sessionHours,
} from './attendance.rules.ts';

describe('attendance rules', () => {
  test('late counts as present; a dispensation by the unit is left out of the rate', () => {
    const r = attendanceRate(['hadir', 'terlambat', 'alpa', 'dispensasi', 'sakit']);
    assert.deepEqual(r, { present: 2, absent: 2, dispensed: 1, counted: 4, rate: 50 });
  });

  test('the rate from counts per status is the rate of the same marks listed (millions included)', () => {
    assert.deepEqual(
      attendanceRateOfCounts({ hadir: 1, terlambat: 1, alpa: 1, dispensasi: 1, sakit: 1 }),
      attendanceRate(['hadir', 'terlambat', 'alpa', 'dispensasi', 'sakit']),
    );
    assert.deepEqual(attendanceRateOfCounts({ hadir: 12_000_000, izin: 3_000_000, dispensasi: 5 }), {
      present: 12_000_000,
      absent: 3_000_000,
      dispensed: 5,
      counted: 15_000_000,
      rate: 80,
    });
    assert.equal(attendanceRateOfCounts({}).rate, null);
  });

  test('no counted session means no rate rather than zero', () => {
    assert.equal(attendanceRate(['dispensasi']).rate, null);
    assert.equal(attendanceRate([]).rate, null);
  });

  test('the rate is rounded to one decimal', () => {
    assert.equal(attendanceRate(['hadir', 'hadir', 'alpa']).rate, 66.7);
  });

  test('a run of absences ends at a presence and skips dispensations', () => {
    assert.equal(currentAbsenceRun(['hadir', 'alpa', 'dispensasi', 'sakit', 'izin']), 3);
    assert.equal(currentAbsenceRun(['alpa', 'alpa', 'hadir']), 0);
    assert.equal(
      longestAbsenceRun(['alpa', 'alpa', 'hadir', 'alpa', 'dispensasi', 'alpa', 'alpa', 'hadir']),
      3,
    );
  });

  test('session hours and their share per curriculum unit, only when present', () => {
    const h = sessionHours(new Date('2026-01-21T02:00:00Z'), new Date('2026-01-21T05:00:00Z'));
    assert.equal(h, 3);
    assert.deepEqual(
      [...hoursPerUnit('terlambat', h, ['a', 'b'])],
      [
        ['a', 1.5],
        ['b', 1.5],
      ],
    );
    assert.equal(hoursPerUnit('alpa', h, ['a']).size, 0);
    assert.equal(hoursPerUnit('hadir', h, []).size, 0);
  });

  test('a session locks after the configured number of whole days', () => {
    assert.equal(isLocked('2026-01-21', '2026-01-28', 7), false);
    assert.equal(isLocked('2026-01-21', '2026-01-29', 7), true);
    assert.equal(isLocked('2026-01-21', '2026-01-21', 0), false);
    assert.equal(isLocked('2026-01-21', '2026-01-22', 0), true);
  });
});

describe('whom the roll call of a day offers', () => {
  const inmate = {
    kind: 'inmate' as const,
    started_on: '2026-01-07',
    ended_on: null,
    expiry: '2026-03-18',
    period_from: null,
    period_to: null,
  };
  test('an inmate is offered up to and including their tanggal ekspirasi, not after it', () => {
    assert.equal(rollCallStanding(inmate, '2026-03-11'), null);
    assert.equal(rollCallStanding(inmate, '2026-03-18'), null);
    assert.equal(rollCallStanding(inmate, '2026-03-25'), 'past_expiry');
  });
  test('an extension that moves the date offers them again until the new date', () => {
    const extended = { ...inmate, expiry: '2026-04-17' };
    assert.equal(rollCallStanding(extended, '2026-03-25'), null);
    assert.equal(rollCallStanding(extended, '2026-04-22'), 'past_expiry');
  });
  test('an inmate with no known date is offered; a place not yet started or already ended is not', () => {
    assert.equal(rollCallStanding({ ...inmate, expiry: null }, '2030-01-01'), null);
    assert.equal(rollCallStanding(inmate, '2026-01-06'), 'not_enrolled');
    assert.equal(rollCallStanding({ ...inmate, ended_on: '2026-02-04' }, '2026-02-11'), 'not_enrolled');
  });
  test('a pemagang is offered only within their internship period, both ends included', () => {
    const intern = {
      ...inmate,
      kind: 'intern' as const,
      expiry: null,
      period_from: '2026-01-21',
      period_to: '2026-07-20',
    };
    assert.equal(rollCallStanding(intern, '2026-01-14'), 'outside_period');
    assert.equal(rollCallStanding(intern, '2026-01-21'), null);
    assert.equal(rollCallStanding(intern, '2026-07-20'), null);
    assert.equal(rollCallStanding(intern, '2026-07-22'), 'outside_period');
  });
  test('staff are offered whenever their place runs', () => {
    assert.equal(rollCallStanding({ ...inmate, kind: 'staff', expiry: null }, '2027-01-06'), null);
  });
});
