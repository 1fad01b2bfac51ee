// Two nodes starting together take turns at the start-up seeding (src/main.ts).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestDb, type TestDb } from '../../test/db.ts';
import { createDb } from './database.ts';
import { underStartupLock } from './startup-lock.ts';

const dbs: TestDb[] = [];
after(async () => {
  for (const t of dbs) await t.drop();
});

test('start-up work of two nodes never overlaps, and each node gets its turn', async () => {
  const t = await createTestDb();
  dbs.push(t);
  // Two pools, as two nodes would have; the second with a statement timeout far shorter than the
  // first one's turn, which must not cut its wait short.
  const url = new URL(t.url);
  url.searchParams.set('options', '-c statement_timeout=100');
  const other = createDb(url.toString());
  try {
    const log: string[] = [];
    const node = (name: string, db: typeof t.db) =>
      underStartupLock(db, async () => {
        log.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 200));
        log.push(`${name} out`);
        return name;
      });
    const first = node('a', t.db);
    while (!log.includes('a in')) await new Promise((r) => setTimeout(r, 5));
    const results = await Promise.all([first, node('b', other)]);
    assert.deepEqual(results, ['a', 'b']);
    for (let i = 0; i < log.length; i += 2) {
      assert.equal(log[i]?.replace(' in', ''), log[i + 1]?.replace(' out', ''), log.join(', '));
    }
    // Released after a failure too: the next node is not stuck behind it.
    await assert.rejects(underStartupLock(t.db, async () => Promise.reject(new Error('seed failed'))));
    assert.equal(await underStartupLock(other, async () => 'next'), 'next');
  } finally {
    await other.destroy();
  }
});
