// Who may do what to one offtake invoice: the invoice within the principal's scope (a unit's), then
// what they want to do with it. Pages ask `offtakeMay` what to offer.
import { forbidden, notFound } from '../../app/errors.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, isSystem, type Principal } from '../../app/principal.ts';
import * as repo from './offtake.repo.ts';

/** view: read it with its lines and payments; record: issue invoices and record payments. */
export type InvoiceUse = 'view' | 'record';

export function mayRecordSales(who: Principal): boolean {
  return can(who, 'sales.record') || isSystem(who);
}

/** The invoice, or 404 outside the principal's scope, or 403 when theirs to see but not to record. */
export async function offtakeInvoice(ctx: Pick<Ctx, 'db' | 'who'>, id: string, o: { for?: InvoiceUse } = {}) {
  const i = await repo.findInvoice(ctx.db, ctx.who.scope, id);
  if (!i) throw notFound('offtake_invoices');
  if (o.for === 'record' && !mayRecordSales(ctx.who)) throw forbidden();
  if (!can(ctx.who, 'sales.view') && !isSystem(ctx.who)) throw forbidden();
  return i;
}

export function offtakeMay(who: Principal) {
  return { record: mayRecordSales(who) };
}

export type OfftakeMay = ReturnType<typeof offtakeMay>;
