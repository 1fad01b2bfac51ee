import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { systemCtx } from '../../app/principal.ts';
import { auditRecordsOf } from '../audit/audit.service.ts';
import { type QcFixture, qcFixture } from '../quality/quality.fixture.ts';
import { unpaidInvoices } from './offtake.service.ts';

interface InvoiceJson {
  id: string;
  number: string;
  total: number;
  paid: number;
  owed: number;
  status: string;
  age: number | null;
  lines: Array<{ batch_number: string; product_name: string; passed: number; rate: number; amount: number }>;
  payments: Array<{ amount: number; method: string; reference: string | null }>;
}

describe('offtake invoices to the partner', () => {
  let t: TestApp;
  let f: QcFixture;
  /** Two checked batches: on the 14th (old rates) and on the 16th (the addendum's). */
  const batches: string[] = [];

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
    return b.id;
  };

  before(async () => {
    t = await startTestApp();
    f = await qcFixture(t);
    const { ani, budi } = f.makers;
    // 14 March: keyrings at Rp 5.000, wallets at Rp 15.000.
    batches.push(
      await checkedBatch('2026-03-11', '2026-03-14', [
        [ani, f.keyring, 10, 8],
        [budi, f.keyring, 4, 4],
        [budi, f.wallet, 2, 2],
      ]),
    );
    // 16 March: keyrings at the addendum's Rp 6.000.
    batches.push(await checkedBatch('2026-03-16', '2026-03-16', [[ani, f.keyring, 5, 5]]));
  });
  after(() => t.close());

  test('an invoice from checked batches is passed items x the rates in force, per product, and each batch is invoiced once', async () => {
    const page = await f.petugas.get(`/offtake-invoices/new?partner=${f.partnerId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /QC\/2026\/0001/);
    assert.match(page.body, /Rp 90\.000/);
    const res = await f.petugas.postForm('/offtake-invoices', {
      partner_id: f.partnerId,
      batch_ids: batches,
      issued_on: '2026-03-31',
      due_on: '2026-04-30',
    });
    assert.equal(res.statusCode, 303, res.body);
    const id = String(res.headers.location).split('/').pop() ?? '';
    const inv = (await f.petugas.get(`/api/v1/offtake-invoices/${id}`)).json() as InvoiceJson;
    assert.equal(inv.number, 'INV/2026/0001');
    // 12 keyrings x 5.000 + 2 wallets x 15.000 + 5 keyrings x 6.000
    assert.equal(inv.total, 60_000 + 30_000 + 30_000);
    assert.equal(inv.owed, inv.total);
    assert.equal(inv.status, 'open');
    assert.deepEqual(
      inv.lines.map((l) => [l.batch_number, l.product_name, l.passed, l.rate, l.amount]),
      [
        ['QC/2026/0001', 'Dompet rajut', 2, 15000, 30000],
        ['QC/2026/0001', 'Gantungan kunci rajut', 12, 5000, 60000],
        ['QC/2026/0002', 'Gantungan kunci rajut', 5, 6000, 30000],
      ],
    );
    const shown = await f.petugas.get(`/offtake-invoices/${id}`);
    assert.match(shown.body, /Rp 120\.000/);
    assert.doesNotMatch(shown.body, /Ani Lestari/, 'an invoice lists products, not inmates');
    const pdf = await f.petugas.get(`/offtake-invoices/${id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const batch = (await f.petugas.get(`/api/v1/qc-batches/${batches[0]}`)).json() as { status: string };
    assert.equal(batch.status, 'invoiced');
    const again = await f.petugas.json('POST', '/api/v1/offtake-invoices', {
      partner_id: f.partnerId,
      batch_ids: [batches[0]],
      issued_on: '2026-03-31',
    });
    assert.equal(again.statusCode, 409, again.body);
    const otherPartner = await f.petugas.json('POST', '/api/v1/offtake-invoices', {
      partner_id: f.otherPartnerId,
      batch_ids: [batches[1]],
      issued_on: '2026-03-31',
    });
    assert.equal(otherPartner.statusCode, 409, otherPartner.body);
    assert.equal(await f.count('offtake_invoices'), 1);
    assert.deepEqual(await unpaidInvoices(systemCtx(t.db)), { count: 1, owed: 120_000 });
    assert.equal((await auditRecordsOf(t.db, { entityId: id, action: 'offtake.invoice_issued' })).length, 1);
  });

  test('a partial then a full payment: what is owed goes down, and the invoice is paid when nothing is', async () => {
    const list = (await f.petugas.get('/api/v1/offtake-invoices?status=open')).json() as {
      items: InvoiceJson[];
    };
    const inv = list.items[0];
    assert.ok(inv);
    assert.ok(inv.age !== null && inv.age > 0, 'an open invoice has an age in days');
    const qris = await f.petugas.json('POST', `/api/v1/offtake-invoices/${inv.id}/payments`, {
      paid_on: '2026-04-10',
      amount: 50_000,
      method: 'qris',
    });
    assert.equal(qris.statusCode, 400, qris.body);
    assert.match(qris.body, /QRIS harus mencantumkan nomor referensi/);
    const part = await f.petugas.postForm(`/offtake-invoices/${inv.id}/payments`, {
      paid_on: '2026-04-10',
      amount: '50000',
      method: 'transfer',
      reference: 'TRF-0410',
    });
    assert.equal(part.statusCode, 303, part.body);
    let d = (await f.petugas.get(`/api/v1/offtake-invoices/${inv.id}`)).json() as InvoiceJson;
    assert.deepEqual([d.paid, d.owed, d.status], [50_000, 70_000, 'open']);
    const over = await f.petugas.postForm(`/offtake-invoices/${inv.id}/payments`, {
      paid_on: '2026-04-20',
      amount: '70001',
      method: 'tunai',
    });
    assert.equal(over.statusCode, 400);
    assert.match(over.body, /Melebihi sisa tagihan \(Rp 70\.000\)/);
    assert.match(over.body, /data-testid="error-amount"/);
    assert.equal(await f.count('offtake_payments'), 1);
    const full = await f.petugas.json('POST', `/api/v1/offtake-invoices/${inv.id}/payments`, {
      paid_on: '2026-04-20',
      amount: 70_000,
      method: 'qris',
      reference: 'QRIS-88231',
    });
    assert.equal(full.statusCode, 201, full.body);
    d = full.json() as InvoiceJson;
    assert.deepEqual([d.paid, d.owed, d.status, d.age], [120_000, 0, 'paid', null]);
    assert.equal(d.payments.length, 2);
    const more = await f.petugas.json('POST', `/api/v1/offtake-invoices/${inv.id}/payments`, {
      paid_on: '2026-04-21',
      amount: 1,
      method: 'tunai',
    });
    assert.equal(more.statusCode, 409);
    assert.deepEqual(await unpaidInvoices(systemCtx(t.db)), { count: 0, owed: 0 });
    assert.equal(
      (await auditRecordsOf(t.db, { entityId: inv.id, action: 'offtake.payment_received' })).length,
      2,
    );
  });

  test('the receivables list and the pages answer; instructors and read-only offices have no invoices', async () => {
    assert.equal((await f.petugas.get('/offtake-invoices?status=open')).statusCode, 200);
    assert.equal((await f.petugas.get('/offtake-invoices')).statusCode, 200);
    assert.equal((await f.petugas.get('/offtake-invoices/new')).statusCode, 200);
    assert.equal((await f.instructor.get('/offtake-invoices')).statusCode, 403);
    assert.equal((await f.kepala.get('/offtake-invoices')).statusCode, 200);
  });
});
