// Reintegration outcomes (issue 16) per unit and per programme for a period of release months:
// released participants, followed up, in work or own business at six months, re-offended at twelve,
// each rate with its n and none under five people. Read from the monthly aggregates (migration
// 0031, kept by the roll-ups), so a national reader's page never scans the records; counts only,
// never a person, for every reader.
import { compareNames } from '../../app/format.ts';
import type { Ctx } from '../../app/principal.ts';
import type { Conn } from '../../db/database.ts';
import type { Freshness, OutcomeCounts } from '../rollups/rollups.figures.ts';
import { emptyOutcomes, freshness, outcomeTotals, sumOutcomes } from '../rollups/rollups.service.ts';
import { unit as unitOf } from '../units/units.policy.ts';
import { listUnits } from '../units/units.service.ts';
import * as repo from './outcomes.repo.ts';
import { type OutcomeRates, outcomeRates } from './outcomes.rules.ts';

export interface OutcomeGroup {
  counts: OutcomeCounts;
  rates: OutcomeRates;
}

export interface UnitOutcome extends OutcomeGroup {
  unitId: string;
  unitName: string;
  kanwilName: string;
}

export interface ProgrammeOutcome extends OutcomeGroup {
  unitId: string;
  unitName: string;
  programmeId: string;
  name: string;
}

export interface Outcomes {
  /** Release months 'YYYY-MM', both included. */
  from: string;
  to: string;
  /** The one unit asked for, or null: every unit of the reader's scope. */
  unitId: string | null;
  units: UnitOutcome[];
  programmes: ProgrammeOutcome[];
  /** The units' counts added up (a person released from programmes of two units counts in both). */
  total: OutcomeGroup;
  freshness: Freshness;
}

const group = (c: OutcomeCounts): OutcomeGroup => {
  const counts = {
    released: c.released,
    followedUp: c.followedUp,
    m6: c.m6,
    m6Working: c.m6Working,
    m12: c.m12,
    m12Reoffended: c.m12Reoffended,
  };
  return { counts, rates: outcomeRates(counts) };
};

/**
 * The outcomes of the people released from `from` to `to`, within the reader's scope, or of one
 * unit (404 outside the scope: a Kanwil asking for another region's unit).
 */
export async function outcomesOf(
  ctx: Pick<Ctx, 'db' | 'who' | 'replica'>,
  p: { from: string; to: string; unitId?: string | undefined },
): Promise<Outcomes> {
  const only = p.unitId ? [(await unitOf(ctx, p.unitId)).id] : undefined;
  const q = { from: p.from, to: p.to, ...(only ? { unitIds: only } : {}) };
  const [unitRows, progRows, units, fresh] = await Promise.all([
    outcomeTotals(ctx, { ...q, by: 'unit' }),
    outcomeTotals(ctx, { ...q, by: 'programme' }),
    listUnits(ctx),
    freshness(ctx, only ? { unitIds: only } : {}),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const names = new Map(
    (
      await repo.programmeNames(
        ctx.db as Conn,
        ctx.who.scope,
        progRows.map((r) => r.programmeId ?? ''),
      )
    ).map((r) => [r.id, r.name]),
  );
  const unitOutcomes: UnitOutcome[] = unitRows
    .map((r) => ({
      unitId: r.unitId,
      unitName: unitById.get(r.unitId)?.name ?? '—',
      kanwilName: unitById.get(r.unitId)?.kanwil_name ?? '—',
      ...group(r),
    }))
    .sort((a, b) => compareNames(a.kanwilName, b.kanwilName) || compareNames(a.unitName, b.unitName));
  const programmes: ProgrammeOutcome[] = progRows
    .filter((r): r is typeof r & { programmeId: string } => r.programmeId !== null)
    .map((r) => ({
      unitId: r.unitId,
      unitName: unitById.get(r.unitId)?.name ?? '—',
      programmeId: r.programmeId,
      name: names.get(r.programmeId) ?? '—',
      ...group(r),
    }))
    .sort((a, b) => compareNames(a.unitName, b.unitName) || compareNames(a.name, b.name));
  return {
    from: p.from,
    to: p.to,
    unitId: only?.[0] ?? null,
    units: unitOutcomes,
    programmes,
    total: group(unitRows.length ? sumOutcomes(unitRows) : emptyOutcomes()),
    freshness: fresh,
  };
}

/**
 * The roll-up pages' outcome lines (src/modules.ts passes this to them): each group's units summed,
 * then the rates and their suppression under five people, so a Kanwil's line is never the sum of
 * its units' suppressed rates. Groups with nobody released are left out.
 */
export async function outcomeLines(
  ctx: Pick<Ctx, 'db' | 'who' | 'replica'>,
  p: { from: string; to: string; groups: ReadonlyArray<{ id: string; unitIds: readonly string[] }> },
): Promise<Map<string, { released: number } & OutcomeRates>> {
  const unitIds = [...new Set(p.groups.flatMap((g) => g.unitIds))];
  const rows = unitIds.length
    ? await outcomeTotals(ctx, { from: p.from, to: p.to, by: 'unit', unitIds })
    : [];
  const byUnit = new Map(rows.map((r) => [r.unitId, r]));
  const out = new Map<string, { released: number } & OutcomeRates>();
  for (const g of p.groups) {
    const mine = g.unitIds.flatMap((id) => byUnit.get(id) ?? []);
    if (mine.length === 0) continue;
    const c = sumOutcomes(mine);
    out.set(g.id, { released: c.released, ...outcomeRates(c) });
  }
  return out;
}
