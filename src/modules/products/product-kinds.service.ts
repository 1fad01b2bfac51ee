// The national list of product kinds (tas, dompet, aksesoris, ...): everyone who sees products reads
// it; only a national administrator (or the system, seeding) adds, renames or deactivates a kind.
// A kind is never deleted: products keep the kind they were given.
import { fieldError, forbidden, invalid, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, type Principal } from '../../app/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './product-kinds.repo.ts';
import { kindCode } from './products.rules.ts';

/** Whether this principal may change the national list (reference data: national scope only). */
export function mayManageProductKinds(who: Principal): boolean {
  return can(who, 'reference.manage') || isSystem(who);
}

export function listProductKinds(ctx: Pick<Ctx, 'db'>, opts: { activeOnly?: boolean } = {}) {
  return repo.listKinds(ctx.db, opts);
}

export async function createProductKind(ctx: Ctx, input: { name: string; code?: string | undefined }) {
  if (!mayManageProductKinds(ctx.who)) throw forbidden();
  const name = input.name.trim();
  const code = input.code?.trim() || kindCode(name);
  if (!code) throw fieldError('code', 'err.pattern');
  return ctx.db.transaction().execute(async (trx) => {
    const errors = [];
    if (await repo.kindNameTaken(trx, name))
      errors.push({ field: 'name', key: 'productKinds.nameTaken' as const, params: { name } });
    if (await repo.kindCodeTaken(trx, code))
      errors.push({ field: 'code', key: 'productKinds.codeTaken' as const, params: { code } });
    if (errors.length > 0) throw invalid(errors);
    const id = await repo.insertKind(trx, { code, name });
    await recordAudit(trx, ctx.who.actor, {
      action: 'product_kinds.create',
      entity: 'product_kind',
      entityId: id,
      after: { code, name },
    });
    return id;
  });
}

/** Renames or (de)activates a kind; what is not given stays as it is. */
export async function updateProductKind(
  ctx: Ctx,
  id: string,
  input: { name?: string | undefined; active?: boolean | undefined },
): Promise<void> {
  if (!mayManageProductKinds(ctx.who)) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findKind(trx, id);
    if (!before) throw notFound('product_kinds');
    const v = { name: input.name?.trim() || before.name, active: input.active ?? before.active };
    if (await repo.kindNameTaken(trx, v.name, id))
      throw fieldError('name', 'productKinds.nameTaken', { name: v.name });
    await repo.updateKind(trx, id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'product_kinds.update',
      entity: 'product_kind',
      entityId: id,
      before,
      after: { ...before, ...v },
    });
  });
}
