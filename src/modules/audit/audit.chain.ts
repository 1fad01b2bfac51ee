// The audit chain: each record's hash covers its content and the previous record's hash, so
// changing, removing or reordering any record breaks every hash after it. Two formats, recorded per
// row (`hash_version`): v1 hashed the whole before/after; v2 (migration 0014) hashes the record
// without its personal values plus a salted digest of them, so they can be erased later.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import stringify from 'safe-stable-stringify';

export const GENESIS = '0'.repeat(64);

export interface ChainedContent {
  at: Date;
  actorId: string | null;
  actorName: string;
  unitId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

/** Format v1 (records written before migration 0014). Never change it: old rows verify with it. */
export function hashRecord(prevHash: string, c: ChainedContent): string {
  const canonical = stringify([
    prevHash,
    c.at.toISOString(),
    c.actorId,
    c.actorName,
    c.unitId,
    c.action,
    c.entity,
    c.entityId,
    c.before ?? null,
    c.after ?? null,
    c.requestId,
    c.ip,
  ]);
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

export interface ChainedContentV2 extends ChainedContent {
  /** Digest of the record's personal part (null when it has none); kept when the part is erased. */
  personalDigest: string | null;
  /** The v1 hash the record had before migration 0014 re-sealed it (null for records written since). */
  legacyHash: string | null;
}

/** Format v2: before/after hold PERSONAL markers, the personal values are covered by their digest. */
export function hashRecordV2(prevHash: string, c: ChainedContentV2): string {
  const canonical = stringify([
    'v2',
    prevHash,
    c.at.toISOString(),
    c.actorId,
    c.actorName,
    c.unitId,
    c.action,
    c.entity,
    c.entityId,
    c.before ?? null,
    c.after ?? null,
    c.requestId,
    c.ip,
    c.personalDigest,
    c.legacyHash,
  ]);
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

/** A random salt per record, so that a short value (a birth date, a flag) cannot be guessed from the digest. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function personalDigest(nonce: string, before: unknown, after: unknown): string {
  return createHash('sha256')
    .update(stringify([nonce, before ?? null, after ?? null]) ?? '')
    .digest('hex');
}

/** Checkpoints of the chain head are signed with a key from config; the key id says which key. */
export function checkpointKeyId(key: string): string {
  return createHash('sha256').update(`simandiri-audit-checkpoint:${key}`).digest('hex').slice(0, 12);
}

export function checkpointHmac(
  key: string,
  c: { at: Date; lastId: string | null; headHash: string; count: number },
): string {
  return createHmac('sha256', key)
    .update(stringify([c.at.toISOString(), c.lastId, c.headHash, c.count]) ?? '')
    .digest('hex');
}

const SECRET_KEYS = new Set(['password_hash', 'token_hash', 'csrf_token', 'id_hash', 'password']);

/** Makes a row safe and stable for the log: no secrets, dates as ISO strings, NIK masked. */
export function snapshot(row: unknown): unknown {
  if (row === null || row === undefined) return null;
  if (row instanceof Date) return row.toISOString();
  if (Array.isArray(row)) return row.map(snapshot);
  if (typeof row === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
      if (SECRET_KEYS.has(k)) continue;
      if (k === 'nik' && typeof v === 'string') out[k] = maskNik(v);
      else if (v !== undefined) out[k] = snapshot(v);
    }
    return out;
  }
  if (typeof row === 'bigint') return row.toString();
  return row;
}

/** "3520**********12": NIK is never shown or logged whole. */
export function maskNik(nik: string): string {
  if (nik.length <= 6) return '*'.repeat(nik.length);
  return `${nik.slice(0, 4)}${'*'.repeat(nik.length - 6)}${nik.slice(-2)}`;
}
