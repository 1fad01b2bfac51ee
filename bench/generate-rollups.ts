// The monthly aggregates of generated data: the generator writes with its triggers off (COPY and
// set-based inserts under session_replication_role = replica), so nothing is marked dirty; this
// recounts every unit-month of the given units from the raw records with the app's own
// refreshUnitMonth (src/modules/rollups/rollups.service.ts), one transaction per unit-month, a few
// at a time. Months run from the one before `from` (agreements are signed a week before the first
// session) to the month of `to`.
import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import { refreshUnitMonth } from '../src/modules/rollups/rollups.service.ts';

export interface RecountResult {
  unitMonths: number;
  seconds: number;
  /** Milliseconds of one unit-month's recount: p50, p95, max. */
  p50: number;
  p95: number;
  max: number;
}

/** 'YYYY-MM' months from a's to b's, both included. */
export function monthsBetween(a: string, b: string): string[] {
  const out: string[] = [];
  let y = Number(a.slice(0, 4));
  let m = Number(a.slice(5, 7));
  const end = b.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) return out;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

const previousMonth = (day: string) => {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * Forgets the dirty marks a recount has already answered: those older than their unit-month's
 * row. (The generator's first COPYs, before the triggers are switched off, mark the months of the
 * sessions; left there, every page would show them as changes not yet counted.)
 */
export async function forgetCounted(db: Db): Promise<number> {
  const r = await sql`delete from rollup_dirty d using rollup_unit_months r
     where r.unit_id = d.unit_id and r.month = d.month and d.marked_at < r.computed_at`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function recountAll(
  db: Db,
  o: {
    unitIds: readonly string[];
    from: string;
    to: string;
    concurrency?: number;
    log?: (m: string) => void;
  },
): Promise<RecountResult> {
  const months = monthsBetween(previousMonth(o.from), o.to);
  const work = o.unitIds.flatMap((unitId) => months.map((month) => ({ unitId, month })));
  const times: number[] = [];
  let next = 0;
  let lastLog = performance.now();
  const t0 = performance.now();
  const worker = async () => {
    for (;;) {
      const job = work[next++];
      if (!job) return;
      const s = performance.now();
      await db.transaction().execute((trx) => refreshUnitMonth(trx, job.unitId, job.month));
      times.push(performance.now() - s);
      if (o.log && performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        o.log(`  aggregates: ${times.length} / ${work.length} unit-months recounted`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 2 }, worker));
  await forgetCounted(db);
  await sql`analyze rollup_unit_months`.execute(db);
  await sql`analyze rollup_programme_months`.execute(db);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return {
    unitMonths: work.length,
    seconds: (performance.now() - t0) / 1000,
    p50: at(50),
    p95: at(95),
    max: sorted[sorted.length - 1] ?? 0,
  };
}
