// Cooperation agreements (PKS, MoU) and their addenda: recording, the signing lifecycle, terms in
// force on any date, monitoring and evaluation, and reminders before they end.
import { AppError, type FieldError, fieldError, invalid } from '../../app/errors.ts';
import { dayInZone } from '../../app/format.ts';
import type { Actor } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type {
  AgreementParty,
  AgreementStatus,
  MaterialsBy,
  PayModel,
  PieceRate,
  TimeZone,
} from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getPartner } from '../partners/partners.service.ts';
import { existingProgramAksiIds } from '../program-aksi/program-aksi.service.ts';
import * as repo from './agreements.repo.ts';
import {
  type AgreementAction,
  effectiveSplit,
  isEditable,
  termsInForce,
  transition,
} from './agreements.rules.ts';

export type { AgreementRow } from './agreements.repo.ts';
export const listAgreements = repo.listAgreements;

export interface Viewer {
  id: string;
  name: string;
  scope: Scope;
}

export interface TermsInput {
  scope?: string | undefined;
  valid_to?: string | undefined;
  obligations_first?: string[] | undefined;
  obligations_second?: string[] | undefined;
  materials_by?: MaterialsBy | undefined;
  pay_model?: PayModel | undefined;
  piece_rates?: PieceRate[] | undefined;
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
async function unitToday(conn: Db, unitId: string): Promise<string> {
  return dayInZone(new Date(), (await repo.unitSplit(conn, unitId)).timezone as TimeZone);
}

export async function getAgreement(db: Db, scope: Scope, id: string) {
  const a = await repo.findAgreement(db, scope, id);
  if (!a) throw new AppError('agreements.not_found', 404, 'err.notFound');
  return a;
}

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

async function checkProgramAksi(db: Db, ids: readonly string[] | undefined): Promise<string[]> {
  const wanted = [...new Set(ids ?? [])];
  const found = await existingProgramAksiIds(db, wanted);
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

export async function createAgreement(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  input: NewAgreementInput,
): Promise<string> {
  const partner = await getPartner(db, viewer.scope, input.partner_id).catch(() => {
    throw fieldError('partner_id', 'err.enum');
  });
  const errors = checkTerms(input);
  if (errors.length) throw invalid(errors);
  const programAksi = await checkProgramAksi(db, input.program_aksi_ids);
  return db.transaction().execute(async (trx) => {
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
    await recordAudit(trx, actor, {
      action: 'agreements.create',
      entity: 'agreement',
      entityId: id,
      unitId: partner.unit_id,
      after: { ...v, terms, program_aksi_ids: programAksi },
    });
    return id;
  });
}

export async function updateAgreement(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: AgreementInput,
): Promise<void> {
  const errors = checkTerms(input);
  if (errors.length) throw invalid(errors);
  const programAksi = await checkProgramAksi(db, input.program_aksi_ids);
  await db.transaction().execute(async (trx) => {
    await repo.lockAgreement(trx, id);
    const before = await getAgreement(trx, viewer.scope, id);
    if (!isEditable(before.status))
      throw new AppError('agreements.not_editable', 409, 'agreements.not_editable');
    const beforeTerms = await repo.ownTerms(trx, id);
    const baseId = before.parent_id ?? before.id;
    const v = agreementValues(input, defaultParties(input.parties, before.unit_name, before.partner_name));
    await repo.updateAgreement(trx, id, v);
    const terms = termsValues(baseId, id, input.valid_from, input.terms);
    await repo.upsertTerms(trx, terms);
    await repo.setProgramAksi(trx, id, programAksi);
    await recordAudit(trx, actor, {
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
export async function createAddendum(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  parentId: string,
  input: AgreementInput,
): Promise<string> {
  const parent = await getAgreement(db, viewer.scope, parentId);
  const base = parent.parent_id ? await getAgreement(db, viewer.scope, parent.parent_id) : parent;
  if (!['signed', 'active'].includes(base.status))
    throw fieldError('valid_from', 'agreements.parentNotSigned');
  if (input.valid_from < base.valid_from) throw fieldError('valid_from', 'agreements.addendumBeforeParent');
  const errors = checkTerms(input);
  if (errors.length) throw invalid(errors);
  const programAksi = await checkProgramAksi(db, input.program_aksi_ids);
  return db.transaction().execute(async (trx) => {
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
    await recordAudit(trx, actor, {
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
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: { action: AgreementAction; reason?: string | undefined; on?: string | undefined },
): Promise<AgreementStatus> {
  return db.transaction().execute(async (trx) => {
    await repo.lockAgreement(trx, id);
    const a = await getAgreement(trx, viewer.scope, id);
    const today = await unitToday(trx, a.unit_id);
    const validTo =
      termsInForce(await repo.termsVersions(trx, a.parent_id ?? a.id), today)?.valid_to ?? a.valid_to;
    const r = transition({
      status: a.status,
      action: input.action,
      today,
      validFrom: a.valid_from,
      validTo,
      signedOn: a.signed_on,
      reason: input.reason,
    });
    if (!r.ok)
      throw invalid(
        [{ field: input.action === 'terminate' ? 'reason' : 'action', key: r.violation }],
        r.violation,
      );
    const change =
      input.action === 'sign'
        ? { status: r.status, signed_by: viewer.id, signed_at: new Date() }
        : input.action === 'terminate'
          ? {
              status: r.status,
              terminated_on: input.on ?? today,
              terminated_reason: input.reason?.trim() ?? '',
            }
          : { status: r.status };
    await repo.setStatus(trx, id, change);
    await recordAudit(trx, actor, {
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

/** Everything the agreement page and its PDF show, with the terms in force on `day`. */
export async function agreementDetail(db: Db, scope: Scope, id: string, day?: string) {
  const agreement = await getAgreement(db, scope, id);
  const unit = await repo.unitSplit(db, agreement.unit_id);
  const on = day ?? dayInZone(new Date(), unit.timezone as TimeZone);
  const baseId = agreement.parent_id ?? agreement.id;
  const [versions, addenda, programAksi, evaluations, parent] = await Promise.all([
    repo.termsVersions(db, baseId),
    repo.addendaOf(db, baseId),
    repo.programAksiOf(db, agreement.id),
    repo.evaluationsOf(db, agreement.id),
    agreement.parent_id ? repo.findAgreement(db, scope, agreement.parent_id) : Promise.resolve(undefined),
  ]);
  const inForce = agreement.parent_id
    ? versions.find((v) => v.source_id === agreement.id)
    : termsInForce(versions, on);
  return {
    agreement,
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

export async function recordEvaluation(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  agreementId: string,
  input: {
    evaluated_on: string;
    evaluator: string;
    findings: string;
    score: number;
    actions?: string[] | string | undefined;
  },
): Promise<string> {
  const a = await getAgreement(db, viewer.scope, agreementId);
  const actions = (Array.isArray(input.actions) ? input.actions : (input.actions ?? '').split(/\r?\n/))
    .map((s) => s.trim())
    .filter(Boolean);
  return db.transaction().execute(async (trx) => {
    const v = {
      agreement_id: a.id,
      evaluated_on: input.evaluated_on,
      evaluator: input.evaluator,
      findings: input.findings,
      score: input.score,
      created_by: viewer.id,
    };
    const id = await repo.insertEvaluation(trx, v, actions);
    await recordAudit(trx, actor, {
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
  db: Db,
  actor: Actor,
  viewer: Viewer,
  actionId: string,
  status: 'open' | 'in_progress' | 'done',
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const x = await repo.findEvaluationAction(trx, actionId);
    if (!x) throw new AppError('agreements.not_found', 404, 'err.notFound');
    const a = await getAgreement(trx, viewer.scope, x.agreement_id);
    await repo.setActionStatus(
      trx,
      actionId,
      status,
      status === 'done' ? await unitToday(trx, a.unit_id) : null,
    );
    await recordAudit(trx, actor, {
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
