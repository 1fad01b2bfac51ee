// Sign-in, sessions stored in PostgreSQL (so any app node can serve any request), personal API
// tokens, and the sign-in rate limit per account and per network address.
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../app/config.ts';
import { invalidCredentials, rateLimited } from '../../app/errors.ts';
import type { Actor, Ctx, SignedIn } from '../../app/principal.ts';
import { scopeFor } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './auth.repo.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';

/** The signed-in principal of a request (app/principal.ts); the pipeline adds request id and ip. */
export type CurrentUser = SignedIn;

export const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
export const TOKEN_PREFIX = 'smd_';

type UserRow = Awaited<ReturnType<typeof repo.findSession>> & {};

async function toCurrentUser(
  db: Db,
  row: Omit<UserRow, 'csrf_token' | 'last_seen_at' | 'session_created_at'>,
  extra: Pick<CurrentUser, 'via' | 'csrfToken' | 'sessionIdHash'>,
): Promise<CurrentUser> {
  const kanwilUnits = row.kanwil_id ? await repo.unitsOfKanwil(db, row.kanwil_id) : [];
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    roles: row.roles,
    unitId: row.unit_id,
    kanwilId: row.kanwil_id,
    partnerId: row.partner_id,
    homeName: row.unit_name ?? row.kanwil_name ?? null,
    zone: row.unit_timezone ?? row.kanwil_timezone ?? 'Asia/Jakarta',
    locale: row.locale,
    mustChangePassword: row.must_change_password,
    scope: scopeFor(row, kanwilUnits),
    actor: { userId: row.id, name: row.username },
    ...extra,
  };
}

export async function signIn(
  db: Db,
  cfg: Config,
  input: { username: string; password: string; ip: string; userAgent: string | null; requestId: string },
): Promise<{ token: string; userId: string; locale: 'id' | 'en' }> {
  const username = input.username.trim().toLowerCase();
  const since = new Date(Date.now() - cfg.signinWindowMinutes * 60_000);
  const [byUser, byIp] = await Promise.all([
    repo.countRecentFailures(db, 'username', username, since),
    repo.countRecentFailures(db, 'ip', input.ip, since),
  ]);
  if (byUser >= cfg.signinMaxPerAccount || byIp >= cfg.signinMaxPerAddress) {
    throw rateLimited(cfg.signinWindowMinutes);
  }
  const user = await repo.findUserForSignIn(db, username);
  // Verify even when there is no such account, so the answer takes as long either way.
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  const actor: Actor = { userId: user?.id ?? null, name: username, requestId: input.requestId, ip: input.ip };
  if (!user || !ok || !user.active) {
    await db.transaction().execute(async (trx) => {
      await repo.recordAttempt(trx, username, input.ip, false);
      await recordAudit(trx, actor, {
        action: 'auth.signin_failed',
        entity: 'user',
        entityId: user?.id ?? null,
        unitId: user?.unit_id ?? null,
      });
    });
    throw invalidCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await repo.clearFailures(trx, username);
    await repo.insertSession(trx, {
      id_hash: sha256(token),
      user_id: user.id,
      csrf_token: randomBytes(24).toString('base64url'),
      expires_at: new Date(Date.now() + cfg.sessionAbsoluteHours * 3_600_000),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(
      trx,
      { ...actor, name: user.username },
      {
        action: 'auth.signin',
        entity: 'user',
        entityId: user.id,
        unitId: user.unit_id,
      },
    );
  });
  return { token, userId: user.id, locale: user.locale };
}

/** The user behind a session cookie, or null when it is unknown, idle too long or past its end. */
export async function userFromSession(db: Db, cfg: Config, token: string): Promise<CurrentUser | null> {
  const idHash = sha256(token);
  const idleSince = new Date(Date.now() - cfg.sessionIdleMinutes * 60_000);
  const row = await repo.findSession(db, idHash, idleSince);
  if (!row) return null;
  // Write last-seen at most once a minute: enough for idle expiry, light on the database.
  if (Date.now() - row.last_seen_at.getTime() > 60_000) await repo.touchSession(db, idHash);
  return toCurrentUser(db, row, { via: 'session', csrfToken: row.csrf_token, sessionIdHash: idHash });
}

export async function userFromToken(db: Db, token: string): Promise<CurrentUser | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await repo.findToken(db, sha256(token));
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000)
    await repo.touchToken(db, row.token_id);
  return toCurrentUser(db, row, { via: 'token', csrfToken: null, sessionIdHash: null });
}

/** Ends the signed-in user's session (by its id hash); a token-authenticated call has none. */
export async function signOut(ctx: Ctx, sessionIdHash: string | null): Promise<void> {
  if (!sessionIdHash) return;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sessionIdHash);
    await recordAudit(trx, ctx.who.actor, {
      action: 'auth.signout',
      entity: 'user',
      entityId: ctx.who.id,
      unitId: ctx.who.unitId,
    });
  });
}

/** Housekeeping run by the job queue: drop dead sessions and old sign-in attempts. */
export async function purgeExpired(db: Db, cfg: Config): Promise<number> {
  const idleSince = new Date(Date.now() - cfg.sessionIdleMinutes * 60_000);
  const n = await repo.deleteExpiredSessions(db, idleSince);
  await repo.deleteOldAttempts(db, new Date(Date.now() - 7 * 24 * 3_600_000));
  return n;
}

export const endUserSessions = repo.deleteUserSessions;

/**
 * Revokes a user's personal API tokens, each audited in the caller's transaction. A token made
 * under an old password, or before an account was deactivated, must not outlive either: a token
 * is a password of its own, and reactivation gives back the account, not its old tokens.
 */
export async function revokeUserTokens(
  ctx: Ctx,
  user: { id: string; unitId: string | null },
  reason: 'password_changed' | 'password_reset' | 'deactivated',
): Promise<number> {
  const revoked = await repo.revokeUserTokens(ctx.db, user.id);
  for (const t of revoked) {
    await recordAudit(ctx.db, ctx.who.actor, {
      action: 'tokens.revoke',
      entity: 'api_token',
      entityId: t.id,
      unitId: user.unitId,
      after: { name: t.name, prefix: t.prefix, user_id: user.id, reason },
    });
  }
  return revoked.length;
}
