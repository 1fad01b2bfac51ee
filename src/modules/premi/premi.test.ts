import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme, buildSession, todayWib } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildInmate, buildMark, buildUser } from '../../../test/builders.ts';
import { AppError } from '../../app/errors.ts';
import { actingAs, type Ctx, systemCtx } from '../../app/principal.ts';
import { auditRecordsOf } from '../audit/audit.service.ts';
import { balanceOf } from '../ledger/ledger.service.ts';
import { type QcFixture, qcFixture } from '../quality/quality.fixture.ts';
import { moveProduct } from '../stock/stock.service.ts';
import { approveRun } from './premi.service.ts';

interface RunJson {
  id: string;
  status: string;
  kind: string;
  month: string;
  entry_id: string | null;
  revenue_offtake: number;
  revenue_sales: number;
  material_cost: number;
  premi: number;
  pnbp: number;
  capital: number;
  topup: number;
  groups: Array<{
    source: string;
    from_agreement: boolean;
    premi_pct: number;
    pnbp_pct: number;
    capital_pct: number;
    revenue: number;
    material_cost: number;
    premi: number;
    pnbp: number;
    capital: number;
  }>;
  lines: Array<{
    inmate_id: string;
    name: string;
    items_passed: number;
    items_own: number;
    sessions: number;
    offtake_premi: number;
    sales_premi: number;
    minimum: number;
    topup: number;
    total: number;
    saved: number;
    spendable: number;
  }>;
}

describe('the monthly premi run', () => {
  let t: TestApp;
  let f: QcFixture;
  const inmates = { ani: '', budi: '', dewi: '' };
  let kepalaCtx: Ctx;
  let marchRun = '';

  const checkedBatch = async (
    sentOn: string,
    checkedOn: string,
    lines: Array<[string, string, number, number]>,
  ) => {
    for (const [maker, product, qty] of lines) await f.produce(maker, product, qty, sentOn);
    const sent = await f.petugas.json('POST', '/api/v1/qc-batches', {
      programme_id: f.programmeId,
      sent_on: sentOn,
      lines: lines.map(([enrolment_id, product_id, qty]) => ({ enrolment_id, product_id, qty })),
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const b = sent.json() as {
      id: string;
      lines: Array<{ id: string; enrolment_id: string; product_id: string; submitted: number }>;
    };
    const res = await f.instructor.json('POST', `/api/v1/qc-batches/${b.id}/check`, {
      checked_on: checkedOn,
      lines: b.lines.map((l) => {
        const passed = lines.find(([m, p]) => m === l.enrolment_id && p === l.product_id)?.[3] ?? 0;
        return {
          line_id: l.id,
          passed,
          rejects:
            passed < l.submitted
              ? [{ qty: l.submitted - passed, reason: 'stitching', reworkable: true }]
              : [],
        };
      }),
    });
    assert.equal(res.statusCode, 200, res.body);
  };

  const run = async (id: string) => {
    const res = await f.petugas.get(`/api/v1/premi/runs/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as RunJson;
  };
  const line = (r: RunJson, inmateId: string) => r.lines.find((l) => l.inmate_id === inmateId);
  const entryLines = (entryId: string) =>
    t.db.selectFrom('journal_lines').selectAll().where('entry_id', '=', entryId).execute();
  const prepare = (month: string) => f.petugas.json('POST', '/api/v1/premi/runs', { month });
  const reviewAndApprove = async (id: string) => {
    assert.equal((await f.petugas.json('POST', `/api/v1/premi/runs/${id}/review`)).statusCode, 200);
    const res = await f.kepala.json('POST', `/api/v1/premi/runs/${id}/approve`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { entry_id: string };
  };

  before(async () => {
    t = await startTestApp();
    f = await qcFixture(t);
    // The fixture's makers become inmates of the unit; a staff member makes key rings too.
    const asInmate = async (enrolmentId: string, name: string, reg: string) => {
      const i = await buildInmate(t.db, { unit_id: f.unitId, name, reg_number: reg });
      await t.db
        .updateTable('enrolments')
        .set({ kind: 'inmate', inmate_id: i.id })
        .where('id', '=', enrolmentId)
        .execute();
      return i.id;
    };
    inmates.ani = await asInmate(f.makers.ani, 'Ani Lestari', 'B.I 101/2025');
    inmates.budi = await asInmate(f.makers.budi, 'Budi Santoso', 'B.I 102/2025');
    const citra = (await buildEnrolment(t.db, { programme_id: f.programmeId, name: 'Citra (staf)' })).id;
    const kepalaUser = await buildUser(t.db, { roles: ['kepala_upt'], unit_id: f.unitId });
    kepalaCtx = { ...systemCtx(t.db), who: actingAs({ userId: kepalaUser.id, name: kepalaUser.full_name }) };

    // The addendum from 15 March raises the key-ring rate to 6.000 and sets its own split 40/20/40.
    await t.db
      .updateTable('agreement_terms')
      .set({ premi_pct: 40, pnbp_pct: 20, capital_pct: 40 })
      .where('source_id', 'in', (eb) =>
        eb.selectFrom('agreements').select('id').where('parent_id', '=', f.agreementId),
      )
      .execute();
    // 14 March, the unit's split: key rings at 5.000, wallets at 15.000.
    await checkedBatch('2026-03-11', '2026-03-14', [
      [f.makers.ani, f.keyring, 10, 8],
      [f.makers.budi, f.keyring, 4, 4],
      [f.makers.budi, f.wallet, 2, 2],
    ]);
    // 16 March, the addendum: key rings at 6.000; the staff member's two earn revenue, no premi.
    await checkedBatch('2026-03-16', '2026-03-16', [
      [f.makers.ani, f.keyring, 5, 5],
      [citra, f.keyring, 2, 2],
    ]);

    // Own sales: a bag of the class (so the agreement's split), Rp 50.000, Ani made two; the unit's
    // thread used for them cost Rp 10.000.
    const kind = await t.db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'tas')
      .executeTakeFirstOrThrow();
    const bag = await t.db
      .insertInto('products')
      .values({
        unit_id: f.unitId,
        programme_id: f.programmeId,
        kind_id: kind.id,
        name: 'Tas rajut unit',
        route: 'own',
        price: 50_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .transaction()
      .execute((trx) =>
        moveProduct(
          { ...systemCtx(t.db), db: trx },
          { productId: bag.id, kind: 'produced', qty: 2, day: '2026-03-05', enrolmentId: f.makers.ani },
        ),
      );
    const thread = await t.db
      .insertInto('materials')
      .values({ unit_id: f.unitId, name: 'Benang unit', uom: 'gram', owner: 'unit' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entry = await t.db
      .insertInto('production_entries')
      .values({
        unit_id: f.unitId,
        programme_id: f.programmeId,
        day: '2026-03-05',
        enrolment_id: f.makers.ani,
        product_id: bag.id,
        finished: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // As the production log saves it: what the entry used in production_entry_materials, and one
    // `used` movement per material for the whole save, which names no entry.
    await t.db
      .insertInto('production_entry_materials')
      .values({ entry_id: entry.id, material_id: thread.id, qty: 200 })
      .execute();
    await t.db
      .insertInto('material_movements')
      .values({
        unit_id: f.unitId,
        material_id: thread.id,
        kind: 'used',
        day: '2026-03-05',
        qty: -200,
        value: -10_000,
      })
      .execute();
    const sale = await f.petugas.json('POST', '/api/v1/sales', {
      sold_on: '2026-03-20',
      channel: 'bazaar',
      payment_method: 'tunai',
      lines: [{ product_id: bag.id, qty: 1 }],
    });
    assert.equal(sale.statusCode, 201, sale.body);

    // Training: Dewi attends two sessions, Budi one (late).
    const training = await buildProgramme(t.db, { unit_id: f.unitId, name: 'Pelatihan menjahit' });
    inmates.dewi = (
      await buildInmate(t.db, { unit_id: f.unitId, name: 'Dewi Anggraini', reg_number: 'B.I 103/2025' })
    ).id;
    const dewiIn = await buildEnrolment(t.db, { programme_id: training.id, inmate_id: inmates.dewi });
    const budiIn = await buildEnrolment(t.db, { programme_id: training.id, inmate_id: inmates.budi });
    for (const day of ['2026-03-10', '2026-03-11']) {
      const s = await buildSession(t.db, { programme_id: training.id, day });
      await buildMark(t.db, { session_id: s.id, enrolment_id: dewiIn.id, status: 'hadir' });
      if (day === '2026-03-10')
        await buildMark(t.db, { session_id: s.id, enrolment_id: budiIn.id, status: 'terlambat' });
      else await buildMark(t.db, { session_id: s.id, enrolment_id: budiIn.id, status: 'alpa' });
    }
  });
  after(() => t.close());

  test('the unit premi settings: a split that does not total 100 is refused per field, nothing written', async () => {
    await f.kepala.get('/premi/settings');
    const bad = await f.kepala.postForm('/premi/settings', {
      premi_pct: '60',
      pnbp_pct: '15',
      capital_pct: '30',
      premi_min_session: '15000',
      premi_spendable_pct: '25',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /harus berjumlah 100% \(sekarang 105%\)/);
    assert.match(bad.body, /data-testid="error-premi_pct"/);
    assert.match(bad.body, /data-testid="error-capital_pct"/);
    const tooMuch = await f.kepala.postForm('/premi/settings', {
      premi_pct: '50',
      pnbp_pct: '15',
      capital_pct: '35',
      premi_min_session: '15000',
      premi_spendable_pct: '30',
    });
    assert.equal(tooMuch.statusCode, 400);
    const unit = await t.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', f.unitId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(unit.premi_min_session), 0, 'nothing written');
    assert.equal((await f.petugas.postForm('/premi/settings', { premi_pct: '50' })).statusCode, 403);
    const ok = await f.kepala.postForm('/premi/settings', {
      premi_pct: '50',
      pnbp_pct: '15',
      capital_pct: '35',
      premi_min_session: '15000',
      premi_spendable_pct: '25',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(
      (await auditRecordsOf(t.db, { entityId: f.unitId, action: 'premi.settings_updated' })).length,
      1,
    );
  });

  test('a month not yet ended is refused (422), on the API and on the form', async () => {
    const open = await prepare(todayWib().slice(0, 7));
    assert.equal(open.statusCode, 422, open.body);
    assert.equal((open.json() as { error: { code: string } }).error.code, 'premi.month_open');
    await f.petugas.get('/premi');
    const form = await f.petugas.postForm('/premi/runs', { month: todayWib().slice(0, 7) });
    assert.equal(form.statusCode, 422);
    assert.match(form.body, /belum berakhir/);
    assert.equal(
      Number(
        (
          await t.db
            .selectFrom('premi_runs')
            .select((e) => e.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
    );
  });

  test('March: offtake split by the unit (50/15/35) and by the addendum (40/20/40), own sales, the trainee minimum', async () => {
    const res = await prepare('2026-03');
    assert.equal(res.statusCode, 201, res.body);
    marchRun = (res.json() as { id: string }).id;
    const r = await run(marchRun);
    assert.equal(r.status, 'draft');
    // 8 x 5.000 + 4 x 5.000 + 2 x 15.000 on the 14th; 7 x 6.000 on the 16th
    assert.equal(r.revenue_offtake, 90_000 + 42_000);
    assert.equal(r.revenue_sales, 50_000);
    const offtake = r.groups
      .filter((g) => g.source === 'offtake')
      .map((g) => [
        g.from_agreement,
        g.premi_pct,
        g.pnbp_pct,
        g.capital_pct,
        g.revenue,
        g.premi,
        g.pnbp,
        g.capital,
      ]);
    assert.deepEqual(offtake.sort(), [
      [false, 50, 15, 35, 90_000, 45_000, 13_500, 31_500],
      [true, 40, 20, 40, 42_000, 16_800, 8_400, 16_800],
    ]);
    const sales = r.groups.find((g) => g.source === 'sales');
    assert.deepEqual(
      [
        sales?.from_agreement,
        sales?.revenue,
        sales?.material_cost,
        sales?.premi,
        sales?.pnbp,
        sales?.capital,
      ],
      [true, 50_000, 10_000, 16_000, 8_000, 16_000],
    );
    for (const g of r.groups) assert.equal(g.revenue, g.premi + g.pnbp + g.capital + g.material_cost);

    const ani = line(r, inmates.ani);
    // 14th: 40.000 of 90.000 -> 20.000; 16th: all 16.800 (the staff member's weight goes to nobody); sales 16.000
    assert.deepEqual(
      [ani?.items_passed, ani?.offtake_premi, ani?.items_own, ani?.sales_premi, ani?.total],
      [13, 36_800, 2, 16_000, 52_800],
    );
    assert.deepEqual([ani?.saved, ani?.spendable], [39_600, 13_200]);
    const budi = line(r, inmates.budi);
    assert.deepEqual(
      [budi?.offtake_premi, budi?.sessions, budi?.minimum, budi?.topup, budi?.total],
      [25_000, 1, 15_000, 0, 25_000],
    );
    const dewi = line(r, inmates.dewi);
    assert.deepEqual(
      [dewi?.sessions, dewi?.minimum, dewi?.topup, dewi?.total, dewi?.saved, dewi?.spendable],
      [2, 30_000, 30_000, 30_000, 22_500, 7_500],
    );
    assert.equal(r.lines.length, 3, 'the staff member has no line');

    const page = await f.petugas.get(`/premi/runs/${marchRun}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Dewi Anggraini/);
    assert.match(page.body, /Minimum berlaku/);
    assert.match(page.body, /Rp 52\.800/);
    const breakdown = await f.petugas.get(`/premi/runs/${marchRun}/inmates/${inmates.ani}`);
    assert.equal(breakdown.statusCode, 200);
    assert.match(breakdown.body, /Rp 5\.000/);
    assert.match(
      breakdown.body,
      /Rp 6\.000/,
      'the rate changed by the addendum mid-month shows as its own row',
    );
    assert.equal(
      (await f.instructor.get(`/premi/runs/${marchRun}`)).statusCode,
      403,
      'an instructor sees no money',
    );
    assert.equal((await f.instructor.get(`/api/v1/premi/runs/${marchRun}`)).statusCode, 403);
  });

  test('an empty run is refused at approval (422) and posts nothing', async () => {
    const res = await prepare('2026-05');
    assert.equal(res.statusCode, 201, res.body);
    const id = (res.json() as { id: string }).id;
    assert.equal((await f.petugas.json('POST', `/api/v1/premi/runs/${id}/review`)).statusCode, 200);
    const approve = await f.kepala.json('POST', `/api/v1/premi/runs/${id}/approve`);
    assert.equal(approve.statusCode, 422, approve.body);
    assert.equal((approve.json() as { error: { code: string } }).error.code, 'premi.empty_run');
    assert.equal((await run(id)).status, 'reviewed');
    assert.equal(
      (await t.db.selectFrom('journal_entries').select('id').where('source_id', '=', id).execute()).length,
      0,
    );
  });

  test('two approvals at the same moment post once: one succeeds, the other gets 409', async () => {
    assert.equal(
      (await f.kepala.json('POST', `/api/v1/premi/runs/${marchRun}/approve`)).statusCode,
      409,
      'not reviewed yet',
    );
    assert.equal((await f.petugas.json('POST', `/api/v1/premi/runs/${marchRun}/review`)).statusCode, 200);
    assert.equal(
      (await f.petugas.json('POST', `/api/v1/premi/runs/${marchRun}/approve`)).statusCode,
      403,
      'petugas may not approve',
    );
    assert.match((await f.kepala.get(`/premi/runs/${marchRun}`)).body, /data-testid="run-approve"/);
    assert.doesNotMatch((await f.petugas.get(`/premi/runs/${marchRun}`)).body, /data-testid="run-approve"/);
    const results = await Promise.allSettled([
      approveRun(kepalaCtx, marchRun),
      approveRun(kepalaCtx, marchRun),
    ]);
    assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1);
    const lost = results.find((x) => x.status === 'rejected');
    assert.ok(lost && lost.reason instanceof AppError);
    assert.equal(lost.reason.status, 409);
    assert.equal(lost.reason.code, 'premi.already_posted');
    const entries = await t.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('source_id', '=', marchRun)
      .execute();
    assert.equal(entries.length, 1);
    const again = await f.kepala.json('POST', `/api/v1/premi/runs/${marchRun}/approve`);
    assert.equal(again.statusCode, 409);
    assert.equal((again.json() as { error: { code: string } }).error.code, 'premi.already_posted');
    assert.equal((await prepare('2026-03')).statusCode, 409, 'a posted month is not prepared again');
  });

  test("the posted entry balances, follows the brief's conventions, and credits each inmate's pockets", async () => {
    const r = await run(marchRun);
    assert.equal(r.status, 'posted');
    assert.ok(r.entry_id);
    const entry = await t.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('id', '=', r.entry_id)
      .executeTakeFirstOrThrow();
    assert.equal(entry.kind, 'premi_run');
    assert.equal(entry.day, '2026-03-31');
    const lines = await entryLines(r.entry_id);
    const sum = (account: string, purposes: string[]) =>
      lines
        .filter((l) => l.account === account && purposes.includes(l.purpose))
        .reduce((s, l) => s + Number(l.amount), 0);
    assert.equal(
      lines.reduce((s, l) => s + Number(l.amount), 0),
      0,
    );
    assert.equal(sum('receivable', ['offtake']), 132_000);
    assert.equal(sum('cash', ['sales']), 50_000);
    const revenue = -sum('revenue', ['offtake', 'sales']);
    assert.equal(revenue, 182_000);
    assert.equal(
      revenue,
      -sum('premi', ['share']) -
        sum('premi_pool', ['pool']) -
        sum('premi', ['pool']) -
        sum('pnbp', ['share']) -
        sum('capital', ['share', 'material_cost']),
    );
    assert.equal(sum('capital', ['topup']), 30_000);
    assert.equal(sum('premi', ['topup']), -30_000);
    assert.deepEqual(await balanceOf(t, inmates.ani), { saved: 39_600, spendable: 13_200 });
    assert.deepEqual(await balanceOf(t, inmates.dewi), { saved: 22_500, spendable: 7_500 });
    assert.equal((await auditRecordsOf(t.db, { entityId: marchRun, action: 'premi.run_posted' })).length, 1);
  });

  test('a reversing run in a later month undoes the posting; then March is prepared and posted again', async () => {
    const early = await f.petugas.json('POST', `/api/v1/premi/runs/${marchRun}/reverse`, {
      month: '2026-03',
      reason: 'Salah hitung',
    });
    assert.equal(early.statusCode, 400, early.body);
    const blank = await f.petugas.postForm(`/premi/runs/${marchRun}/reverse`, {
      month: '2026-04',
      reason: ' ',
    });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /data-testid="error-reason"/);
    const res = await f.petugas.json('POST', `/api/v1/premi/runs/${marchRun}/reverse`, {
      month: '2026-04',
      reason: 'Tarif adendum salah dicatat',
    });
    assert.equal(res.statusCode, 201, res.body);
    const revId = (res.json() as { id: string }).id;
    assert.equal(
      (
        await f.petugas.json('POST', `/api/v1/premi/runs/${marchRun}/reverse`, {
          month: '2026-04',
          reason: 'lagi',
        })
      ).statusCode,
      409,
    );
    const rev = await run(revId);
    assert.deepEqual(
      [rev.kind, rev.status, rev.month, rev.revenue_offtake],
      ['reversal', 'draft', '2026-04', -132_000],
    );
    assert.equal(line(rev, inmates.ani)?.total, -52_800);
    assert.equal((await prepare('2026-03')).statusCode, 409, 'not until the reversal is posted');

    const { entry_id } = await reviewAndApprove(revId);
    const entry = await t.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('id', '=', entry_id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([entry.kind, entry.day], ['premi_reversal', '2026-04-30']);
    const original = await entryLines((await run(marchRun)).entry_id ?? '');
    const reversedLines = await entryLines(entry_id);
    assert.equal(reversedLines.length, original.length);
    assert.equal(
      reversedLines.reduce((s, l) => s + Number(l.amount), 0),
      0,
    );
    assert.deepEqual(await balanceOf(t, inmates.ani), { saved: 0, spendable: 0 });

    const again = await prepare('2026-03');
    assert.equal(again.statusCode, 201, again.body);
    const newId = (again.json() as { id: string }).id;
    assert.notEqual(newId, marchRun);
    await reviewAndApprove(newId);
    assert.equal(line(await run(newId), inmates.ani)?.total, 52_800);
    assert.deepEqual(await balanceOf(t, inmates.ani), { saved: 39_600, spendable: 13_200 });
    const list = await f.petugas.get('/premi');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Pembalikan premi Maret 2026/);
    assert.match(list.body, /Dibalik/);
  });

  test('runs are seen only in their unit; the regional office sees no runs', async () => {
    const other = await buildUser(t.db, { roles: ['petugas'] });
    const c = await t.signedIn(other.username);
    assert.equal((await c.get(`/api/v1/premi/runs/${marchRun}`)).statusCode, 404);
    const list = (await c.get('/api/v1/premi/runs')).json() as { total: number };
    assert.equal(list.total, 0);
    const kanwil = await buildUser(t.db, { roles: ['kanwil'] });
    const k = await t.signedIn(kanwil.username);
    assert.equal((await k.get('/premi')).statusCode, 403);
  });
});
