// A user's own account: personal API tokens (created, listed, revoked). Password changes live in
// the users service; this module only adds what belongs to the person themselves.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../app/errors.ts';
import type { Actor } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sha256, TOKEN_PREFIX } from '../auth/auth.service.ts';
import * as repo from './account.repo.ts';

export const listTokens = repo.listTokens;

export async function createToken(
  db: Db,
  actor: Actor,
  user: { id: string; unitId: string | null },
  input: { name: string; expires_days?: number | undefined },
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(30).toString('base64url')}`;
  const expires_at = input.expires_days ? new Date(Date.now() + input.expires_days * 86_400_000) : null;
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertToken(trx, {
      user_id: user.id,
      name: input.name,
      token_hash: sha256(token),
      prefix: token.slice(0, 10),
      expires_at,
    });
    await recordAudit(trx, actor, {
      action: 'tokens.create',
      entity: 'api_token',
      entityId: id,
      unitId: user.unitId,
      after: { name: input.name, prefix: token.slice(0, 10), expires_at },
    });
    return id;
  });
  return { id, token };
}

export async function revokeToken(
  db: Db,
  actor: Actor,
  user: { id: string; unitId: string | null },
  id: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeToken(trx, user.id, id);
    if (!revoked) throw new AppError('tokens.not_found', 404, 'err.notFound');
    await recordAudit(trx, actor, {
      action: 'tokens.revoke',
      entity: 'api_token',
      entityId: id,
      unitId: user.unitId,
      after: { name: revoked.name },
    });
  });
}
