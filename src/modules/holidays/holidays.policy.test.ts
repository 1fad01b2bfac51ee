import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Principal, SYSTEM, systemPrincipal } from '../../app/principal.ts';
import type { Role } from '../../db/schema.ts';
import { holidayMay, mayAddLocalIn, mayEditNational } from './holidays.policy.ts';

const UNIT = '11111111-1111-1111-1111-111111111111';

function who(roles: Role[], home: 'unit' | 'national'): Principal {
  const scope = home === 'national' ? { all: true as const } : { all: false as const, unitIds: [UNIT] };
  return {
    ...systemPrincipal('u'),
    id: '33333333-3333-3333-3333-333333333333',
    roles,
    unitId: home === 'unit' ? UNIT : null,
    scope,
  };
}

describe('holiday policy', () => {
  test('national holidays are national reference data: a national administrator and the seeding system only', () => {
    assert.equal(mayEditNational(who(['admin'], 'national')), true);
    assert.equal(mayEditNational(who(['admin'], 'unit')), false, 'a unit administrator');
    assert.equal(mayEditNational(who(['petugas'], 'unit')), false);
    assert.equal(mayEditNational(SYSTEM), true);
  });

  test('unit staff add and remove their local holidays; the page offers no national choice to them', () => {
    const may = holidayMay(who(['petugas'], 'unit'));
    assert.equal(may.manage, true);
    assert.equal(may.national, false);
    assert.equal(may.edit({ unit_id: UNIT }), true);
    assert.equal(may.edit({ unit_id: null }), false);
    assert.equal(mayAddLocalIn(who(['petugas'], 'unit'), UNIT), true);
    assert.equal(mayAddLocalIn(who(['petugas'], 'unit'), null), false);
    const reader = holidayMay(who(['kanwil'], 'unit'));
    assert.equal(reader.edit({ unit_id: UNIT }), false);
  });
});
