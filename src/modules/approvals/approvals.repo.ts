// SQL of the requests the Kepala UPT decides that no other module keeps: a locked session's
// attendance to be opened again, and a certificate to be revoked (migration 0024). Reads go through
// the principal's scope; a request belongs to a unit (a session's through its programme's partner too).
import type { Scope } from '../../app/scope.ts';
import { scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { RequestStatus } from '../../db/schema.ts';

const UNLOCK = { unit: 'r.unit_id', partner: 'pr.partner_id' };
const REVOKE = { unit: 'r.unit_id', partner: 'p.partner_id' };

function unlocks(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('attendance_unlock_requests as r')
    .innerJoin('programme_sessions as s', 's.id', 'r.session_id')
    .innerJoin('programmes as pr', 'pr.id', 's.programme_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('users as ru', 'ru.id', 'r.requested_by')
    .leftJoin('users as du', 'du.id', 'r.decided_by')
    .select([
      'r.id',
      'r.unit_id',
      'r.session_id',
      'r.reason',
      'r.status',
      'r.requested_by',
      'ru.full_name as requested_by_name',
      'r.requested_at',
      'r.decided_by',
      'du.full_name as decided_by_name',
      'r.decided_at',
      'r.decision_note',
      'r.unlocked_until',
      's.day',
      'pr.id as programme_id',
      'pr.name as programme_name',
      'u.timezone',
    ])
    .where(scopeFilter(scope, UNLOCK));
}
export type UnlockRequestRow = Awaited<ReturnType<typeof findUnlock>> & {};

export async function findUnlock(conn: Conn, scope: Scope, id: string, lock = false) {
  const q = unlocks(conn, scope).where('r.id', '=', id);
  return (lock ? q.forUpdate('r') : q).executeTakeFirst();
}

/** A session's unlock requests, newest first (the roll call page shows the latest). */
export async function unlocksOfSession(conn: Conn, scope: Scope, sessionId: string) {
  return unlocks(conn, scope)
    .where('r.session_id', '=', sessionId)
    .orderBy('r.requested_at', 'desc')
    .execute();
}

export async function pendingUnlocks(conn: Conn, scope: Scope) {
  return unlocks(conn, scope).where('r.status', '=', 'pending').orderBy('r.requested_at').execute();
}

export async function insertUnlock(
  conn: Conn,
  v: { unit_id: string; session_id: string; reason: string; requested_by: string | null; requested_at: Date },
): Promise<{ id: string; requested_at: Date }> {
  return conn
    .insertInto('attendance_unlock_requests')
    .values(v)
    .returning(['id', 'requested_at'])
    .executeTakeFirstOrThrow();
}

export async function decideUnlock(
  conn: Conn,
  id: string,
  v: {
    status: Exclude<RequestStatus, 'pending'>;
    decided_by: string | null;
    decided_at: Date;
    decision_note: string | null;
    unlocked_until: Date | null;
  },
): Promise<void> {
  await conn.updateTable('attendance_unlock_requests').set(v).where('id', '=', id).execute();
}

function revocations(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('certificate_revocation_requests as r')
    .innerJoin('certificates as c', 'c.id', 'r.certificate_id')
    .innerJoin('programmes as p', 'p.id', 'c.programme_id')
    .leftJoin('users as ru', 'ru.id', 'r.requested_by')
    .leftJoin('users as du', 'du.id', 'r.decided_by')
    .select([
      'r.id',
      'r.unit_id',
      'r.certificate_id',
      'r.reason',
      'r.status',
      'r.requested_by',
      'ru.full_name as requested_by_name',
      'r.requested_at',
      'r.decided_by',
      'du.full_name as decided_by_name',
      'r.decided_at',
      'r.decision_note',
      'c.number as certificate_number',
      'c.holder_name',
      'c.status as certificate_status',
      'p.name as programme_name',
    ])
    .where(scopeFilter(scope, REVOKE));
}
export type RevocationRequestRow = Awaited<ReturnType<typeof findRevocation>> & {};

export async function findRevocation(conn: Conn, scope: Scope, id: string, lock = false) {
  const q = revocations(conn, scope).where('r.id', '=', id);
  return (lock ? q.forUpdate('r') : q).executeTakeFirst();
}

/** A certificate's revocation requests, newest first (its page shows the latest). */
export async function revocationsOfCertificate(conn: Conn, scope: Scope, certificateId: string) {
  return revocations(conn, scope)
    .where('r.certificate_id', '=', certificateId)
    .orderBy('r.requested_at', 'desc')
    .execute();
}

/** Requests still waiting on a certificate that is still valid (one revoked directly needs no decision). */
export async function pendingRevocations(conn: Conn, scope: Scope) {
  return revocations(conn, scope)
    .where('r.status', '=', 'pending')
    .where('c.status', '=', 'valid')
    .orderBy('r.requested_at')
    .execute();
}

export async function insertRevocation(
  conn: Conn,
  v: {
    unit_id: string;
    certificate_id: string;
    reason: string;
    requested_by: string | null;
    requested_at: Date;
  },
): Promise<{ id: string; requested_at: Date }> {
  return conn
    .insertInto('certificate_revocation_requests')
    .values(v)
    .returning(['id', 'requested_at'])
    .executeTakeFirstOrThrow();
}

export async function decideRevocation(
  conn: Conn,
  id: string,
  v: {
    status: Exclude<RequestStatus, 'pending'>;
    decided_by: string | null;
    decided_at: Date;
    decision_note: string | null;
  },
): Promise<void> {
  await conn.updateTable('certificate_revocation_requests').set(v).where('id', '=', id).execute();
}
