// Partners (mitra) of a unit: companies, training centres, certification bodies and others that
// run programmes with it; and the instructor accounts of each partner.
import { fieldError, isUniqueViolation } from '../../app/errors.ts';
import { type Ctx, withDb } from '../../app/principal.ts';
import { inScope } from '../../app/scope.ts';
import type { PartnerContact, PartnerType } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createUser, listPartnerInstructors } from '../users/users.service.ts';
import { partner } from './partners.policy.ts';
import * as repo from './partners.repo.ts';

export type { PartnerRow } from './partners.repo.ts';

/** Partners in the principal's scope (an instructor: their own partner), a page at a time. */
export function listPartners(ctx: Pick<Ctx, 'db' | 'who'>, f: Parameters<typeof repo.listPartners>[2]) {
  return repo.listPartners(ctx.db, ctx.who.scope, f);
}

/** The active partners in scope, for a form's choice (of one unit, when given). */
export function partnerOptions(ctx: Pick<Ctx, 'db' | 'who'>, unitId?: string) {
  return repo.partnerOptions(ctx.db, ctx.who.scope, unitId);
}

/** A partner's id by its name in a unit (seeding: adds only what is missing). */
export const partnerIdByName = repo.partnerIdByName;

export interface PartnerInput {
  unit_id?: string | undefined;
  type: PartnerType;
  legal_name: string;
  nib?: string | undefined;
  npwp?: string | undefined;
  address?: string | undefined;
  city?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  website?: string | undefined;
  notes?: string | undefined;
  contacts?: PartnerContact[] | undefined;
}

function values(input: PartnerInput) {
  return {
    type: input.type,
    legal_name: input.legal_name,
    nib: input.nib ?? null,
    npwp: input.npwp ?? null,
    address: input.address ?? null,
    city: input.city ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    website: input.website ?? null,
    notes: input.notes ?? null,
    contacts: input.contacts ?? [],
  };
}

/** A partner belongs to a unit: the one given (within scope) or the user's own. */
function unitFor(ctx: Ctx, input: PartnerInput): string {
  const unitId = input.unit_id ?? ctx.who.unitId;
  if (!unitId || !inScope(ctx.who.scope, unitId)) throw fieldError('unit_id', 'users.homeRequired');
  return unitId;
}

export async function createPartner(ctx: Ctx, input: PartnerInput): Promise<string> {
  const unit_id = unitFor(ctx, input);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (await repo.nameTaken(trx, unit_id, input.legal_name))
        throw fieldError('legal_name', 'partners.nameTaken');
      const v = { unit_id, ...values(input) };
      const id = await repo.insertPartner(trx, v);
      await recordAudit(trx, ctx.who.actor, {
        action: 'partners.create',
        entity: 'partner',
        entityId: id,
        unitId: unit_id,
        after: v,
      });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'partners_unit_name_key'))
      throw fieldError('legal_name', 'partners.nameTaken');
    throw err;
  }
}

export async function updatePartner(ctx: Ctx, id: string, input: PartnerInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await partner(withDb(ctx, trx), id);
    if (await repo.nameTaken(trx, before.unit_id, input.legal_name, id))
      throw fieldError('legal_name', 'partners.nameTaken');
    const v = values(input);
    await repo.updatePartner(trx, id, v);
    await recordAudit(trx, ctx.who.actor, {
      action: 'partners.update',
      entity: 'partner',
      entityId: id,
      unitId: before.unit_id,
      before,
      after: v,
    });
  });
}

export async function instructorsOf(ctx: Pick<Ctx, 'db'>, partnerId: string) {
  return listPartnerInstructors(ctx.db, partnerId);
}

/** Creates a login for one of the partner's instructors, tied to the partner and its unit. */
export async function createInstructor(
  ctx: Ctx,
  partnerId: string,
  input: {
    username: string;
    full_name: string;
    phone?: string | undefined;
    email?: string | undefined;
    password?: string | undefined;
    must_change_password?: boolean;
  },
) {
  const p = await partner(ctx, partnerId);
  return createUser(ctx, {
    ...input,
    position: `Instruktur ${p.legal_name}`,
    roles: ['instruktur_mitra'],
    unit_id: p.unit_id,
    partner_id: p.id,
  });
}
