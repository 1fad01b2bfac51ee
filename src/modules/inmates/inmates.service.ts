// The inmate register (warga binaan): who is held in a unit, their status changes (release,
// transfer out, re-admission) with history, and their Register F entries. NIK never leaves masked.
import { type FieldError, fieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { CertificateStatus, RiskLevel } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { endEnrolmentsOfInmate, programmeHistoryOf } from '../enrolments/enrolments.service.ts';
import { inmate, inmateWithRecords, mayRegisterIn } from './inmates.policy.ts';
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

/** The blocks in use in the principal's units, for the list filter. */
export const blocksInUse = (ctx: Pick<Ctx, 'db' | 'who'>) => repo.blocksInUse(ctx.db, ctx.who.scope);
/** How many people a unit holds. */
export const countInUnit = (ctx: Pick<Ctx, 'db'>, unitId: string) => repo.countInUnit(ctx.db, unitId);
/** Active inmates of a unit with their Register F dates, for proposing programme candidates. */
export const activeWithRegisterF = (ctx: Pick<Ctx, 'db'>, unitId: string) =>
  repo.activeWithRegisterF(ctx.db, unitId);
/** How many of a unit's people are still active after their tanggal ekspirasi (dashboard). */
export const countPastExpiry = (ctx: Pick<Ctx, 'db' | 'now'>, unitId: string) =>
  repo.countPastExpiry(ctx.db, unitId, ctx.now);
/** Those counts per unit in the principal's scope (regional and national overview: counts, no names). */
export const countPastExpiryByUnit = (ctx: Pick<Ctx, 'db' | 'who' | 'now'>) =>
  repo.countPastExpiryByUnit(ctx.db, ctx.who.scope, ctx.now);
/** The tanggal ekspirasi of some inmates, by id (the certificates' completion rule). */
export const expiryOf = repo.expiryOf;

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

export async function listInmates(ctx: Pick<Ctx, 'db' | 'who'>, f: repo.InmateFilter) {
  const r = await repo.listInmates(ctx.db, ctx.who.scope, f);
  return { ...r, rows: r.rows.map(present) };
}

/** One person as the pages and the API show them (masked NIK), if held in the principal's units. */
export async function getInmate(ctx: Pick<Ctx, 'db' | 'who'>, id: string): Promise<Inmate> {
  return present(await inmate(ctx, id));
}

/** A person's record with its status history, Register F, programmes and ekspirasi changes. */
export async function inmateDetail(ctx: Pick<Ctx, 'db' | 'who'>, id: string) {
  const { history, registerF, expiryChanges, ...row } = await inmateWithRecords(ctx, id);
  // The enrolments module's own read, once the person is found within the principal's units.
  const programmes = await programmeHistoryOf(ctx, id);
  return { inmate: present(row), history, registerF, programmes, expiryChanges };
}

/** A certificate on a person's page (the certificates module holds them; src/modules.ts passes them in). */
export interface InmateCertificate {
  id: string;
  number: string;
  programme_name: string;
  issued_on: string;
  status: CertificateStatus;
}

/** What a person's page shows of other modules, passed in by the composition root. */
export interface InmatePageLists {
  certificates(ctx: Ctx, inmateId: string): Promise<InmateCertificate[]>;
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

function unitFor(ctx: Pick<Ctx, 'who'>, input: InmateInput): string {
  const unitId = input.unit_id ?? ctx.who.unitId;
  if (!mayRegisterIn(ctx.who, unitId)) throw fieldError('unit_id', 'users.homeRequired');
  return unitId;
}

const regTaken = () => fieldError('reg_number', 'inmates.regTaken');

export async function createInmate(ctx: Ctx, input: InmateInput): Promise<string> {
  const actor = ctx.who.actor;
  const unit_id = unitFor(ctx, input);
  const v = { unit_id, ...values(input), nik: input.nik ?? null };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
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

export async function updateInmate(ctx: Ctx, id: string, input: InmateInput): Promise<void> {
  const actor = ctx.who.actor;
  const given = values(input);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await inmate(withDb(ctx, trx), id);
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

/**
 * Release, transfer out or re-admit: the status and its history change together, audited. Called
 * inside a transaction (recording a release on the reintegration case), it runs in that one.
 */
export async function changeStatus(
  ctx: Ctx,
  id: string,
  input: { change: StatusChange; on_date: string; reason?: string | undefined },
): Promise<void> {
  const actor = ctx.who.actor;
  const rule = STATUS_CHANGES[input.change];
  const reason = input.reason?.trim() || null;
  const inTrx = (run: (trx: typeof ctx.db) => Promise<void>) =>
    ctx.db.isTransaction ? run(ctx.db) : ctx.db.transaction().execute(run);
  await inTrx(async (trx) => {
    const before = await inmate(withDb(ctx, trx), id);
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
      await endEnrolmentsOfInmate(withDb(ctx, trx), {
        inmate_id: id,
        unit_id: before.unit_id,
        reason: rule.to,
        on_date: input.on_date,
      });
  });
}

export async function addRegisterF(
  ctx: Ctx,
  id: string,
  input: { entry_date: string; violation: string; sanction?: string | undefined },
): Promise<string> {
  const actor = ctx.who.actor;
  return ctx.db.transaction().execute(async (trx) => {
    const person = await inmate(withDb(ctx, trx), id);
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
      unitId: person.unit_id,
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
  ctx: Ctx,
  id: string,
  input: ExpiryChangeInput,
  opts: { today?: string } = {},
): Promise<string> {
  const on = opts.today ?? today(ctx);
  const actor = ctx.who.actor;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await inmate(withDb(ctx, trx), id);
    const problems = expiryChangeProblems(input, before, on);
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
