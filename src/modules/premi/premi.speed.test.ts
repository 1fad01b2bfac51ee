// A premi run at a unit's real size (issue #12, speed): 1,500 inmates, 30,000 production rows (log
// entries with their unit-bought material and own-stock movements), four quality-check batches with
// a line per inmate, a hundred sales and a training class's attendance, beside a second unit of the
// same size. computeRun reads the month in a handful of set-based queries. The time is printed, not
// asserted (a timed test flakes on a busy machine): `npm run bench:premi` measures the 1 s target.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { computeRun } from './premi.service.ts';

const INMATES = 1500;
const DAYS = 20; // 1,500 x 20 = 30,000 production rows

async function seedUnit(db: TestDb['db'], kanwilId: string, n: number): Promise<string> {
  const unit = await db
    .insertInto('units')
    .values({
      kanwil_id: kanwilId,
      code: `U-PRM-${n}`,
      type: 'lapas',
      class: 'IIA',
      name: `Lapas Premi ${n}`,
      timezone: 'Asia/Jakarta',
      address: null,
      city: null,
      phone: null,
      email: null,
      premi_min_session: 10_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const u = unit.id;
  const U = sql`cast(${u} as uuid)`;
  await sql`
    with p as (
      insert into partners (unit_id, type, legal_name, contacts) values (${U}, 'company', ${`PT Premi ${n}`}, '[]')
      returning id)
    insert into programmes (unit_id, name, kind, partner_id, capacity, status, eligibility)
      select ${U}, 'Kelas produksi', 'production', p.id, 2000, 'running', '{}'::jsonb from p
      union all select ${U}, 'Pelatihan', 'training', null, 2000, 'running', '{}'::jsonb`.execute(db);
  await sql`insert into inmates (unit_id, reg_number, register_class, name, gender, birth_date, entry_date,
      expected_release_date, block, room, education, risk_level, status)
    select ${U}, 'B.I ' || g || '/2025', 'B.I', 'Warga ' || g, 'L', '1990-01-01', '2025-01-01', '2028-01-01',
      'A', '1', 'SMA', 'rendah', 'active' from generate_series(1, ${INMATES}) g`.execute(db);
  await sql`insert into enrolments (programme_id, kind, inmate_id, name, status, started_on)
    select pr.id, 'inmate', i.id, i.name, 'active', '2026-01-01'
    from inmates i cross join programmes pr where i.unit_id = ${U} and pr.unit_id = ${U}`.execute(db);
  const kind = await db
    .selectFrom('product_kinds')
    .select('id')
    .where('code', '=', 'tas')
    .executeTakeFirstOrThrow();
  await sql`insert into products (unit_id, programme_id, kind_id, name, route, price)
    select ${U}, pr.id, ${kind.id}, x.name, x.route, x.price
    from programmes pr, (values ('Tas', 'own', 60000), ('Gantungan kunci', 'partner', null)) as x(name, route, price)
    where pr.unit_id = ${U} and pr.kind = 'production'`.execute(db);
  await sql`insert into materials (unit_id, name, uom, owner) values (${U}, 'Benang', 'gram', 'unit')`.execute(
    db,
  );
  // 30,000 log entries of bags, each with its material use and its own-stock movement.
  await sql`insert into production_entries (unit_id, programme_id, day, enrolment_id, product_id, finished)
    select ${U}, e.programme_id, date '2026-03-01' + d, e.id, p.id, 1
    from enrolments e join programmes pr on pr.id = e.programme_id and pr.kind = 'production' and pr.unit_id = ${U}
    join products p on p.programme_id = pr.id and p.route = 'own', generate_series(0, ${DAYS - 1}) d`.execute(
    db,
  );
  // As the log saves them: what each entry used, and one `used` movement per material and day.
  await sql`insert into production_entry_materials (entry_id, material_id, qty)
    select pe.id, m.id, 50
    from production_entries pe, materials m where pe.unit_id = ${U} and m.unit_id = ${U}`.execute(db);
  await sql`insert into material_movements (unit_id, material_id, kind, day, qty, value)
    select ${U}, m.id, 'used', pe.day, -50 * count(*), -10 * count(*)
    from production_entries pe, materials m where pe.unit_id = ${U} and m.unit_id = ${U}
    group by m.id, pe.day`.execute(db);
  await sql`insert into product_movements (unit_id, product_id, kind, day, enrolment_id, d_on_hand, production_entry_id)
    select ${U}, pe.product_id, 'produced', pe.day, pe.enrolment_id, 1, pe.id
    from production_entries pe where pe.unit_id = ${U}`.execute(db);
  // Four checked batches, a line per inmate.
  await sql`with b as (
      insert into qc_batches (unit_id, partner_id, programme_id, number, sent_on, checked_on, status)
      select ${U}, pr.partner_id, pr.id, 'QC/2026/' || w, date '2026-03-02' + 7 * w, date '2026-03-03' + 7 * w, 'checked'
      from programmes pr, generate_series(0, 3) w where pr.unit_id = ${U} and pr.kind = 'production'
      returning id, programme_id)
    insert into qc_batch_lines (batch_id, enrolment_id, product_id, submitted, passed, rate)
    select b.id, e.id, p.id, 4, 3, 5000 from b join enrolments e on e.programme_id = b.programme_id
    join products p on p.programme_id = b.programme_id and p.route = 'partner'`.execute(db);
  // A hundred sales of two bags.
  await sql`with s as (
      insert into sales (unit_id, number, sold_on, channel, payment_method, total)
      select ${U}, 'KW/2026/' || g, date '2026-03-01' + (g % 28), 'bazaar', 'tunai', 120000
      from generate_series(1, 100) g returning id)
    insert into sale_lines (sale_id, product_id, qty, unit_price, amount)
    select s.id, p.id, 2, 60000, 120000 from s, products p where p.unit_id = ${U} and p.route = 'own'`.execute(
    db,
  );
  // A training class: eight sessions, everyone present.
  await sql`with s as (
      insert into programme_sessions (programme_id, day, starts_at, ends_at, extra)
      select pr.id, date '2026-03-02' + g, timestamptz '2026-03-02 09:00+07' + g * interval '1 day',
        timestamptz '2026-03-02 12:00+07' + g * interval '1 day', true
      from programmes pr, generate_series(0, 7) g where pr.unit_id = ${U} and pr.kind = 'training'
      returning id, programme_id)
    insert into attendance_marks (session_id, enrolment_id, status)
    select s.id, e.id, 'hadir' from s join enrolments e on e.programme_id = s.programme_id`.execute(db);
  return u;
}

describe('a premi run of a 1,500-inmate unit with 30,000 production rows', () => {
  let tdb: TestDb;
  let unitId = '';

  before(async () => {
    tdb = await createTestDb();
    const kanwil = await tdb.db
      .insertInto('kanwil')
      .values({ code: 'KW-PRM', name: 'Kanwil Premi', province: 'Jawa Timur', timezone: 'Asia/Jakarta' })
      .returning('id')
      .executeTakeFirstOrThrow();
    unitId = await seedUnit(tdb.db, kanwil.id, 1);
    await seedUnit(tdb.db, kanwil.id, 2);
    await sql`analyze`.execute(tdb.db);
  });
  after(() => tdb.drop());

  test('a unit-sized month computes with every inmate on a line and the books balanced', async () => {
    let best = Number.POSITIVE_INFINITY;
    let lines = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const { computation } = await computeRun(tdb.db, unitId, '2026-03');
      best = Math.min(best, performance.now() - t0);
      lines = computation.lines.length;
      const t = computation.totals;
      assert.equal(t.revenueOfftake, INMATES * 4 * 3 * 5000);
      assert.equal(t.revenueSales, 100 * 120_000);
      assert.equal(t.materialCost, INMATES * DAYS * 10);
      for (const g of computation.groups)
        assert.equal(g.revenue, g.premi + g.pnbp + g.capital + g.materialCost);
    }
    console.log(
      `premi run of ${INMATES} inmates, ${INMATES * DAYS} production rows: best of 3 ${best.toFixed(0)} ms`,
    );
    assert.equal(lines, INMATES);
  });
});
