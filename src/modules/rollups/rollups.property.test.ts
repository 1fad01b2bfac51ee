// The aggregates equal a recount from the raw rows after any sequence of writes: marks saved one by
// one and in bulk, sessions cancelled and moved between months and units, enrolments ended,
// certificates issued and revoked, production logged and moved, sales and their reversals, a
// person's register class corrected. Only the triggers tell the recount what changed; a write they
// miss leaves a stale month and fails here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme, buildSession } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildInmate, buildUnit } from '../../../test/builders.ts';
import { buildCertificate, buildSale } from '../../../test/rollups-fixtures.ts';
import type { Db } from '../../db/database.ts';
import type { MarkStatus } from '../../db/schema.ts';
import { refreshDirty, refreshUnitMonth } from './rollups.service.ts';

const MONTHS = ['2026-08', '2026-09', '2026-10', '2026-11'];
const STATUSES: MarkStatus[] = ['hadir', 'terlambat', 'izin', 'sakit', 'alpa', 'dispensasi'];

interface World {
  units: string[];
  programmes: Array<{ id: string; unit: string }>;
  enrolments: Array<{ id: string; programme: string; inmate: string | null }>;
  sessions: string[];
  products: Array<{ id: string; unit: string }>;
  certificates: string[];
  sales: Array<{ id: string; unit: string }>;
}

const day = fc
  .tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 28 }))
  .map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`);
const pick = fc.nat({ max: 1000 });

const command = fc.oneof(
  fc.record({ k: fc.constant('mark' as const), s: pick, e: pick, status: fc.constantFrom(...STATUSES) }),
  fc.record({ k: fc.constant('bulkMarks' as const), s: pick, status: fc.constantFrom(...STATUSES) }),
  fc.record({ k: fc.constant('unmark' as const), s: pick }),
  fc.record({ k: fc.constant('cancel' as const), s: pick, cancelled: fc.boolean() }),
  fc.record({ k: fc.constant('moveSession' as const), s: pick, day }),
  fc.record({ k: fc.constant('moveSessionToProgramme' as const), s: pick, p: pick }),
  fc.record({ k: fc.constant('newSession' as const), p: pick, day }),
  fc.record({ k: fc.constant('endEnrolment' as const), e: pick, day, completed: fc.boolean() }),
  fc.record({ k: fc.constant('certificate' as const), e: pick, day }),
  fc.record({ k: fc.constant('revoke' as const), c: pick }),
  fc.record({ k: fc.constant('produce' as const), e: pick, day, n: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ k: fc.constant('moveProduction' as const), day }),
  fc.record({ k: fc.constant('sale' as const), u: pick, day, total: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ k: fc.constant('reverse' as const), s: pick, day }),
  fc.record({ k: fc.constant('reclass' as const), e: pick, tahanan: fc.boolean() }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const at = <T>(xs: readonly T[], i: number): T | undefined => xs[i % Math.max(xs.length, 1)];

async function setUp(db: Db): Promise<World> {
  const w: World = {
    units: [],
    programmes: [],
    enrolments: [],
    sessions: [],
    products: [],
    certificates: [],
    sales: [],
  };
  const kind = await db.selectFrom('product_kinds').select('id').limit(1).executeTakeFirstOrThrow();
  for (const nProgrammes of [2, 1]) {
    const unit = await buildUnit(db);
    w.units.push(unit.id);
    for (let i = 0; i < nProgrammes; i++) {
      const p = await buildProgramme(db, { unit_id: unit.id });
      w.programmes.push({ id: p.id, unit: unit.id });
      const product = await db
        .insertInto('products')
        .values({
          unit_id: unit.id,
          kind_id: kind.id,
          name: `Produk ${p.id.slice(0, 6)}`,
          route: 'own',
          price: 10,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.updateTable('products').set({ programme_id: p.id }).where('id', '=', product.id).execute();
      w.products.push({ id: product.id, unit: unit.id });
      const napi = await buildInmate(db, { unit_id: unit.id });
      const tahanan = await buildInmate(db, {
        unit_id: unit.id,
        reg_number: `A.II ${p.id.slice(0, 6)}/2026`,
      });
      for (const [inmate, started] of [
        [napi.id, '2026-08-03'],
        [tahanan.id, '2026-09-14'],
        [null, '2026-10-01'],
      ] as const) {
        const e = await buildEnrolment(db, {
          programme_id: p.id,
          started_on: started,
          ...(inmate ? { inmate_id: inmate } : {}),
        });
        w.enrolments.push({ id: e.id, programme: p.id, inmate });
      }
      for (const d of ['2026-08-10', '2026-09-10', '2026-10-10', '2026-11-10']) {
        w.sessions.push((await buildSession(db, { programme_id: p.id, day: d })).id);
      }
    }
  }
  return w;
}

async function apply(db: Db, w: World, c: Command): Promise<void> {
  switch (c.k) {
    case 'mark': {
      const s = at(w.sessions, c.s);
      const e = at(w.enrolments, c.e);
      if (!s || !e) return;
      await db
        .insertInto('attendance_marks')
        .values({ session_id: s, enrolment_id: e.id, status: c.status, note: null })
        .onConflict((oc) => oc.columns(['session_id', 'enrolment_id']).doUpdateSet({ status: c.status }))
        .execute();
      return;
    }
    case 'bulkMarks': {
      const s = at(w.sessions, c.s);
      if (!s) return;
      // One statement for the whole roll call, as the attendance page saves it.
      await db
        .insertInto('attendance_marks')
        .values(
          w.enrolments.map((e) => ({ session_id: s, enrolment_id: e.id, status: c.status, note: null })),
        )
        .onConflict((oc) => oc.columns(['session_id', 'enrolment_id']).doUpdateSet({ status: c.status }))
        .execute();
      return;
    }
    case 'unmark': {
      const s = at(w.sessions, c.s);
      if (s) await db.deleteFrom('attendance_marks').where('session_id', '=', s).execute();
      return;
    }
    case 'cancel': {
      const s = at(w.sessions, c.s);
      if (s)
        await db
          .updateTable('programme_sessions')
          .set({
            status: c.cancelled ? 'cancelled' : 'scheduled',
            cancel_reason: c.cancelled ? 'Banjir' : null,
          })
          .where('id', '=', s)
          .execute();
      return;
    }
    case 'moveSession': {
      const s = at(w.sessions, c.s);
      if (s)
        await db
          .updateTable('programme_sessions')
          .set({
            day: c.day,
            starts_at: new Date(`${c.day}T09:00:00+07:00`),
            ends_at: new Date(`${c.day}T12:00:00+07:00`),
          })
          .where('id', '=', s)
          .execute();
      return;
    }
    case 'moveSessionToProgramme': {
      const s = at(w.sessions, c.s);
      const p = at(w.programmes, c.p);
      if (s && p)
        await db.updateTable('programme_sessions').set({ programme_id: p.id }).where('id', '=', s).execute();
      return;
    }
    case 'newSession': {
      const p = at(w.programmes, c.p);
      if (p) w.sessions.push((await buildSession(db, { programme_id: p.id, day: c.day })).id);
      return;
    }
    case 'endEnrolment': {
      const e = at(w.enrolments, c.e);
      if (!e) return;
      await db
        .updateTable('enrolments')
        .set({
          status: c.completed ? 'completed' : 'withdrawn',
          end_reason: c.completed ? null : 'own_request',
          ended_on: sql<string>`greatest(started_on, ${c.day}::date)`,
        })
        .where('id', '=', e.id)
        .execute();
      return;
    }
    case 'certificate': {
      const e = at(w.enrolments, c.e);
      if (!e) return;
      const p = w.programmes.find((x) => x.id === e.programme);
      const valid = await db
        .selectFrom('certificates')
        .select('id')
        .where('enrolment_id', '=', e.id)
        .where('status', '=', 'valid')
        .executeTakeFirst();
      if (!p || valid) return;
      const cert = await buildCertificate(db, {
        unit_id: p.unit,
        programme_id: p.id,
        enrolment_id: e.id,
        issued_on: c.day,
      });
      w.certificates.push(cert.id);
      return;
    }
    case 'revoke': {
      const id = at(w.certificates, c.c);
      if (id)
        await db
          .updateTable('certificates')
          .set({ status: 'revoked', revoked_reason: 'Salah nama', revoked_at: new Date() })
          .where('id', '=', id)
          .where('status', '=', 'valid')
          .execute();
      return;
    }
    case 'produce': {
      const e = at(w.enrolments, c.e);
      const p = e && w.programmes.find((x) => x.id === e.programme);
      const product = p && w.products.find((x) => x.unit === p.unit);
      if (!e || !p || !product) return;
      await db
        .insertInto('production_entries')
        .values({
          unit_id: p.unit,
          programme_id: p.id,
          session_id: null,
          day: c.day,
          enrolment_id: e.id,
          product_id: product.id,
          finished: c.n,
          recorded_by: null,
        })
        .onConflict((oc) =>
          oc.columns(['programme_id', 'day', 'enrolment_id', 'product_id']).doUpdateSet({ finished: c.n }),
        )
        .execute();
      return;
    }
    case 'moveProduction': {
      // The oldest entry was logged on the wrong day (ignored when that day already has it).
      await sql`update production_entries pe set day = ${c.day}
        where pe.id = (select id from production_entries where unit_id in (${sql.join(w.units)}) order by created_at, id limit 1)
          and not exists (select 1 from production_entries o where o.programme_id = pe.programme_id
            and o.day = ${c.day} and o.enrolment_id = pe.enrolment_id and o.product_id = pe.product_id)`.execute(
        db,
      );
      return;
    }
    case 'sale': {
      const unit = at(w.units, c.u);
      if (!unit) return;
      const s = await buildSale(db, { unit_id: unit, sold_on: c.day, total: c.total * 1000 });
      const product = w.products.find((x) => x.unit === unit);
      if (product)
        await db
          .insertInto('sale_lines')
          .values({
            sale_id: s.id,
            product_id: product.id,
            qty: 1,
            unit_price: c.total * 1000,
            amount: c.total * 1000,
          })
          .execute();
      w.sales.push({ id: s.id, unit });
      return;
    }
    case 'reverse': {
      const s = at(w.sales, c.s);
      if (!s) return;
      const original = await db
        .selectFrom('sales')
        .selectAll()
        .where('id', '=', s.id)
        .executeTakeFirstOrThrow();
      const taken = await db
        .selectFrom('sales')
        .select('id')
        .where('reverses_id', '=', s.id)
        .executeTakeFirst();
      if (original.status !== 'completed' || taken) return;
      await db.updateTable('sales').set({ status: 'cancelled' }).where('id', '=', s.id).execute();
      const r = await buildSale(db, {
        unit_id: s.unit,
        sold_on: c.day,
        total: -Number(original.total),
        reverses_id: s.id,
      });
      const lines = await db.selectFrom('sale_lines').selectAll().where('sale_id', '=', s.id).execute();
      for (const l of lines)
        await db
          .insertInto('sale_lines')
          .values({
            sale_id: r.id,
            product_id: l.product_id,
            qty: -l.qty,
            unit_price: l.unit_price,
            amount: -Number(l.amount),
          })
          .execute();
      return;
    }
    case 'reclass': {
      const e = at(
        w.enrolments.filter((x) => x.inmate),
        c.e,
      );
      if (e?.inmate)
        await db
          .updateTable('inmates')
          .set({ register_class: c.tahanan ? 'A.III' : 'B.IIa' })
          .where('id', '=', e.inmate)
          .execute();
      return;
    }
  }
}

/** The stored rows of the units' months, without their stamps, keyed by unit-month or programme-month. */
async function stored(db: Db, units: readonly string[]) {
  const rows = await sql<Record<string, unknown>>`
    select 'u' as level, r.unit_id::text as key, to_char(r.month, 'YYYY-MM') as m, to_jsonb(r) - 'computed_at' as figures
      from rollup_unit_months r where r.unit_id in (${sql.join(units)})
    union all
    select 'p', r.programme_id::text, to_char(r.month, 'YYYY-MM'), to_jsonb(r) - 'computed_at'
      from rollup_programme_months r where r.unit_id in (${sql.join(units)})`.execute(db);
  const zero = (f: Record<string, unknown>) =>
    Object.entries(f).every(([k, v]) => ['unit_id', 'programme_id', 'month'].includes(k) || Number(v) === 0);
  return new Map(
    rows.rows
      // A unit-month recounted to nothing equals one never written.
      .filter((r) => !zero(r.figures as Record<string, unknown>))
      .map((r) => [`${r.level}:${r.key}:${r.m}`, JSON.stringify(r.figures)]),
  );
}

/** What a recount of every unit-month from the raw rows gives, rolled back so nothing is kept. */
async function recounted(db: Db, units: readonly string[]) {
  let result = new Map<string, string>();
  await db
    .transaction()
    .execute(async (trx) => {
      for (const u of units) for (const m of [...MONTHS, '2026-12']) await refreshUnitMonth(trx, u, m);
      result = await stored(trx, units);
      throw new RolledBack();
    })
    .catch((err) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  return result;
}
class RolledBack extends Error {}

describe('monthly aggregates after random writes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  test('equal a recount from the raw rows for every unit-month, whatever was written and corrected', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const w = await setUp(t.db);
        await refreshDirty(t.db);
        for (const c of commands) await apply(t.db, w, c);
        await refreshDirty(t.db);
        assert.deepEqual(await stored(t.db, w.units), await recounted(t.db, w.units));
      }),
      { numRuns: Number(process.env.ROLLUP_RUNS ?? 15) },
    );
  });
});
