// Who the demo's records are made by: the system (its audit actor, such as 'system:seed') acting
// on behalf of one demo account, whose id the records carry (signed_by, created_by).
import { type Actor, type Ctx, systemPrincipal } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';

export function actingAs(db: Db, actor: Actor, userId: string | null, now: Date = new Date()): Ctx {
  return { db, now, who: { ...systemPrincipal(actor.name), id: userId, actor } };
}
