import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOLIDAYS_2026 } from '../holidays/holidays.seed.ts';
import {
  addDays,
  isoWeekday,
  monthWeeks,
  type Recurrence,
  sessionDays,
  sessionInstants,
  shiftMonth,
} from './schedule.rules.ts';

const wednesdays: Recurrence = {
  weekdays: [3],
  everyNWeeks: 1,
  startsOn: '2026-01-21',
  endsOn: null,
  skipHolidays: true,
};
const holidays2026 = new Set(HOLIDAYS_2026.map((h) => h.day));

describe('schedule recurrence', () => {
  test("the demo programme's sessions from 21 January to 30 June 2026 are the Wednesdays minus 18 March and 27 May", () => {
    const days = sessionDays(wednesdays, { from: '2026-01-21', to: '2026-06-30' }, holidays2026);
    const expected: string[] = [];
    for (let d = '2026-01-21'; d <= '2026-06-30'; d = addDays(d, 7))
      if (d !== '2026-03-18' && d !== '2026-05-27') expected.push(d);
    assert.deepEqual(days, expected);
    assert.equal(days.length, 21);
    assert.ok(days.every((d) => isoWeekday(d) === 3));
  });

  test('a schedule that does not skip holidays meets on them', () => {
    const days = sessionDays(
      { ...wednesdays, skipHolidays: false },
      { from: '2026-03-16', to: '2026-03-22' },
      holidays2026,
    );
    assert.deepEqual(days, ['2026-03-18']);
  });

  test('every two weeks counts from the week the schedule starts, whatever the window', () => {
    const r = { ...wednesdays, weekdays: [1, 3], everyNWeeks: 2 };
    assert.deepEqual(sessionDays(r, { from: '2026-01-19', to: '2026-02-15' }), [
      '2026-01-21',
      '2026-02-02',
      '2026-02-04',
    ]);
    assert.deepEqual(sessionDays(r, { from: '2026-01-26', to: '2026-02-08' }), ['2026-02-02', '2026-02-04']);
  });

  test('nothing before the start date or after the end date', () => {
    const r = { ...wednesdays, endsOn: '2026-02-04' };
    assert.deepEqual(sessionDays(r, { from: '2026-01-01', to: '2026-12-31' }), [
      '2026-01-21',
      '2026-01-28',
      '2026-02-04',
    ]);
  });

  test("a session's instants are the unit's local time in UTC (WIB, WITA, WIT)", () => {
    const wib = sessionInstants('2026-01-21', '09:00', '12:00:00', 'Asia/Jakarta');
    assert.equal(wib.startsAt.toISOString(), '2026-01-21T02:00:00.000Z');
    assert.equal(wib.endsAt.toISOString(), '2026-01-21T05:00:00.000Z');
    assert.equal(
      sessionInstants('2026-01-21', '09:00', '12:00', 'Asia/Makassar').startsAt.toISOString(),
      '2026-01-21T01:00:00.000Z',
    );
    assert.equal(
      sessionInstants('2026-01-21', '07:30', '09:00', 'Asia/Jayapura').startsAt.toISOString(),
      '2026-01-20T22:30:00.000Z',
    );
  });

  test('a month is shown as the Monday-to-Sunday weeks that cover it', () => {
    const weeks = monthWeeks('2026-01');
    assert.equal(weeks.length, 5);
    assert.equal(weeks[0]?.[0], '2025-12-29');
    assert.equal(weeks[4]?.[6], '2026-02-01');
    assert.equal(shiftMonth('2026-01', -1), '2025-12');
    assert.equal(shiftMonth('2026-12', 1), '2027-01');
  });
});
