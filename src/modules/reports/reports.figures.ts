// The figures of a unit's month as the report shows them: the unit's aggregate row, its programme
// rows with their names, and the Program Aksi items its running programmes serve. A draft reads
// them live from the maintained aggregates; submitting freezes the same shape into the report row
// (JSON), so later corrections to the records never change a submitted report.

import { compareNames } from '../../app/format.ts';
import type { Ctx } from '../../app/principal.ts';
import type { Conn } from '../../db/database.ts';
import type { ProgrammeKind } from '../../db/schema.ts';
import type { MonthFigures, OutcomeCounts, ProgrammeMonth, UnitMonth } from '../rollups/rollups.figures.ts';
import {
  emptyFigures,
  emptyOutcomes,
  outcomeTotals,
  programmeMonths,
  sumOutcomes,
  unitMonths,
} from '../rollups/rollups.service.ts';
import * as repo from './reports.repo.ts';
import { monthsBefore } from './reports.rules.ts';

/** The unit's month without its recompute stamp (kept once, at the top). */
export type ReportUnitFigures = Omit<UnitMonth, 'computedAt'>;

export interface ReportProgramme extends Omit<ProgrammeMonth, 'computedAt'> {
  name: string;
  kind: ProgrammeKind | null;
  partnerName: string | null;
}

export interface ReportProgramAksi {
  id: string;
  number: number | null;
  title: string;
  /** How many of the unit's running programmes are tagged with it. */
  programmes: number;
}

/**
 * Reintegration outcomes of the participants released in the twelve months ending with the
 * report's month (the rates, and their suppression under five people, are computed when shown).
 */
export interface ReportOutcomes {
  /** Release months 'YYYY-MM', both included. */
  from: string;
  to: string;
  counts: OutcomeCounts;
}

/** The release months a report's outcomes cover: the twelve ending with its month. */
export const outcomeWindow = (month: string) => ({ from: monthsBefore(month, 11)[10] ?? month, to: month });

export interface ReportFigures {
  /** 'YYYY-MM'. */
  month: string;
  unit: ReportUnitFigures;
  programmes: ReportProgramme[];
  programAksi: ReportProgramAksi[];
  /** When the aggregates read were last recomputed (ISO), or null when the month had no activity. */
  computedAt: string | null;
  /** Absent from reports submitted before issue 16. */
  outcomes?: ReportOutcomes;
}

/** A unit's month with nothing in it (no aggregate row: nothing happened). */
export function emptyUnitFigures(unitId: string, month: string): ReportUnitFigures {
  return {
    ...emptyFigures(month),
    unitId,
    programmesRunning: 0,
    programAksiServed: 0,
    premi: 0,
    pnbp: 0,
    capital: 0,
    pnbpDeposited: 0,
    agreementsNew: 0,
    agreementsEnding: 0,
    agreementsActive: 0,
    partnersActive: 0,
  };
}

function strip<T extends { computedAt: Date }>(row: T): Omit<T, 'computedAt'> {
  const { computedAt: _, ...rest } = row;
  return rest;
}

/** A programme "runs" in a month when it held at least one session (as the aggregates count it). */
export const runs = (f: MonthFigures) => f.sessionsHeld > 0;

/**
 * The unit's month read from the aggregates through `ctx` (its scope and connection: inside the
 * submitting transaction, after the unit-month was recomputed, this is the snapshot).
 */
export async function readFigures(ctx: Ctx, unitId: string, month: string): Promise<ReportFigures> {
  const [unitRow] = await unitMonths(ctx, { from: month, to: month, unitIds: [unitId] });
  const progs = await programmeMonths(ctx, { from: month, to: month, unitId });
  const names = new Map(
    (
      await repo.programmeNames(
        ctx.db as Conn,
        unitId,
        progs.map((p) => p.programmeId),
      )
    ).map((p) => [p.id, p]),
  );
  const programmes: ReportProgramme[] = progs
    .map((p) => {
      const n = names.get(p.programmeId);
      return {
        ...strip(p),
        name: n?.name ?? '—',
        kind: n?.kind ?? null,
        partnerName: n?.partner_name ?? null,
      };
    })
    .sort((a, b) => compareNames(a.name, b.name));
  const aksi = await repo.programAksiOf(
    ctx.db as Conn,
    programmes.filter(runs).map((p) => p.programmeId),
  );
  const stamps = [unitRow?.computedAt, ...progs.map((p) => p.computedAt)].filter(
    (d): d is Date => d instanceof Date,
  );
  const oldest = stamps.sort((a, b) => a.getTime() - b.getTime())[0];
  const window = outcomeWindow(month);
  const released = await outcomeTotals(ctx, { ...window, by: 'unit', unitIds: [unitId] });
  return {
    month,
    unit: unitRow ? strip(unitRow) : emptyUnitFigures(unitId, month),
    programmes,
    programAksi: aksi.map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      programmes: Number(a.programmes),
    })),
    computedAt: oldest ? oldest.toISOString() : null,
    outcomes: { ...window, counts: released.length ? sumOutcomes(released) : emptyOutcomes() },
  };
}

/** The frozen snapshot as stored (jsonb comes back parsed). */
export function frozenFigures(stored: unknown): ReportFigures | null {
  if (stored === null || stored === undefined) return null;
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as ReportFigures;
}
