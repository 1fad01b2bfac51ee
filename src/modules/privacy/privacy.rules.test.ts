import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDateLong, formatTime } from '../../app/format.ts';
import {
  localInputValue,
  noticeState,
  notificationDeadline,
  parseLocalInstant,
  splitMinutes,
} from './privacy.rules.ts';

describe('breach notification deadline (UU 27/2022 Pasal 46)', () => {
  test('notice is due 3 x 24 hours after the breach was found, to the minute', () => {
    const found = new Date('2026-01-21T02:30:00Z');
    assert.equal(notificationDeadline(found).toISOString(), '2026-01-24T02:30:00.000Z');
  });

  test('the 72 hours run through weekends and holidays: they are hours, not working days', () => {
    // Found on Friday 20 March 2026 (between Nyepi and Idulfitri): due Monday 23 March, same time.
    const found = new Date('2026-03-20T09:00:00+07:00');
    assert.equal(
      notificationDeadline(found).toISOString(),
      new Date('2026-03-23T09:00:00+07:00').toISOString(),
    );
  });

  test("a time typed on a unit's page is that unit's wall clock, and the deadline shows in the same zone", () => {
    // A Lapas in Bali (WITA) finds a breach at 09.30 local time on Wednesday 21 January 2026.
    const found = parseLocalInstant('2026-01-21T09:30', 'Asia/Makassar');
    assert.ok(found);
    assert.equal(found.toISOString(), '2026-01-21T01:30:00.000Z');
    const due = notificationDeadline(found);
    assert.equal(formatDateLong(due, 'Asia/Makassar'), 'Sabtu, 24 Januari 2026');
    assert.equal(formatTime(due, 'Asia/Makassar'), '09.30 WITA');
    // The same instant in Jakarta is an hour earlier on the clock.
    assert.equal(formatTime(due, 'Asia/Jakarta'), '08.30 WIB');
    assert.equal(localInputValue(due, 'Asia/Makassar'), '2026-01-24T09:30');
  });

  test('an API client may send an instant with its own offset; impossible dates are refused', () => {
    assert.equal(
      parseLocalInstant('2026-01-21T09:30:00+09:00', 'Asia/Jakarta')?.toISOString(),
      '2026-01-21T00:30:00.000Z',
    );
    assert.equal(
      parseLocalInstant('2026-01-21T02:30:00Z', 'Asia/Jayapura')?.toISOString(),
      '2026-01-21T02:30:00.000Z',
    );
    for (const bad of ['2026-02-30T09:00', '2026-01-21', '2026-01-21T24:00', 'kemarin', '2026-01-21T09:61'])
      assert.equal(parseLocalInstant(bad, 'Asia/Jakarta'), null, bad);
  });

  test('while a notice is missing the deadline counts down, then the breach is overdue', () => {
    const foundAt = new Date('2026-01-21T02:30:00Z');
    const early = noticeState({ foundAt, notices: [] }, new Date('2026-01-22T02:30:00Z'));
    assert.deepEqual(early.pending, ['subjects', 'authority']);
    assert.equal(early.overdue, false);
    assert.equal(early.minutesLeft, 48 * 60);
    assert.deepEqual(splitMinutes(early.minutesLeft), { days: 2, hours: 0, minutes: 0 });

    const late = noticeState(
      { foundAt, notices: [{ recipient: 'subjects', notifiedAt: new Date('2026-01-22T00:00:00Z') }] },
      new Date('2026-01-24T05:45:00Z'),
    );
    assert.deepEqual(late.pending, ['authority']);
    assert.equal(late.overdue, true);
    assert.deepEqual(splitMinutes(late.minutesLeft), { days: 0, hours: 3, minutes: 15 });
  });

  test('a breach with both notices recorded is notified (and a notice after the deadline is marked late)', () => {
    const foundAt = new Date('2026-01-21T02:30:00Z');
    const s = noticeState(
      {
        foundAt,
        notices: [
          { recipient: 'subjects', notifiedAt: new Date('2026-01-23T00:00:00Z') },
          { recipient: 'authority', notifiedAt: new Date('2026-01-25T00:00:00Z') },
        ],
      },
      new Date('2026-02-01T00:00:00Z'),
    );
    assert.equal(s.notified, true);
    assert.equal(s.overdue, false);
    assert.deepEqual(s.late, ['authority']);
  });
});
