// Materials of a unit (yarn from the partner on consignment, needles and labels bought by the
// unit) and their movements: goods received, issued to a session or a participant, returned. Stock
// changes only through the stock ledger (moveMaterial), in the same transaction as the audit record.
import { AppError, conflict, fieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import type { MaterialOwner, MaterialUom } from '../../db/schema.ts';
import { session } from '../attendance/attendance.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listEnrolments, programmeOfEnrolment } from '../enrolments/enrolments.service.ts';
import { partnerOptions } from '../partners/partners.service.ts';
import { programme } from '../programmes/programmes.policy.ts';
import { moveMaterial } from '../stock/stock.service.ts';
import { type MaterialRow, material, mayStock } from './materials.policy.ts';
import * as repo from './materials.repo.ts';

// Stock-takes and write-offs live beside; their agreed names are offered here too.
export { createAdjustment, decideAdjustment, pendingAdjustments } from './adjustments.service.ts';
export type { MaterialRow, MovementRow } from './materials.repo.ts';

/** Materials in the principal's scope, a page at a time (active ones unless asked otherwise). */
export function listMaterials(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: Omit<repo.MaterialFilter, 'page'> & { page?: number | undefined },
) {
  return repo.listMaterials(ctx.db, ctx.who.scope, { ...f, page: f.page ?? 1 });
}

/** Active materials in scope at or below their low-stock level (the dashboard's tile). */
export function lowStock(ctx: Pick<Ctx, 'db' | 'who'>) {
  return repo.lowStock(ctx.db, ctx.who.scope);
}

/** A page of a material's movements, newest first (the material must be in scope). */
export async function materialMovements(ctx: Pick<Ctx, 'db' | 'who'>, id: string, page = 1) {
  const m = await material(ctx, id);
  return { material: m, ...(await repo.movementsOf(ctx.db, m.id, page)) };
}

export interface MaterialInput {
  unit_id?: string | undefined;
  name: string;
  uom: MaterialUom;
  owner: MaterialOwner;
  partner_id?: string | undefined;
  low_stock_level?: number | undefined;
  active?: boolean | undefined;
}

/** Owner and partner agree (consignment names its partner, one of the unit's; the unit's own none). */
async function checkOwner(ctx: Ctx, unitId: string, input: MaterialInput): Promise<string | null> {
  if (input.owner === 'unit') {
    if (input.partner_id) throw fieldError('partner_id', 'materials.partnerNotAllowed');
    return null;
  }
  if (!input.partner_id) throw fieldError('partner_id', 'materials.partnerRequired');
  const partners = await partnerOptions(ctx, unitId);
  if (!partners.some((p) => p.id === input.partner_id))
    throw fieldError('partner_id', 'materials.partnerUnknown');
  return input.partner_id;
}

const nameTaken = () => fieldError('name', 'materials.nameTaken');

export async function createMaterial(ctx: Ctx, input: MaterialInput): Promise<string> {
  if (!mayStock(ctx.who, 'manage')) throw new AppError('auth.forbidden', 403, 'err.forbidden');
  const unitId = input.unit_id ?? ctx.who.unitId;
  if (!unitId || !inScope(ctx.who.scope, unitId)) throw fieldError('unit_id', 'materials.noUnit');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const t = withDb(ctx, trx);
      const v = {
        name: input.name.trim(),
        uom: input.uom,
        owner: input.owner,
        partner_id: await checkOwner(t, unitId, input),
        low_stock_level: input.low_stock_level ?? 0,
        active: input.active ?? true,
      };
      if (await repo.nameTaken(trx, unitId, v.name)) throw nameTaken();
      const id = await repo.insertMaterial(trx, { ...v, unit_id: unitId });
      await recordAudit(trx, ctx.who.actor, {
        action: 'materials.create',
        entity: 'material',
        entityId: id,
        unitId,
        after: v,
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'materials_unit_name_key')) throw nameTaken();
    throw err;
  }
}

/** Changes a material's details. Its unit of measure and owner are fixed once stock has moved. */
export async function updateMaterial(ctx: Ctx, id: string, input: MaterialInput): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const t = withDb(ctx, trx);
      const before = await material(t, id, { for: 'manage' });
      await repo.lockMaterialRow(trx, before.id);
      const v = {
        name: input.name.trim(),
        uom: input.uom,
        owner: input.owner,
        partner_id: await checkOwner(t, before.unit_id, input),
        low_stock_level: input.low_stock_level ?? 0,
        active: input.active ?? true,
      };
      const reshaped = v.uom !== before.uom || v.owner !== before.owner || v.partner_id !== before.partner_id;
      if (reshaped && (await repo.hasMovements(trx, before.id)))
        throw fieldError(v.uom !== before.uom ? 'uom' : 'owner', 'materials.fixedAfterMovement');
      const current = await material(t, id);
      if (!v.active && current.on_hand > 0) throw fieldError('active', 'materials.deactivateWithStock');
      if (await repo.nameTaken(trx, before.unit_id, v.name, before.id)) throw nameTaken();
      await repo.updateMaterial(trx, before.id, v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'materials.update',
        entity: 'material',
        entityId: before.id,
        unitId: before.unit_id,
        before,
        after: v,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'materials_unit_name_key')) throw nameTaken();
    throw err;
  }
}

/** A movement's day: a real day, not after today in the unit's zone. */
function checkDay(ctx: Ctx, m: MaterialRow, day: string) {
  if (day > today(ctx, m.timezone)) throw fieldError('day', 'materials.futureDay');
}

async function openMaterial(ctx: Ctx, id: string) {
  const m = await material(ctx, id, { for: 'manage' });
  if (!m.active) throw conflict('materials.inactive', 'materials.inactiveMaterial');
  return m;
}

export interface ReceiptInput {
  materialId: string;
  day: string;
  qty: number;
  /** Whole rupiah for the whole quantity: required for the unit's own, refused for consignment. */
  cost?: number | undefined;
  source: string;
  documentNo: string;
}

/** Goods received (from the partner, a supplier or a shop), with their cost when the unit bought them. */
export async function receiveMaterial(ctx: Ctx, input: ReceiptInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const m = await openMaterial(t, input.materialId);
    checkDay(t, m, input.day);
    if (m.owner === 'unit' && input.cost === undefined) throw fieldError('cost', 'materials.costRequired');
    if (m.owner === 'partner' && input.cost !== undefined)
      throw fieldError('cost', 'materials.costForbidden');
    if (input.cost !== undefined && (!Number.isSafeInteger(input.cost) || input.cost < 0))
      throw fieldError('cost', 'materials.badCost');
    const after = await moveMaterial(t, {
      materialId: m.id,
      kind: 'received',
      qty: input.qty,
      day: input.day,
      ...(input.cost !== undefined ? { cost: input.cost } : {}),
      source: input.source.trim(),
      documentNo: input.documentNo.trim(),
    });
    await recordAudit(trx, ctx.who.actor, {
      action: 'materials.receive',
      entity: 'material',
      entityId: m.id,
      unitId: m.unit_id,
      before: { on_hand: m.on_hand, stock_value: m.stock_value },
      after: { ...input, on_hand: after.on_hand, stock_value: after.value },
    });
    return after;
  });
}

export interface MoveOutInput {
  materialId: string;
  day: string;
  qty: number;
  sessionId?: string | undefined;
  enrolmentId?: string | undefined;
  note?: string | undefined;
}

/**
 * Where an issue goes or a return comes from: a session of one of the material's unit's
 * programmes (not cancelled), and/or a participant of one (active, for an issue). Both given: the
 * participant belongs to the session's programme.
 */
async function checkTarget(ctx: Ctx, m: MaterialRow, input: MoveOutInput, issuing: boolean) {
  if (!input.sessionId && !input.enrolmentId) throw fieldError('session_id', 'materials.targetRequired');
  const notFound = (err: unknown) => err instanceof AppError && err.status === 404;
  let sessionProgramme: string | null = null;
  if (input.sessionId) {
    const s = await session(ctx, input.sessionId, { lockDays: 0 }).catch((err: unknown) => {
      if (notFound(err)) return null;
      throw err;
    });
    if (!s || s.unit_id !== m.unit_id || s.status === 'cancelled')
      throw fieldError('session_id', 'materials.sessionUnknown');
    sessionProgramme = s.programme_id;
  }
  if (input.enrolmentId) {
    const unknown = () => fieldError('enrolment_id', 'materials.enrolmentUnknown');
    const programmeId = await programmeOfEnrolment(ctx, input.enrolmentId).catch((err: unknown) => {
      if (notFound(err)) throw unknown();
      throw err;
    });
    const p = await programme(ctx, programmeId);
    if (p.unit_id !== m.unit_id) throw unknown();
    if (issuing) {
      const e = (await listEnrolments(ctx, programmeId)).find((x) => x.id === input.enrolmentId);
      if (e?.status !== 'active') throw unknown();
    }
    if (sessionProgramme && sessionProgramme !== programmeId)
      throw fieldError('enrolment_id', 'materials.enrolmentNotInSession');
  }
}

/** Material handed out to a session or a participant. More than on hand is 409 stock.insufficient. */
export async function issueMaterial(ctx: Ctx, input: MoveOutInput) {
  return moveOut(ctx, input, 'issued');
}

/** Material brought back from a session or a participant: at most what is still out with them. */
export async function returnMaterial(ctx: Ctx, input: MoveOutInput) {
  return moveOut(ctx, input, 'returned');
}

async function moveOut(ctx: Ctx, input: MoveOutInput, kind: 'issued' | 'returned') {
  return ctx.db.transaction().execute(async (trx) => {
    const t = withDb(ctx, trx);
    const m = await openMaterial(t, input.materialId);
    checkDay(t, m, input.day);
    await checkTarget(t, m, input, kind === 'issued');
    if (kind === 'returned') {
      const out = await repo.outstanding(trx, m.id, input.sessionId ?? null, input.enrolmentId ?? null);
      if (input.qty > out)
        throw invalid([{ field: 'qty', key: 'materials.returnExceedsIssued', params: { n: out } }]);
    }
    const after = await moveMaterial(t, {
      materialId: m.id,
      kind,
      qty: input.qty,
      day: input.day,
      sessionId: input.sessionId ?? null,
      enrolmentId: input.enrolmentId ?? null,
      note: input.note?.trim() || null,
    });
    await recordAudit(trx, ctx.who.actor, {
      action: kind === 'issued' ? 'materials.issue' : 'materials.return',
      entity: 'material',
      entityId: m.id,
      unitId: m.unit_id,
      before: { on_hand: m.on_hand, stock_value: m.stock_value },
      after: { ...input, on_hand: after.on_hand, stock_value: after.value },
    });
    return after;
  });
}
