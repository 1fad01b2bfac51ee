// The holiday calendar: Indonesia's national holidays and cuti bersama (edited by national administrators)
// and each unit's local holidays (edited by its staff). Programme sessions skip these days.
import { AppError, fieldError, forbidden, isUniqueViolation } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import type { Actor } from '../../app/principal.ts';
import { inScope, type Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { HolidayKind, Role } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { cancelSessionsOnHoliday } from '../programmes/sessions.service.ts';
import * as repo from './holidays.repo.ts';
import { HOLIDAYS_2026 } from './holidays.seed.ts';

export type { HolidayRow } from './holidays.repo.ts';

export interface Viewer {
  unitId: string | null;
  roles: readonly Role[];
  scope: Scope;
}

export interface HolidayInput {
  day: string;
  name: string;
  kind?: HolidayKind | undefined;
  national?: boolean | undefined;
  unit_id?: string | undefined;
}

/** National holidays and cuti bersama are national reference data: national administrators only. */
const mayEditNational = (v: Viewer) => can(v, 'reference.manage');

/** National holidays and the local ones of the units the viewer sees, in one calendar year. */
export async function listHolidays(db: Db, viewer: Viewer, year: number) {
  const units = viewer.scope.all ? 'all' : viewer.scope.unitIds;
  return repo.listHolidays(db, units, `${year}-01-01`, `${year}-12-31`);
}

/** The days a unit does not meet: national holidays and its own local ones. */
export async function holidayDays(db: Db, unitId: string, from: string, to: string): Promise<Set<string>> {
  return new Set((await repo.listHolidays(db, [unitId], from, to)).map((h) => h.day));
}

async function getHoliday(db: Db, viewer: Viewer, id: string) {
  const h = await repo.findHoliday(db, id);
  if (!h || (h.unit_id !== null && !inScope(viewer.scope, h.unit_id)))
    throw new AppError('holidays.not_found', 404, 'err.notFound');
  if (h.unit_id === null && !mayEditNational(viewer)) throw forbidden();
  return h;
}

function checkKind(national: boolean, kind: HolidayKind | undefined): HolidayKind {
  if (national) {
    if (kind === 'local') throw fieldError('kind', 'err.enum');
    return kind ?? 'national';
  }
  if (kind && kind !== 'local') throw fieldError('kind', 'holidays.localKind');
  return 'local';
}

export async function createHoliday(db: Db, actor: Actor, viewer: Viewer, input: HolidayInput) {
  const national = input.national === true;
  if (national && !mayEditNational(viewer)) throw fieldError('national', 'holidays.nationalOnlyAdmin');
  let unitId: string | null = null;
  if (!national) {
    unitId = input.unit_id ?? viewer.unitId;
    if (!unitId || !inScope(viewer.scope, unitId)) throw fieldError('unit_id', 'holidays.localNeedsUnit');
  }
  const v = { unit_id: unitId, day: input.day, name: input.name, kind: checkKind(national, input.kind) };
  try {
    return await db.transaction().execute(async (trx) => {
      if (await repo.dayTaken(trx, unitId, input.day)) throw fieldError('day', 'holidays.dayTaken');
      const id = await repo.insertHoliday(trx, v);
      // Sessions already generated on that day (today or later) are cancelled in this transaction.
      const cancelled = await cancelSessionsOnHoliday(trx, v);
      await recordAudit(trx, actor, {
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

export async function updateHoliday(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: Omit<HolidayInput, 'national' | 'unit_id'>,
) {
  await db.transaction().execute(async (trx) => {
    const before = await getHoliday(trx, viewer, id);
    const v = { day: input.day, name: input.name, kind: checkKind(before.unit_id === null, input.kind) };
    if (await repo.dayTaken(trx, before.unit_id, input.day, id)) throw fieldError('day', 'holidays.dayTaken');
    await repo.updateHoliday(trx, id, v);
    // A holiday moved to another day (or renamed) cancels that day's sessions; the old day's
    // cancelled sessions are not brought back, as when a holiday is removed.
    const cancelled = await cancelSessionsOnHoliday(trx, { unit_id: before.unit_id, ...v });
    await recordAudit(trx, actor, {
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
export async function deleteHoliday(db: Db, actor: Actor, viewer: Viewer, id: string) {
  await db.transaction().execute(async (trx) => {
    const before = await getHoliday(trx, viewer, id);
    await repo.deleteHoliday(trx, id);
    await recordAudit(trx, actor, {
      action: 'holidays.delete',
      entity: 'holiday',
      entityId: id,
      unitId: before.unit_id,
      before,
    });
  });
}

/** Reference data every deployment needs: added once, to an empty national calendar. */
export async function seedHolidays(db: Db, actor: Actor): Promise<number> {
  if ((await repo.countNational(db)) > 0) return 0;
  const admin: Viewer = { unitId: null, roles: ['admin'], scope: { all: true } };
  for (const h of HOLIDAYS_2026) await createHoliday(db, actor, admin, { ...h, national: true });
  return HOLIDAYS_2026.length;
}
