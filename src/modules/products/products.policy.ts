// Who may do what to one product: the record within the principal's scope (a unit's, and for a
// partner instructor only the products of their own partner's programmes), then what they want to
// do with it. The pages ask `productMay` what to offer instead of repeating these rules.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, type Principal } from '../../app/principal.ts';
import * as repo from './products.repo.ts';

export type { ProductRow } from './products.repo.ts';

/** view: read it, its stock, rate and photo; manage: change it, its materials and photo. */
export type ProductUse = 'view' | 'manage';

function mayManage(who: Principal): boolean {
  return can(who, 'products.manage') || isSystem(who);
}

/**
 * The product, or 404 when it lies outside the principal's scope (another unit's, another
 * partner's: not theirs to know of), or 403 when it is theirs to see but not to change.
 */
export async function product(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: ProductUse } = {}) {
  const p = await repo.findProduct(ctx.db, ctx.who.scope, id);
  if (!p) throw notFound('products');
  if (o.for === 'manage' && !mayManage(ctx.who)) throw forbidden();
  return p;
}

/**
 * What the product pages offer this principal: changing products (and their materials and photo),
 * the makers' names in the movement history (people are shown only to those who see production),
 * and the national list of product kinds.
 */
export function productMay(who: Principal) {
  return {
    manage: mayManage(who),
    makers: can(who, 'production.view'),
    kinds: can(who, 'reference.manage'),
  };
}

export type ProductMay = ReturnType<typeof productMay>;
