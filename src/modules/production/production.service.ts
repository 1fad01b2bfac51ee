// The production log: per session (or per working day of a workshop without sessions) and per
// participant, the items finished and in progress of each product the programme makes and the
// material used. One save is one transaction applied once per key (the hall's offline batch): the
// entries upserted, the differences posted to the stock ledgers, one audit record.
import { AppError, forbidden, invalid } from '../../app/errors.ts';
import type { MessageKey } from '../../app/i18n.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { SessionStatus, TimeZone } from '../../db/schema.ts';
import { session as attendanceSession } from '../attendance/attendance.policy.ts';
import { rosterOn } from '../attendance/attendance.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Applied, applyOnce } from '../batches/batches.service.ts';
import { listProducts, productsOfProgramme } from '../products/products.service.ts';
import { programme } from '../programmes/programmes.policy.ts';
import { sessionsInScope } from '../programmes/sessions.service.ts';
import { planProduced, planUsed } from './production.ledger.ts';
import * as repo from './production.repo.ts';
import {
  dayRefusal,
  type EntryInput,
  entryKey,
  planBatch,
  type Standing,
  type Stored,
} from './production.rules.ts';

/** Which day's log: a session's, or a workshop's working day (a programme without sessions). */
export type Where = { sessionId: string } | { programmeId: string; day?: string | undefined };

export interface LogDay {
  programmeId: string;
  programmeName: string;
  unitId: string;
  timezone: TimeZone;
  day: string;
  session: {
    id: string;
    starts_at: Date;
    ends_at: Date;
    status: SessionStatus;
    cancel_reason: string | null;
  } | null;
}

/** The day the log is about, or 404 when its session or programme lies outside the principal's scope. */
async function logDay(ctx: Ctx, where: Where): Promise<LogDay> {
  if ('sessionId' in where) {
    const s = await attendanceSession(ctx, where.sessionId, { for: 'view', lockDays: 0 });
    return {
      programmeId: s.programme_id,
      programmeName: s.programme_name,
      unitId: s.unit_id,
      timezone: s.timezone,
      day: s.day,
      session: {
        id: s.id,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        status: s.status,
        cancel_reason: s.cancel_reason,
      },
    };
  }
  const p = await programme(ctx, where.programmeId);
  return {
    programmeId: p.id,
    programmeName: p.name,
    unitId: p.unit_id,
    timezone: p.timezone,
    day: where.day ?? today(ctx, p.timezone),
    session: null,
  };
}

function refusalOf(ctx: Ctx, d: LogDay): MessageKey | null {
  return dayRefusal({ day: d.day, cancelled: d.session?.status === 'cancelled' }, today(ctx, d.timezone));
}

/** Everything the log page shows: the day, the products with their materials, the roster and entries. */
export async function productionLog(ctx: Ctx, where: Where) {
  const d = await logDay(ctx, where);
  const [products, entries] = await Promise.all([
    productsOfProgramme(ctx, d.programmeId),
    repo.entriesOf(ctx.db, d.programmeId, d.day),
  ]);
  const cancelled = d.session?.status === 'cancelled';
  const roster = cancelled
    ? []
    : await rosterOn(ctx, {
        programmeId: d.programmeId,
        day: d.day,
        also: [...new Set(entries.map((e) => e.enrolment_id))],
      });
  const materialNames = new Map(
    products.flatMap((p) => p.bom).map((b) => [b.material_id, { name: b.material_name, uom: b.uom }]),
  );
  const refusal = refusalOf(ctx, d);
  return {
    ...d,
    products,
    materialNames,
    roster,
    entries: new Map(entries.map((e) => [entryKey(e.enrolment_id, e.product_id), e])),
    refusal,
    may: { record: refusal === null && can(ctx.who, 'production.record') },
  };
}

export type ProductionLog = Awaited<ReturnType<typeof productionLog>>;

export interface SaveInput {
  entries: EntryInput[];
  /** Chosen by the client; the same key sent again returns the first answer and changes nothing. */
  idempotency_key?: string | undefined;
}

/**
 * Saves a batch of a day's entries: the changed ones upserted in one statement, the differences of
 * items finished posted as `produced` and of material used as `used` movements, one audit record.
 * Bad counts, participants off the roster and products the programme does not make are refused
 * per field (400) and nothing is written; a cancelled session or a day to come is refused (409).
 */
export async function saveProduction(ctx: Ctx, where: Where, input: SaveInput): Promise<Applied> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const d = await logDay(tx, where);
    await repo.lockDay(trx, d.programmeId, d.day);
    const subject = d.session
      ? { sessionId: d.session.id, programmeId: d.programmeId }
      : { programmeId: d.programmeId, day: d.day };
    return applyOnce(tx, { key: input.idempotency_key, kind: 'production', ...subject }, async () => {
      if (!can(ctx.who, 'production.record')) throw forbidden();
      const why = refusalOf(tx, d);
      if (why) throw new AppError(why, 409, why, {}, [{ field: 'entries', key: why }]);
      const [products, stored] = await Promise.all([
        productsOfProgramme(tx, d.programmeId),
        repo.entriesOf(trx, d.programmeId, d.day),
      ]);
      const roster = await rosterOn(tx, {
        programmeId: d.programmeId,
        day: d.day,
        also: [...new Set(input.entries.map((e) => e.enrolment_id))],
      });
      const planned = planBatch({
        entries: input.entries,
        roster: new Map<string, Standing>(roster.map((r) => [r.enrolment_id, r.not_offered])),
        products: new Map(products.map((p) => [p.id, p])),
        stored: new Map<string, Stored>(stored.map((e) => [entryKey(e.enrolment_id, e.product_id), e])),
      });
      if (planned.errors) throw invalid(planned.errors);
      const { plan } = planned;

      // Both ledgers' movements, checked under the products' and then the materials' locks before
      // anything is written; then the entries, their materials, the movements and the products' and
      // materials' columns in one statement.
      const produced = await planProduced(
        tx,
        plan.writes
          .filter((w) => w.dFinished !== 0)
          .map((w) => ({
            productId: w.product_id,
            qty: w.dFinished,
            day: d.day,
            enrolmentId: w.enrolment_id,
          })),
      );
      // Material used: one movement per material for the whole save (the net of its entries'
      // changes), not one per entry: each row of material_movements costs its foreign-key checks.
      // What each entry used is kept in production_entry_materials.
      const net = new Map<string, number>();
      for (const w of plan.writes)
        for (const m of w.dMaterials) net.set(m.material_id, (net.get(m.material_id) ?? 0) + m.qty);
      const used = await planUsed(
        tx,
        [...net].map(([materialId, qty]) => ({ materialId, qty })),
        { day: d.day, sessionId: d.session?.id ?? null, note: d.session ? null : d.programmeName },
      );
      const values = (w: (typeof plan.writes)[number]) => ({
        enrolment_id: w.enrolment_id,
        product_id: w.product_id,
        finished: w.finished,
        in_progress: w.in_progress,
      });
      if (plan.writes.length > 0)
        await repo.writeDay(
          trx,
          {
            unitId: d.unitId,
            programmeId: d.programmeId,
            sessionId: d.session?.id ?? null,
            day: d.day,
            userId: ctx.who.id,
          },
          {
            fresh: plan.writes.filter((w) => w.stored === undefined).map(values),
            changed: plan.writes.flatMap((w) => (w.stored ? [{ ...values(w), id: w.stored.id }] : [])),
            materials: plan.writes.flatMap((w) =>
              [...w.materials].map(([material_id, qty]) => ({
                enrolment_id: w.enrolment_id,
                product_id: w.product_id,
                material_id,
                qty,
              })),
            ),
            removed: plan.writes.flatMap((w) =>
              w.stored
                ? [...w.stored.materials.keys()]
                    .filter((m) => !w.materials.has(m))
                    .map((material_id) => ({ entry_id: (w.stored as Stored).id, material_id }))
                : [],
            ),
            moves: produced.rows,
            stock: produced.stock,
            used: used.rows,
            materialStock: used.stock,
          },
        );

      const result = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged };
      const finished: Record<string, number> = {};
      for (const w of plan.writes) finished[w.product_id] = (finished[w.product_id] ?? 0) + w.dFinished;
      await recordAudit(trx, ctx.who.actor, {
        action: 'production.save',
        entity: 'production_log',
        entityId: d.session?.id ?? d.programmeId,
        unitId: d.unitId,
        after: {
          ...result,
          programme_id: d.programmeId,
          day: d.day,
          finished,
          changes: plan.writes.map((w) => ({
            enrolment_id: w.enrolment_id,
            product_id: w.product_id,
            finished: w.finished,
            in_progress: w.in_progress,
            ...(w.stored ? { from: w.stored.finished } : {}),
          })),
          ...(input.idempotency_key ? { idempotency_key: input.idempotency_key } : {}),
        },
      });
      return result;
    });
  });
}

/** How far back the hub lists sessions. */
export const HUB_DAYS = 14;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The /production hub: the programmes in scope that make products, their sessions of today and the
 * last HUB_DAYS days with whether a log was recorded, and the producing programmes with no session
 * in that time (workshops, recorded per working day).
 */
export async function productionHub(ctx: Ctx) {
  const day = today(ctx);
  const from = addDays(day, -HUB_DAYS);
  const programmes = new Map<string, { id: string; name: string; products: number }>();
  for (let page = 1; page <= 40; page++) {
    const r = await listProducts(ctx, { active: true, page });
    for (const p of r.rows) {
      if (!p.programme_id) continue;
      const x = programmes.get(p.programme_id) ?? {
        id: p.programme_id,
        name: p.programme_name ?? '',
        products: 0,
      };
      x.products++;
      programmes.set(p.programme_id, x);
    }
    if (page * r.pageSize >= r.total) break;
  }
  const ids = [...programmes.keys()];
  const [sessions, recorded] = await Promise.all([
    ids.length ? sessionsInScope(ctx, from, day) : Promise.resolve([]),
    repo.recordedDays(ctx.db, ids, from, day),
  ]);
  const done = new Map(recorded.map((r) => [`${r.programme_id}|${r.day}`, Number(r.finished ?? 0)]));
  const held = sessions
    .filter((s) => programmes.has(s.programme_id) && s.status !== 'cancelled')
    .sort((a, b) => b.starts_at.getTime() - a.starts_at.getTime())
    .map((s) => ({ ...s, finished: done.get(`${s.programme_id}|${s.day}`) ?? null }));
  const withSessions = new Set(held.map((s) => s.programme_id));
  return {
    day,
    programmes: [...programmes.values()].sort((a, b) => a.name.localeCompare(b.name)),
    sessions: held,
    workshops: [...programmes.values()]
      .filter((p) => !withSessions.has(p.id))
      .map((p) => ({ ...p, finished: done.get(`${p.id}|${day}`) ?? null })),
    may: {
      record: can(ctx.who, 'production.record'),
      invoices: can(ctx.who, 'sales.view'),
    },
  };
}

export type ProductionHub = Awaited<ReturnType<typeof productionHub>>;
