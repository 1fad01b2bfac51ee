// Who the demo's records are made by: the system (its audit actor, such as 'system:seed') acting
// on behalf of one demo account, whose id the records carry (signed_by, created_by).
import { type Actor, type Ctx, type Principal, systemPrincipal } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';

export function actingAs(db: Db, actor: Actor, userId: string | null, now: Date = new Date()): Ctx {
  return { db, now, who: { ...systemPrincipal(actor.name), id: userId, actor } };
}

/** A demo account acting with its role (so the services' permission checks apply as for that user). */
export function staff(db: Db, actor: Actor, roles: Role[], partnerId: string | null = null) {
  const who: Principal = { ...systemPrincipal(actor.name), id: actor.userId, roles, actor, partnerId };
  return (now: Date): Ctx => ({ db, who, now });
}
