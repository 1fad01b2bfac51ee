// The inmate register (warga binaan): who is held in a unit, their status changes (release,
// transfer out, re-admission) with history, and their Register F entries. NIK never leaves masked.
import { AppError, type FieldError, fieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import type { Actor } from '../../app/principal.ts';
import { inScope, type Scope } from '../../app/scope.ts';
import type { Conn, Db } from '../../db/database.ts';
import type { RiskLevel } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { certificatesOfInmate } from '../certificates/certificates.service.ts';
import { endEnrolmentsOfInmate, programmeHistoryOf } from '../enrolments/enrolments.service.ts';
import * as repo from './inmates.repo.ts';
import {
  categoryOf,
  type ExpiryChangeInput,
  expiryChangeProblems,
  maskedNik,
  parseRegNumber,
  STATUS_CHANGES,
  type StatusChange,
} from './inmates.rules.ts';

export type { InmateFilter } from './inmates.repo.ts';
export const blocksInUse = repo.blocksInUse;
export const countInUnit = repo.countInUnit;
export const activeWithRegisterF = repo.activeWithRegisterF;
/** How many of a unit's people are still active after their tanggal ekspirasi (dashboard). */
export const countPastExpiry = (db: Db, unitId: string, now: Date = new Date()) =>
  repo.countPastExpiry(db, unitId, now);
/** Those counts per unit in the viewer's scope (regional and national overview: counts, no names). */
export const countPastExpiryByUnit = (db: Db, scope: Scope, now: Date = new Date()) =>
  repo.countPastExpiryByUnit(db, scope, now);
/** The tanggal ekspirasi of some inmates, by id (the certificates' completion rule). */
export const expiryOf = repo.expiryOf;

export interface Viewer {
  id: string;
  unitId: string | null;
  scope: Scope;
}

export interface InmateInput {
  unit_id?: string | undefined;
  reg_number: string;
  name: string;
  gender: 'L' | 'P';
  birth_date: string;
  entry_date: string;
  expected_release_date?: string | undefined;
  block?: string | undefined;
  room?: string | undefined;
  education?: string | undefined;
  skills?: string[] | undefined;
  interests?: string[] | undefined;
  risk_level?: RiskLevel | undefined;
  health_restriction?: boolean | undefined;
  /** Absent keeps the stored NIK; null clears it. */
  nik?: string | null | undefined;
}

/** What leaves the service: the row without its NIK, with the masked NIK and the category. */
export function present(row: repo.InmateRow) {
  const { nik, ...rest } = row;
  return { ...rest, category: categoryOf(row.register_class), nik_masked: maskedNik(nik) };
}
export type Inmate = ReturnType<typeof present>;

export async function listInmates(db: Db, scope: Scope, f: repo.InmateFilter) {
  const r = await repo.listInmates(db, scope, f);
  return { ...r, rows: r.rows.map(present) };
}

async function findRow(conn: Conn, scope: Scope, id: string) {
  const row = await repo.findInmate(conn, scope, id);
  if (!row) throw new AppError('inmates.not_found', 404, 'err.notFound');
  return row;
}

export async function getInmate(db: Db, scope: Scope, id: string): Promise<Inmate> {
  return present(await findRow(db, scope, id));
}

export async function inmateDetail(db: Db, scope: Scope, id: string) {
  const inmate = await getInmate(db, scope, id);
  const [history, registerF, programmes, certificates, expiryChanges] = await Promise.all([
    repo.statusHistory(db, id),
    repo.registerFEntries(db, id),
    programmeHistoryOf(db, id),
    certificatesOfInmate(db, scope, id),
    repo.expiryChanges(db, id),
  ]);
  return { inmate, history, registerF, programmes, certificates, expiryChanges };
}

const tidy = (list: string[] | undefined) => [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))];

/** Checks the rules a schema cannot: the number's format and the order of the dates. */
function values(input: InmateInput): repo.InmateValues {
  const errors: FieldError[] = [];
  const reg = parseRegNumber(input.reg_number);
  if (!reg) errors.push({ field: 'reg_number', key: 'inmates.regInvalid' });
  if (input.birth_date >= input.entry_date)
    errors.push({ field: 'birth_date', key: 'inmates.birthAfterEntry' });
  if (input.expected_release_date && input.expected_release_date < input.entry_date)
    errors.push({ field: 'expected_release_date', key: 'inmates.releaseBeforeEntry' });
  if (errors.length || !reg) throw invalid(errors);
  return {
    reg_number: reg.number,
    register_class: reg.registerClass,
    name: input.name.trim(),
    gender: input.gender,
    birth_date: input.birth_date,
    entry_date: input.entry_date,
    expected_release_date: input.expected_release_date ?? null,
    block: input.block ?? null,
    room: input.room ?? null,
    education: input.education ?? null,
    skills: tidy(input.skills),
    interests: tidy(input.interests),
    risk_level: input.risk_level ?? null,
    health_restriction: input.health_restriction ?? false,
  };
}

function unitFor(viewer: Viewer, input: InmateInput): string {
  const unitId = input.unit_id ?? viewer.unitId;
  if (!unitId || !inScope(viewer.scope, unitId)) throw fieldError('unit_id', 'users.homeRequired');
  return unitId;
}

const regTaken = () => fieldError('reg_number', 'inmates.regTaken');

export async function createInmate(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  input: InmateInput,
): Promise<string> {
  const unit_id = unitFor(viewer, input);
  const v = { unit_id, ...values(input), nik: input.nik ?? null };
  try {
    return await db.transaction().execute(async (trx) => {
      if (await repo.regNumberTaken(trx, unit_id, v.reg_number)) throw regTaken();
      const id = await repo.insertInmate(trx, v);
      await repo.insertStatusEntry(trx, {
        inmate_id: id,
        status: 'active',
        on_date: v.entry_date,
        reason: null,
        created_by: actor.userId,
      });
      await recordAudit(trx, actor, {
        action: 'inmates.create',
        entity: 'inmate',
        entityId: id,
        unitId: unit_id,
        after: v,
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'inmates_unit_reg_key')) throw regTaken();
    throw err;
  }
}

export async function updateInmate(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: InmateInput,
): Promise<void> {
  const given = values(input);
  try {
    await db.transaction().execute(async (trx) => {
      const before = await findRow(trx, viewer.scope, id);
      // Once set, the tanggal ekspirasi moves only with a recorded basis (changeExpiry), so the
      // roll call's cut-off cannot be lifted by a plain edit; left out, it stays as recorded.
      const release =
        input.expected_release_date === undefined
          ? before.expected_release_date
          : given.expected_release_date;
      if (before.expected_release_date !== null && release !== before.expected_release_date)
        throw fieldError('expected_release_date', 'inmates.expiry.useChangeForm');
      if (release !== null && release < given.entry_date)
        throw fieldError('entry_date', 'inmates.releaseBeforeEntry');
      const v = { ...given, expected_release_date: release };
      const after = input.nik === undefined ? v : { ...v, nik: input.nik };
      if (await repo.regNumberTaken(trx, before.unit_id, v.reg_number, id)) throw regTaken();
      await repo.updateInmate(trx, id, after);
      await recordAudit(trx, actor, {
        action: 'inmates.update',
        entity: 'inmate',
        entityId: id,
        unitId: before.unit_id,
        before,
        after,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'inmates_unit_reg_key')) throw regTaken();
    throw err;
  }
}

/** Release, transfer out or re-admit: the status and its history change together, audited. */
export async function changeStatus(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { change: StatusChange; on_date: string; reason?: string | undefined },
): Promise<void> {
  const rule = STATUS_CHANGES[input.change];
  const reason = input.reason?.trim() || null;
  await db.transaction().execute(async (trx) => {
    const before = await findRow(trx, viewer.scope, id);
    if (!(rule.from as readonly string[]).includes(before.status))
      throw fieldError('change', 'inmates.changeNotAllowed');
    if (input.change !== 'readmit' && !reason) throw fieldError('reason', 'err.required');
    if (input.on_date < before.entry_date) throw fieldError('on_date', 'inmates.dateBeforeEntry');
    await repo.setStatus(trx, id, rule.to);
    const entry = {
      inmate_id: id,
      status: rule.to,
      on_date: input.on_date,
      reason,
      created_by: actor.userId,
    };
    await repo.insertStatusEntry(trx, entry);
    await recordAudit(trx, actor, {
      action: `inmates.${input.change}`,
      entity: 'inmate',
      entityId: id,
      unitId: before.unit_id,
      before: { status: before.status },
      after: entry,
    });
    if (rule.to !== 'active')
      await endEnrolmentsOfInmate(trx, actor, {
        inmate_id: id,
        unit_id: before.unit_id,
        reason: rule.to,
        on_date: input.on_date,
      });
  });
}

export async function addRegisterF(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { entry_date: string; violation: string; sanction?: string | undefined },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const inmate = await findRow(trx, viewer.scope, id);
    const v = {
      inmate_id: id,
      entry_date: input.entry_date,
      violation: input.violation.trim(),
      sanction: input.sanction?.trim() || null,
      created_by: actor.userId,
    };
    const entryId = await repo.insertRegisterF(trx, v);
    await recordAudit(trx, actor, {
      action: 'inmates.register_f',
      entity: 'inmate',
      entityId: id,
      unitId: inmate.unit_id,
      after: v,
    });
    return entryId;
  });
}

const trimmed = (s: string | undefined) => s?.trim() || null;

/**
 * Records a new detention order (perpanjangan penahanan) or a corrected tanggal ekspirasi with its
 * basis: a row of the person's register history that moves their date, in one audited transaction.
 * The roll call offers them again up to the new date.
 */
export async function changeExpiry(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: ExpiryChangeInput,
  opts: { today: string },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const before = await findRow(trx, viewer.scope, id);
    const problems = expiryChangeProblems(input, before, opts.today);
    if (problems.length) throw invalid(problems);
    const extension = input.kind === 'detention_extension';
    const v = {
      inmate_id: id,
      kind: input.kind,
      previous_expiry: before.expected_release_date,
      new_expiry: input.new_expiry,
      reference: trimmed(input.reference),
      authority: trimmed(input.authority),
      order_date: input.order_date ?? null,
      basis: trimmed(input.basis),
      created_by: actor.userId,
    };
    if (!extension && !v.basis) throw fieldError('basis', 'err.required');
    const changeId = await repo.insertExpiryChange(trx, v);
    await repo.setExpiry(trx, id, input.new_expiry);
    await recordAudit(trx, actor, {
      action: `inmates.expiry_${input.kind}`,
      entity: 'inmate',
      entityId: id,
      unitId: before.unit_id,
      before: { expected_release_date: before.expected_release_date },
      after: { ...v, id: changeId },
    });
    return changeId;
  });
}
