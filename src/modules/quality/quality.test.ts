import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { auditRecordsOf } from '../audit/audit.service.ts';
import { type QcFixture, qcFixture } from './quality.fixture.ts';

interface BatchJson {
  id: string;
  number: string;
  status: string;
  passed: number | null;
  amount: number;
  lines: Array<{
    id: string;
    enrolment_id: string;
    product_id: string;
    submitted: number;
    passed: number | null;
    rate: number | null;
    amount: number | null;
    rejects: Array<{ qty: number; reason: string; reworkable: boolean; disposition: string }>;
  }>;
}

describe('partner quality check', () => {
  let t: TestApp;
  let f: QcFixture;

  before(async () => {
    t = await startTestApp();
    f = await qcFixture(t);
  });
  after(() => t.close());

  const send = async (lines: Array<[string, string, number]>, sentOn = '2026-03-11') => {
    const res = await f.petugas.json('POST', '/api/v1/qc-batches', {
      programme_id: f.programmeId,
      sent_on: sentOn,
      lines: lines.map(([enrolment_id, product_id, qty]) => ({ enrolment_id, product_id, qty })),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as BatchJson;
  };
  const lineOf = (b: BatchJson, enrolmentId: string, productId: string) => {
    const l = b.lines.find((x) => x.enrolment_id === enrolmentId && x.product_id === productId);
    assert.ok(l);
    return l;
  };

  test('a batch takes what each maker holds awaiting the check, prefilled on the page, with a gapless number', async () => {
    const { ani, budi } = f.makers;
    await f.produce(ani, f.keyring, 6);
    await f.produce(budi, f.keyring, 4);
    await f.produce(budi, f.wallet, 2);
    const page = await f.petugas.get(`/qc-batches/new?programme=${f.programmeId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ani Lestari/);
    assert.match(page.body, new RegExp(`name="qty\\.${ani}\\.${f.keyring}"[^>]*value="6"`));
    // Ani sends 5 of her 6; Budi his wallets only (keyrings down to 0).
    const res = await f.petugas.postForm('/qc-batches', {
      programme_id: f.programmeId,
      sent_on: '2026-03-11',
      [`qty.${ani}.${f.keyring}`]: '5',
      [`qty.${budi}.${f.keyring}`]: '0',
      [`qty.${budi}.${f.wallet}`]: '2',
    });
    assert.equal(res.statusCode, 303, res.body);
    const id = String(res.headers.location).split('/').pop() ?? '';
    const b = (await f.petugas.get(`/api/v1/qc-batches/${id}`)).json() as BatchJson;
    assert.equal(b.number, 'QC/2026/0001');
    assert.equal(b.status, 'sent');
    assert.deepEqual(b.lines.map((l) => l.submitted).sort(), [2, 5]);
    assert.deepEqual(await f.stock(f.keyring), { awaiting_check: 5, in_check: 5, on_hand: 0, sold: 0 });
    const detail = await f.petugas.get(`/qc-batches/${id}`);
    assert.match(detail.body, /QC\/2026\/0001/);
    assert.match(detail.body, /Budi Santoso/);
    // Without lines: everything still awaiting (Ani's last keyring, Budi's 4).
    const rest = await f.petugas.json('POST', '/api/v1/qc-batches', {
      programme_id: f.programmeId,
      sent_on: '2026-03-11',
    });
    assert.equal(rest.statusCode, 201, rest.body);
    const r = rest.json() as BatchJson;
    assert.equal(r.number, 'QC/2026/0002');
    assert.equal(lineOf(r, ani, f.keyring).submitted, 1);
    assert.equal(lineOf(r, budi, f.keyring).submitted, 4);
    assert.equal((await f.stock(f.keyring)).awaiting_check, 0);
    assert.equal((await auditRecordsOf(t.db, { entityId: id, action: 'quality.batch_sent' })).length, 1);
  });

  test('sending more than a maker holds is refused by the ledger (409) and nothing is written', async () => {
    const { ani } = f.makers;
    await f.produce(ani, f.wallet, 1);
    const [batches, lines, moves] = [
      await f.count('qc_batches'),
      await f.count('qc_batch_lines'),
      await f.count('product_movements'),
    ];
    const res = await f.petugas.json('POST', '/api/v1/qc-batches', {
      programme_id: f.programmeId,
      sent_on: '2026-03-11',
      lines: [{ enrolment_id: ani, product_id: f.wallet, qty: 3 }],
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.body, /tidak cukup: tersisa 1/);
    const form = await f.petugas.postForm('/qc-batches', {
      programme_id: f.programmeId,
      sent_on: '2026-03-11',
      [`qty.${ani}.${f.wallet}`]: '3',
    });
    assert.equal(form.statusCode, 409);
    assert.match(form.body, /tidak cukup: tersisa 1/);
    assert.match(form.body, /data-testid="error-summary"/);
    const negative = await f.petugas.postForm('/qc-batches', {
      programme_id: f.programmeId,
      sent_on: '2026-03-11',
      [`qty.${ani}.${f.wallet}`]: '1.5',
    });
    assert.equal(negative.statusCode, 400);
    assert.deepEqual(
      [await f.count('qc_batches'), await f.count('qc_batch_lines'), await f.count('product_movements')],
      [batches, lines, moves],
    );
    // The number is not used up by the refusal.
    const ok = await send([[ani, f.wallet, 1]]);
    assert.match(ok.number, /^QC\/2026\/\d{4}$/);
    assert.equal(Number(ok.number.slice(-4)), batches + 1);
  });

  test('the check on the 14th takes the old rate; reworkable rejects go back to the maker, others are scrapped', async () => {
    const { ani, budi } = f.makers;
    await f.produce(ani, f.keyring, 10);
    await f.produce(budi, f.keyring, 3);
    const b = await send([
      [ani, f.keyring, 10],
      [budi, f.keyring, 3],
    ]);
    const before = await f.stock(f.keyring);
    const a = lineOf(b, ani, f.keyring);
    const c = lineOf(b, budi, f.keyring);
    const res = await f.instructor.json('POST', `/api/v1/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-14',
      lines: [
        {
          line_id: a.id,
          passed: 7,
          rejects: [
            { qty: 2, reason: 'stitching', reworkable: true },
            { qty: 1, reason: 'colour', reworkable: false },
          ],
        },
        { line_id: c.id, passed: 3, rejects: [] },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const checked = res.json() as BatchJson;
    assert.equal(checked.status, 'checked');
    assert.equal(lineOf(checked, ani, f.keyring).rate, 5000);
    assert.equal(lineOf(checked, ani, f.keyring).amount, 35000);
    assert.equal(checked.amount, 50000);
    assert.deepEqual(
      lineOf(checked, ani, f.keyring)
        .rejects.map((r) => `${r.qty} ${r.reason} ${r.disposition}`)
        .sort(),
      ['1 colour scrap', '2 stitching rework'],
    );
    const afterCheck = await f.stock(f.keyring);
    assert.equal(afterCheck.in_check, before.in_check - 13);
    assert.equal(afterCheck.sold, before.sold + 10);
    assert.equal(
      afterCheck.awaiting_check,
      before.awaiting_check + 2,
      'reworkable rejects return to the pool',
    );
    assert.equal(
      afterCheck.on_hand,
      before.on_hand,
      'the agreement did not allow selling rejects on the 14th',
    );
    // Back in Ani's own pool: the next batch form offers them to her.
    const page = await f.petugas.get(`/qc-batches/new?programme=${f.programmeId}`);
    assert.match(page.body, new RegExp(`name="qty\\.${ani}\\.${f.keyring}"[^>]*value="2"`));
    assert.equal((await auditRecordsOf(t.db, { entityId: b.id, action: 'quality.batch_checked' })).length, 1);
  });

  test("from the 15th the addendum's rate applies and unfixable rejects go to the unit's own sale stock", async () => {
    const { budi } = f.makers;
    await f.produce(budi, f.keyring, 5);
    const b = await send([[budi, f.keyring, 5]], '2026-03-15');
    const before = await f.stock(f.keyring);
    const l = lineOf(b, budi, f.keyring);
    // Through the page, as the partner's instructor records it in the hall.
    const page = await f.instructor.get(`/qc-batches/${b.id}/check`);
    assert.equal(page.statusCode, 200);
    const res = await f.instructor.postForm(`/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-15',
      [`passed.${l.id}`]: '4',
      [`rq.${l.id}.0`]: '1',
      [`rr.${l.id}.0`]: 'size',
      [`rw.${l.id}.0`]: 'no',
    });
    assert.equal(res.statusCode, 303, res.body);
    const checked = (await f.petugas.get(`/api/v1/qc-batches/${b.id}`)).json() as BatchJson;
    assert.equal(lineOf(checked, budi, f.keyring).rate, 6000);
    assert.equal(checked.amount, 24000);
    assert.equal(lineOf(checked, budi, f.keyring).rejects[0]?.disposition, 'own_stock');
    const afterCheck = await f.stock(f.keyring);
    assert.equal(afterCheck.on_hand, before.on_hand + 1);
    assert.equal(afterCheck.sold, before.sold + 4);
  });

  test('more passed than sent, or counts that do not add up, are refused per line (400) and nothing is written', async () => {
    const { ani } = f.makers;
    await f.produce(ani, f.wallet, 3);
    const b = await send([[ani, f.wallet, 3]]);
    const l = lineOf(b, ani, f.wallet);
    const moves = await f.count('product_movements');
    const over = await f.instructor.json('POST', `/api/v1/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-14',
      lines: [{ line_id: l.id, passed: 4, rejects: [] }],
    });
    assert.equal(over.statusCode, 400, over.body);
    const body = over.json() as { error: { fields: Array<{ field: string; message: string }> } };
    assert.equal(body.error.fields[0]?.field, `passed.${l.id}`);
    assert.match(
      body.error.fields[0]?.message ?? '',
      /Jumlah lulus \(4\) melebihi jumlah yang dikirim \(3\)/,
    );
    const short = await f.instructor.postForm(`/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-14',
      [`passed.${l.id}`]: '1',
      [`rq.${l.id}.0`]: '1',
      [`rr.${l.id}.0`]: 'finishing',
      [`rw.${l.id}.0`]: 'yes',
    });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /ditambah ditolak \(1\) harus sama dengan jumlah yang dikirim \(3\)/);
    const future = await f.instructor.json('POST', `/api/v1/qc-batches/${b.id}/check`, {
      checked_on: '2099-01-01',
      lines: [{ line_id: l.id, passed: 3, rejects: [] }],
    });
    assert.equal(future.statusCode, 400);
    const early = await f.instructor.json('POST', `/api/v1/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-10',
      lines: [{ line_id: l.id, passed: 3, rejects: [] }],
    });
    assert.equal(early.statusCode, 400);
    assert.equal(await f.count('product_movements'), moves);
    const still = (await f.petugas.get(`/api/v1/qc-batches/${b.id}`)).json() as BatchJson;
    assert.equal(still.status, 'sent');
    assert.equal(still.lines[0]?.passed, null);
  });

  test('a product with no rate in the agreement in force is refused (422) and nothing is written', async () => {
    const { ani } = f.makers;
    await f.produce(ani, f.bag, 1);
    await f.produce(ani, f.wallet, 1);
    const b = await send([
      [ani, f.bag, 1],
      [ani, f.wallet, 1],
    ]);
    const [rejects, moves] = [await f.count('qc_rejects'), await f.count('product_movements')];
    const res = await f.petugas.json('POST', `/api/v1/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-20',
      lines: b.lines.map((l) => ({ line_id: l.id, passed: 1, rejects: [] })),
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.body, /Tas rajut/);
    assert.equal((res.json() as { error: { code: string } }).error.code, 'production.rate_missing');
    assert.deepEqual([await f.count('qc_rejects'), await f.count('product_movements')], [rejects, moves]);
    // A bag that is wholly rejected needs no rate.
    const ok = await f.petugas.json('POST', `/api/v1/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-20',
      lines: b.lines.map((l) =>
        l.product_id === f.bag
          ? { line_id: l.id, passed: 0, rejects: [{ qty: 1, reason: 'other', reworkable: true }] }
          : { line_id: l.id, passed: 1, rejects: [] },
      ),
    });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test("another partner's instructor gets 404 on the batch and its check; the list shows them only their own", async () => {
    const { ani } = f.makers;
    await f.produce(ani, f.wallet, 1);
    const b = await send([[ani, f.wallet, 1]]);
    const l = lineOf(b, ani, f.wallet);
    const o = f.otherInstructor;
    assert.equal((await o.get(`/qc-batches/${b.id}`)).statusCode, 404);
    assert.equal((await o.get(`/api/v1/qc-batches/${b.id}`)).statusCode, 404);
    assert.equal((await o.get(`/qc-batches/${b.id}/check`)).statusCode, 404);
    const post = await o.postForm(`/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-14',
      [`passed.${l.id}`]: '1',
    });
    assert.equal(post.statusCode, 404);
    const api = await o.json('POST', `/api/v1/qc-batches/${b.id}/check`, {
      checked_on: '2026-03-14',
      lines: [{ line_id: l.id, passed: 1, rejects: [] }],
    });
    assert.equal(api.statusCode, 404);
    assert.equal((await o.get(`/qc-batches/new?programme=${f.programmeId}`)).statusCode, 404);
    const list = (await o.get('/api/v1/qc-batches')).json() as { items: unknown[] };
    assert.equal(list.items.length, 0);
    const own = (await f.instructor.get('/api/v1/qc-batches')).json() as { total: number };
    assert.ok(own.total > 0);
    assert.equal(((await f.petugas.get(`/api/v1/qc-batches/${b.id}`)).json() as BatchJson).status, 'sent');
  });

  test('a batch is checked once: of two checks at the same moment one wins and the other gets 409', async () => {
    const { budi } = f.makers;
    await f.produce(budi, f.wallet, 2);
    const b = await send([[budi, f.wallet, 2]]);
    const l = lineOf(b, budi, f.wallet);
    const body = { checked_on: '2026-03-16', lines: [{ line_id: l.id, passed: 2, rejects: [] }] };
    const before = await f.stock(f.wallet);
    const [r1, r2] = await Promise.all([
      f.petugas.json('POST', `/api/v1/qc-batches/${b.id}/check`, body),
      f.instructor.json('POST', `/api/v1/qc-batches/${b.id}/check`, body),
    ]);
    assert.deepEqual([r1.statusCode, r2.statusCode].sort(), [200, 409]);
    assert.equal((await f.stock(f.wallet)).sold, before.sold + 2);
    const again = await f.petugas.json('POST', `/api/v1/qc-batches/${b.id}/check`, body);
    assert.equal(again.statusCode, 409);
  });

  test('the agreement form sets whether unfixable rejects may be sold by the unit, and shows it', async () => {
    await f.petugas.get('/agreements/new');
    const res = await f.petugas.postForm('/agreements', {
      partner_id: f.partnerId,
      kind: 'pks',
      title: 'PKS Produksi Tas Rajut',
      valid_from: '2026-05-01',
      pay_model: 'piece_rate',
      piece_rates: 'Tas rajut; buah; 25000',
      rejects_saleable: 'true',
    });
    assert.equal(res.statusCode, 303, res.body);
    const id = String(res.headers.location).split('/').pop() ?? '';
    const d = (await f.petugas.get(`/api/v1/agreements/${id}?on=2026-05-02`)).json() as {
      terms_in_force: { rejects_saleable: boolean };
    };
    assert.equal(d.terms_in_force.rejects_saleable, true);
    assert.match(
      (await f.petugas.get(`/agreements/${id}?on=2026-05-02`)).body,
      /data-testid="terms-rejects-saleable">Ya/,
    );
    const edit = await f.petugas.get(`/agreements/${id}/edit`);
    assert.match(edit.body, /name="rejects_saleable" value="true" checked/);
    // Unticked on the edit form: the term is off again.
    const off = await f.petugas.postForm(`/agreements/${id}`, {
      title: 'PKS Produksi Tas Rajut',
      valid_from: '2026-05-01',
      pay_model: 'piece_rate',
      piece_rates: 'Tas rajut; buah; 25000',
    });
    assert.equal(off.statusCode, 303, off.body);
    const d2 = (await f.petugas.get(`/api/v1/agreements/${id}?on=2026-05-02`)).json() as {
      terms_in_force: { rejects_saleable: boolean };
    };
    assert.equal(d2.terms_in_force.rejects_saleable, false);
  });

  test("a partner's instructor sends their own programme's items; another partner's programme is not theirs to know of", async () => {
    const { budi } = f.makers;
    await f.produce(budi, f.wallet, 1);
    const own = await f.instructor.json('POST', '/api/v1/qc-batches', {
      programme_id: f.programmeId,
      sent_on: '2026-03-12',
      lines: [{ enrolment_id: budi, product_id: f.wallet, qty: 1 }],
    });
    assert.equal(own.statusCode, 201, own.body);
    const other = await f.otherInstructor.json('POST', '/api/v1/qc-batches', {
      programme_id: f.programmeId,
      sent_on: '2026-03-12',
    });
    assert.equal(other.statusCode, 404);
  });

  test('a programme without a partner has no partner check', async () => {
    const res = await f.petugas.json('POST', '/api/v1/programmes', {
      name: 'Kebun sayur',
      kind: 'production',
      capacity: 10,
    });
    const id = (res.json() as { id: string }).id;
    const r = await f.petugas.json('POST', '/api/v1/qc-batches', { programme_id: id, sent_on: '2026-03-11' });
    assert.equal(r.statusCode, 409);
    assert.equal((await f.petugas.get('/qc-batches')).statusCode, 200);
    assert.equal((await f.petugas.get('/qc-batches/new')).statusCode, 200);
  });
});
