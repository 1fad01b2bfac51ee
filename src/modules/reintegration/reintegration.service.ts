// The release pipeline's writes and reads: a person's case (created on the first write, with the
// built-in checklist and the unit's own items), its details, checklist items, consents and the
// release itself, which sets the person released through the inmates service (that ends their open
// places in programmes with end reason 'released') in the same transaction.
import {
  conflict,
  type FieldError,
  fieldError,
  invalid,
  isUniqueViolation,
  notFound,
} from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { ConsentPurpose, IntegrasiKind, ReleaseKind, ReleasePlan, TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { changeStatus } from '../inmates/inmates.service.ts';
import { releasePerson } from './reintegration.policy.ts';
import * as repo from './reintegration.repo.ts';
import { BUILT_IN, dueOn, integrasiProblems, releaseDateOf, releaseProblems } from './reintegration.rules.ts';

export type { ConsentRow, ItemRow, PipelineRow, TemplateRow } from './reintegration.repo.ts';

/** The pipeline's page of people for a window (30 or 90 days, or released). */
export function pipeline(
  ctx: Pick<Ctx, 'db' | 'who' | 'now'>,
  o: { window: '30' | '90' | 'released'; page: number },
) {
  return repo.pipeline(ctx.db, ctx.who.scope, { ...o, now: ctx.now });
}

/** Everything the case page shows: the person, their case (null before the first write), checklist, consents. */
export async function caseDetail(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, inmateId: string) {
  const { person, case: c } = await releasePerson(ctx, inmateId, { for: 'view' });
  const [items, consents] = await Promise.all([
    c ? repo.itemsOf(ctx.db, c.id, ctx.now) : Promise.resolve([]),
    repo.consentsOf(ctx.db, inmateId),
  ]);
  const releaseDate = releaseDateOf({
    integrasi_date: c?.integrasi_date ?? null,
    expected_release_date: person.expected_release_date,
  });
  return { person, case: c, items, consents, releaseDate, today: today(ctx, person.timezone) };
}
export type CaseDetail = Awaited<ReturnType<typeof caseDetail>>;

/** What the case form offers: the Bapas of the person's region and their PKs, the unit's staff. */
export async function caseChoices(ctx: Pick<Ctx, 'db'>, person: { unit_id: string; kanwil_id: string }) {
  const [bapas, staff] = await Promise.all([
    repo.bapasOptions(ctx.db, person.kanwil_id),
    repo.staffOf(ctx.db, person.unit_id),
  ]);
  return { ...bapas, staff };
}
export type CaseChoices = Awaited<ReturnType<typeof caseChoices>>;

/**
 * The person's case, created with its checklist when it does not exist yet (the first write on it),
 * in the caller's transaction; the row comes back locked.
 */
async function ensureCase(ctx: Ctx, trx: Conn, p: repo.PersonRow, day: string) {
  let locked = await repo.lockCase(trx, p.id);
  if (!locked) {
    const id = await repo.insertCase(trx, {
      inmate_id: p.id,
      unit_id: p.unit_id,
      created_by: ctx.who.actor.userId,
    });
    if (id) {
      const release = p.expected_release_date;
      const templates = await repo.activeTemplates(trx, p.unit_id);
      await repo.insertItems(trx, [
        ...BUILT_IN.map((b) => ({
          case_id: id,
          unit_id: p.unit_id,
          kind: b.kind,
          template_id: null,
          label: null,
          due_on: dueOn(release, b.daysBefore, day),
        })),
        ...templates.map((t) => ({
          case_id: id,
          unit_id: p.unit_id,
          kind: 'custom' as const,
          template_id: t.id,
          label: t.label,
          due_on: dueOn(release, t.days_before, day),
        })),
      ]);
      await recordAudit(trx, ctx.who.actor, {
        action: 'reintegration.open',
        entity: 'reintegration_case',
        entityId: id,
        unitId: p.unit_id,
        after: { inmate_id: p.id, items: BUILT_IN.length + templates.length },
      });
    }
    locked = await repo.lockCase(trx, p.id);
  }
  if (!locked) throw conflict('reintegration.race');
  return locked;
}

export interface CaseInput {
  integrasi_kind?: IntegrasiKind | undefined;
  integrasi_date?: string | undefined;
  decree_number?: string | undefined;
  decree_date?: string | undefined;
  plan?: ReleasePlan | undefined;
  guarantor_name?: string | undefined;
  guarantor_relation?: string | undefined;
  guarantor_phone?: string | undefined;
  address_after_release?: string | undefined;
  bank_name?: string | undefined;
  bank_account?: string | undefined;
  bapas_unit_id?: string | undefined;
  pk_user_id?: string | undefined;
}

const text = (v: string | undefined) => v?.trim() || null;

async function caseProblems(
  ctx: Ctx,
  p: repo.PersonRow,
  input: CaseInput,
  day: string,
): Promise<FieldError[]> {
  const out = integrasiProblems(input, day);
  const phone = text(input.guarantor_phone);
  if (phone && !/^\+?[0-9 -]{8,20}$/.test(phone))
    out.push({ field: 'guarantor_phone', key: 'reintegration.phoneFormat' });
  const account = text(input.bank_account);
  if (account && !/^[0-9 -]{5,30}$/.test(account))
    out.push({ field: 'bank_account', key: 'reintegration.accountFormat' });
  if (account && !text(input.bank_name))
    out.push({ field: 'bank_name', key: 'reintegration.bankNameRequired' });
  if (input.pk_user_id && !input.bapas_unit_id) out.push({ field: 'bapas_unit_id', key: 'err.required' });
  if (input.bapas_unit_id) {
    const { units, officers } = await repo.bapasOptions(ctx.db, p.kanwil_id);
    if (!units.some((u) => u.id === input.bapas_unit_id))
      out.push({ field: 'bapas_unit_id', key: 'reintegration.bapasOutsideRegion' });
    else if (
      input.pk_user_id &&
      !officers.some((o) => o.id === input.pk_user_id && o.unit_id === input.bapas_unit_id)
    )
      out.push({ field: 'pk_user_id', key: 'reintegration.pkNotOfBapas' });
  }
  return out;
}

/** Writes the case's details (creating the case on the first write); an integrasi needs its decree. */
export async function saveCase(ctx: Ctx, inmateId: string, input: CaseInput): Promise<void> {
  const { person } = await releasePerson(ctx, inmateId, { for: 'manage' });
  const day = today(ctx, person.timezone);
  const problems = await caseProblems(ctx, person, input, day);
  if (problems.length) throw invalid(problems);
  const v: repo.CaseValues = {
    integrasi_kind: input.integrasi_kind ?? null,
    integrasi_date: input.integrasi_date ?? null,
    decree_number: text(input.decree_number),
    decree_date: input.decree_date ?? null,
    plan: input.plan ?? null,
    guarantor_name: text(input.guarantor_name),
    guarantor_relation: text(input.guarantor_relation),
    guarantor_phone: text(input.guarantor_phone),
    address_after_release: text(input.address_after_release),
    bank_name: text(input.bank_name),
    bank_account: text(input.bank_account),
    bapas_unit_id: input.bapas_unit_id ?? null,
    pk_user_id: input.pk_user_id ?? null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await ensureCase(ctx, trx, person, day);
    if (locked.released_on) throw conflict('reintegration.released', 'reintegration.alreadyReleased');
    const before = await repo.findCase(trx, ctx.who.scope, inmateId);
    await repo.updateCase(trx, locked.id, v);
    // A new release date (an integrasi planned, moved or dropped) re-dates the items still open.
    const was = releaseDateOf({
      integrasi_date: before?.integrasi_date ?? null,
      expected_release_date: person.expected_release_date,
    });
    const now = releaseDateOf({
      integrasi_date: v.integrasi_date,
      expected_release_date: person.expected_release_date,
    });
    let redated = 0;
    if (was !== now)
      for (const i of await repo.openItemsOf(trx, locked.id)) {
        const lead = i.days_before ?? BUILT_IN.find((b) => b.kind === i.kind)?.daysBefore ?? 14;
        const due = dueOn(now, lead, day);
        if (due !== i.due_on) {
          await repo.setDue(trx, i.id, due);
          redated++;
        }
      }
    await recordAudit(trx, ctx.who.actor, {
      action: 'reintegration.update',
      entity: 'reintegration_case',
      entityId: locked.id,
      unitId: person.unit_id,
      before: before ? pick(before, Object.keys(v) as (keyof repo.CaseValues)[]) : null,
      after: { inmate_id: inmateId, ...v, items: redated },
    });
  });
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}

export interface ItemInput {
  owner_id?: string | undefined;
  due_on: string;
  status: 'open' | 'done' | 'not_applicable';
  note?: string | undefined;
}

/** One checklist item: its owner (the unit's staff), due day, and done / not applicable / open again. */
export async function updateItem(
  ctx: Ctx,
  inmateId: string,
  itemId: string,
  input: ItemInput,
): Promise<void> {
  const { person, case: c } = await releasePerson(ctx, inmateId, { for: 'manage' });
  if (!c) throw notFound('reintegration');
  const day = today(ctx, person.timezone);
  const staff = await repo.staffOf(ctx.db, person.unit_id);
  const problems: FieldError[] = [];
  if (input.owner_id && !staff.some((s) => s.id === input.owner_id))
    problems.push({ field: 'owner_id', key: 'reintegration.ownerNotStaff' });
  if (input.status === 'not_applicable' && !text(input.note))
    problems.push({ field: 'note', key: 'reintegration.noteForNotApplicable' });
  if (problems.length) throw invalid(problems);
  await ctx.db.transaction().execute(async (trx) => {
    const item = await repo.findItem(trx, c.id, itemId);
    if (!item) throw notFound('reintegration_item');
    const closed = input.status !== 'open';
    const v = {
      owner_id: input.owner_id ?? null,
      due_on: input.due_on,
      status: input.status,
      note: text(input.note),
      done_on: closed ? (item.status === input.status && item.done_on ? item.done_on : day) : null,
      done_by: closed ? (item.status === input.status ? item.done_by : ctx.who.actor.userId) : null,
    };
    await repo.updateItem(trx, item.id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'reintegration.item_update',
      entity: 'readiness_item',
      entityId: item.id,
      unitId: person.unit_id,
      before: {
        kind: item.kind,
        status: item.status,
        owner_id: item.owner_id,
        due_on: item.due_on,
        note: item.note,
      },
      after: { case_id: c.id, kind: item.kind, ...v },
    });
  });
}

/** Records a consent given (creating the case on the first write); one live consent per purpose. */
export async function giveConsent(
  ctx: Ctx,
  inmateId: string,
  input: { purpose: ConsentPurpose; given_on: string; note?: string | undefined },
): Promise<string> {
  const { person } = await releasePerson(ctx, inmateId, { for: 'manage' });
  const day = today(ctx, person.timezone);
  if (input.given_on > day) throw fieldError('given_on', 'reintegration.consentInFuture');
  if (input.given_on < person.entry_date) throw fieldError('given_on', 'reintegration.consentBeforeEntry');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await ensureCase(ctx, trx, person, day);
      if (await repo.liveConsent(trx, inmateId, input.purpose))
        throw fieldError('purpose', 'reintegration.consentLive');
      const v = {
        inmate_id: inmateId,
        unit_id: person.unit_id,
        purpose: input.purpose,
        given_on: input.given_on,
        note: text(input.note),
        recorded_by: ctx.who.actor.userId,
      };
      const id = await repo.insertConsent(trx, v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'reintegration.consent_give',
        entity: 'reintegration_consent',
        entityId: id,
        unitId: person.unit_id,
        after: v,
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'reintegration_consents_live_key'))
      throw fieldError('purpose', 'reintegration.consentLive');
    throw err;
  }
}

/** Ends a live consent on a day (today when absent): from that day it no longer counts. */
export async function withdrawConsent(
  ctx: Ctx,
  inmateId: string,
  consentId: string,
  input: { withdrawn_on?: string | undefined } = {},
): Promise<void> {
  const { person } = await releasePerson(ctx, inmateId, { for: 'manage' });
  const day = today(ctx, person.timezone);
  const on = input.withdrawn_on ?? day;
  if (on > day) throw fieldError('withdrawn_on', 'reintegration.withdrawInFuture');
  await ctx.db.transaction().execute(async (trx) => {
    const c = await repo.findConsent(trx, inmateId, consentId);
    if (!c) throw notFound('reintegration_consent');
    if (c.withdrawn_on) throw conflict('reintegration.withdrawn', 'reintegration.consentAlreadyWithdrawn');
    if (on < c.given_on) throw fieldError('withdrawn_on', 'reintegration.withdrawBeforeGiven');
    await repo.withdrawConsent(trx, c.id, on, ctx.who.actor.userId);
    await recordAudit(trx, ctx.who.actor, {
      action: 'reintegration.consent_withdraw',
      entity: 'reintegration_consent',
      entityId: c.id,
      unitId: person.unit_id,
      before: { purpose: c.purpose, given_on: c.given_on },
      after: { inmate_id: inmateId, purpose: c.purpose, withdrawn_on: on },
    });
  });
}

/**
 * "Catat pembebasan": the release as it happened, on the case, and the person released in the
 * register (status history, open programme places ended 'released'), all in one transaction.
 */
export async function recordRelease(
  ctx: Ctx,
  inmateId: string,
  input: { released_on: string; release_kind: ReleaseKind },
): Promise<void> {
  const { person, case: c } = await releasePerson(ctx, inmateId, { for: 'manage' });
  const day = today(ctx, person.timezone);
  const problems = releaseProblems(
    input,
    { entry_date: person.entry_date, status: person.status, integrasi_kind: c?.integrasi_kind ?? null },
    day,
  );
  if (problems.length) throw invalid(problems);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await ensureCase(ctx, trx, person, day);
    if (locked.released_on) throw conflict('reintegration.released', 'reintegration.alreadyReleased');
    await repo.setReleased(trx, locked.id, input);
    await recordAudit(trx, ctx.who.actor, {
      action: 'reintegration.release',
      entity: 'reintegration_case',
      entityId: locked.id,
      unitId: person.unit_id,
      before: { released_on: null },
      after: { inmate_id: inmateId, ...input },
    });
    await changeStatus(withDb(ctx, trx), inmateId, {
      change: 'release',
      on_date: input.released_on,
      reason: RELEASE_REASON[input.release_kind],
    });
  });
}

/** The register's reason for the release (an Indonesian record, like the status history itself). */
const RELEASE_REASON: Record<ReleaseKind, string> = {
  ekspirasi: 'Bebas murni (tanggal ekspirasi)',
  PB: 'Pembebasan bersyarat (PB)',
  CB: 'Cuti bersyarat (CB)',
  CMB: 'Cuti menjelang bebas (CMB)',
};

/** A unit's checklist templates, for its page. */
export function templates(ctx: Pick<Ctx, 'db' | 'who'>, unitId: string) {
  return repo.templatesOf(ctx.db, ctx.who.scope, unitId);
}

/** Adds a unit's own checklist item; it also goes on each of the unit's cases not yet released. */
export async function addTemplate(
  ctx: Ctx,
  input: { unit_id: string; label: string; days_before: number; zone: TimeZone },
): Promise<string> {
  if (!inScope(ctx.who.scope, input.unit_id)) throw fieldError('unit_id', 'reintegration.unitOutside');
  const label = input.label.trim();
  if (label.length < 3) throw fieldError('label', 'reintegration.labelShort');
  const day = today(ctx, input.zone);
  return ctx.db.transaction().execute(async (trx) => {
    const v = {
      unit_id: input.unit_id,
      label,
      days_before: input.days_before,
      created_by: ctx.who.actor.userId,
    };
    const id = await repo.insertTemplate(trx, v);
    const cases = await repo.openCasesOf(trx, input.unit_id);
    await repo.insertItems(
      trx,
      cases.map((c) => ({
        case_id: c.id,
        unit_id: c.unit_id,
        kind: 'custom' as const,
        template_id: id,
        label,
        due_on: dueOn(c.release_date, input.days_before, day),
      })),
    );
    await recordAudit(trx, ctx.who.actor, {
      action: 'reintegration.template_create',
      entity: 'readiness_template',
      entityId: id,
      unitId: input.unit_id,
      after: { ...v, cases: cases.length },
    });
    return id;
  });
}

/** Renames a template, moves its lead time, or retires it (items already on cases stay). */
export async function updateTemplate(
  ctx: Ctx,
  id: string,
  input: { label: string; days_before: number; active: boolean },
): Promise<void> {
  const label = input.label.trim();
  if (label.length < 3) throw fieldError('label', 'reintegration.labelShort');
  await ctx.db.transaction().execute(async (trx) => {
    const t = await repo.findTemplate(trx, ctx.who.scope, id);
    if (!t) throw notFound('readiness_template');
    const v = { label, days_before: input.days_before, active: input.active };
    await repo.updateTemplate(trx, id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'reintegration.template_update',
      entity: 'readiness_template',
      entityId: id,
      unitId: t.unit_id,
      before: { label: t.label, days_before: t.days_before, active: t.active },
      after: v,
    });
  });
}
