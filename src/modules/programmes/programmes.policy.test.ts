import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Principal, SYSTEM, systemPrincipal } from '../../app/principal.ts';
import type { Role } from '../../db/schema.ts';
import { mayAddProgrammeIn, programmeMay } from './programmes.policy.ts';

const UNIT = '11111111-1111-1111-1111-111111111111';
const OTHER = '22222222-2222-2222-2222-222222222222';

function staff(roles: Role[], partnerId?: string): Principal {
  const scope = partnerId
    ? { all: false as const, unitIds: [UNIT], partnerId }
    : { all: false as const, unitIds: [UNIT] };
  return { ...systemPrincipal('u'), id: '33333333-3333-3333-3333-333333333333', roles, unitId: UNIT, scope };
}

describe('programme policy', () => {
  test('unit staff manage their programmes; a partner instructor and a Kanwil reader only see them', () => {
    assert.equal(programmeMay(staff(['petugas'])).manage, true);
    assert.equal(programmeMay(staff(['instruktur_mitra'], OTHER)).manage, false);
    assert.equal(programmeMay({ ...staff(['kanwil']), unitId: null }).manage, false);
  });

  test("the programme page's links follow the roles: intake for staff, attendance for instructors too", () => {
    const instructor = programmeMay(staff(['instruktur_mitra'], OTHER));
    assert.deepEqual(instructor, { manage: false, intakes: false, enrolments: false, attendance: true });
    const humas = programmeMay(staff(['humas']));
    assert.deepEqual(humas, { manage: false, intakes: false, enrolments: false, attendance: false });
  });

  test('a new programme goes only to a unit the principal sees; the system sees every unit', () => {
    assert.equal(mayAddProgrammeIn(staff(['petugas']), UNIT), true);
    assert.equal(mayAddProgrammeIn(staff(['petugas']), OTHER), false);
    assert.equal(mayAddProgrammeIn(staff(['petugas']), null), false);
    assert.equal(mayAddProgrammeIn(SYSTEM, OTHER), true);
  });
});
