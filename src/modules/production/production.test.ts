import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import {
  buildParticipants,
  buildProgramme,
  buildSession,
  daysFromToday,
} from '../../../test/attendance-fixtures.ts';
import { buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { systemCtx } from '../../app/principal.ts';
import { auditRecordsOf } from '../audit/audit.service.ts';
import { ledgerDifferences, moveMaterial } from '../stock/stock.service.ts';

describe('production log of a session', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;
  let partnerId: string;
  let yarn: string;
  let label: string;
  const products: string[] = [];

  const product = async (name: string, route: 'partner' | 'own', programme: string) => {
    const kind = await t.db
      .selectFrom('product_kinds')
      .select('id')
      .where('code', '=', 'tas')
      .executeTakeFirstOrThrow();
    return (
      await t.db
        .insertInto('products')
        .values({ unit_id: unitId, programme_id: programme, kind_id: kind.id, name, route })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const material = async (name: string, owner: 'partner' | 'unit', uom: 'gram' | 'buah') => {
    const id = (
      await t.db
        .insertInto('materials')
        .values({ unit_id: unitId, name, uom, owner, partner_id: owner === 'partner' ? partnerId : null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await moveMaterial(systemCtx(t.db), {
      materialId: id,
      kind: 'received',
      qty: 100_000,
      day: daysFromToday(-60),
      ...(owner === 'unit' ? { cost: 5_000_000 } : {}),
    });
    return id;
  };
  /** A fresh programme of the partner making a bag (partner route, with a bill of materials) and a ring (own). */
  const kit = async (partner = partnerId) => {
    const pr = await buildProgramme(t.db, { unit_id: unitId, partner_id: partner });
    const b = await product(`Tas ${pr.id.slice(0, 6)}`, 'partner', pr.id);
    const r = await product(`Gantungan ${pr.id.slice(0, 6)}`, 'own', pr.id);
    await t.db
      .insertInto('bill_of_materials')
      .values([
        { product_id: b, material_id: yarn, qty_per_item: 150 },
        { product_id: b, material_id: label, qty_per_item: 1 },
      ])
      .execute();
    products.push(b, r);
    return { programmeId: pr.id, bag: b, ring: r };
  };
  const sessionWithPeople = async (programme: string, n = 3, dayOffset = 0) => {
    const s = await buildSession(t.db, { programme_id: programme, day: daysFromToday(dayOffset) });
    const people = await buildParticipants(t.db, {
      programme_id: programme,
      n,
      started_on: daysFromToday(dayOffset - 30),
      prefix: `Sesi ${s.id.slice(0, 6)}`,
    });
    return { s, people };
  };
  const entriesOf = (sessionId: string) =>
    t.db
      .selectFrom('production_entries')
      .select(['id', 'enrolment_id', 'product_id', 'finished', 'in_progress'])
      .where('session_id', '=', sessionId)
      .orderBy('enrolment_id')
      .orderBy('product_id')
      .execute();
  const stockOf = (id: string) =>
    t.db
      .selectFrom('products')
      .select(['awaiting_check', 'on_hand'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const movementsOf = (entryIds: string[]) =>
    entryIds.length
      ? t.db
          .selectFrom('product_movements')
          .select(['production_entry_id', 'd_awaiting', 'd_on_hand', 'kind'])
          .where('production_entry_id', 'in', entryIds)
          .execute()
      : Promise.resolve([]);
  const noLedgerDrift = async () =>
    assert.deepEqual(await ledgerDifferences(systemCtx(t.db), products, [yarn, label]), []);

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId })).id;
    yarn = await material('Benang rajut', 'partner', 'gram');
    label = await material('Label kulit', 'unit', 'buah');
    const p = await buildUser(t.db, { roles: ['petugas'], unit_id: unitId });
    petugas = await t.signedIn(p.username);
  });
  after(() => t.close());

  test('one form post saves a session’s log: entries, produced movements and the bill of materials used', async () => {
    const { programmeId, bag, ring } = await kit();
    const { s, people } = await sessionWithPeople(programmeId, 2);
    const [a, b] = people;
    assert.ok(a && b);
    const page = await petugas.get(`/sessions/${s.id}/production`);
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/data-testid="prod-row"/g) ?? []).length, 2);
    assert.match(page.body, new RegExp(`name="finished\\.${a.id}\\.${bag}"`));
    assert.match(page.body, /data-testid="prod-save"/);
    assert.match(page.body, /<details class="prod-mat">/, 'materials are folded away');
    const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(key);

    const res = await petugas.postForm(`/sessions/${s.id}/production`, {
      idempotency_key: key,
      [`finished.${a.id}.${bag}`]: '2',
      [`in_progress.${a.id}.${bag}`]: '1',
      [`finished.${b.id}.${ring}`]: '5',
      [`finished.${b.id}.${bag}`]: '',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    const entries = await entriesOf(s.id);
    assert.equal(entries.length, 2);
    assert.deepEqual(
      entries.find((e) => e.enrolment_id === a.id && e.product_id === bag),
      { ...entries.find((e) => e.enrolment_id === a.id), finished: 2, in_progress: 1 },
    );
    // Material used: the bill of materials x finished, one movement per material for the save.
    const used = await t.db
      .selectFrom('material_movements')
      .select(['material_id', 'qty', 'kind'])
      .where('session_id', '=', s.id)
      .execute();
    assert.deepEqual(
      used.map((u) => `${u.material_id} ${u.qty} ${u.kind}`).sort(),
      [`${yarn} -300 used`, `${label} -2 used`].sort(),
    );
    const perEntry = await t.db
      .selectFrom('production_entry_materials')
      .select(['entry_id', 'material_id', 'qty'])
      .where(
        'entry_id',
        'in',
        entries.map((e) => e.id),
      )
      .execute();
    assert.deepEqual(
      perEntry.map((m) => m.qty).sort((x, y) => x - y),
      [2, 300],
    );
    const log = await auditRecordsOf(t.db, { entityId: s.id, action: 'production.save' });
    assert.equal(log.length, 1, 'one audit record per save');
    const again = await petugas.get(`/sessions/${s.id}/production`);
    assert.match(again.body, /Catatan produksi disimpan/);
    assert.match(again.body, /Jumlah: Gantungan \S+ 5 buah · Tas \S+ 2 buah/);
    await noLedgerDrift();
  });

  test('the same batch sent again is replayed: nothing doubled, and awaiting_check is the sum of movements', async () => {
    const { programmeId, bag } = await kit();
    const { s, people } = await sessionWithPeople(programmeId, 3);
    const before = await stockOf(bag);
    const batch = {
      idempotency_key: randomUUID(),
      entries: people.map((p, i) => ({ enrolment_id: p.id, product_id: bag, finished: i + 1 })),
    };
    const url = `/api/v1/sessions/${s.id}/production`;
    const one = await petugas.json('POST', url, batch);
    assert.equal(one.statusCode, 200, one.body);
    assert.deepEqual(one.json(), { created: 3, updated: 0, unchanged: 0, replayed: false });
    const two = await petugas.json('POST', url, batch);
    assert.deepEqual(two.json(), { created: 3, updated: 0, unchanged: 0, replayed: true });
    const [x, y] = await Promise.all([
      petugas.json('POST', url, { ...batch, idempotency_key: randomUUID() }),
      petugas.json('POST', url, { ...batch, idempotency_key: randomUUID() }),
    ]);
    assert.deepEqual(
      [x.json(), y.json()],
      [
        { created: 0, updated: 0, unchanged: 3, replayed: false },
        { created: 0, updated: 0, unchanged: 3, replayed: false },
      ],
    );
    const after = await stockOf(bag);
    assert.equal(after.awaiting_check - before.awaiting_check, 1 + 2 + 3);
    const moves = await movementsOf((await entriesOf(s.id)).map((e) => e.id));
    assert.equal(moves.length, 3);
    assert.equal(
      (await auditRecordsOf(t.db, { entityId: s.id, action: 'production.save' })).length,
      3,
      'a replay is not a new save',
    );
    // A key used for another session is refused.
    const other = await sessionWithPeople(programmeId, 1);
    const reused = await petugas.json('POST', `/api/v1/sessions/${other.s.id}/production`, {
      idempotency_key: batch.idempotency_key,
      entries: [{ enrolment_id: other.people[0]?.id, product_id: bag, finished: 1 }],
    });
    assert.equal(reused.statusCode, 409);
    assert.equal(reused.json().error.code, 'production.key_reused');
    await noLedgerDrift();
  });

  test('a lowered count posts a negative movement; lowering below what was sent to the check is refused', async () => {
    const { programmeId, bag } = await kit();
    const { s, people } = await sessionWithPeople(programmeId, 1);
    const [a] = people;
    assert.ok(a);
    const url = `/api/v1/sessions/${s.id}/production`;
    await petugas.json('POST', url, { entries: [{ enrolment_id: a.id, product_id: bag, finished: 4 }] });
    const lowered = await petugas.json('POST', url, {
      entries: [{ enrolment_id: a.id, product_id: bag, finished: 3 }],
    });
    assert.deepEqual(lowered.json(), { created: 0, updated: 1, unchanged: 0, replayed: false });
    const [entry] = await entriesOf(s.id);
    assert.ok(entry);
    const moves = await movementsOf([entry.id]);
    assert.deepEqual(moves.map((m) => m.d_awaiting).sort(), [-1, 4]);
    const mat = await t.db
      .selectFrom('material_movements')
      .select(['material_id', 'qty'])
      .where('session_id', '=', s.id)
      .where('material_id', '=', yarn)
      .execute();
    assert.deepEqual(
      mat.map((m) => m.qty).sort((x, y) => x - y),
      [-600, 150],
      'lowered: the yarn goes back',
    );

    // Two of the three go to the partner's check; the maker then holds one.
    const { moveProduct } = await import('../stock/stock.service.ts');
    await moveProduct(systemCtx(t.db), {
      productId: bag,
      kind: 'sent_to_check',
      qty: 2,
      day: daysFromToday(0),
      enrolmentId: a.id,
    });
    const tooLow = await petugas.json('POST', url, {
      entries: [{ enrolment_id: a.id, product_id: bag, finished: 1 }],
    });
    assert.equal(tooLow.statusCode, 409, tooLow.body);
    assert.equal(tooLow.json().error.code, 'stock.insufficient');
    assert.equal((await entriesOf(s.id))[0]?.finished, 3, 'nothing written');
    const ok = await petugas.json('POST', url, {
      entries: [{ enrolment_id: a.id, product_id: bag, finished: 2 }],
    });
    assert.equal(ok.statusCode, 200, ok.body);
    await noLedgerDrift();
  });

  test('fractional or negative counts are refused per field and nothing is written', async () => {
    const { programmeId, bag, ring } = await kit();
    const { s, people } = await sessionWithPeople(programmeId, 2);
    const [a, b] = people;
    assert.ok(a && b);
    const res = await petugas.json('POST', `/api/v1/sessions/${s.id}/production`, {
      entries: [
        { enrolment_id: a.id, product_id: ring, finished: 2 },
        { enrolment_id: b.id, product_id: bag, finished: 1.5 },
        { enrolment_id: a.id, product_id: bag, finished: 1, in_progress: -2 },
        { enrolment_id: b.id, product_id: ring, finished: 1, materials: [{ material_id: yarn, qty: 3 }] },
      ],
    });
    assert.equal(res.statusCode, 400, res.body);
    const fields = (res.json().error.fields as Array<{ field: string; message: string }>).map((f) => f.field);
    assert.deepEqual(
      fields.sort(),
      [`finished.${b.id}.${bag}`, `in_progress.${a.id}.${bag}`, `material.${b.id}.${ring}.${yarn}`].sort(),
    );
    assert.match(res.body, /bilangan bulat/);
    assert.deepEqual(await entriesOf(s.id), []);
    // The same through the form: the page comes back with the answers and a message per field.
    const form = await petugas.postForm(`/sessions/${s.id}/production`, {
      [`finished.${a.id}.${ring}`]: '2',
      [`finished.${b.id}.${bag}`]: '1,5',
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-summary"/);
    assert.match(form.body, /value="1,5"/);
    assert.deepEqual(await entriesOf(s.id), []);
  });

  test('a participant not on the session’s roster, or a product of another programme, is refused', async () => {
    const { programmeId, ring } = await kit();
    const { s } = await sessionWithPeople(programmeId, 1);
    const [later] = await buildParticipants(t.db, {
      programme_id: programmeId,
      n: 1,
      started_on: daysFromToday(3),
      prefix: 'Mulai nanti',
    });
    const elsewhere = await buildProgramme(t.db, { unit_id: unitId });
    const [stranger] = await buildParticipants(t.db, {
      programme_id: elsewhere.id,
      n: 1,
      started_on: daysFromToday(-10),
    });
    const cake = await product(`Kue ${randomUUID().slice(0, 4)}`, 'own', elsewhere.id);
    assert.ok(later && stranger);
    const page = await petugas.get(`/sessions/${s.id}/production`);
    assert.doesNotMatch(page.body, /Mulai nanti/);
    const res = await petugas.json('POST', `/api/v1/sessions/${s.id}/production`, {
      entries: [
        { enrolment_id: later.id, product_id: ring, finished: 1 },
        { enrolment_id: stranger.id, product_id: ring, finished: 1 },
      ],
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
      [`finished.${later.id}.${ring}`, `finished.${stranger.id}.${ring}`].sort(),
    );
    const notMade = await petugas.json('POST', `/api/v1/sessions/${s.id}/production`, {
      entries: [{ enrolment_id: (await entriesOfRoster(s.id))[0] ?? '', product_id: cake, finished: 1 }],
    });
    assert.equal(notMade.statusCode, 400);
    assert.match(notMade.body, /tidak dibuat oleh program ini/);
    assert.deepEqual(await entriesOf(s.id), []);
  });

  const entriesOfRoster = async (sessionId: string) => {
    const res = await petugas.get(`/api/v1/sessions/${sessionId}/production`);
    return (res.json().participants as Array<{ enrolment_id: string }>).map((p) => p.enrolment_id);
  };

  test('a cancelled session and a session still to come are refused', async () => {
    const { programmeId, ring } = await kit();
    const cancelled = await buildSession(t.db, {
      programme_id: programmeId,
      day: daysFromToday(-1),
      status: 'cancelled',
    });
    const future = await sessionWithPeople(programmeId, 1, 2);
    const [p] = future.people;
    assert.ok(p);
    const c = await petugas.json('POST', `/api/v1/sessions/${cancelled.id}/production`, {
      entries: [{ enrolment_id: p.id, product_id: ring, finished: 1 }],
    });
    assert.equal(c.statusCode, 409);
    assert.equal(c.json().error.code, 'production.cancelled');
    const f = await petugas.json('POST', `/api/v1/sessions/${future.s.id}/production`, {
      entries: [{ enrolment_id: p.id, product_id: ring, finished: 1 }],
    });
    assert.equal(f.statusCode, 409);
    assert.equal(f.json().error.code, 'production.future');
    const page = await petugas.get(`/sessions/${future.s.id}/production`);
    assert.match(page.body, /data-testid="prod-refusal"/);
    assert.doesNotMatch(page.body, /data-testid="prod-save"/);
  });

  test('an instructor records for their own partner’s programme (200); another partner’s gives 404', async () => {
    const { programmeId, bag } = await kit();
    const mine = await sessionWithPeople(programmeId, 1);
    const otherPartner = await buildPartner(t.db, { unit_id: unitId });
    const theirsProgramme = await buildProgramme(t.db, { unit_id: unitId, partner_id: otherPartner.id });
    const theirs = await sessionWithPeople(theirsProgramme.id, 1);
    const p = mine.people[0];
    const q = theirs.people[0];
    assert.ok(p && q);
    const instr = await buildUser(t.db, { roles: ['instruktur_mitra'], unit_id: unitId });
    await t.db.updateTable('users').set({ partner_id: partnerId }).where('id', '=', instr.id).execute();
    const c = await t.signedIn(instr.username);

    assert.equal((await c.get(`/sessions/${mine.s.id}/production`)).statusCode, 200);
    const own = await c.json('POST', `/api/v1/sessions/${mine.s.id}/production`, {
      entries: [{ enrolment_id: p.id, product_id: bag, finished: 1 }],
    });
    assert.equal(own.statusCode, 200, own.body);

    assert.equal((await c.get(`/sessions/${theirs.s.id}/production`)).statusCode, 404);
    assert.equal((await c.get(`/api/v1/sessions/${theirs.s.id}/production`)).statusCode, 404);
    const api = await c.json('POST', `/api/v1/sessions/${theirs.s.id}/production`, {
      entries: [{ enrolment_id: q.id, product_id: bag, finished: 1 }],
    });
    assert.equal(api.statusCode, 404);
    const form = await c.postForm(`/sessions/${theirs.s.id}/production`, {
      [`finished.${q.id}.${bag}`]: '1',
    });
    assert.equal(form.statusCode, 404);
    assert.deepEqual(await entriesOf(theirs.s.id), []);
  });

  test('a workshop without sessions records per working day', async () => {
    const workshop = await buildProgramme(t.db, {
      unit_id: unitId,
      partner_id: partnerId,
      name: 'Bengkel Rajut',
    });
    const stool = await product(`Keset ${randomUUID().slice(0, 4)}`, 'own', workshop.id);
    const [w] = await buildParticipants(t.db, {
      programme_id: workshop.id,
      n: 1,
      started_on: daysFromToday(-10),
    });
    assert.ok(w);
    const day = daysFromToday(-1);
    const page = await petugas.get(`/programmes/${workshop.id}/production?day=${day}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="prod-row"/);
    const res = await petugas.postForm(`/programmes/${workshop.id}/production?day=${day}`, {
      [`finished.${w.id}.${stool}`]: '3',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, `/programmes/${workshop.id}/production?day=${day}`);
    const api = await petugas.get(`/api/v1/programmes/${workshop.id}/production?day=${day}`);
    assert.equal(api.json().participants[0].entries[0].finished, 3);
    assert.equal(api.json().session, null);
    // A key sent for one day is refused for another.
    const key = randomUUID();
    const body = { idempotency_key: key, entries: [{ enrolment_id: w.id, product_id: stool, finished: 1 }] };
    assert.equal(
      (
        await petugas.json(
          'POST',
          `/api/v1/programmes/${workshop.id}/production?day=${daysFromToday(0)}`,
          body,
        )
      ).statusCode,
      200,
    );
    assert.equal(
      (await petugas.json('POST', `/api/v1/programmes/${workshop.id}/production?day=${day}`, body))
        .statusCode,
      409,
    );
    const hub = await petugas.get('/production');
    assert.equal(hub.statusCode, 200);
    assert.match(hub.body, /Bengkel Rajut/);
    assert.match(hub.body, /href="\/qc-batches"/);
  });

  test('the hub lists today’s sessions of producing programmes with whether their log was recorded', async () => {
    const { programmeId, ring } = await kit();
    const { s, people } = await sessionWithPeople(programmeId, 1);
    const hub = await petugas.get('/production');
    assert.equal(hub.statusCode, 200);
    assert.match(hub.body, new RegExp(`href="/sessions/${s.id}/production"`));
    assert.match(hub.body, /Catat produksi/);
    assert.ok(people[0]);
    await petugas.json('POST', `/api/v1/sessions/${s.id}/production`, {
      entries: [{ enrolment_id: people[0].id, product_id: ring, finished: 2 }],
    });
    assert.match((await petugas.get('/production')).body, /Sudah dicatat/);
  });

  test('a 200-participant log is saved in one request, quickly, and re-saving a lowered count is one request too', async () => {
    const { programmeId, bag, ring } = await kit();
    const { s, people } = await sessionWithPeople(programmeId, 200);
    const url = `/api/v1/sessions/${s.id}/production`;
    const entries = people.flatMap((p, i) => [
      { enrolment_id: p.id, product_id: bag, finished: 1 + (i % 3), in_progress: i % 2 },
      { enrolment_id: p.id, product_id: ring, finished: 2 + (i % 4) },
    ]);
    const timed = async (body: unknown) => {
      const t0 = performance.now();
      const res = await petugas.json('POST', url, body);
      const ms = performance.now() - t0;
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      return { ms, json: res.json() };
    };
    // Warm the path once on another session so the timing is of the save, not of first use.
    const warm = await sessionWithPeople(programmeId, 1, -1);
    await petugas.json('POST', `/api/v1/sessions/${warm.s.id}/production`, {
      entries: [{ enrolment_id: warm.people[0]?.id, product_id: bag, finished: 1 }],
    });
    const first = await timed({ idempotency_key: randomUUID(), entries });
    assert.deepEqual(first.json, { created: 400, updated: 0, unchanged: 0, replayed: false });
    const lowered = await timed({
      idempotency_key: randomUUID(),
      entries: entries.map((e) => ({ ...e, finished: e.finished - 1 })),
    });
    assert.equal(lowered.json.updated, 400);
    const page0 = performance.now();
    const page = await petugas.get(`/sessions/${s.id}/production`);
    const pageMs = performance.now() - page0;
    assert.equal((page.body.match(/data-testid="prod-row"/g) ?? []).length, 201);
    t.app.log.info({ first: first.ms, lowered: lowered.ms, page: pageMs }, 'production log of 200');
    process.stderr.write(
      `production log, 200 participants x 2 products: save ${first.ms.toFixed(1)} ms, lowered re-save ${lowered.ms.toFixed(1)} ms, page ${pageMs.toFixed(1)} ms\n`,
    );
    // Generous on a shared test machine; bench/production.ts measures the target (< 100 ms).
    assert.ok(first.ms < 1500, `save took ${first.ms} ms`);
    await noLedgerDrift();
  });

  test('names are escaped on the page', async () => {
    const { programmeId } = await kit();
    const s = await buildSession(t.db, { programme_id: programmeId, day: daysFromToday(0) });
    await buildParticipants(t.db, {
      programme_id: programmeId,
      n: 1,
      started_on: daysFromToday(-3),
      prefix: '<script>alert(1)</script>',
    });
    const page = await petugas.get(`/sessions/${s.id}/production`);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});
