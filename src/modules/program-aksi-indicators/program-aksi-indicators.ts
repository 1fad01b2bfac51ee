// Program Aksi indicators (issue 14, item 4): for each item of the ministry's list, the programmes
// tagged with it, their participants, certificates, production value and PNBP, per unit, per
// Kanwil or for the nation, for a month or a year. Programme figures come from the monthly
// aggregates; participants are distinct people over the whole period; PNBP, which is recorded per
// unit and premi run group rather than per programme, is shared by the value of each group's products.
import { fieldError, forbidden } from '../../app/errors.ts';
import { type Ctx, reportDb, today } from '../../app/principal.ts';
import { isNational } from '../../app/scope.ts';
import { listProgramAksi } from '../program-aksi/program-aksi.service.ts';
import type { Freshness } from '../rollups/rollups.figures.ts';
import { freshness } from '../rollups/rollups.service.ts';
import { listUnits } from '../units/units.service.ts';
import * as repo from './program-aksi-indicators.repo.ts';

export const LEVELS = ['unit', 'kanwil', 'nation'] as const;
export type Level = (typeof LEVELS)[number];

/** The figures are read from the read replica when there is one (reportDb). */
type Reader = Pick<Ctx, 'db' | 'who' | 'now' | 'replica'>;

/**
 * The levels a viewer may ask for, widest first: a unit's staff their unit; a Kanwil its region by
 * unit or as one total; the directorate (and a national administrator) also by Kanwil and the nation.
 */
export function levelsFor(who: Reader['who']): Level[] {
  if (isNational(who.scope)) return ['nation', 'kanwil', 'unit'];
  if (!who.unitId && who.kanwilId) return ['kanwil', 'unit'];
  return ['unit'];
}

export interface ParsedPeriod extends repo.Period {
  period: string;
  kind: 'month' | 'year';
  /** 'YYYY-MM' of the first and last month counted. */
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR = /^(\d{4})$/;

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * 'YYYY-MM' or 'YYYY' into the months it counts. A year runs to its last month, or to this month
 * while it is under way; a period that has not begun is refused (400 on the field `period`).
 */
export function parsePeriod(period: string, thisMonth: string): ParsedPeriod {
  const m = MONTH.exec(period);
  const y = YEAR.exec(period);
  if (!m && !y) throw fieldError('period', 'programAksi.ind.periodFormat');
  const from = m ? period : `${period}-01`;
  if (from > thisMonth) throw fieldError('period', 'programAksi.ind.periodFuture', { period });
  const yearEnd = `${period}-12`;
  const to = m ? period : yearEnd < thisMonth ? yearEnd : thisMonth;
  return {
    period,
    kind: m ? 'month' : 'year',
    from,
    to,
    fromMonth: `${from}-01`,
    toMonth: `${to}-01`,
    lastDay: lastDayOf(to),
  };
}

/** The month offered first: the last full month. */
export function defaultPeriod(thisMonth: string): string {
  const [y, m] = thisMonth.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface Figures {
  programmes: number;
  /** Distinct people over the whole period (not the sum of months, nor of programmes). */
  participants: number;
  certificates: number;
  /** Passed items at the partner's piece rate plus the own sales of the programmes' products (Rp). */
  productionValue: number;
  /** The item's share of posted premi runs' PNBP, by the value of its programmes' products (Rp). */
  pnbp: number;
}

export interface Place {
  /** A unit's or a Kanwil's id, or 'nation'. */
  key: string;
  name: string;
  /** The Kanwil a unit belongs to (level unit only). */
  kanwilName: string | null;
}

export interface ItemIndicators {
  id: string;
  number: number | null;
  title: string;
  active: boolean;
  /** Places with something to show, in the order of `places`. */
  rows: Array<Place & Figures>;
}

export interface PnbpSplit extends Place {
  total: number;
  attributed: number;
  notAttributed: number;
}

export interface Indicators extends ParsedPeriod {
  level: Level;
  levels: Level[];
  items: ItemIndicators[];
  /** Per place: the whole PNBP of the period and how much of it no item could be given. */
  pnbp: PnbpSplit[];
  freshness: Freshness;
}

const zero = (): Figures => ({
  programmes: 0,
  participants: 0,
  certificates: 0,
  productionValue: 0,
  pnbp: 0,
});
const isEmpty = (f: Figures) =>
  f.programmes === 0 &&
  f.participants === 0 &&
  f.certificates === 0 &&
  f.productionValue === 0 &&
  f.pnbp === 0;

export async function indicators(
  ctx: Reader,
  input: { period?: string | undefined; level?: Level | undefined },
): Promise<Indicators> {
  const thisMonth = today(ctx).slice(0, 7);
  const p = parsePeriod(input.period ?? defaultPeriod(thisMonth), thisMonth);
  const levels = levelsFor(ctx.who);
  const level = input.level ?? (levels[0] as Level);
  if (!levels.includes(level)) throw forbidden();

  const [items, units, programmes, people, money, fresh] = await Promise.all([
    listProgramAksi(ctx),
    listUnits(ctx),
    repo.programmeFigures(reportDb(ctx), ctx.who.scope, p),
    repo.participants(reportDb(ctx), ctx.who.scope, p, level),
    repo.pnbp(reportDb(ctx), ctx.who.scope, p),
    freshness(ctx),
  ]);

  // Where each unit's figures go at this level, and the places in their order (Kanwil, then unit).
  const unitPlace = new Map<string, string>();
  const places = new Map<string, Place>();
  for (const u of units) {
    const key = level === 'unit' ? u.id : level === 'kanwil' ? u.kanwil_id : 'nation';
    unitPlace.set(u.id, key);
    if (places.has(key)) continue;
    places.set(key, {
      key,
      name: level === 'unit' ? u.name : level === 'kanwil' ? u.kanwil_name : '',
      kanwilName: level === 'unit' ? u.kanwil_name : null,
    });
  }

  const cells = new Map<string, Figures>();
  const cell = (itemId: string, key: string) => {
    const k = `${itemId}|${key}`;
    const f = cells.get(k) ?? zero();
    cells.set(k, f);
    return f;
  };
  for (const r of programmes) {
    const key = unitPlace.get(r.unit_id);
    if (!key) continue;
    const f = cell(r.item_id, key);
    f.programmes += r.programmes;
    f.certificates += r.certificates;
    f.productionValue += r.offtake_value + r.sales_value;
  }
  for (const r of people) cell(r.item_id, r.key).participants += r.n;
  for (const r of money.byItem) {
    const key = unitPlace.get(r.unit_id);
    if (key) cell(r.item_id, key).pnbp += r.pnbp;
  }

  const split = new Map<string, PnbpSplit>();
  for (const r of money.byUnit) {
    const key = unitPlace.get(r.unit_id);
    const place = key ? places.get(key) : undefined;
    if (!key || !place) continue;
    const s = split.get(key) ?? { ...place, total: 0, attributed: 0, notAttributed: 0 };
    s.total += r.total;
    s.attributed += r.attributed;
    s.notAttributed = s.total - s.attributed;
    split.set(key, s);
  }

  const order = [...places.values()];
  const out: ItemIndicators[] = [];
  for (const it of items) {
    const rows = order.flatMap((pl) => {
      const f = cells.get(`${it.id}|${pl.key}`);
      return f && !isEmpty(f) ? [{ ...pl, ...f }] : [];
    });
    // A retired item stays on the page while it still has figures in the period asked for.
    if (!it.active && rows.length === 0) continue;
    out.push({ id: it.id, number: it.number, title: it.title, active: it.active, rows });
  }
  return {
    ...p,
    level,
    levels,
    items: out,
    pnbp: order.flatMap((pl) => split.get(pl.key) ?? []),
    freshness: fresh,
  };
}
