// A user's own account: personal API tokens (created, listed, revoked). Password changes live in
// the users service; this module only adds what belongs to the person themselves.
import { randomBytes } from 'node:crypto';
import { notFound } from '../../app/errors.ts';
import type { Ctx } from '../../app/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sha256, TOKEN_PREFIX } from '../auth/auth.service.ts';
import * as repo from './account.repo.ts';

/** The signed-in user's own tokens, newest first. */
export function listTokens(ctx: Pick<Ctx, 'db' | 'who'>) {
  return repo.listTokens(ctx.db, ctx.who.id ?? '');
}

export async function createToken(
  ctx: Ctx,
  input: { name: string; expires_days?: number | undefined },
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(30).toString('base64url')}`;
  const expires_at = input.expires_days
    ? new Date(ctx.now.getTime() + input.expires_days * 86_400_000)
    : null;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertToken(trx, {
      user_id: ctx.who.id ?? '',
      name: input.name,
      token_hash: sha256(token),
      prefix: token.slice(0, 10),
      expires_at,
    });
    await recordAudit(trx, ctx.who.actor, {
      action: 'tokens.create',
      entity: 'api_token',
      entityId: id,
      unitId: ctx.who.unitId,
      after: { name: input.name, prefix: token.slice(0, 10), expires_at },
    });
    return id;
  });
  return { id, token };
}

export async function revokeToken(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeToken(trx, ctx.who.id ?? '', id);
    if (!revoked) throw notFound('tokens');
    await recordAudit(trx, ctx.who.actor, {
      action: 'tokens.revoke',
      entity: 'api_token',
      entityId: id,
      unitId: ctx.who.unitId,
      after: { name: revoked.name },
    });
  });
}
