// Records every write in the same transaction as the write, and verifies the hash chain.
import type { Conn } from '../../db/database.ts';
import { GENESIS, hashRecord, snapshot } from './audit.chain.ts';
import * as repo from './audit.repo.ts';

/** Who is acting: a signed-in user, or the system itself (seeding, jobs). */
export interface Actor {
  userId: string | null;
  name: string;
  requestId?: string | null;
  ip?: string | null;
}

export const SYSTEM: Actor = { userId: null, name: 'system' };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Must be called with the transaction that performs the write. */
export async function recordAudit(trx: Conn, actor: Actor, e: AuditEntry): Promise<void> {
  const prev = (await repo.lockChainAndGetLastHash(trx)) ?? GENESIS;
  const before = snapshot(e.before);
  const after = snapshot(e.after);
  const content = {
    at: new Date(),
    actorId: actor.userId,
    actorName: actor.name,
    unitId: e.unitId ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    before,
    after,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
  };
  await repo.insertAudit(trx, {
    at: content.at,
    actor_id: content.actorId,
    actor_name: content.actorName,
    unit_id: content.unitId,
    action: content.action,
    entity: content.entity,
    entity_id: content.entityId,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    request_id: content.requestId,
    ip: content.ip,
    prev_hash: prev,
    hash: hashRecord(prev, content),
  });
}

export type VerifyResult =
  | { ok: true; count: number; lastId: string | null; lastHash: string }
  | { ok: false; count: number; brokenId: string; reason: string };

/** Walks the whole log in order; names the first record whose link or content does not match. */
export async function verifyAuditChain(conn: Conn): Promise<VerifyResult> {
  let prev = GENESIS;
  let count = 0;
  let lastId: string | null = null;
  for await (const r of repo.iterateAudit(conn)) {
    const id = String(r.id);
    if (r.prev_hash !== prev) {
      return {
        ok: false,
        count,
        brokenId: id,
        reason: 'previous-hash link does not match (a record before it was removed or changed)',
      };
    }
    const expected = hashRecord(prev, {
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      unitId: r.unit_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
      ip: r.ip,
    });
    if (expected !== r.hash) {
      return {
        ok: false,
        count,
        brokenId: id,
        reason: 'content does not match its hash (the record was changed)',
      };
    }
    prev = r.hash;
    lastId = id;
    count++;
  }
  return { ok: true, count, lastId, lastHash: prev };
}

export const listAudit = repo.listAudit;
export const recentForUnit = repo.recentForUnit;
