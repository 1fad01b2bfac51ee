// The one place that reads a scope: which units' (and which partner's) records a principal may
// see. Repos filter through `scopeFilter`, services check one record with `inScope`, and pages ask
// `scopeUnits` / `isNational`; nothing else looks inside a Scope (src/architecture.test.ts fails if
// it does). A new kind of scope (a Bapas officer's assigned people) is one change here.
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Role } from '../db/schema.ts';

/**
 * The units whose records a user may see: every unit, or a list. A partner instructor is further
 * narrowed to their partner's records wherever records belong to a partner.
 */
export type Scope = ({ all: true } | { all: false; unitIds: readonly string[] }) & {
  partnerId?: string | null;
  /**
   * A Bapas probation officer (pembimbing_kemasyarakatan): no unit's records at all, only the
   * people whose reintegration case names this user as their PK (rows with a `person` column).
   */
  supervisorId?: string;
};

/** Every unit: national users, and the system itself (jobs, seeding, scripts). */
export const NATIONAL: Scope = { all: true };

/** A uuid no row has: `in ()` is not valid SQL, and an unset partner must match nothing. */
const NONE = '00000000-0000-0000-0000-000000000000';

/** Where a user works decides the scope: a unit, a regional office's units, or everything. */
export function scopeFor(
  user: {
    id?: string;
    unit_id: string | null;
    kanwil_id: string | null;
    roles: readonly Role[];
    partner_id?: string | null;
  },
  unitsOfKanwil: readonly string[],
): Scope {
  if (user.roles.includes('instruktur_mitra')) {
    // No partner, no records: an instructor account must be tied to a partner to see anything.
    return {
      all: false,
      unitIds: user.unit_id && user.partner_id ? [user.unit_id] : [],
      partnerId: user.partner_id ?? null,
    };
  }
  if (user.roles.includes('pembimbing_kemasyarakatan')) {
    // Works at a Bapas, supervises people of other units: sees only those assigned to them.
    return { all: false, unitIds: [], supervisorId: user.id ?? NONE };
  }
  if (user.unit_id) return { all: false, unitIds: [user.unit_id] };
  if (user.kanwil_id) return { all: false, unitIds: unitsOfKanwil };
  if (user.roles.includes('pusat') || user.roles.includes('admin')) return { all: true };
  return { all: false, unitIds: [] };
}

/** Whether the scope covers every unit (the unit tree and national reference data hang on it). */
export function isNational(scope: Scope): boolean {
  return scope.all;
}

/** The probation officer whose assigned people the scope is narrowed to, if it is. */
export function scopeSupervisor(scope: Scope): string | undefined {
  return scope.supervisorId;
}

/** The units a scope covers, for callers that pass them on (a summary, a form's unit options). */
export function scopeUnits(scope: Scope): 'all' | readonly string[] {
  return scope.all ? 'all' : scope.unitIds;
}

/** The partner a scope is narrowed to: undefined when it is not narrowed, null for "no partner". */
export function scopePartner(scope: Scope): string | null | undefined {
  return scope.partnerId;
}

/** The scope narrowed to one unit (a unit's dashboard; a job's run for each unit), partner kept. */
export function withinUnit(scope: Scope, unitId: string): Scope {
  return { ...scope, all: false, unitIds: [unitId] };
}

/** Whether one record, by its unit (and its partner, where it has one), lies within the scope. */
export function inScope(
  scope: Scope,
  unitId: string | null | undefined,
  partnerId?: string | null | undefined,
): boolean {
  if (!scope.all && (unitId == null || !scope.unitIds.includes(unitId))) return false;
  if (partnerId !== undefined && scope.partnerId !== undefined)
    return partnerId !== null && partnerId === scope.partnerId;
  return true;
}

/**
 * Which columns hold a row's unit and its partner. `partner: null` says the rows belong to no
 * partner (an inmate, a holiday): it is required so that forgetting the partner filter is a choice
 * the reader can see, not an accident.
 */
export interface ScopeColumns {
  unit: string;
  partner: string | null;
  /**
   * The column holding the person (inmate id) a row is about, on tables a Bapas probation officer
   * may read (reintegration cases, follow-ups). Without it a supervisor's scope matches no row.
   */
  person?: string;
}

/**
 * The WHERE condition that keeps only rows within the scope, for Kysely queries
 * (`q.where(scopeFilter(who.scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' }))`) and raw
 * SQL alike (`sql\`… and ${scopeFilter(...)}\``).
 */
export function scopeFilter(scope: Scope, cols: ScopeColumns): RawBuilder<SqlBool> & Expression<SqlBool> {
  const parts: RawBuilder<unknown>[] = [];
  if (scope.supervisorId !== undefined) {
    if (!cols.person) return sql<SqlBool>`false`;
    return sql<SqlBool>`exists (select 1 from reintegration_cases scope_rc
      where scope_rc.inmate_id = ${sql.ref(cols.person)} and scope_rc.pk_user_id = ${scope.supervisorId}::uuid)`;
  }
  if (!scope.all) {
    const ids = scope.unitIds.length ? [...scope.unitIds] : [NONE];
    parts.push(sql`${sql.ref(cols.unit)} = any(${ids}::uuid[])`);
  }
  if (cols.partner !== null && scope.partnerId !== undefined)
    parts.push(sql`${sql.ref(cols.partner)} = ${scope.partnerId ?? NONE}::uuid`);
  if (parts.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
