// Cooperation agreements (PKS, MoU) and their addenda: recording, the signing lifecycle, terms in
// force on any date, monitoring and evaluation, and reminders before they end.
import { type FieldError, fieldError, invalid, notFound } from '../../app/errors.ts';
import { dayInZone, formatDayShort } from '../../app/format.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type {
  AgreementParty,
  AgreementStatus,
  MaterialsBy,
  PayModel,
  PieceRate,
  TimeZone,
} from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { partner as partnerOf } from '../partners/partners.policy.ts';
import { existingProgramAksiIds } from '../program-aksi/program-aksi.service.ts';
import { agreement } from './agreements.policy.ts';
import * as repo from './agreements.repo.ts';
import { type AgreementAction, effectiveSplit, termsInForce, transition } from './agreements.rules.ts';

export type { AgreementRow } from './agreements.repo.ts';

/** Agreements in the principal's scope, newest first (addenda only when asked for). */
export function listAgreements(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: Omit<Parameters<typeof repo.listAgreements>[2], 'page'> & { page?: number },
) {
  return repo.listAgreements(ctx.db, ctx.who.scope, { ...f, page: f.page ?? 1 });
}

/** Drafts waiting for the Kepala UPT's signature, oldest first (the approvals inbox). */
export function awaitingSignature(ctx: Pick<Ctx, 'db' | 'who'>) {
  return repo.awaitingSignature(ctx.db, ctx.who.scope);
}

export interface TermsInput {
  scope?: string | undefined;
  valid_to?: string | undefined;
  obligations_first?: string[] | undefined;
  obligations_second?: string[] | undefined;
  materials_by?: MaterialsBy | undefined;
  pay_model?: PayModel | undefined;
  piece_rates?: PieceRate[] | undefined;
  /** Whether rejects that cannot be reworked may be sold by the unit itself. */
  rejects_saleable?: boolean | undefined;
  premi_pct?: number | undefined;
  pnbp_pct?: number | undefined;
  capital_pct?: number | undefined;
  notes?: string | undefined;
}

export interface AgreementInput {
  title: string;
  number_first?: string | undefined;
  number_second?: string | undefined;
  signed_on?: string | undefined;
  signed_place?: string | undefined;
  valid_from: string;
  parties?: AgreementParty[] | undefined;
  program_aksi_ids?: string[] | undefined;
  terms?: TermsInput | undefined;
}

export interface NewAgreementInput extends AgreementInput {
  partner_id: string;
  kind: 'pks' | 'mou';
}

/** Today's date where the unit is: "ending within 30 days" and "done on" follow the unit's clock. */
async function unitToday(ctx: Ctx, unitId: string): Promise<string> {
  return today(ctx, (await repo.unitSplit(ctx.db, unitId)).timezone);
}

/** A signed (or later) agreement is changed by an addendum, never edited. */

/** The split is all three shares or none; given, it must add up to 100. */
function checkTerms(input: AgreementInput): FieldError[] {
  const errors: FieldError[] = [];
  const t = input.terms ?? {};
  const shares = [t.premi_pct, t.pnbp_pct, t.capital_pct];
  const given = shares.filter((s) => s !== undefined).length;
  if (given > 0 && (given < 3 || shares.reduce<number>((a, b) => a + (b ?? 0), 0) !== 100)) {
    errors.push({ field: 'premi_pct', key: 'agreements.splitSum' });
  }
  if (t.valid_to && t.valid_to < input.valid_from)
    errors.push({ field: 'valid_to', key: 'agreements.validToBeforeFrom' });
  return errors;
}

async function checkProgramAksi(ctx: Pick<Ctx, 'db'>, ids: readonly string[] | undefined): Promise<string[]> {
  const wanted = [...new Set(ids ?? [])];
  const found = await existingProgramAksiIds(ctx, wanted);
  if (found.length !== wanted.length) throw fieldError('program_aksi_ids', 'err.enum');
  return wanted;
}

function termsValues(
  baseId: string,
  sourceId: string,
  effectiveFrom: string,
  t: TermsInput = {},
): repo.TermsValues {
  return {
    agreement_id: baseId,
    source_id: sourceId,
    effective_from: effectiveFrom,
    scope: t.scope ?? null,
    valid_to: t.valid_to ?? null,
    obligations_first: t.obligations_first ?? [],
    obligations_second: t.obligations_second ?? [],
    materials_by: t.materials_by ?? null,
    pay_model: t.pay_model ?? 'none',
    piece_rates: t.piece_rates ?? [],
    rejects_saleable: t.rejects_saleable ?? false,
    premi_pct: t.premi_pct ?? null,
    pnbp_pct: t.pnbp_pct ?? null,
    capital_pct: t.capital_pct ?? null,
    notes: t.notes ?? null,
  };
}

function agreementValues(input: AgreementInput, parties: AgreementParty[]) {
  return {
    title: input.title,
    number_first: input.number_first ?? null,
    number_second: input.number_second ?? null,
    signed_on: input.signed_on ?? null,
    signed_place: input.signed_place ?? null,
    valid_from: input.valid_from,
    valid_to: input.terms?.valid_to ?? null,
    parties,
  };
}

/** With no parties given, the unit is Pihak Pertama and the partner Pihak Kedua. */
function defaultParties(
  given: AgreementParty[] | undefined,
  unitName: string,
  partnerName: string,
): AgreementParty[] {
  if (given && given.length > 0) return given;
  return [
    { role: 'first', name: unitName },
    { role: 'second', name: partnerName },
  ];
}

export async function createAgreement(ctx: Ctx, input: NewAgreementInput): Promise<string> {
  const partner = await partnerOf(ctx, input.partner_id).catch(() => {
    throw fieldError('partner_id', 'err.enum');
  });
  const errors = checkTerms(input);
  if (errors.length) throw invalid(errors);
  const programAksi = await checkProgramAksi(ctx, input.program_aksi_ids);
  return ctx.db.transaction().execute(async (trx) => {
    const v = {
      unit_id: partner.unit_id,
      partner_id: partner.id,
      kind: input.kind,
      parent_id: null,
      ...agreementValues(input, defaultParties(input.parties, partner.unit_name, partner.legal_name)),
    };
    const id = await repo.insertAgreement(trx, v);
    const terms = termsValues(id, id, input.valid_from, input.terms);
    await repo.upsertTerms(trx, terms);
    await repo.setProgramAksi(trx, id, programAksi);
    await recordAudit(trx, ctx.who.actor, {
      action: 'agreements.create',
      entity: 'agreement',
      entityId: id,
      unitId: partner.unit_id,
      after: { ...v, terms, program_aksi_ids: programAksi },
    });
    return id;
  });
}

export async function updateAgreement(ctx: Ctx, id: string, input: AgreementInput): Promise<void> {
  const errors = checkTerms(input);
  if (errors.length) throw invalid(errors);
  const programAksi = await checkProgramAksi(ctx, input.program_aksi_ids);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockAgreement(trx, id);
    const before = await agreement(withDb(ctx, trx), id, { for: 'edit' });
    const beforeTerms = await repo.ownTerms(trx, id);
    const baseId = before.parent_id ?? before.id;
    const v = agreementValues(input, defaultParties(input.parties, before.unit_name, before.partner_name));
    await repo.updateAgreement(trx, id, v);
    const terms = termsValues(baseId, id, input.valid_from, input.terms);
    await repo.upsertTerms(trx, terms);
    await repo.setProgramAksi(trx, id, programAksi);
    await recordAudit(trx, ctx.who.actor, {
      action: 'agreements.update',
      entity: 'agreement',
      entityId: id,
      unitId: before.unit_id,
      before: { ...before, terms: beforeTerms },
      after: { ...v, terms, program_aksi_ids: programAksi },
    });
  });
}

/** An addendum to a signed agreement: its terms apply to the parent from its own date onward. */
export async function createAddendum(ctx: Ctx, parentId: string, input: AgreementInput): Promise<string> {
  const parent = await agreement(ctx, parentId);
  const base = parent.parent_id ? await agreement(ctx, parent.parent_id) : parent;
  if (!['signed', 'active'].includes(base.status))
    throw fieldError('valid_from', 'agreements.parentNotSigned');
  if (input.valid_from < base.valid_from) throw fieldError('valid_from', 'agreements.addendumBeforeParent');
  const errors = checkTerms(input);
  if (errors.length) throw invalid(errors);
  const programAksi = await checkProgramAksi(ctx, input.program_aksi_ids);
  return ctx.db.transaction().execute(async (trx) => {
    const v = {
      unit_id: base.unit_id,
      partner_id: base.partner_id,
      kind: 'addendum' as const,
      parent_id: base.id,
      ...agreementValues(input, defaultParties(input.parties, base.unit_name, base.partner_name)),
    };
    const id = await repo.insertAgreement(trx, v);
    const terms = termsValues(base.id, id, input.valid_from, input.terms);
    await repo.upsertTerms(trx, terms);
    await repo.setProgramAksi(trx, id, programAksi);
    await recordAudit(trx, ctx.who.actor, {
      action: 'agreements.create_addendum',
      entity: 'agreement',
      entityId: id,
      unitId: base.unit_id,
      after: { ...v, terms },
    });
    return id;
  });
}

/** Sign, activate, expire or terminate, as the lifecycle rules allow. */
export async function act(
  ctx: Ctx,
  id: string,
  input: {
    action: AgreementAction;
    reason?: string | undefined;
    on?: string | undefined;
    /** When marking signed an agreement whose signing date is missing: that date. */
    signed_on?: string | undefined;
  },
): Promise<AgreementStatus> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    await repo.lockAgreement(trx, id);
    const a = await agreement(tx, id);
    const zone = (await repo.unitSplit(trx, a.unit_id)).timezone;
    const day = today(ctx, zone);
    const signedOn =
      input.action === 'sign' && !a.signed_on ? signingDate(input.signed_on, day, a.created_at, zone) : null;
    const validTo =
      termsInForce(await repo.termsVersions(trx, a.parent_id ?? a.id), day)?.valid_to ?? a.valid_to;
    const r = transition({
      status: a.status,
      action: input.action,
      today: day,
      validFrom: a.valid_from,
      validTo,
      signedOn: a.signed_on ?? signedOn,
      reason: input.reason,
    });
    if (!r.ok)
      throw invalid(
        [{ field: input.action === 'terminate' ? 'reason' : 'action', key: r.violation }],
        r.violation,
      );
    const change =
      input.action === 'sign'
        ? {
            status: r.status,
            signed_by: ctx.who.id ?? undefined,
            signed_at: new Date(),
            ...(signedOn ? { signed_on: signedOn } : {}),
          }
        : input.action === 'terminate'
          ? {
              status: r.status,
              terminated_on: input.on ?? day,
              terminated_reason: input.reason?.trim() ?? '',
            }
          : { status: r.status };
    await repo.setStatus(trx, id, change);
    await recordAudit(trx, ctx.who.actor, {
      action: `agreements.${input.action}`,
      entity: 'agreement',
      entityId: id,
      unitId: a.unit_id,
      before: { status: a.status },
      after: change,
    });
    return r.status;
  });
}

/**
 * The signing date asked for when marking signed a draft without one: given, not after today in the
 * unit's zone, not before the draft was written.
 */
function signingDate(v: string | undefined, day: string, draftedAt: Date, zone: TimeZone): string {
  if (!v) throw fieldError('signed_on', 'agreements.signedOnMissing');
  if (v > day) throw fieldError('signed_on', 'agreements.signedOnFuture');
  const drafted = dayInZone(draftedAt, zone);
  if (v < drafted)
    throw fieldError('signed_on', 'agreements.signedOnBeforeDraft', { date: formatDayShort(drafted) });
  return v;
}

/** Everything the agreement page and its PDF show, with the terms in force on `day`. */
export async function agreementDetail(ctx: Ctx, id: string, day?: string) {
  const a = await agreement(ctx, id);
  const { db } = ctx;
  const unit = await repo.unitSplit(db, a.unit_id);
  const on = day ?? today(ctx, unit.timezone);
  const baseId = a.parent_id ?? a.id;
  const [versions, addenda, programAksi, evaluations, parent] = await Promise.all([
    repo.termsVersions(db, baseId),
    repo.addendaOf(db, baseId),
    repo.programAksiOf(db, a.id),
    repo.evaluationsOf(db, a.id),
    a.parent_id ? repo.findAgreement(db, ctx.who.scope, a.parent_id) : Promise.resolve(undefined),
  ]);
  const inForce = a.parent_id ? versions.find((v) => v.source_id === a.id) : termsInForce(versions, on);
  return {
    agreement: a,
    unit,
    on,
    versions,
    inForce,
    split: effectiveSplit(inForce, unit),
    addenda,
    parent: parent ?? null,
    programAksi,
    evaluations,
  };
}

export type AgreementDetail = Awaited<ReturnType<typeof agreementDetail>>;

/**
 * The terms of an agreement (or of the agreement an addendum amends) in force on `day`, with the
 * split that applies: what production asks for a piece rate on a check date. No scope check: the
 * caller has already been allowed the record (a batch, a product) that names the agreement.
 */
export async function termsOn(ctx: Pick<Ctx, 'db'>, agreementId: string, day: string) {
  const a = await repo.agreementHead(ctx.db, agreementId);
  if (!a) return undefined;
  const [versions, unit] = await Promise.all([
    repo.termsVersions(ctx.db, a.parent_id ?? a.id),
    repo.unitSplit(ctx.db, a.unit_id),
  ]);
  const terms = termsInForce(versions, day);
  return terms ? { terms, split: effectiveSplit(terms, unit) } : undefined;
}

export async function recordEvaluation(
  ctx: Ctx,
  agreementId: string,
  input: {
    evaluated_on: string;
    evaluator: string;
    findings: string;
    score: number;
    actions?: string[] | string | undefined;
  },
): Promise<string> {
  const a = await agreement(ctx, agreementId);
  const actions = (Array.isArray(input.actions) ? input.actions : (input.actions ?? '').split(/\r?\n/))
    .map((s) => s.trim())
    .filter(Boolean);
  return ctx.db.transaction().execute(async (trx) => {
    const v = {
      agreement_id: a.id,
      evaluated_on: input.evaluated_on,
      evaluator: input.evaluator,
      findings: input.findings,
      score: input.score,
      created_by: ctx.who.id,
    };
    const id = await repo.insertEvaluation(trx, v, actions);
    await recordAudit(trx, ctx.who.actor, {
      action: 'agreements.evaluate',
      entity: 'agreement_evaluation',
      entityId: id,
      unitId: a.unit_id,
      after: { ...v, actions },
    });
    return id;
  });
}

export async function setEvaluationActionStatus(
  ctx: Ctx,
  actionId: string,
  status: 'open' | 'in_progress' | 'done',
): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const x = await repo.findEvaluationAction(trx, actionId);
    if (!x) throw notFound('agreements');
    const a = await agreement(tx, x.agreement_id);
    await repo.setActionStatus(
      trx,
      actionId,
      status,
      status === 'done' ? await unitToday(tx, a.unit_id) : null,
    );
    await recordAudit(trx, ctx.who.actor, {
      action: 'agreements.evaluation_action',
      entity: 'evaluation_action',
      entityId: actionId,
      unitId: a.unit_id,
      before: { status: x.status },
      after: { status },
    });
    return a.id;
  });
}
