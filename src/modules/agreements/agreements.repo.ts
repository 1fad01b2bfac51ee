// SQL for agreements, their versioned terms, Program Aksi links, evaluations and reminders.
// Reads take the viewer's scope (units, and a partner instructor's own partner).
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type {
  AgreementKind,
  AgreementParty,
  AgreementStatus,
  MaterialsBy,
  PayModel,
  PieceRate,
} from '../../db/schema.ts';
import type { TermsVersion } from './agreements.rules.ts';

const PAGE = 25;

function scoped(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('agreements as a')
    .innerJoin('partners as p', 'p.id', 'a.partner_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.unit_id',
      'u.name as unit_name',
      'a.partner_id',
      'p.legal_name as partner_name',
      'a.kind',
      'a.parent_id',
      'a.title',
      'a.number_first',
      'a.number_second',
      'a.signed_on',
      'a.signed_place',
      'a.valid_from',
      'a.valid_to',
      'a.status',
      'a.terminated_on',
      'a.terminated_reason',
      'a.signed_by',
      'a.signed_at',
      'a.parties',
      'a.created_at',
    ])
    .where(scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' }));
}

export type AgreementRow = Awaited<ReturnType<typeof findAgreement>> & {};

export async function findAgreement(conn: Conn, scope: Scope, id: string) {
  return scoped(conn, scope).where('a.id', '=', id).executeTakeFirst();
}

export async function lockAgreement(conn: Conn, id: string) {
  await conn.selectFrom('agreements').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listAgreements(
  conn: Conn,
  scope: Scope,
  f: {
    q?: string | undefined;
    status?: AgreementStatus | undefined;
    partnerId?: string | undefined;
    page: number;
    includeAddenda?: boolean;
  },
) {
  let q = scoped(conn, scope);
  if (!f.includeAddenda) q = q.where('a.parent_id', 'is', null);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('a.title', 'ilike', like),
        eb('a.number_first', 'ilike', like),
        eb('a.number_second', 'ilike', like),
        eb('p.legal_name', 'ilike', like),
      ]),
    );
  }
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.partnerId) q = q.where('a.partner_id', '=', f.partnerId);
  const [rows, count] = await Promise.all([
    q
      .orderBy('a.valid_from', 'desc')
      .orderBy('a.title')
      .limit(PAGE)
      .offset((f.page - 1) * PAGE)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: toNumber(count?.n), pageSize: PAGE };
}

export async function addendaOf(conn: Conn, baseId: string) {
  return conn
    .selectFrom('agreements')
    .select(['id', 'title', 'status', 'valid_from', 'number_first'])
    .where('parent_id', '=', baseId)
    .orderBy('valid_from')
    .execute();
}

/** Unscoped: only for callers already allowed a record that names the agreement. */
export async function agreementHead(conn: Conn, id: string) {
  return conn
    .selectFrom('agreements')
    .select(['id', 'parent_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function termsVersions(conn: Conn, baseId: string): Promise<TermsVersion[]> {
  const rows = await conn
    .selectFrom('agreement_terms as t')
    .innerJoin('agreements as s', 's.id', 't.source_id')
    .select([
      't.source_id',
      's.kind as source_kind',
      's.status as source_status',
      't.effective_from',
      't.scope',
      't.valid_to',
      't.obligations_first',
      't.obligations_second',
      't.materials_by',
      't.pay_model',
      't.piece_rates',
      't.rejects_saleable',
      't.premi_pct',
      't.pnbp_pct',
      't.capital_pct',
      't.notes',
    ])
    .where('t.agreement_id', '=', baseId)
    .orderBy('t.effective_from')
    .execute();
  return rows;
}

export async function ownTerms(conn: Conn, sourceId: string) {
  return conn.selectFrom('agreement_terms').selectAll().where('source_id', '=', sourceId).executeTakeFirst();
}

export interface AgreementValues {
  unit_id: string;
  partner_id: string;
  kind: AgreementKind;
  parent_id: string | null;
  title: string;
  number_first: string | null;
  number_second: string | null;
  signed_on: string | null;
  signed_place: string | null;
  valid_from: string;
  valid_to: string | null;
  parties: AgreementParty[];
}

export async function insertAgreement(conn: Conn, v: AgreementValues): Promise<string> {
  const r = await conn
    .insertInto('agreements')
    .values({ ...v, parties: JSON.stringify(v.parties) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAgreement(
  conn: Conn,
  id: string,
  v: Omit<AgreementValues, 'unit_id' | 'partner_id' | 'kind' | 'parent_id'>,
) {
  await conn
    .updateTable('agreements')
    .set({ ...v, parties: JSON.stringify(v.parties), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export interface TermsValues {
  agreement_id: string;
  source_id: string;
  effective_from: string;
  scope: string | null;
  valid_to: string | null;
  obligations_first: string[];
  obligations_second: string[];
  materials_by: MaterialsBy | null;
  pay_model: PayModel;
  piece_rates: PieceRate[];
  rejects_saleable: boolean;
  premi_pct: number | null;
  pnbp_pct: number | null;
  capital_pct: number | null;
  notes: string | null;
}

/** Writes the terms an agreement (or addendum) sets: one row per source, replaced while a draft. */
export async function upsertTerms(conn: Conn, v: TermsValues) {
  const row = { ...v, piece_rates: JSON.stringify(v.piece_rates) };
  await conn
    .insertInto('agreement_terms')
    .values(row)
    .onConflict((oc) => oc.constraint('agreement_terms_source_key').doUpdateSet(row))
    .execute();
}

export async function setStatus(
  conn: Conn,
  id: string,
  v: {
    status: AgreementStatus;
    signed_by?: string;
    signed_at?: Date;
    signed_on?: string;
    terminated_on?: string;
    terminated_reason?: string;
  },
) {
  await conn
    .updateTable('agreements')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setProgramAksi(conn: Conn, agreementId: string, ids: readonly string[]) {
  await conn.deleteFrom('agreement_program_aksi').where('agreement_id', '=', agreementId).execute();
  if (ids.length) {
    await conn
      .insertInto('agreement_program_aksi')
      .values(ids.map((program_aksi_id) => ({ agreement_id: agreementId, program_aksi_id })))
      .execute();
  }
}

export async function programAksiOf(conn: Conn, agreementId: string) {
  return conn
    .selectFrom('agreement_program_aksi as l')
    .innerJoin('program_aksi as pa', 'pa.id', 'l.program_aksi_id')
    .select(['pa.id', 'pa.title', 'pa.number'])
    .where('l.agreement_id', '=', agreementId)
    .orderBy(sql`pa.number nulls last`)
    .orderBy('pa.title')
    .execute();
}

export async function unitSplit(conn: Conn, unitId: string) {
  return conn
    .selectFrom('units as u')
    .innerJoin('kanwil as k', 'k.id', 'u.kanwil_id')
    .select([
      'u.premi_pct',
      'u.pnbp_pct',
      'u.capital_pct',
      'u.name',
      'u.type',
      'u.address',
      'u.city',
      'u.phone',
      'u.email',
      'u.timezone',
      'k.name as kanwil_name',
    ])
    .where('u.id', '=', unitId)
    .executeTakeFirstOrThrow();
}

export async function evaluationsOf(conn: Conn, agreementId: string) {
  const evals = await conn
    .selectFrom('agreement_evaluations')
    .select(['id', 'evaluated_on', 'evaluator', 'findings', 'score'])
    .where('agreement_id', '=', agreementId)
    .orderBy('evaluated_on', 'desc')
    .execute();
  if (evals.length === 0) return [];
  const actions = await conn
    .selectFrom('evaluation_actions')
    .select(['id', 'evaluation_id', 'action', 'status', 'due_on'])
    .where(
      'evaluation_id',
      'in',
      evals.map((e) => e.id),
    )
    .orderBy('action')
    .execute();
  return evals.map((e) => ({ ...e, actions: actions.filter((a) => a.evaluation_id === e.id) }));
}

export async function insertEvaluation(
  conn: Conn,
  v: {
    agreement_id: string;
    evaluated_on: string;
    evaluator: string;
    findings: string;
    score: number;
    created_by: string | null;
  },
  actions: readonly string[],
) {
  const { id } = await conn
    .insertInto('agreement_evaluations')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (actions.length) {
    await conn
      .insertInto('evaluation_actions')
      .values(actions.map((action) => ({ evaluation_id: id, action })))
      .execute();
  }
  return id;
}

export async function findEvaluationAction(conn: Conn, id: string) {
  return conn
    .selectFrom('evaluation_actions as x')
    .innerJoin('agreement_evaluations as e', 'e.id', 'x.evaluation_id')
    .select(['x.id', 'x.status', 'x.action', 'e.agreement_id'])
    .where('x.id', '=', id)
    .executeTakeFirst();
}

export async function setActionStatus(
  conn: Conn,
  id: string,
  status: 'open' | 'in_progress' | 'done',
  doneOn: string | null,
) {
  await conn
    .updateTable('evaluation_actions')
    .set({ status, done_on: doneOn, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Agreements that can raise reminders: signed or active, with an end date in force. */
export async function reminderCandidates(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('agreements as a')
    .innerJoin('partners as p', 'p.id', 'a.partner_id')
    .select([
      'a.id',
      'a.unit_id',
      'a.title',
      'a.status',
      'a.valid_from',
      'a.valid_to',
      'p.legal_name as partner_name',
    ])
    .where('a.parent_id', 'is', null)
    .where('a.status', 'in', ['signed', 'active'])
    .where(scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' }))
    .execute();
}

/** Latest end date set by signed addenda, per base agreement: an addendum may extend or shorten it. */
export async function addendumEndDates(conn: Conn, baseIds: readonly string[], day: string) {
  if (baseIds.length === 0) return new Map<string, string | null>();
  const rows = await conn
    .selectFrom('agreement_terms as t')
    .innerJoin('agreements as s', 's.id', 't.source_id')
    .select(['t.agreement_id', 't.valid_to', 't.effective_from'])
    .where('t.agreement_id', 'in', baseIds)
    .where('s.kind', '=', 'addendum')
    .where('s.status', 'in', ['signed', 'active', 'expired'])
    .where('t.effective_from', '<=', day)
    .orderBy('t.effective_from')
    .execute();
  const map = new Map<string, string | null>();
  for (const r of rows) map.set(r.agreement_id, r.valid_to);
  return map;
}

export async function insertNotification(
  conn: Conn,
  v: { unit_id: string; kind: string; entity: string; entity_id: string; due_on: string },
) {
  const r = await conn
    .insertInto('notifications')
    .values(v)
    .onConflict((oc) => oc.constraint('notifications_once').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function notificationsFor(conn: Conn, entityIds: readonly string[]) {
  if (entityIds.length === 0) return [];
  return conn
    .selectFrom('notifications')
    .select(['entity_id', 'kind', 'created_at'])
    .where('entity', '=', 'agreement')
    .where('entity_id', 'in', entityIds)
    .execute();
}

/** Drafts (agreements and addenda) waiting for the Kepala UPT's signature, oldest first (the approvals inbox). */
export async function awaitingSignature(conn: Conn, scope: Scope) {
  return scoped(conn, scope)
    .select('a.created_at')
    .where('a.status', '=', 'draft')
    .orderBy('a.created_at')
    .execute();
}
