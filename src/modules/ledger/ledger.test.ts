// The journal against a real PostgreSQL: the database itself refuses an entry whose lines do not sum
// to zero and any change to a posted line, so no code path can unbalance the books.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildInmate, buildUnit } from '../../../test/builders.ts';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { systemCtx, withDb } from '../../app/principal.ts';
import { balanceOf, postEntry } from './ledger.service.ts';

describe('journal', () => {
  let tdb: TestDb;
  let unitId: string;
  let otherUnitId: string;
  let inmateId: string;

  before(async () => {
    tdb = await createTestDb();
    unitId = (await buildUnit(tdb.db)).id;
    otherUnitId = (await buildUnit(tdb.db)).id;
    inmateId = (await buildInmate(tdb.db, { unit_id: unitId })).id;
  });
  after(() => tdb.drop());

  const credit = (amount: number, sourceId: string) =>
    tdb.db.transaction().execute((trx) =>
      postEntry(withDb(systemCtx(tdb.db), trx), {
        unitId,
        day: '2026-03-31',
        kind: 'premi_run',
        sourceId,
        memo: 'uji',
        lines: [
          { account: 'revenue', purpose: 'share', amount },
          { account: 'premi', purpose: 'share', amount: -amount, inmateId, pocket: 'saved' },
        ],
      }),
    );

  test('a balanced entry posts and the balance is the sum of its lines', async () => {
    await credit(75_000, crypto.randomUUID());
    await credit(25_000, crypto.randomUUID());
    assert.deepEqual(await balanceOf({ db: tdb.db }, inmateId), { saved: 100_000, spendable: 0 });
  });

  test('the database refuses an unbalanced entry at commit, whatever the code sends', async () => {
    const before = await balanceOf({ db: tdb.db }, inmateId);
    await assert.rejects(
      tdb.db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('journal_entries')
          .values({
            unit_id: unitId,
            day: '2026-03-31',
            kind: 'premi_run',
            source_id: crypto.randomUUID(),
            memo: 'x',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('journal_lines')
          .values({
            entry_id: id,
            unit_id: unitId,
            day: '2026-03-31',
            account: 'premi',
            purpose: 'share',
            inmate_id: inmateId,
            pocket: 'saved',
            amount: -5,
          })
          .execute();
      }),
      /does not balance/,
    );
    assert.deepEqual(await balanceOf({ db: tdb.db }, inmateId), before);
  });

  test('a line in another unit than its entry is refused', async () => {
    await assert.rejects(
      tdb.db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('journal_entries')
          .values({
            unit_id: unitId,
            day: '2026-03-31',
            kind: 'capital',
            source_id: crypto.randomUUID(),
            memo: 'x',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('journal_lines')
          .values([
            { entry_id: id, unit_id: unitId, day: '2026-03-31', account: 'cash', purpose: 'x', amount: 5 },
            {
              entry_id: id,
              unit_id: otherUnitId,
              day: '2026-03-31',
              account: 'capital',
              purpose: 'x',
              amount: -5,
            },
          ])
          .execute();
      }),
      /another unit or on another day/,
    );
  });

  test('posted lines and entries cannot be changed or deleted', async () => {
    await assert.rejects(sql`update journal_lines set amount = amount * 2`.execute(tdb.db), /append-only/);
    await assert.rejects(sql`delete from journal_lines`.execute(tdb.db), /append-only/);
    await assert.rejects(sql`delete from journal_entries`.execute(tdb.db), /append-only/);
  });

  test('no line can be added to an entry another transaction posted', async () => {
    const entryId = await credit(10, crypto.randomUUID());
    await assert.rejects(
      tdb.db
        .insertInto('journal_lines')
        .values([
          { entry_id: entryId, unit_id: unitId, day: '2026-03-31', account: 'cash', purpose: 'x', amount: 5 },
          {
            entry_id: entryId,
            unit_id: unitId,
            day: '2026-03-31',
            account: 'capital',
            purpose: 'x',
            amount: -5,
          },
        ])
        .execute(),
      /is posted: add a new entry/,
    );
  });

  test('a premi line must name the inmate and the pocket', async () => {
    await assert.rejects(
      credit(1, crypto.randomUUID()).then(() =>
        tdb.db.transaction().execute((trx) =>
          postEntry(withDb(systemCtx(tdb.db), trx), {
            unitId,
            day: '2026-03-31',
            kind: 'capital',
            sourceId: crypto.randomUUID(),
            memo: 'x',
            lines: [
              { account: 'cash', purpose: 'x', amount: 5 },
              { account: 'premi', purpose: 'x', amount: -5 },
            ],
          }),
        ),
      ),
      /journal_lines_premi_names_inmate/,
    );
  });

  test('one entry per document: posting the same source twice is refused', async () => {
    const source = crypto.randomUUID();
    await credit(1, source);
    await assert.rejects(credit(1, source), /journal_entries_source_key/);
  });
});
