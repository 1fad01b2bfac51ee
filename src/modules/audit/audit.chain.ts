// The audit chain: each record's hash covers its content and the previous record's hash, so
// changing, removing or reordering any record breaks every hash after it.
import { createHash } from 'node:crypto';
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
