// Units (UPT) and regional offices: reference data every other module hangs from.
import { fieldError, isUniqueViolation, notFound } from '../../app/errors.ts';
import { type Ctx, withDb } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { TimeZone, UnitClass, UnitType } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { unit } from './units.policy.ts';
import * as repo from './units.repo.ts';

export interface UnitInput {
  kanwil_id: string;
  code: string;
  type: UnitType;
  class: UnitClass;
  name: string;
  address?: string | undefined;
  city?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  timezone: TimeZone;
}

export type { UnitRow } from './units.repo.ts';

/** The units in the principal's scope, by regional office and name. */
export async function listUnits(ctx: Pick<Ctx, 'db' | 'who'>) {
  return repo.listUnits(ctx.db, ctx.who.scope);
}

export const listKanwil = repo.listKanwil;
export const unitStats = repo.unitStats;
export const unitZones = repo.unitZones;

export async function unitOptions(ctx: Pick<Ctx, 'db' | 'who'>) {
  return (await listUnits(ctx)).map((u) => ({ id: u.id, name: u.name }));
}

export async function kanwilOptions(db: Db) {
  return (await repo.listKanwil(db)).map((k) => ({ id: k.id, name: k.name }));
}

function values(input: UnitInput): repo.UnitValues {
  return {
    kanwil_id: input.kanwil_id,
    code: input.code.toUpperCase(),
    type: input.type,
    class: input.class,
    name: input.name,
    address: input.address ?? null,
    city: input.city ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    timezone: input.timezone,
  };
}

/** Units are Kelas I, IIA, IIB or III; Bapas and LPKA may also be Kelas II. */
export function unitClassAllowed(type: UnitType, cls: UnitClass): boolean {
  return cls !== 'II' || type === 'bapas' || type === 'lpka';
}

async function check(db: Db, input: UnitInput, exceptId?: string) {
  if (!unitClassAllowed(input.type, input.class)) throw fieldError('class', 'units.classIIOnly');
  if (!(await repo.kanwilExists(db, input.kanwil_id))) throw fieldError('kanwil_id', 'err.enum');
  if (await repo.codeTaken(db, input.code.toUpperCase(), exceptId))
    throw fieldError('code', 'units.codeTaken');
}

/**
 * Adds a unit and returns it as the caller sees it. The read-back in the caller's scope happens
 * inside the transaction: a unit the caller could not see afterwards is refused and rolled back,
 * where it once answered 404 after the insert and its audit record had been committed.
 */
export async function createUnit(ctx: Ctx, input: UnitInput) {
  await check(ctx.db, input);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const id = await repo.insertUnit(trx, values(input));
      const after = await unit(withDb(ctx, trx), id);
      await recordAudit(trx, ctx.who.actor, {
        action: 'units.create',
        entity: 'unit',
        entityId: id,
        unitId: id,
        after,
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('code', 'units.codeTaken');
    throw err;
  }
}

/** Replaces a unit's details and returns it as the caller sees it, read back before the commit. */
export async function updateUnit(ctx: Ctx, id: string, input: UnitInput) {
  await check(ctx.db, input, id);
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const before = await unit(tx, id);
    await repo.updateUnit(trx, id, values(input));
    const after = await unit(tx, id);
    await recordAudit(trx, ctx.who.actor, {
      action: 'units.update',
      entity: 'unit',
      entityId: id,
      unitId: id,
      before,
      after,
    });
    return after;
  });
}

export async function unitIdByCode(db: Db, code: string): Promise<string | undefined> {
  return repo.unitIdByCode(db, code);
}

/** Adds a regional office if its code is new; returns its id either way. */
export async function ensureKanwil(
  ctx: Ctx,
  k: { code: string; name: string; province: string; address?: string; timezone: TimeZone },
): Promise<string> {
  const existing = await repo.kanwilIdByCode(ctx.db, k.code);
  if (existing) return existing;
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertKanwil(trx, { ...k, address: k.address ?? null });
    await recordAudit(trx, ctx.who.actor, {
      action: 'kanwil.create',
      entity: 'kanwil',
      entityId: id,
      after: k,
    });
    return id;
  });
}

export interface KanwilInput {
  code: string;
  name: string;
  province: string;
  address?: string | undefined;
  timezone: TimeZone;
}

// Regional offices are part of the unit tree: routes reach these only with units.manage, which the
// policy grants to national administrators alone (units.policy.ts).
export async function createKanwil(ctx: Ctx, input: KanwilInput): Promise<string> {
  const v = { ...input, code: input.code.toUpperCase(), address: input.address ?? null };
  if (await repo.kanwilCodeTaken(ctx.db, v.code)) throw fieldError('code', 'units.codeTaken');
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertKanwil(trx, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'kanwil.create',
      entity: 'kanwil',
      entityId: id,
      after: v,
    });
    return id;
  });
}

export async function updateKanwil(ctx: Ctx, id: string, input: KanwilInput): Promise<void> {
  const v = { ...input, code: input.code.toUpperCase(), address: input.address ?? null };
  if (await repo.kanwilCodeTaken(ctx.db, v.code, id)) throw fieldError('code', 'units.codeTaken');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findKanwil(trx, id);
    if (!before) throw notFound('kanwil');
    await repo.updateKanwil(trx, id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'kanwil.update',
      entity: 'kanwil',
      entityId: id,
      before,
      after: v,
    });
  });
}
