import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  attendanceRate,
  currentAbsenceRun,
  hoursPerUnit,
  isLocked,
  longestAbsenceRun,
  sessionHours,
} from './attendance.rules.ts';

describe('attendance rules', () => {
  test('late counts as present; a dispensation by the unit is left out of the rate', () => {
    const r = attendanceRate(['hadir', 'terlambat', 'alpa', 'dispensasi', 'sakit']);
    assert.deepEqual(r, { present: 2, absent: 2, dispensed: 1, counted: 4, rate: 50 });
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
