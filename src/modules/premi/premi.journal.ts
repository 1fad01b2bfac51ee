// A premi run's journal entry as pure rules: the lines the brief's conventions give for a computed
// run (revenue recognised, cash moves, the distribution, the pool and the trainee top-up).
import { allocate, type LedgerLine } from '../ledger/ledger.rules.ts';
import type { RunTotals } from './premi.compute.ts';

/** What a run's journal entry needs: its totals and, per inmate, the three kinds of credit. */
export interface PostableRun {
  totals: RunTotals;
  lines: ReadonlyArray<{
    inmateId: string;
    offtakePremi: number;
    salesPremi: number;
    fromPool: number;
    topup: number;
    spendable: number;
  }>;
}

/**
 * The lines of a run's journal entry (the brief's conventions; debit +, credit -): revenue
 * recognised (offtake against receivable, sales into cash), payments received, unit-bought
 * materials paid from cash into capital, then the distribution of revenue: premi per inmate and
 * pocket, PNBP, capital, material cost; the pool; the trainee top-up from capital. An inmate's
 * spendable pocket is spread over the three kinds of credit in proportion, so each purpose's lines
 * still say what the money is for.
 */
export function runJournal(run: PostableRun): LedgerLine[] {
  const t = run.totals;
  const revenue = t.revenueOfftake + t.revenueSales;
  const out: LedgerLine[] = [
    { account: 'receivable', purpose: 'offtake', amount: t.revenueOfftake },
    { account: 'revenue', purpose: 'offtake', amount: -t.revenueOfftake },
    { account: 'cash', purpose: 'sales', amount: t.revenueSales },
    { account: 'revenue', purpose: 'sales', amount: -t.revenueSales },
    { account: 'cash', purpose: 'payment', amount: t.payments },
    { account: 'receivable', purpose: 'payment', amount: -t.payments },
    { account: 'capital', purpose: 'material_purchase', amount: t.purchases },
    { account: 'cash', purpose: 'material_purchase', amount: -t.purchases },
    { account: 'revenue', purpose: 'share', amount: revenue },
    { account: 'pnbp', purpose: 'share', amount: -t.pnbp },
    { account: 'capital', purpose: 'share', amount: -t.capital },
    { account: 'capital', purpose: 'material_cost', amount: -t.materialCost },
    { account: 'premi_pool', purpose: 'pool', amount: -t.pooled },
    { account: 'premi_pool', purpose: 'pool', amount: t.fromPool },
    { account: 'capital', purpose: 'topup', amount: t.topup },
  ];
  for (const l of run.lines) {
    const share = l.offtakePremi + l.salesPremi - l.fromPool;
    const parts = [
      { key: 'share', amount: share },
      { key: 'pool', amount: l.fromPool },
      { key: 'topup', amount: l.topup },
    ] as const;
    const spend = allocate(
      l.spendable,
      parts.map((p) => ({ key: p.key, weight: Math.abs(p.amount) })),
    );
    for (const p of parts) {
      const spendable = spend.get(p.key) ?? 0;
      out.push(
        {
          account: 'premi',
          purpose: p.key,
          inmateId: l.inmateId,
          pocket: 'saved',
          amount: -(p.amount - spendable),
        },
        { account: 'premi', purpose: p.key, inmateId: l.inmateId, pocket: 'spendable', amount: -spendable },
      );
    }
  }
  return out.map((l) => ({ ...l, amount: l.amount || 0 }));
}
