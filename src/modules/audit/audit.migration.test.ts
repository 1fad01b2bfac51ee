// Migration 0014 moves the personal values of records written before it out of the chain and
// re-seals the chain in format v2, so `audit:verify` stays green on old and new records.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { systemCtx } from '../../app/principal.ts';
import { MIGRATIONS, migrate } from '../../db/migrate.ts';
import { GENESIS, hashRecord } from './audit.chain.ts';
import { erasePersonalData, recordAudit, verifyAuditChain } from './audit.service.ts';

const before0014: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0014'));
  },
};

/** Appends a record exactly as the app did before 0014: whole values, v1 hash. */
async function recordV1(t: TestDb, prev: string, entity: string, after: Record<string, unknown>) {
  const c = {
    at: new Date(),
    actorId: null,
    actorName: 'petugas.lama',
    unitId: null,
    action: `${entity}s.create`,
    entity,
    entityId: 'e-1',
    before: null,
    after,
    requestId: 'r-1',
    ip: '10.0.0.1',
  };
  const hash = hashRecord(prev, c);
  await t.db
    .insertInto('audit_log')
    .values({
      at: c.at,
      actor_id: null,
      actor_name: c.actorName,
      unit_id: null,
      action: c.action,
      entity,
      entity_id: c.entityId,
      before: null,
      after: JSON.stringify(after),
      request_id: c.requestId,
      ip: c.ip,
      prev_hash: prev,
      hash,
    } as never)
    .execute();
  return hash;
}

describe('migration 0014 on a log written before it', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb({ fromTemplate: false });
    const { error } = await new Migrator({ db: t.db, provider: before0014 }).migrateToLatest();
    assert.equal(error, undefined);
  });
  afterEach(() => t.drop());

  test('old records lose their personal values to audit_personal, keep their old hash, and the chain verifies before and after erasure', async () => {
    let prev = GENESIS;
    prev = await recordV1(t, prev, 'unit', { name: 'Rutan Kelas IIB Magetan' });
    const oldHead = await recordV1(t, prev, 'inmate', {
      name: 'Agus Prasetyo',
      reg_number: 'B.I 123/2025',
      birth_date: '1979-11-02',
      unit_id: 'u-1',
    });
    await migrate(t.db);

    const rows = await t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.action, r.hash_version]),
      [
        ['units.create', 2],
        ['inmates.create', 2],
        ['audit.reseal', 2],
      ],
    );
    const text = JSON.stringify(rows);
    for (const v of ['Agus Prasetyo', 'B.I 123/2025', '1979-11-02'])
      assert.ok(!text.includes(v), `${v} left the chained records`);
    assert.ok(text.includes('Rutan Kelas IIB Magetan'), 'non-personal values stay');
    assert.equal(rows[1]?.legacy_hash, oldHead, 'the old hash is kept, sealed by the new chain');
    assert.equal((rows[2]?.after as { legacy_head_hash?: string } | undefined)?.legacy_head_hash, oldHead);
    const verified = await verifyAuditChain(t.db, { head: { id: String(rows[1]?.id), hash: oldHead } });
    assert.equal(verified.ok, true, JSON.stringify(verified));

    // New records chain on; erasing everything personal keeps it verifying.
    await t.db
      .transaction()
      .execute((trx) =>
        recordAudit(
          trx,
          { userId: null, name: 'uji' },
          { action: 'inmates.update', entity: 'inmate', after: { name: 'X Y' } },
        ),
      );
    const erased = await erasePersonalData(systemCtx(t.db, new Date(Date.now() + 40 * 86_400_000), 'uji'), {
      retentionDays: 30,
    });
    assert.equal(erased, 2);
    const r = await verifyAuditChain(t.db);
    assert.deepEqual({ ok: r.ok, count: r.count }, { ok: true, count: 5 });
  });

  test('a log already broken before the migration is left as it was and still reported', async () => {
    const first = await recordV1(t, GENESIS, 'inmate', { name: 'Dedi Kurniawan' });
    await recordV1(t, first, 'inmate', { name: 'Eko Saputra' });
    await t.db.transaction().execute(async (trx) => {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
      await sql`update audit_log set actor_name = 'orang lain' where id = (select min(id) from audit_log)`.execute(
        trx,
      );
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
    });
    await migrate(t.db);
    const rows = await t.db.selectFrom('audit_log').select(['hash_version', 'after']).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => r.hash_version),
      [1, 1],
      'no re-seal launders the tampering',
    );
    const r = await verifyAuditChain(t.db);
    assert.equal(r.ok, false);
  });
});
