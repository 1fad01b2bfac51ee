// The unit's premi settings: its default split (used when an agreement sets none), the trainee
// minimum per session and the spendable share. Changed by the Kepala UPT only, audited.
import { type FieldError, forbidden, invalid, notFound } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { MAX_SPENDABLE_PCT, splitTotals100 } from '../ledger/ledger.rules.ts';
import { mayRun } from './premi.policy.ts';
import * as repo from './premi.repo.ts';

export interface PremiSettings {
  premi_pct: number;
  pnbp_pct: number;
  capital_pct: number;
  premi_min_session: number;
  premi_spendable_pct: number;
}

export async function premiSettings(ctx: Pick<Ctx, 'db' | 'who'>, unitId: string) {
  if (!inScope(ctx.who.scope, unitId)) throw notFound('units');
  const u = await repo.unitSettings(ctx.db, unitId);
  if (!u) throw notFound('units');
  return { ...u, premi_min_session: Number(u.premi_min_session) };
}

/** The unit's default split (must total 100), the trainee minimum per session, and the spendable share (0-25%). */
export async function updatePremiSettings(ctx: Ctx, unitId: string, s: PremiSettings): Promise<void> {
  if (!inScope(ctx.who.scope, unitId)) throw notFound('units');
  if (!mayRun(ctx.who, 'approve')) throw forbidden();
  const errors: FieldError[] = [];
  const split = { premi: s.premi_pct, pnbp: s.pnbp_pct, capital: s.capital_pct };
  if (!splitTotals100(split)) {
    const total = s.premi_pct + s.pnbp_pct + s.capital_pct;
    for (const f of ['premi_pct', 'pnbp_pct', 'capital_pct'])
      errors.push({ field: f, key: 'premi.splitTotal', params: { total } });
  }
  if (!Number.isSafeInteger(s.premi_min_session) || s.premi_min_session < 0)
    errors.push({ field: 'premi_min_session', key: 'premi.minSessionBad' });
  if (
    !Number.isInteger(s.premi_spendable_pct) ||
    s.premi_spendable_pct < 0 ||
    s.premi_spendable_pct > MAX_SPENDABLE_PCT
  )
    errors.push({
      field: 'premi_spendable_pct',
      key: 'premi.spendableBad',
      params: { max: MAX_SPENDABLE_PCT },
    });
  if (errors.length) throw invalid(errors);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.unitSettings(trx, unitId);
    if (!before) throw notFound('units');
    await repo.updateUnitSettings(trx, unitId, s);
    await recordAudit(trx, ctx.who.actor, {
      action: 'premi.settings_updated',
      entity: 'unit',
      entityId: unitId,
      unitId,
      before: {
        premi_pct: before.premi_pct,
        pnbp_pct: before.pnbp_pct,
        capital_pct: before.capital_pct,
        premi_min_session: Number(before.premi_min_session),
        premi_spendable_pct: before.premi_spendable_pct,
      },
      after: s,
    });
  });
}
