import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MarkStatus } from '../../db/schema.ts';
import {
  certificateNumber,
  completionCheck,
  initialsOf,
  programmeShort,
  type UnitStanding,
} from './completion.rules.ts';

const core = (code: string, status: UnitStanding['status']): UnitStanding => ({
  code,
  title: `Unit ${code}`,
  core: true,
  status,
});
const marks = (present: number, absent: number, extra: MarkStatus[] = []): MarkStatus[] => [
  ...Array<MarkStatus>(present).fill('hadir'),
  ...Array<MarkStatus>(absent).fill('alpa'),
  ...extra,
];

describe('completion rule', () => {
  test('an inmate past their tanggal ekspirasi on the completion day does not complete, with the date', () => {
    const base = { status: 'active' as const, minAttendance: 80, marks: marks(8, 2), units: [] };
    const late = completionCheck({ ...base, release: { expiry: '2025-09-14', onDay: '2026-03-04' } });
    assert.deepEqual(late.reasons, [{ code: 'past_expiry', expiry: '2025-09-14' }]);
    assert.equal(late.eligible, false);
    assert.equal(
      completionCheck({ ...base, release: { expiry: '2026-03-04', onDay: '2026-03-04' } }).eligible,
      true,
    );
    assert.equal(completionCheck({ ...base, release: { expiry: null, onDay: '2026-03-04' } }).eligible, true);
  });

  test('a participant who attended enough and is competent in every core unit completes', () => {
    const r = completionCheck({
      status: 'active',
      minAttendance: 80,
      marks: marks(8, 2),
      units: [core('K1', 'competent'), core('K2', 'competent')],
    });
    assert.deepEqual(r, { eligible: true, rate: 80, reasons: [] });
  });

  test('an attendance rate below the minimum is refused with the rate and the minimum', () => {
    const r = completionCheck({
      status: 'active',
      minAttendance: 80,
      marks: marks(7, 3),
      units: [core('K1', 'competent')],
    });
    assert.equal(r.eligible, false);
    assert.deepEqual(r.reasons, [{ code: 'attendance_below', rate: 70, min: 80 }]);
  });

  test('dispensations are left out of the rate: called away by the unit is not an absence', () => {
    const r = completionCheck({
      status: 'active',
      minAttendance: 80,
      marks: marks(8, 2, ['dispensasi', 'dispensasi', 'dispensasi']),
      units: [],
    });
    assert.equal(r.eligible, true);
    assert.equal(r.rate, 80);
  });

  test('a participant already completed may still be issued a certificate', () => {
    const r = completionCheck({ status: 'completed', minAttendance: 80, marks: marks(9, 1), units: [] });
    assert.equal(r.eligible, true);
    const s = completionCheck({ status: 'suspended', minAttendance: 80, marks: marks(9, 1), units: [] });
    assert.deepEqual(s.reasons, [{ code: 'not_active', status: 'suspended' }]);
  });

  test('no counted attendance at all is a reason of its own', () => {
    const r = completionCheck({ status: 'active', minAttendance: 0, marks: ['dispensasi'], units: [] });
    assert.deepEqual(r.reasons, [{ code: 'no_attendance' }]);
  });

  test('every core unit not yet competent is named; optional units do not count', () => {
    const r = completionCheck({
      status: 'active',
      minAttendance: 50,
      marks: marks(10, 0),
      units: [
        core('K1', 'competent'),
        core('K2', 'in_progress'),
        core('K3', null),
        { code: null, title: 'Pewarnaan', core: false, status: 'not_started' },
        { code: null, title: 'Pola dasar', core: true, status: 'not_yet_competent' },
      ],
    });
    assert.deepEqual(
      r.reasons.map((x) => (x.code === 'unit_not_competent' ? x.unit : x.code)),
      ['K2', 'K3', 'Pola dasar'],
    );
  });

  test('a suspended or withdrawn participant does not complete, and all reasons are listed together', () => {
    const r = completionCheck({
      status: 'withdrawn',
      minAttendance: 80,
      marks: marks(1, 9),
      units: [core('K1', 'in_progress')],
    });
    assert.deepEqual(
      r.reasons.map((x) => x.code),
      ['not_active', 'attendance_below', 'unit_not_competent'],
    );
  });
});

describe('certificate particulars', () => {
  test('initials keep only the first letter of each word', () => {
    assert.equal(initialsOf('Siti Aminah binti Karso'), 'S. A. b. K.');
    assert.equal(initialsOf('  joko  '), 'J.');
    assert.equal(initialsOf('Rudi (alias) 2'), 'R. a.');
  });

  test('a certificate number has the sequence, unit code, programme short name and year', () => {
    assert.equal(programmeShort('Pelatihan Merajut'), 'MRJT');
    assert.equal(programmeShort('Budidaya Ikan Lele'), 'BIL');
    assert.equal(
      certificateNumber(7, 'RUTAN-MGT', 'Pelatihan Merajut', 2026),
      '007/SERT-RUTAN-MGT/MRJT/2026',
    );
    assert.equal(certificateNumber(1234, 'U1', 'Las', 2027), '1234/SERT-U1/LS/2027');
  });
});
