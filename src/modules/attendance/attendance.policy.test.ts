import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../app/errors.ts';
import { type Principal, systemPrincipal } from '../../app/principal.ts';
import type { Role } from '../../db/schema.ts';
import { authorize, may, refusal } from './attendance.policy.ts';

const as = (...roles: Role[]): Principal => ({ ...systemPrincipal('test'), roles });
// 10:00 in Jakarta on 20 March 2026.
const now = new Date('2026-03-20T03:00:00Z');
const at = (who: Principal) => ({ who, now });
const session = (day: string, status: 'scheduled' | 'cancelled' = 'scheduled') => ({
  day,
  status,
  timezone: 'Asia/Jakarta' as const,
});

describe('attendance policy', () => {
  test('a cancelled or future session takes no marks, whoever asks', () => {
    assert.equal(
      refusal(at(as('kepala_upt')), session('2026-03-19', 'cancelled'), 7),
      'attendance.cancelled',
    );
    assert.equal(refusal(at(as('kepala_upt')), session('2026-03-21'), 7), 'attendance.future');
    assert.equal(refusal(at(as('petugas')), session('2026-03-20'), 7), null);
  });

  test('after the lock only the Kepala UPT may still change the record', () => {
    const old = session('2026-03-12');
    assert.equal(refusal(at(as('petugas')), old, 7), 'attendance.locked');
    assert.equal(refusal(at(as('kepala_upt')), old, 7), null);
    assert.deepEqual(may(at(as('petugas')), old, 7), {
      locked: true,
      refusal: 'attendance.locked',
      record: false,
      unlock: false,
      unlockedUntil: null,
    });
    assert.deepEqual(may(at(as('kepala_upt')), old, 7), {
      locked: true,
      refusal: null,
      record: true,
      unlock: true,
      unlockedUntil: null,
    });
    assert.equal(may(at(as('kanwil')), session('2026-03-20'), 7).record, false, 'reading is not recording');
  });

  test('an unlock the Kepala UPT approved lets the staff change the locked record until it ends', () => {
    const until = new Date('2026-03-21T17:00:00Z');
    const opened = { ...session('2026-03-12'), unlocked_until: until };
    assert.equal(refusal(at(as('petugas')), opened, 7), null);
    assert.deepEqual(may(at(as('petugas')), opened, 7), {
      locked: true,
      refusal: null,
      record: true,
      unlock: false,
      unlockedUntil: until,
    });
    const later = { who: as('petugas'), now: new Date('2026-03-21T17:00:01Z') };
    assert.equal(refusal(later, opened, 7), 'attendance.locked', 'locked again once the unlock ends');
  });

  test('a refusal is a 409 with the reason on the marks field, as the form shows it', () => {
    const err = (() => {
      try {
        authorize(at(as('petugas')), session('2026-03-12'), 'record', 7);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'attendance.locked');
    assert.equal(err.status, 409);
    assert.deepEqual(err.params, { n: 7 });
    assert.deepEqual(err.fields, [{ field: 'marks', key: 'attendance.locked', params: { n: 7 } }]);
    assert.doesNotThrow(() => authorize(at(as('petugas')), session('2026-03-12'), 'view', 7));
  });
});
