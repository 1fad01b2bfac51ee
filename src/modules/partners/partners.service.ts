// Partners (mitra) of a unit: companies, training centres, certification bodies and others that
// run programmes with it; and the instructor accounts of each partner.
import { AppError, fieldError, isUniqueViolation } from '../../app/errors.ts';
import type { Actor } from '../../app/principal.ts';
import { inScope, type Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { PartnerContact, PartnerType } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createUser, listPartnerInstructors } from '../users/users.service.ts';
import * as repo from './partners.repo.ts';

export type { PartnerRow } from './partners.repo.ts';
export const listPartners = repo.listPartners;
export const partnerOptions = repo.partnerOptions;
export const partnerIdByName = repo.partnerIdByName;

export interface Viewer {
  id: string;
  unitId: string | null;
  scope: Scope;
}

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

export async function getPartner(db: Db, scope: Scope, id: string) {
  const p = await repo.findPartner(db, scope, id);
  if (!p) throw new AppError('partners.not_found', 404, 'err.notFound');
  return p;
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
function unitFor(viewer: Viewer, input: PartnerInput): string {
  const unitId = input.unit_id ?? viewer.unitId;
  if (!unitId || !inScope(viewer.scope, unitId)) throw fieldError('unit_id', 'users.homeRequired');
  return unitId;
}

export async function createPartner(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  input: PartnerInput,
): Promise<string> {
  const unit_id = unitFor(viewer, input);
  try {
    return await db.transaction().execute(async (trx) => {
      if (await repo.nameTaken(trx, unit_id, input.legal_name))
        throw fieldError('legal_name', 'partners.nameTaken');
      const v = { unit_id, ...values(input) };
      const id = await repo.insertPartner(trx, v);
      await recordAudit(trx, actor, {
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

export async function updatePartner(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  id: string,
  input: PartnerInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getPartner(trx, viewer.scope, id);
    if (await repo.nameTaken(trx, before.unit_id, input.legal_name, id))
      throw fieldError('legal_name', 'partners.nameTaken');
    const v = values(input);
    await repo.updatePartner(trx, id, v);
    await recordAudit(trx, actor, {
      action: 'partners.update',
      entity: 'partner',
      entityId: id,
      unitId: before.unit_id,
      before,
      after: v,
    });
  });
}

export async function instructorsOf(db: Db, partnerId: string) {
  return listPartnerInstructors(db, partnerId);
}

/** Creates a login for one of the partner's instructors, tied to the partner and its unit. */
export async function createInstructor(
  db: Db,
  actor: Actor,
  viewer: Viewer,
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
  const partner = await getPartner(db, viewer.scope, partnerId);
  return createUser(
    db,
    actor,
    { id: viewer.id, scope: viewer.scope },
    {
      ...input,
      position: `Instruktur ${partner.legal_name}`,
      roles: ['instruktur_mitra'],
      unit_id: partner.unit_id,
      partner_id: partner.id,
    },
  );
}
