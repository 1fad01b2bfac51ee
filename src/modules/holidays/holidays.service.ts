// The holiday calendar: Indonesia's national holidays and cuti bersama (edited by national administrators)
// and each unit's local holidays (edited by its staff). Programme sessions skip these days.
import { fieldError, isUniqueViolation } from '../../app/errors.ts';
import { type Ctx, withDb } from '../../app/principal.ts';
import type { HolidayKind } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { holiday, mayAddLocalIn, mayEditNational } from './holidays.policy.ts';
import * as repo from './holidays.repo.ts';
import { HOLIDAYS_2026 } from './holidays.seed.ts';

export type { HolidayRow } from './holidays.repo.ts';

export interface HolidayInput {
  day: string;
  name: string;
  kind?: HolidayKind | undefined;
  national?: boolean | undefined;
  unit_id?: string | undefined;
}

/** A day set as a holiday (added, or moved to that day), as those who act on it are told. */
export interface HolidaySet {
  unit_id: string | null;
  day: string;
  name: string;
}

/**
 * What another module does, in the holiday's own transaction, when a holiday is set on a day (the
 * programmes cancel that day's sessions); it answers the ids of what it cancelled, for the audit.
 * Registered by that module, so the calendar does not import the modules that hang on it.
 */
export type HolidayListener = (ctx: Ctx, holiday: HolidaySet) => Promise<string[]>;

const listeners: HolidayListener[] = [];

export function onHolidaySet(listener: HolidayListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

async function holidaySet(ctx: Ctx, h: HolidaySet): Promise<string[]> {
  const out: string[] = [];
  for (const l of listeners) out.push(...(await l(ctx, h)));
  return out;
}

/** National holidays and the local ones of the units the principal sees, in one calendar year. */
export async function listHolidays(ctx: Pick<Ctx, 'db' | 'who'>, year: number) {
  return repo.listHolidays(ctx.db, ctx.who.scope, `${year}-01-01`, `${year}-12-31`);
}

/** The days a unit does not meet, with their names: national holidays and its own local ones. */
export async function unitHolidays(ctx: Pick<Ctx, 'db'>, o: { unitId: string; from: string; to: string }) {
  return repo.holidaysOfUnit(ctx.db, o.unitId, o.from, o.to);
}

/** National holidays and the given units' own, in [from, to]: per unit id, plus '' for national. */
export async function holidaysOfUnits(
  ctx: Pick<Ctx, 'db'>,
  unitIds: readonly string[],
  from: string,
  to: string,
) {
  return repo.holidaysOfUnits(ctx.db, unitIds, from, to);
}

/** The days a unit does not meet: national holidays and its own local ones. */
export async function holidayDays(
  ctx: Pick<Ctx, 'db'>,
  unitId: string,
  from: string,
  to: string,
): Promise<Set<string>> {
  const days = await repo.holidaysOfUnits(ctx.db, [unitId], from, to);
  return new Set([...(days.get('') ?? []), ...(days.get(unitId) ?? [])]);
}

function checkKind(national: boolean, kind: HolidayKind | undefined): HolidayKind {
  if (national) {
    if (kind === 'local') throw fieldError('kind', 'err.enum');
    return kind ?? 'national';
  }
  if (kind && kind !== 'local') throw fieldError('kind', 'holidays.localKind');
  return 'local';
}

export async function createHoliday(ctx: Ctx, input: HolidayInput) {
  const national = input.national === true;
  if (national && !mayEditNational(ctx.who)) throw fieldError('national', 'holidays.nationalOnlyAdmin');
  let unitId: string | null = null;
  if (!national) {
    const local = input.unit_id ?? ctx.who.unitId;
    if (!mayAddLocalIn(ctx.who, local)) throw fieldError('unit_id', 'holidays.localNeedsUnit');
    unitId = local;
  }
  const v = { unit_id: unitId, day: input.day, name: input.name, kind: checkKind(national, input.kind) };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (await repo.dayTaken(trx, unitId, input.day)) throw fieldError('day', 'holidays.dayTaken');
      const id = await repo.insertHoliday(trx, v);
      // Sessions already generated on that day (today or later) are cancelled in this transaction.
      const cancelled = await holidaySet(withDb(ctx, trx), v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'holidays.create',
        entity: 'holiday',
        entityId: id,
        unitId,
        after: { ...v, cancelled_session_ids: cancelled },
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'holidays_unit_day_key')) throw fieldError('day', 'holidays.dayTaken');
    throw err;
  }
}

export async function updateHoliday(ctx: Ctx, id: string, input: Omit<HolidayInput, 'national' | 'unit_id'>) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await holiday(withDb(ctx, trx), id);
    const v = { day: input.day, name: input.name, kind: checkKind(before.unit_id === null, input.kind) };
    if (await repo.dayTaken(trx, before.unit_id, input.day, id)) throw fieldError('day', 'holidays.dayTaken');
    await repo.updateHoliday(trx, id, v);
    // A holiday moved to another day (or renamed) cancels that day's sessions; the old day's
    // cancelled sessions are not brought back, as when a holiday is removed.
    const cancelled = await holidaySet(withDb(ctx, trx), { unit_id: before.unit_id, ...v });
    await recordAudit(trx, ctx.who.actor, {
      action: 'holidays.update',
      entity: 'holiday',
      entityId: id,
      unitId: before.unit_id,
      before,
      after: { ...v, cancelled_session_ids: cancelled },
    });
  });
}

/** Removes a holiday. Sessions it cancelled stay cancelled (the page says so); add extra ones instead. */
export async function deleteHoliday(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await holiday(withDb(ctx, trx), id);
    await repo.deleteHoliday(trx, id);
    await recordAudit(trx, ctx.who.actor, {
      action: 'holidays.delete',
      entity: 'holiday',
      entityId: id,
      unitId: before.unit_id,
      before,
    });
  });
}

/** Reference data every deployment needs: added once, to an empty national calendar. */
export async function seedHolidays(ctx: Ctx): Promise<number> {
  if ((await repo.countNational(ctx.db)) > 0) return 0;
  for (const h of HOLIDAYS_2026) await createHoliday(ctx, { ...h, national: true });
  return HOLIDAYS_2026.length;
}
