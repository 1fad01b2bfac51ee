// The scope of a Bapas probation officer (pembimbing_kemasyarakatan): no unit at all, only the
// people whose reintegration case names them, and only on tables that say which person a row is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { inScope, scopeFilter, scopeFor, scopeSupervisor, scopeUnits, withinUnit } from './scope.ts';

// Compiles SQL without a database: what a repo's WHERE would say.
const db = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const where = (f: ReturnType<typeof scopeFilter>) => sql`select 1 where ${f}`.compile(db);

const PK_ID = '5b0a3c1e-8d2f-4a6b-9c7d-1e2f3a4b5c6d';
const BAPAS = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const RUTAN = '11111111-2222-4333-8444-555555555555';
const pk = { id: PK_ID, unit_id: BAPAS, kanwil_id: null, roles: ['pembimbing_kemasyarakatan' as const] };
const staff = { id: 'x', unit_id: RUTAN, kanwil_id: null, roles: ['petugas' as const] };

describe('a probation officer’s scope', () => {
  test('names the officer and no unit, not even their own Bapas', () => {
    const s = scopeFor(pk, []);
    assert.equal(scopeSupervisor(s), PK_ID);
    assert.deepEqual(scopeUnits(s), []);
    assert.equal(inScope(s, BAPAS), false);
    assert.equal(inScope(s, RUTAN), false);
    assert.equal(scopeSupervisor(scopeFor(staff, [])), undefined, 'unit staff are not supervisors');
  });

  test('an officer account without an id matches nobody rather than everybody', () => {
    const { id: _id, ...noId } = pk;
    const s = scopeFor(noId, []);
    assert.equal(scopeSupervisor(s), '00000000-0000-0000-0000-000000000000');
  });

  test('a table without a person column yields no row to an officer', () => {
    const q = where(scopeFilter(scopeFor(pk, []), { unit: 'pr.unit_id', partner: 'pr.partner_id' }));
    assert.equal(q.sql, 'select 1 where false');
    assert.deepEqual(q.parameters, []);
  });

  test('with a person column an officer sees the rows of people whose case names them, whatever their unit', () => {
    const q = where(
      scopeFilter(scopeFor(pk, []), { unit: 'f.unit_id', partner: null, person: 'f.inmate_id' }),
    );
    assert.match(q.sql, /exists \(select 1 from reintegration_cases scope_rc/);
    assert.match(q.sql, /scope_rc\.inmate_id = "f"\."inmate_id"/);
    assert.match(q.sql, /scope_rc\.pk_user_id = \$1::uuid/);
    assert.doesNotMatch(q.sql, /unit_id/, 'no unit condition: assigned people come from any unit');
    assert.deepEqual(q.parameters, [PK_ID]);
  });

  test('narrowing an officer to one unit (a unit dashboard) keeps them to their assigned people', () => {
    const s = withinUnit(scopeFor(pk, []), RUTAN);
    assert.equal(scopeSupervisor(s), PK_ID);
    const q = where(scopeFilter(s, { unit: 'f.unit_id', partner: null, person: 'f.inmate_id' }));
    assert.match(q.sql, /pk_user_id/);
  });

  test('unit staff are filtered by unit even where the table names the person', () => {
    const q = where(
      scopeFilter(scopeFor(staff, []), { unit: 'f.unit_id', partner: null, person: 'f.inmate_id' }),
    );
    assert.equal(q.sql, 'select 1 where ("f"."unit_id" = any($1::uuid[]))');
    assert.deepEqual(q.parameters, [[RUTAN]]);
  });
});
