// Own-business (UMKM) plans for people going home to start a business: the plan, the catalogue
// products they learned to make, and the starter kits, capital or training given for it.
import { AppError, conflict, fieldError } from '../../app/errors.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { AssistanceKind } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { partner } from '../partners/partners.policy.ts';
import { businessPerson } from './business.policy.ts';
import * as repo from './business.repo.ts';

export interface PlanInput {
  business_name?: string | undefined;
  trade: string;
  description?: string | undefined;
  product_ids?: string[] | undefined;
  location?: string | undefined;
  capital_needed?: number | undefined;
}

export interface AssistanceInput {
  kind: AssistanceKind;
  item: string;
  value: number;
  giver: string;
  partner_id?: string | undefined;
  given_on: string;
}

/** Everything the plan page shows of one person. */
export async function planOf(ctx: Ctx, inmateId: string) {
  const person = await businessPerson(ctx, inmateId);
  const plan = await repo.findPlan(ctx.db, person.id);
  const [assistance, products] = await Promise.all([
    plan ? repo.assistanceOf(ctx.db, plan.id) : Promise.resolve([]),
    plan ? repo.productNames(ctx.db, plan.product_ids) : Promise.resolve([]),
  ]);
  return {
    person,
    plan: plan ?? null,
    products,
    assistance,
    assistanceTotal: assistance.reduce((s, a) => s + a.value, 0),
  };
}

/** The catalogue products the form offers (those of the person's programmes first). */
export function productChoices(ctx: Ctx, person: { id: string; unit_id: string }) {
  return repo.productChoices(ctx.db, person.unit_id, person.id);
}

export function listPlans(ctx: Ctx, page: number) {
  return repo.listPlans(ctx.db, ctx.who.scope, page);
}

/** Writes the person's plan (the first save creates it). */
export async function savePlan(ctx: Ctx, inmateId: string, input: PlanInput): Promise<string> {
  const trade = input.trade.trim();
  if (trade.length < 2) throw fieldError('trade', 'err.required');
  const product_ids = [...new Set(input.product_ids ?? [])];
  return ctx.db.transaction().execute(async (trx) => {
    const person = await businessPerson(withDb(ctx, trx), inmateId, { for: 'manage' });
    if ((await repo.productsOfUnit(trx, person.unit_id, product_ids)) !== product_ids.length)
      throw fieldError('product_ids', 'business.productUnknown');
    const v: repo.PlanValues = {
      business_name: input.business_name?.trim() || null,
      trade,
      description: input.description?.trim() ?? '',
      product_ids,
      location: input.location?.trim() || null,
      capital_needed: input.capital_needed ?? null,
    };
    const before = await repo.findPlan(trx, person.id);
    let id: string;
    if (before) {
      await repo.updatePlan(trx, before.id, v);
      id = before.id;
    } else
      id = await repo.insertPlan(trx, {
        ...v,
        inmate_id: person.id,
        unit_id: person.unit_id,
        created_by: ctx.who.actor.userId,
      });
    await recordAudit(trx, ctx.who.actor, {
      action: before ? 'business_plans.update' : 'business_plans.create',
      entity: 'business_plan',
      entityId: id,
      unitId: person.unit_id,
      ...(before ? { before } : {}),
      after: { inmate_id: person.id, ...v },
    });
    return id;
  });
}

/** Records help given for the plan: a starter kit, capital, training; what, worth how much, from whom. */
export async function addAssistance(ctx: Ctx, inmateId: string, input: AssistanceInput): Promise<string> {
  if (input.given_on > today(ctx)) throw fieldError('given_on', 'business.dateFuture');
  if (input.item.trim().length < 2) throw fieldError('item', 'err.required');
  if (input.giver.trim().length < 2) throw fieldError('giver', 'err.required');
  return ctx.db.transaction().execute(async (trx) => {
    const person = await businessPerson(withDb(ctx, trx), inmateId, { for: 'manage' });
    const plan = await repo.findPlan(trx, person.id);
    if (!plan) throw conflict('business.no_plan', 'business.noPlan');
    if (input.partner_id) {
      try {
        await partner(withDb(ctx, trx), input.partner_id);
      } catch (err) {
        if (err instanceof AppError && err.status === 404)
          throw fieldError('partner_id', 'business.partnerUnknown');
        throw err;
      }
    }
    const v = {
      plan_id: plan.id,
      unit_id: plan.unit_id,
      kind: input.kind,
      item: input.item.trim(),
      value: input.value,
      giver: input.giver.trim(),
      partner_id: input.partner_id ?? null,
      given_on: input.given_on,
      recorded_by: ctx.who.actor.userId,
    };
    const id = await repo.insertAssistance(trx, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'business_plans.assistance',
      entity: 'business_assistance',
      entityId: id,
      unitId: plan.unit_id,
      after: v,
    });
    return id;
  });
}
