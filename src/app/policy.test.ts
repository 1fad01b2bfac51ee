import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can, homeRuleFor } from './policy.ts';
import { inScope, scopeFor } from './scope.ts';

describe('policy', () => {
  test('read-only roles can never manage anything', () => {
    for (const role of ['kanwil', 'pusat'] as const) {
      assert.equal(can([role], 'units.manage'), false);
      assert.equal(can([role], 'users.manage'), false);
      assert.equal(can([role], 'units.view'), true);
    }
  });

  test('national reference data and the unit tree are for an administrator with national scope only', () => {
    const unitAdmin = {
      roles: ['admin'] as const,
      scope: scopeFor({ unit_id: 'u1', kanwil_id: null, roles: ['admin'] }, []),
    };
    const kanwilAdmin = {
      roles: ['admin'] as const,
      scope: scopeFor({ unit_id: null, kanwil_id: 'k1', roles: ['admin'] }, ['u1']),
    };
    const national = {
      roles: ['admin'] as const,
      scope: scopeFor({ unit_id: null, kanwil_id: null, roles: ['admin'] }, []),
    };
    for (const p of ['units.manage', 'reference.manage'] as const) {
      assert.equal(can(unitAdmin, p), false, p);
      assert.equal(can(kanwilAdmin, p), false, p);
      assert.equal(can(national, p), true, p);
      assert.equal(can(['admin'], p), false, 'roles alone never count as national');
    }
    assert.equal(can(unitAdmin, 'users.manage'), true);
    assert.equal(can(unitAdmin, 'holidays.manage'), true, "the unit's local holidays");
    assert.equal(can({ roles: ['pusat'], scope: { all: true } }, 'reference.manage'), false);
  });

  test('a petugas sees only their own unit', () => {
    const scope = scopeFor({ unit_id: 'u1', kanwil_id: null, roles: ['petugas'] }, []);
    assert.equal(inScope(scope, 'u1'), true);
    assert.equal(inScope(scope, 'u2'), false);
  });

  test('a Kanwil viewer sees the units of its region only', () => {
    const scope = scopeFor({ unit_id: null, kanwil_id: 'k1', roles: ['kanwil'] }, ['u1', 'u2']);
    assert.equal(inScope(scope, 'u2'), true);
    assert.equal(inScope(scope, 'u9'), false);
  });

  test('pusat and a national admin see every unit; a user with no home sees none', () => {
    assert.equal(scopeFor({ unit_id: null, kanwil_id: null, roles: ['pusat'] }, []).all, true);
    assert.equal(scopeFor({ unit_id: null, kanwil_id: null, roles: ['admin'] }, []).all, true);
    assert.equal(inScope(scopeFor({ unit_id: null, kanwil_id: null, roles: ['humas'] }, []), 'u1'), false);
  });

  test('unit staff roles need a unit; the kanwil role needs an office', () => {
    assert.equal(homeRuleFor(['petugas']), 'unit');
    assert.equal(homeRuleFor(['kanwil']), 'kanwil');
    assert.equal(homeRuleFor(['admin']), 'any');
  });
});
