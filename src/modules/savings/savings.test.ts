import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildInmate, buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { systemCtx } from '../../app/principal.ts';
import { balanceOf, postEntry } from '../ledger/ledger.service.ts';

const DAY = '2026-11-20';

describe('tabungan premi (savings ledger)', () => {
  let t: TestApp;
  let unitA: string;
  let unitB: string;
  let petugas: Client;
  let kepala: Client;
  let petugasB: Client;
  let kepalaB: Client;
  let kanwil: Client;
  let instruktur: Client;
  let humas: Client;

  /** A posted premi credit (as a run would post it): revenue shared into the inmate's two pockets. */
  async function credit(
    inmateId: string,
    unitId: string,
    saved: number,
    spendable: number,
    day = '2026-10-31',
  ) {
    await t.db.transaction().execute(async (trx) => {
      await postEntry(systemCtx(trx), {
        unitId,
        day,
        kind: 'premi_run',
        sourceId: randomUUID(),
        memo: 'Premi Oktober 2026',
        lines: [
          { account: 'revenue', purpose: 'share', amount: saved + spendable },
          { account: 'premi', purpose: 'share', inmateId, pocket: 'saved', amount: -saved },
          { account: 'premi', purpose: 'share', inmateId, pocket: 'spendable', amount: -spendable },
        ],
      });
    });
  }

  const balance = (id: string) => balanceOf({ db: t.db }, id);
  const audits = (entityId: string) =>
    t.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', '=', entityId).execute();
  const withdraw = (c: Client, inmateId: string, amount: number, extra = {}) =>
    c.json('POST', `/api/v1/savings/inmates/${inmateId}/withdrawals`, {
      day: DAY,
      amount,
      purpose: 'canteen',
      reason: 'Belanja sabun dan kopi',
      ...extra,
    });
  async function release(inmateId: string, status: 'released' | 'transferred' = 'released') {
    await t.db.updateTable('inmates').set({ status }).where('id', '=', inmateId).execute();
    await t.db
      .insertInto('inmate_status_history')
      .values({ inmate_id: inmateId, status, on_date: DAY, reason: 'Bebas murni', created_by: null })
      .execute();
  }

  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    unitA = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    unitB = (await buildUnit(t.db)).id;
    const as = async (roles: Parameters<typeof buildUser>[1], unit_id: string | null = unitA) =>
      t.signedIn((await buildUser(t.db, { unit_id, ...roles })).username);
    petugas = await as({ roles: ['petugas'] });
    kepala = await as({ roles: ['kepala_upt'] });
    petugasB = await as({ roles: ['petugas'] }, unitB);
    kepalaB = await as({ roles: ['kepala_upt'] }, unitB);
    kanwil = await as({ roles: ['kanwil'], kanwil_id: kw.id }, null);
    instruktur = await as({ roles: ['instruktur_mitra'] });
    humas = await as({ roles: ['humas'] });
  });
  after(() => t.close());

  test('a withdrawal above the spendable balance is 409 naming the balance, and writes nothing', async () => {
    const i = await buildInmate(t.db, { unit_id: unitA });
    await credit(i.id, unitA, 300_000, 100_000);
    const res = await withdraw(petugas, i.id, 150_000);
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.body, /"code":"savings.overdraw"/);
    assert.match(res.body, /Rp 100\.000/);
    // The saved pocket cannot be drawn either: 300.000 is there, but not to spend.
    assert.equal((await withdraw(petugas, i.id, 300_000)).statusCode, 409);
    const rows = await t.db
      .selectFrom('premi_withdrawals')
      .select('id')
      .where('inmate_id', '=', i.id)
      .execute();
    assert.equal(rows.length, 0);
    assert.deepEqual(await balance(i.id), { saved: 300_000, spendable: 100_000 });
    // Bad input: a family transfer names its recipient; an amount is whole rupiah above zero.
    const noRecipient = await withdraw(petugas, i.id, 10_000, { purpose: 'family' });
    assert.equal(noRecipient.statusCode, 400);
    assert.match(noRecipient.body, /recipient/);
    assert.equal((await withdraw(petugas, i.id, 0)).statusCode, 400);
    assert.equal((await withdraw(petugas, i.id, 10_000, { day: '2099-01-01' })).statusCode, 400);

    // No number was used by the refusals: the first withdrawal of the year is 0001.
    const ok = await withdraw(petugas, i.id, 100_000, {
      purpose: 'family',
      recipient: 'Siti Aminah (ibu)',
      reason: 'Biaya sekolah anak',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const { id, number } = ok.json() as { id: string; number: string };
    assert.match(number, /^PRM-TRK\/2026\/0001$/);
    assert.deepEqual(await balance(i.id), { saved: 300_000, spendable: 0 });
    assert.deepEqual(
      (await audits(id)).map((a) => a.action),
      ['savings.withdraw'],
    );
    const entry = await t.db
      .selectFrom('journal_entries')
      .select('id')
      .where('kind', '=', 'withdrawal')
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    const lines = await t.db
      .selectFrom('journal_lines')
      .select(['account', 'pocket', 'amount', 'purpose'])
      .where('entry_id', '=', entry.id)
      .orderBy('account')
      .execute();
    assert.deepEqual(
      lines.map((l) => [l.account, l.pocket, Number(l.amount), l.purpose]),
      [
        ['cash', null, -100_000, 'withdrawal'],
        ['premi', 'spendable', 100_000, 'withdrawal'],
      ],
    );
    const pdf = await petugas.get(`/savings/withdrawals/${id}/receipt.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.rawPayload.subarray(0, 5).toString() === '%PDF-');
  });

  test('two withdrawals of 60% of the balance at once: exactly one succeeds', async () => {
    const i = await buildInmate(t.db, { unit_id: unitA });
    await credit(i.id, unitA, 300_000, 100_000);
    const [a, b] = await Promise.all([withdraw(petugas, i.id, 60_000), withdraw(kepala, i.id, 60_000)]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 409]);
    assert.deepEqual(await balance(i.id), { saved: 300_000, spendable: 40_000 });
  });

  test('the HTML form takes "Rp 25.000" and shows the refusal on the amount field', async () => {
    const i = await buildInmate(t.db, { unit_id: unitA });
    await credit(i.id, unitA, 75_000, 25_000);
    const page = await petugas.get(`/inmates/${i.id}/premi`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="withdraw-form"/);
    assert.doesNotMatch(page.body, /data-testid="payout-form"/);
    const form = { day: DAY, purpose: 'canteen', reason: 'Kantin', recipient: '' };
    const tooMuch = await petugas.postForm(`/inmates/${i.id}/premi/withdrawals`, {
      ...form,
      amount: 'Rp 30.000',
    });
    assert.equal(tooMuch.statusCode, 409);
    assert.match(tooMuch.body, /data-testid="error-amount">Saldo yang dapat dibelanjakan hanya Rp 25\.000/);
    const ok = await petugas.postForm(`/inmates/${i.id}/premi/withdrawals`, { ...form, amount: 'Rp 25.000' });
    assert.equal(ok.statusCode, 303, ok.body);
    const after = await petugas.get(`/inmates/${i.id}/premi`);
    assert.match(after.body, /data-testid="balance-spendable">Rp 0</);
    assert.match(after.body, /data-testid="balance-total">Rp 75\.000</);
    // The inmate page links to the ledger for the unit's staff only.
    assert.match((await petugas.get(`/inmates/${i.id}`)).body, /data-testid="inmate-premi"/);
  });

  test('payout at release pays both pockets and closes the ledger at zero; once, and never before release', async () => {
    const i = await buildInmate(t.db, { unit_id: unitA });
    await credit(i.id, unitA, 450_000, 150_000);
    const body = { paid_on: DAY, method: 'tunai' };
    const early = await kepala.json('POST', `/api/v1/savings/inmates/${i.id}/payout`, body);
    assert.equal(early.statusCode, 422, early.body);
    assert.match(early.body, /"code":"savings.not_released"/);
    // A withdrawal after release is refused too.
    await release(i.id);
    const late = await withdraw(petugas, i.id, 10_000);
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /"code":"savings.not_active"/);

    const tasks = await kepala.json('GET', '/api/v1/savings/payout-tasks');
    const mine = (
      tasks.json() as { items: Array<{ id: string; saved: number; released_on: string }> }
    ).items.find((x) => x.id === i.id);
    assert.deepEqual(mine && [mine.saved, mine.released_on], [450_000, DAY]);
    assert.match((await kepala.get('/savings/payouts')).body, new RegExp(i.name));

    assert.equal(
      (await petugas.json('POST', `/api/v1/savings/inmates/${i.id}/payout`, body)).statusCode,
      403,
    );
    const noRef = await kepala.json('POST', `/api/v1/savings/inmates/${i.id}/payout`, {
      ...body,
      method: 'transfer',
    });
    assert.equal(noRef.statusCode, 400);
    const [paid, again] = await Promise.all([
      kepala.json('POST', `/api/v1/savings/inmates/${i.id}/payout`, body),
      kepala.json('POST', `/api/v1/savings/inmates/${i.id}/payout`, body),
    ]);
    const ok = paid.statusCode === 201 ? paid : again;
    const second = paid.statusCode === 201 ? again : paid;
    assert.equal(ok.statusCode, 201, ok.body);
    const p = ok.json() as { id: string; number: string; saved: number; spendable: number; total: number };
    assert.deepEqual([p.saved, p.spendable, p.total], [450_000, 150_000, 600_000]);
    assert.match(p.number, /^PRM-BYR\/2026\/\d{4}$/);
    assert.equal(second.statusCode, 409, second.body);
    assert.match(second.body, /sudah dibayarkan dengan nomor PRM-BYR/);
    assert.deepEqual(await balance(i.id), { saved: 0, spendable: 0 });
    const third = await kepala.json('POST', `/api/v1/savings/inmates/${i.id}/payout`, body);
    assert.equal(third.statusCode, 409);

    const ledger = (await kepala.json('GET', `/api/v1/savings/inmates/${i.id}`)).json() as {
      balance: { total: number };
      postings: Array<{ kind: string; balance: { total: number } }>;
    };
    assert.equal(ledger.balance.total, 0);
    assert.deepEqual(
      ledger.postings.map((x) => [x.kind, x.balance.total]),
      [
        ['premi_run', 600_000],
        ['payout', 0],
      ],
    );
    const stillTask = (
      (await kepala.json('GET', '/api/v1/savings/payout-tasks')).json() as { items: { id: string }[] }
    ).items;
    assert.ok(!stillTask.some((x) => x.id === i.id));
    assert.deepEqual(
      (await audits(p.id)).map((a) => a.action),
      ['savings.payout'],
    );
    const slip = await kepala.get(`/savings/payouts/${p.id}/slip.pdf`);
    assert.equal(slip.statusCode, 200);
    assert.equal(slip.headers['content-type'], 'application/pdf');

    // The run of the release month credits them after the payout: the rest is a task again, paid
    // by a further payout that names the first, and the ledger closes at zero once more.
    await credit(i.id, unitA, 30_000, 10_000, '2026-11-30');
    const rest = (
      (await kepala.json('GET', '/api/v1/savings/payout-tasks')).json() as { items: { id: string }[] }
    ).items;
    assert.ok(
      rest.some((x) => x.id === i.id),
      'credited after the payout: a payout task again',
    );
    const sisa = await kepala.json('POST', `/api/v1/savings/inmates/${i.id}/payout`, body);
    assert.equal(sisa.statusCode, 201, sisa.body);
    assert.equal((sisa.json() as { total: number }).total, 40_000);
    assert.deepEqual(await balance(i.id), { saved: 0, spendable: 0 });
    const memo = await t.db
      .selectFrom('journal_entries')
      .select('memo')
      .where('source_id', '=', (sisa.json() as { id: string }).id)
      .executeTakeFirstOrThrow();
    assert.match(
      memo.memo,
      new RegExp(`sisa premi setelah bebas \\(sesudah ${p.number.replace(/\//g, '\\/')}\\)`),
    );
    assert.equal((await kepala.json('POST', `/api/v1/savings/inmates/${i.id}/payout`, body)).statusCode, 409);

    // Nothing owed: a released person with a zero balance has nothing to pay.
    const empty = await buildInmate(t.db, { unit_id: unitA });
    await release(empty.id);
    const none = await kepala.json('POST', `/api/v1/savings/inmates/${empty.id}/payout`, body);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /"code":"savings.nothing_to_pay"/);
  });

  test('the ledger page offers the payout to the Kepala UPT only, and after it the slip', async () => {
    const i = await buildInmate(t.db, { unit_id: unitA });
    await credit(i.id, unitA, 90_000, 30_000, '2026-09-30');
    await credit(i.id, unitA, 60_000, 20_000);
    await release(i.id);
    const seen = await petugas.get(`/inmates/${i.id}/premi`);
    assert.doesNotMatch(seen.body, /data-testid="payout-form"/);
    assert.doesNotMatch(seen.body, /data-testid="withdraw-form"/);
    const page = await kepala.get(`/inmates/${i.id}/premi`);
    assert.match(page.body, /data-testid="payout-form"/);
    // The running balance: 120.000 after September, 200.000 after October.
    assert.match(page.body, /Rp 120\.000<\/td><\/tr>.*Rp 200\.000<\/td><\/tr>/s);
    const noRef = await kepala.postForm(`/inmates/${i.id}/premi/payout`, {
      paid_on: DAY,
      method: 'transfer',
    });
    assert.equal(noRef.statusCode, 400);
    assert.match(noRef.body, /data-testid="error-reference"/);
    const paid = await kepala.postForm(`/inmates/${i.id}/premi/payout`, { paid_on: DAY, method: 'tunai' });
    assert.equal(paid.statusCode, 303, paid.body);
    const after = await kepala.get(`/inmates/${i.id}/premi`);
    assert.match(after.body, /data-testid="payout-done"/);
    assert.match(after.body, /data-testid="balance-total">Rp 0</);
    assert.doesNotMatch(after.body, /data-testid="payout-form"/);
    const again = await kepala.postForm(`/inmates/${i.id}/premi/payout`, { paid_on: DAY, method: 'tunai' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /sudah dibayarkan dengan nomor PRM-BYR/);
  });

  test('a transfer carries the balance to the person’s record in the new unit', async () => {
    const old = await buildInmate(t.db, { unit_id: unitA, name: 'Bagus Santoso', reg_number: 'B.I 77/2026' });
    await credit(old.id, unitA, 210_000, 70_000);
    const send = { to_unit_id: unitB, sent_on: DAY };
    const active = await petugas.json('POST', `/api/v1/savings/inmates/${old.id}/transfer`, send);
    assert.equal(active.statusCode, 422, active.body);
    await release(old.id, 'transferred');
    const same = await petugas.json('POST', `/api/v1/savings/inmates/${old.id}/transfer`, {
      ...send,
      to_unit_id: unitA,
    });
    assert.equal(same.statusCode, 400);
    const sent = await petugas.json('POST', `/api/v1/savings/inmates/${old.id}/transfer`, send);
    assert.equal(sent.statusCode, 201, sent.body);
    const { id: transferId } = sent.json() as { id: string };
    assert.deepEqual(await balance(old.id), { saved: 0, spendable: 0 });
    assert.equal(
      (await petugas.json('POST', `/api/v1/savings/inmates/${old.id}/transfer`, send)).statusCode,
      409,
    );

    // The sending unit does not see it among incoming transfers; the receiving unit does, by name.
    const seenA = (await petugas.json('GET', '/api/v1/savings/transfers/incoming')).json() as {
      items: { id: string }[];
    };
    assert.ok(!seenA.items.some((x) => x.id === transferId));
    const seenB = (await petugasB.json('GET', '/api/v1/savings/transfers/incoming?pending=true')).json() as {
      items: Array<{ id: string; from_name: string; from_reg_number: string; saved: number }>;
    };
    const row = seenB.items.find((x) => x.id === transferId);
    assert.deepEqual(row && [row.from_name, row.from_reg_number, row.saved], [
      'Bagus Santoso',
      'B.I 77/2026',
      210_000,
    ]);
    // ... but not the person's ledger in the old unit.
    assert.equal((await petugasB.get(`/inmates/${old.id}/premi`)).statusCode, 404);
    assert.equal((await petugas.get(`/savings/transfers/${transferId}`)).statusCode, 404);

    const fresh = await buildInmate(t.db, {
      unit_id: unitB,
      name: 'Bagus Santoso',
      reg_number: 'B.I 12/2026',
    });
    const page = await petugasB.get(`/savings/transfers/${transferId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`value="${fresh.id}" selected`));
    // Someone of another unit cannot receive it.
    const wrong = await petugasB.json('POST', `/api/v1/savings/transfers/${transferId}/receive`, {
      inmate_id: old.id,
    });
    assert.equal(wrong.statusCode, 400);
    const got = await petugasB.json('POST', `/api/v1/savings/transfers/${transferId}/receive`, {
      inmate_id: fresh.id,
    });
    assert.equal(got.statusCode, 200, got.body);
    assert.deepEqual(await balance(fresh.id), { saved: 210_000, spendable: 70_000 });
    const twice = await petugasB.json('POST', `/api/v1/savings/transfers/${transferId}/receive`, {
      inmate_id: fresh.id,
    });
    assert.equal(twice.statusCode, 409);
    // The new unit's ledger shows it and may spend from it.
    const ledger = (await kepalaB.json('GET', `/api/v1/savings/inmates/${fresh.id}`)).json() as {
      postings: Array<{ kind: string; amount: number }>;
    };
    assert.deepEqual(
      ledger.postings.map((x) => [x.kind, x.amount]),
      [['transfer_in', 280_000]],
    );
    assert.equal((await withdraw(petugasB, fresh.id, 70_000)).statusCode, 201);
    // Each unit's books balance: cash out of A, cash into B.
    const cash = async (unit: string) =>
      Number(
        (
          await t.db
            .selectFrom('journal_lines')
            .select((eb) => eb.fn.sum<string>('amount').as('s'))
            .where('unit_id', '=', unit)
            .where('account', '=', 'cash')
            .where('purpose', '=', 'transfer')
            .executeTakeFirstOrThrow()
        ).s,
      );
    assert.equal(await cash(unitA), -280_000);
    assert.equal(await cash(unitB), 280_000);
    assert.deepEqual((await audits(transferId)).map((a) => a.action).sort(), [
      'savings.transfer_receive',
      'savings.transfer_send',
    ]);
  });

  test('only the unit’s staff see a ledger: kanwil, instruktur and humas are refused, another unit finds none', async () => {
    const i = await buildInmate(t.db, { unit_id: unitA });
    await credit(i.id, unitA, 30_000, 10_000);
    for (const c of [kanwil, instruktur, humas]) {
      assert.equal((await c.get(`/inmates/${i.id}/premi`)).statusCode, 403);
      assert.equal((await c.json('GET', `/api/v1/savings/inmates/${i.id}`)).statusCode, 403);
      assert.equal((await c.get(`/inmates/${i.id}/premi/statement.pdf`)).statusCode, 403);
      assert.equal((await c.json('GET', '/api/v1/savings/payout-tasks')).statusCode, 403);
    }
    assert.equal((await kepalaB.get(`/inmates/${i.id}/premi`)).statusCode, 404);
    assert.equal((await kepalaB.json('GET', `/api/v1/savings/inmates/${i.id}`)).statusCode, 404);
    assert.equal((await withdraw(petugasB, i.id, 1_000)).statusCode, 404);
    assert.doesNotMatch((await kanwil.get(`/inmates/${i.id}`)).body, /data-testid="inmate-premi"/);
    assert.doesNotMatch((await kanwil.get('/dashboard')).body, /data-testid="nav-savings"/);
    const tasks = await petugas.get('/savings/payouts');
    assert.match(tasks.body, /data-testid="nav-savings"/);
    assert.match(tasks.body, /data-testid="incoming-link"/);
    const pdf = await petugas.get(`/inmates/${i.id}/premi/statement.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
  });
});
