// Records every write in the same transaction as the write (personal values apart, erasable),
// erases them when their retention ends, checkpoints the chain head, and verifies the chain.
import type { Actor, Ctx } from '../../app/principal.ts';
import type { Conn } from '../../db/database.ts';
import {
  checkpointHmac,
  checkpointKeyId,
  GENESIS,
  hashRecord,
  hashRecordV2,
  newNonce,
  personalDigest,
  snapshot,
} from './audit.chain.ts';
import { AUDIT_ENTITIES, presentRecord, splitPersonal } from './audit.personal.ts';
import * as repo from './audit.repo.ts';

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
  const b = splitPersonal(e.entity, snapshot(e.before));
  const a = splitPersonal(e.entity, snapshot(e.after));
  const nonce = b.personal || a.personal ? newNonce() : null;
  const digest = nonce ? personalDigest(nonce, b.personal, a.personal) : null;
  const content = {
    at: new Date(),
    actorId: actor.userId,
    actorName: actor.name,
    unitId: e.unitId ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    before: b.kept,
    after: a.kept,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    personalDigest: digest,
    legacyHash: null,
  };
  const row: repo.AuditInsert = {
    at: content.at,
    actor_id: content.actorId,
    actor_name: content.actorName,
    unit_id: content.unitId,
    action: content.action,
    entity: content.entity,
    entity_id: content.entityId,
    before: b.kept === null ? null : JSON.stringify(b.kept),
    after: a.kept === null ? null : JSON.stringify(a.kept),
    request_id: content.requestId,
    ip: content.ip,
    prev_hash: prev,
    hash: hashRecordV2(prev, content),
    personal_digest: digest,
  };
  if (nonce)
    await repo.insertAuditWithPersonal(trx, row, {
      nonce,
      before: b.personal ? JSON.stringify(b.personal) : null,
      after: a.personal ? JSON.stringify(a.personal) : null,
    });
  else await repo.insertAudit(trx, row);
}

/**
 * UU 27/2022: personal values in the audit log are kept `retentionDays` before the context's
 * clock, then erased; the chain keeps their digest and still verifies. The erasure is itself an
 * audit record (the daily job's: `systemCtx(db, now, 'system:jobs')`).
 */
export async function erasePersonalData(ctx: Ctx, opts: { retentionDays: number }): Promise<number> {
  const cutoff = new Date(ctx.now.getTime() - opts.retentionDays * 86_400_000);
  return ctx.db.transaction().execute(async (trx) => {
    const ids = await repo.erasePersonalBefore(trx, cutoff);
    if (ids.length === 0) return 0;
    await recordAudit(trx, ctx.who.actor, {
      action: 'audit.erase_personal',
      entity: 'audit',
      after: {
        records: ids.length,
        older_than: cutoff.toISOString(),
        retention_days: opts.retentionDays,
        first_id: ids[0],
        last_id: ids[ids.length - 1],
      },
    });
    return ids.length;
  });
}

/**
 * Erases, before their retention ends, the personal values of the audit records about these
 * entities (a pseudonymised person's records: issue 16). Called inside the caller's transaction,
 * which records its own audit entry; the chain keeps the digests and still verifies.
 */
export function erasePersonalAbout(trx: Conn, entityIds: readonly string[]): Promise<number> {
  const withPersonal = Object.entries(AUDIT_ENTITIES)
    .filter(([, rule]) => 'allBut' in rule.personal || rule.personal.length > 0)
    .map(([entity]) => entity);
  return repo.erasePersonalOf(trx, withPersonal, entityIds);
}

export interface Checkpoint {
  id: string;
  at: Date;
  lastId: string | null;
  headHash: string;
  count: number;
}

/**
 * Signs the current head of the chain (taken under the chain lock, so no append slips between),
 * in the name of the context's actor (the daily job, or the operator's command).
 */
export async function writeCheckpoint(ctx: Pick<Ctx, 'db' | 'who'>, key: string): Promise<Checkpoint> {
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockChainAndGetLastHash(trx);
    const head = await repo.chainHead(trx);
    const c = { at: new Date(), lastId: head.lastId, headHash: head.hash ?? GENESIS, count: head.count };
    const id = await repo.insertCheckpoint(trx, {
      at: c.at,
      last_audit_id: c.lastId,
      head_hash: c.headHash,
      record_count: String(c.count),
      key_id: checkpointKeyId(key),
      hmac: checkpointHmac(key, c),
      created_by: ctx.who.actor.name,
    });
    return { id, ...c };
  });
}

export type VerifyResult =
  | {
      ok: true;
      count: number;
      lastId: string | null;
      lastHash: string;
      /** Checkpoints found and checked against the chain. */
      checkpoints: number;
      /** Things an operator should look at that do not prove tampering. */
      warnings: string[];
    }
  | { ok: false; count: number; brokenId: string; reason: string };

export interface VerifyOptions {
  /** The checkpoint key (AUDIT_CHECKPOINT_KEY); without it signatures are not checked. */
  checkpointKey?: string | undefined;
  /** A head kept outside the system: record `id` must still be in the chain with this hash. */
  head?: { id: string; hash: string } | undefined;
  now?: Date;
}

type Row = repo.ChainRow;

function expectedHash(prev: string, r: Row): string {
  const c = {
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
  };
  if (r.hash_version === 1) return hashRecord(prev, c);
  return hashRecordV2(prev, { ...c, personalDigest: r.personal_digest, legacyHash: r.legacy_hash });
}

/** Why a record's personal part does not match the digest the chain holds, or null when it does. */
function personalProblem(r: Row): string | null {
  if (r.personal_digest === null)
    return r.p_id === null ? null : 'a personal part was added to a record that had none';
  if (r.p_id === null) return 'its personal part was removed (not by the retention job)';
  if (r.p_erased_at !== null) return null;
  if (r.p_nonce === null || personalDigest(r.p_nonce, r.p_before, r.p_after) !== r.personal_digest)
    return 'its personal part does not match its digest (the personal values were changed)';
  return null;
}

/**
 * Walks the whole log in order; names the first record whose link, content or personal part does not
 * match, then checks every checkpoint (and an outside head) against what it found.
 */
export async function verifyAuditChain(conn: Conn, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const checkpoints = await repo.listCheckpoints(conn);
  const watch = new Map<string, { hash: string; legacy: string | null; position: number }>();
  const watched = new Set(checkpoints.map((c) => c.last_audit_id).filter((x) => x !== null));
  if (opts.head) watched.add(opts.head.id);
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
    if (expectedHash(prev, r) !== r.hash) {
      return {
        ok: false,
        count,
        brokenId: id,
        reason: 'content does not match its hash (the record was changed)',
      };
    }
    const problem = personalProblem(r);
    if (problem) return { ok: false, count, brokenId: id, reason: problem };
    prev = r.hash;
    lastId = id;
    count++;
    if (watched.has(id)) watch.set(id, { hash: r.hash, legacy: r.legacy_hash, position: count });
  }
  const warnings: string[] = [];
  const keyId = opts.checkpointKey ? checkpointKeyId(opts.checkpointKey) : null;
  for (const c of checkpoints) {
    const broken = (reason: string) => ({
      ok: false as const,
      count,
      brokenId: c.last_audit_id ?? '0',
      reason: `checkpoint ${c.id} of ${c.at.toISOString()}: ${reason}`,
    });
    if (keyId === null) {
      if (warnings.length === 0) warnings.push('checkpoint signatures not checked (no key given)');
    } else if (c.key_id !== keyId) {
      warnings.push(
        `checkpoint ${c.id} was signed with another key (${c.key_id}); its signature is not checked`,
      );
    } else if (
      opts.checkpointKey &&
      checkpointHmac(opts.checkpointKey, {
        at: c.at,
        lastId: c.last_audit_id,
        headHash: c.head_hash,
        count: c.record_count,
      }) !== c.hmac
    ) {
      return broken('its signature does not match (the checkpoint was forged or changed)');
    }
    if (c.last_audit_id === null) {
      if (c.record_count !== 0) return broken('it names no record but counts some');
      continue;
    }
    const seen = watch.get(c.last_audit_id);
    if (!seen)
      return broken(
        `record #${c.last_audit_id} it names is no longer in the log (records at the end were removed)`,
      );
    if (seen.hash !== c.head_hash)
      return broken(`record #${c.last_audit_id} no longer has the hash it signed`);
    if (seen.position !== c.record_count)
      return broken(
        `${c.record_count} records were signed up to #${c.last_audit_id}, ${seen.position} remain`,
      );
  }
  if (opts.head) {
    const seen = watch.get(opts.head.id);
    const want = opts.head.hash.toLowerCase();
    if (!seen)
      return {
        ok: false,
        count,
        brokenId: opts.head.id,
        reason: `the head you kept, record #${opts.head.id}, is no longer in the log (records were removed)`,
      };
    if (seen.hash !== want && seen.legacy !== want)
      return {
        ok: false,
        count,
        brokenId: opts.head.id,
        reason: `record #${opts.head.id} does not have the hash you kept (the chain was rewritten)`,
      };
  }
  const newest = checkpoints[checkpoints.length - 1];
  const now = opts.now ?? new Date();
  if (count > 0 && !newest) warnings.push('no checkpoint yet: run `npm run audit:checkpoint`');
  else if (newest && now.getTime() - newest.at.getTime() > 2 * 86_400_000)
    warnings.push(
      `newest checkpoint is from ${newest.at.toISOString()}: the daily job has not run, or newer checkpoints were removed`,
    );
  return { ok: true, count, lastId, lastHash: prev, checkpoints: checkpoints.length, warnings };
}

/**
 * Records as they were written, personal values put back (or ERASED): for the module that owns the
 * data and its tests, never for display (displays go through audit.access.ts).
 */
export async function auditRecordsOf(conn: Conn, where: { entityId?: string; action?: string }) {
  const rows = await repo.recordsWithPersonal(conn, where);
  return rows.map(({ personal_id, personal_before, personal_after, personal_erased_at, ...r }) => {
    const shown = presentRecord(
      {
        entity: r.entity,
        before: r.before,
        after: r.after,
        personal:
          personal_id === null
            ? null
            : { before: personal_before, after: personal_after, erased: personal_erased_at !== null },
      },
      () => true,
    );
    return { ...r, before: shown.before, after: shown.after };
  });
}

/** Audit records in the principal's scope, filtered, newest first. */
export function listAudit(ctx: Pick<Ctx, 'db' | 'who'>, f: Omit<repo.AuditFilter, 'scope'>) {
  return repo.listAudit(ctx.db, { ...f, scope: ctx.who.scope });
}

/** How many records per unit and action, in the principal's scope (what offices read). */
export function countAudit(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: Omit<repo.AuditFilter, 'scope' | 'limit' | 'offset' | 'actor'>,
) {
  return repo.countAudit(ctx.db, { ...f, scope: ctx.who.scope });
}

export const recentForUnit = repo.recentForUnit;
