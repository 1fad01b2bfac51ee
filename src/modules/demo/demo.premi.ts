// Demo: the premi of the knitting class, through the services as the people of the story did on the
// day. Rutan Magetan keeps the national split (50% premi, 15% PNBP, 35% production capital; the PKS
// sets none of its own), a trainee earns at least Rp 5.000 for each training session attended (the
// unit's extra-fooding value) and may spend 25% of each credit inside. Each month from February is
// prepared and reviewed by the petugas on the first working day of the next month and
// approved by the Kepala UPT that afternoon; from the spendable balance some participants buy at the
// canteen in the middle of the month and one sends money home; the bendahara deposits a month's PNBP
// (SIMPONI billing code, NTPN from the bank) when the next month's run is posted, so the latest run's
// PNBP is still owed; the first participant released is paid
// out on the day the run of their release month is posted, and signs the slip; the one transferred to
// Lapas Madiun has their balance sent there, waiting for Madiun to receive it. Deterministic,
// nothing after `now`; a later start adds the months that have ended since.
import type { Actor, Ctx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { listEnrolments } from '../enrolments/enrolments.service.ts';
import { balanceOf } from '../ledger/ledger.service.ts';
import { pnbpOfUnit, recordDeposit } from '../pnbp/pnbp.service.ts';
import { approveRun, listRuns, prepareRun, reviewRun, updatePremiSettings } from '../premi/premi.service.ts';
import { programmeIdByName } from '../programmes/programmes.service.ts';
import { payOut, withdraw } from '../savings/savings.payouts.service.ts';
import { sendTransfer } from '../savings/savings.transfers.service.ts';
import { unitRandom } from './demo.attendance.ts';
import { staff } from './demo.ctx.ts';
import { PRODUCTION_FROM } from './demo.production.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';

export const PREMI_MIN_SESSION = 5_000;
const FIRST_MONTH = PRODUCTION_FROM.slice(0, 7);

export interface PremiDemoIds {
  unitId: string;
  /** Where the one transferred participant went (Lapas Kelas I Madiun): their balance follows them. */
  transferUnitId: string;
  petugas: Actor;
  kepala: Actor;
}

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);

/** The first Monday-to-Friday on or after `day`. */
export function weekdayFrom(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The months from February 2026 whose run the unit would have posted by `now`. */
export function demoPremiMonths(now: Date): Array<{ month: string; postDay: string }> {
  const out: Array<{ month: string; postDay: string }> = [];
  for (let m = FIRST_MONTH; ; m = nextMonth(m)) {
    const postDay = weekdayFrom(`${nextMonth(m)}-01`);
    if (at(postDay, 15).getTime() > now.getTime()) return out;
    out.push({ month: m, postDay });
  }
}

/** A billing code (15 digits) and an NTPN (16 letters and digits) as SIMPONI and the bank give them. */
export function demoDepositCodes(month: string): { billing_code: string; ntpn: string } {
  const n = Number(month.replace('-', ''));
  const hex = (Math.imul(n, 2654435761) >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return {
    billing_code: `82${month.replace('-', '')}${String(n % 1_000_000_000)
      .padStart(7, '0')
      .slice(-7)}`,
    ntpn: `${hex}${String(n).padStart(8, '0')}`.slice(0, 16),
  };
}

export async function seedDemoPremi(db: Db, ids: PremiDemoIds, now: Date = new Date()): Promise<number> {
  const programmeId = ids.unitId ? await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.petugas.userId || !ids.kepala.userId) return 0;
  const months = demoPremiMonths(now);
  if (months.length === 0) return 0;
  const petugas = staff(db, ids.petugas, ['petugas']);
  const kepala = staff(db, ids.kepala, ['kepala_upt']);
  let created = 0;

  const first = months[0] as { month: string; postDay: string };
  const seed = kepala(at(first.postDay, 8));
  const runs = (await listRuns(seed, { unitId: ids.unitId })).rows;
  if (runs.length === 0) {
    await updatePremiSettings(seed, ids.unitId, {
      premi_pct: 50,
      pnbp_pct: 15,
      capital_pct: 35,
      premi_min_session: PREMI_MIN_SESSION,
      premi_spendable_pct: 25,
    });
    created++;
  }
  const posted = new Set(
    runs.filter((r) => r.kind === 'regular' && r.status === 'posted').map((r) => r.month),
  );
  const people = (await listEnrolments(petugas(now), programmeId)).filter((p) => p.kind === 'inmate');

  for (const [k, { month, postDay }] of months.entries()) {
    if (!posted.has(month)) {
      const prepared = petugas(at(postDay, 10));
      const runId = await prepareRun(prepared, { unitId: ids.unitId, month });
      await reviewRun(petugas(at(postDay, 11)), runId);
      await approveRun(kepala(at(postDay, 14)), runId);
      created++;
      created += await spend(petugas, people, month, postDay, k, now);
    }
    created += await payOutFirstReleased(kepala, people, month, postDay, now);
    created += await sendTransferred(petugas, people, ids.transferUnitId, month, postDay, now);
    // The previous run's PNBP is deposited on the day this run is posted: the latest is still owed.
    const previous = months[k - 1];
    if (previous) created += await deposit(petugas, ids.unitId, previous.month, postDay, now);
  }
  return created;
}

type Place = Awaited<ReturnType<typeof listEnrolments>>[number];
const stillInside = (p: Place) => p.end_reason !== 'released' && p.end_reason !== 'transferred';

/** Canteen purchases in the middle of the month after a run, for about a third of the class. */
async function spend(
  petugas: (now: Date) => Ctx,
  people: readonly Place[],
  month: string,
  postDay: string,
  k: number,
  now: Date,
): Promise<number> {
  const day = weekdayFrom(`${postDay.slice(0, 7)}-15`);
  if (at(day, 10).getTime() > now.getTime()) return 0;
  let n = 0;
  const ctx = petugas(at(day, 10));
  // Only those still in the unit today: a withdrawal is refused once a person has left.
  const inside = people.filter((p) => p.inmate_id && stillInside(p));
  const balances = new Map<string, number>();
  for (const p of inside)
    balances.set(p.inmate_id as string, (await balanceOf(ctx, p.inmate_id as string)).spendable);
  // Once, in August, the one who saved the most spendable premi sends most of it home.
  const sender =
    month === '2026-07'
      ? [...inside].sort(
          (a, b) => (balances.get(b.inmate_id as string) ?? 0) - (balances.get(a.inmate_id as string) ?? 0),
        )[0]
      : undefined;
  for (const [i, p] of people.entries()) {
    if (!p.inmate_id || !inside.includes(p)) continue;
    const family = p === sender;
    if (!family && unitRandom(k * 31 + 7, i) > 0.35) continue;
    const spendable = balances.get(p.inmate_id) ?? 0;
    // A round amount of about half what may be spent at the canteen.
    const amount = Math.floor((spendable * (family ? 0.9 : 0.5)) / 5_000) * 5_000;
    if (amount < 10_000) continue;
    await withdraw(ctx, p.inmate_id, {
      day,
      amount,
      purpose: family ? 'family' : 'canteen',
      reason: family
        ? 'Kiriman untuk biaya sekolah anak'
        : 'Belanja kebutuhan di kantin (sabun, kopi, makanan ringan)',
      recipient: family ? 'Istri, diterima di loket layanan kunjungan' : null,
    });
    n++;
  }
  return n;
}

/**
 * The first participant released (by release day) is paid out on the day the run of their release
 * month is posted, after which their ledger is at zero (so a later start pays nobody twice); those
 * released after them stay on the payout task list.
 */
async function payOutFirstReleased(
  kepala: (now: Date) => Ctx,
  people: readonly Place[],
  month: string,
  postDay: string,
  now: Date,
): Promise<number> {
  const first = people
    .filter((p) => p.end_reason === 'released' && p.ended_on && p.ended_on >= PRODUCTION_FROM)
    .sort((a, b) => String(a.ended_on).localeCompare(String(b.ended_on)) || a.name.localeCompare(b.name))[0];
  if (!first?.inmate_id || String(first.ended_on).slice(0, 7) !== month) return 0;
  if (at(postDay, 15).getTime() > now.getTime()) return 0;
  const ctx = kepala(at(postDay, 15));
  const { saved, spendable } = await balanceOf(ctx, first.inmate_id);
  if (saved + spendable === 0) return 0;
  await payOut(ctx, first.inmate_id, { paid_on: postDay, method: 'tunai', reference: null });
  return 1;
}

/**
 * The participant transferred to another unit: on the day the run of their transfer month is
 * posted, their balance is sent to the new unit, which receives it into the person's record there.
 */
async function sendTransferred(
  petugas: (now: Date) => Ctx,
  people: readonly Place[],
  toUnitId: string,
  month: string,
  postDay: string,
  now: Date,
): Promise<number> {
  if (!toUnitId || at(postDay, 15).getTime() > now.getTime()) return 0;
  let n = 0;
  for (const p of people) {
    if (p.end_reason !== 'transferred' || !p.inmate_id || String(p.ended_on).slice(0, 7) !== month) continue;
    const ctx = petugas(at(postDay, 15));
    const { saved, spendable } = await balanceOf(ctx, p.inmate_id);
    if (saved + spendable === 0) continue;
    await sendTransfer(ctx, p.inmate_id, { to_unit_id: toUnitId, sent_on: postDay });
    n++;
  }
  return n;
}

async function deposit(
  petugas: (now: Date) => Ctx,
  unitId: string,
  month: string,
  day: string,
  now: Date,
): Promise<number> {
  if (at(day, 16).getTime() > now.getTime()) return 0;
  const ctx = petugas(at(day, 16));
  const due = (await pnbpOfUnit(ctx, unitId)).months.find((m) => m.month === month);
  if (!due || due.outstanding <= 0) return 0;
  await recordDeposit(ctx, {
    unit_id: unitId,
    deposited_on: day,
    amount: due.outstanding,
    period: month,
    note: 'PNBP hasil kegiatan kerja warga binaan (premi bulanan)',
    ...demoDepositCodes(month),
  });
  return 1;
}
