// Production reports (issue #11, item 7): a month's production per participant (what premi and the
// SPPN kemandirian evidence build on) and per programme with twelve months of history, the stock
// report, the sales book, the partners' receivables, and the dashboard's tiles. Read-only.

import { daysBetween } from '../../app/days.ts';
import { fieldError } from '../../app/errors.ts';
import { type Ctx, today } from '../../app/principal.ts';
import type { PaymentMethod, SaleChannel, TimeZone } from '../../db/schema.ts';
import { programme as programmePolicy } from '../programmes/programmes.policy.ts';
import { unit as unitPolicy } from '../units/units.policy.ts';
import * as repo from './production-reports.repo.ts';
import {
  addFigures,
  MONTH_PATTERN,
  monthBounds,
  monthsEnding,
  NO_PRODUCTION,
  type ProductionFigures,
  passRate,
} from './production-reports.rules.ts';

type ReadCtx = Pick<Ctx, 'db' | 'who' | 'now'>;

const MONTH = new RegExp(MONTH_PATTERN);

function checkMonth(month: string): string {
  if (!MONTH.test(month)) throw fieldError('month', 'prodReports.badMonth');
  return month;
}

/**
 * Where a report is about: one unit (looked up through its policy, so another unit's is a 404) or
 * every unit in the viewer's scope. The unit's zone decides "this month" and "today".
 */
async function placeOf(ctx: ReadCtx, unitId: string | undefined) {
  if (!unitId) return { unit: null, zone: ctx.who.zone, name: ctx.who.homeName };
  const u = await unitPolicy(ctx, unitId);
  return { unit: { id: u.id, name: u.name }, zone: u.timezone as TimeZone, name: u.name };
}

export type ParticipantProduction = repo.ParticipantRow;

/**
 * Per participant (enrolment) with a record in the month, within the viewer's scope: items
 * finished (by the production log's day), items passed and rejected at the partner's check (by
 * the check's day), and their value at piece rate: each line's passed items times that line's own
 * rate, so a rate changed mid-month by an addendum counts at the rate of each check.
 * The service premi and the SPPN evidence call; `inmateId` narrows to one person's places.
 */
export async function productionOfParticipants(
  ctx: Pick<Ctx, 'db' | 'who'>,
  input: { unitId?: string; month: string; programmeId?: string; inmateId?: string },
): Promise<ParticipantProduction[]> {
  const { from, to } = monthBounds(checkMonth(input.month));
  if (input.programmeId) await programmePolicy(ctx, input.programmeId);
  return repo.participantProduction(ctx.db, ctx.who.scope, {
    from,
    to,
    unitId: input.unitId,
    programmeId: input.programmeId,
    inmateId: input.inmateId,
  });
}

/** The participants report: the rows, their totals, and the programmes to filter by. */
export async function participantsReport(
  ctx: ReadCtx,
  input: { unitId?: string; month?: string; programmeId?: string },
) {
  const place = await placeOf(ctx, input.unitId);
  const month = checkMonth(input.month ?? today(ctx, place.zone).slice(0, 7));
  const [rows, programmes] = await Promise.all([
    productionOfParticipants(ctx, { ...input, month }),
    repo.programmeOptions(ctx.db, ctx.who.scope, input.unitId),
  ]);
  const totals = {
    finished: rows.reduce((s, r) => s + r.finished, 0),
    passed: rows.reduce((s, r) => s + r.passed, 0),
    rejected: rows.reduce((s, r) => s + r.rejected, 0),
    value: rows.reduce((s, r) => s + r.value, 0),
  };
  return { month, place, rows, totals, programmes, programmeId: input.programmeId ?? null };
}

export interface Figures extends ProductionFigures {
  pass_rate: number | null;
}

const withRate = (f: ProductionFigures): Figures => ({ ...f, pass_rate: passRate(f.passed, f.rejected) });

export interface ProgrammeReport {
  programme_id: string;
  programme_name: string;
  unit_id: string;
  unit_name: string;
  /** The asked month's figures. */
  month: Figures;
  /** The twelve months ending with it, oldest first (zeros where nothing happened). */
  history: Array<{ month: string } & Figures>;
}

/**
 * Per programme: the month's figures (finished, sent to check, passed, rejected, pass rate, value
 * at piece rate, items into own stock) and the twelve months ending with it. Counts and sums only:
 * no person is named, so regional and national offices read it too.
 */
export async function programmesReport(ctx: ReadCtx, input: { month?: string; unitId?: string }) {
  const place = await placeOf(ctx, input.unitId);
  const month = checkMonth(input.month ?? today(ctx, place.zone).slice(0, 7));
  const months = monthsEnding(month, 12);
  const rows = await repo.programmeMonths(ctx.db, ctx.who.scope, {
    from: monthBounds(months[0] ?? month).from,
    to: monthBounds(month).to,
    unitId: input.unitId,
  });
  const by = new Map<string, { head: repo.ProgrammeMonthRow; months: Map<string, ProductionFigures> }>();
  for (const r of rows) {
    const p = by.get(r.programme_id) ?? { head: r, months: new Map() };
    p.months.set(r.month, r);
    by.set(r.programme_id, p);
  }
  const programmes: ProgrammeReport[] = [...by.values()].map(({ head, months: m }) => ({
    programme_id: head.programme_id,
    programme_name: head.programme_name,
    unit_id: head.unit_id,
    unit_name: head.unit_name,
    month: withRate(pick(m.get(month))),
    history: months.map((mo) => ({ month: mo, ...withRate(pick(m.get(mo))) })),
  }));
  const totals = withRate(addFigures(programmes.map((p) => p.month)));
  return { month, months, place, programmes, totals };
}

/** Only the figures of a row (a repo row carries its programme too). */
function pick(r: ProductionFigures | undefined): ProductionFigures {
  if (!r) return { ...NO_PRODUCTION };
  return {
    finished: r.finished,
    sent: r.sent,
    passed: r.passed,
    rejected: r.rejected,
    value: r.value,
    own_stock: r.own_stock,
  };
}

/** Products (awaiting check, at check, on hand, reserved, sold) and materials (on hand, value, low). */
export async function stockReport(ctx: ReadCtx, input: { unitId?: string } = {}) {
  const place = await placeOf(ctx, input.unitId);
  const [products, materials] = await Promise.all([
    repo.productStock(ctx.db, ctx.who.scope, input.unitId),
    repo.materialStock(ctx.db, ctx.who.scope, input.unitId),
  ]);
  return {
    place,
    day: today(ctx, place.zone),
    products,
    materials,
    materialsValue: materials.reduce((s, m) => s + m.value, 0),
    lowCount: materials.filter((m) => m.low).length,
  };
}

export interface BookTotal<K extends string> {
  key: K;
  count: number;
  total: number;
}

function totalsBy<K extends string>(rows: repo.SaleRow[], key: (r: repo.SaleRow) => K): BookTotal<K>[] {
  const m = new Map<K, BookTotal<K>>();
  for (const r of rows) {
    const k = key(r);
    const t = m.get(k) ?? { key: k, count: 0, total: 0 };
    t.count++;
    t.total += r.total;
    m.set(k, t);
  }
  return [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The sales book (buku penjualan) of a month: every sale and every reversal on its own day (a
 * cancelled sale stays in the book, its reversal takes it back), with totals by channel and method.
 */
export async function salesBook(ctx: ReadCtx, input: { month?: string; unitId?: string }) {
  const place = await placeOf(ctx, input.unitId);
  const month = checkMonth(input.month ?? today(ctx, place.zone).slice(0, 7));
  const sales = await repo.salesBetween(ctx.db, ctx.who.scope, {
    ...monthBounds(month),
    unitId: input.unitId,
  });
  return {
    month,
    place,
    sales,
    byChannel: totalsBy<SaleChannel>(sales, (r) => r.channel),
    byMethod: totalsBy<PaymentMethod>(sales, (r) => r.payment_method),
    total: sales.reduce((s, r) => s + r.total, 0),
  };
}

export interface ReceivableInvoice extends repo.OpenInvoiceRow {
  owed: number;
  /** Days since it was issued, on the issuing unit's calendar. */
  age_days: number;
}

/** Open offtake invoices by partner: each with what is owed and its age, and the partner's sums. */
export async function receivables(ctx: ReadCtx, input: { unitId?: string } = {}) {
  const place = await placeOf(ctx, input.unitId);
  const rows = await repo.openInvoices(ctx.db, ctx.who.scope, input.unitId);
  const partners = new Map<
    string,
    {
      partner_id: string;
      partner_name: string;
      invoices: ReceivableInvoice[];
      total: number;
      paid: number;
      owed: number;
    }
  >();
  for (const r of rows) {
    const p = partners.get(r.partner_id) ?? {
      partner_id: r.partner_id,
      partner_name: r.partner_name,
      invoices: [],
      total: 0,
      paid: 0,
      owed: 0,
    };
    const owed = r.total - r.paid;
    p.invoices.push({ ...r, owed, age_days: Math.max(0, daysBetween(r.issued_on, today(ctx, r.timezone))) });
    p.total += r.total;
    p.paid += r.paid;
    p.owed += owed;
    partners.set(r.partner_id, p);
  }
  const list = [...partners.values()];
  return {
    place,
    day: today(ctx, place.zone),
    partners: list,
    total: list.reduce((s, p) => s + p.total, 0),
    paid: list.reduce((s, p) => s + p.paid, 0),
    owed: list.reduce((s, p) => s + p.owed, 0),
  };
}

/**
 * The unit dashboard's production tiles: this month's value at piece rate and pass rate (the
 * unit's month), the partner invoices still unpaid, and the materials down to their low-stock level.
 */
export async function productionTiles(ctx: ReadCtx, input: { unitId: string }) {
  const place = await placeOf(ctx, input.unitId);
  const month = today(ctx, place.zone).slice(0, 7);
  const [checked, open, low] = await Promise.all([
    repo.checkedTotals(ctx.db, ctx.who.scope, { ...monthBounds(month), unitId: input.unitId }),
    repo.openInvoices(ctx.db, ctx.who.scope, input.unitId),
    repo.lowStockCount(ctx.db, ctx.who.scope, input.unitId),
  ]);
  return {
    month,
    value: checked.value,
    passed: checked.passed,
    checked: checked.passed + checked.rejected,
    passRate: passRate(checked.passed, checked.rejected),
    unpaid: { count: open.length, owed: open.reduce((s, r) => s + r.total - r.paid, 0) },
    lowStock: low,
  };
}

export type ProductionTiles = Awaited<ReturnType<typeof productionTiles>>;
