// User accounts: created, edited, deactivated and reset by administrators within their scope;
// each user changes their own password and language. Every write is audited in its transaction.
import { fieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { homeRuleFor } from '../../app/policy.ts';
import { type Ctx, SYSTEM, today, withDb } from '../../app/principal.ts';
import { NATIONAL } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { endUserSessions, revokeUserTokens } from '../auth/auth.service.ts';
import { hashPassword, oneTimePassword, verifyPassword } from '../auth/password.ts';
import { mayHomeAboveUnits, mayHomeInUnit, user } from './users.policy.ts';
import * as repo from './users.repo.ts';
import { nipProblem, roleUnitProblem } from './users.rules.ts';

export interface UserFields {
  full_name: string;
  nip?: string | undefined;
  position?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  roles: Role[];
  unit_id?: string | undefined;
  kanwil_id?: string | undefined;
}

/** Where the account belongs follows from its roles, and must be a home the admin may give. */
async function resolveHome(
  ctx: Pick<Ctx, 'db' | 'who'>,
  f: UserFields,
): Promise<{ unit_id: string | null; kanwil_id: string | null }> {
  const rule = homeRuleFor(f.roles);
  if (rule === 'unit' || (rule === 'any' && f.unit_id)) {
    if (!f.unit_id) throw fieldError('unit_id', 'users.homeRequired');
    const unit = await repo.unitKanwil(ctx.db, f.unit_id);
    if (!unit || !mayHomeInUnit(ctx.who, unit.id)) throw fieldError('unit_id', 'err.enum');
    const problem = roleUnitProblem(f.roles, unit.type);
    if (problem) throw fieldError(problem === 'users.pkAlone' ? 'roles' : 'unit_id', problem);
    return { unit_id: unit.id, kanwil_id: null };
  }
  if (rule === 'kanwil' || f.kanwil_id) {
    if (!f.kanwil_id) throw fieldError('kanwil_id', 'users.kanwilRequired');
    if (!mayHomeAboveUnits(ctx.who) || !(await repo.kanwilExists(ctx.db, f.kanwil_id)))
      throw fieldError('kanwil_id', 'err.enum');
    return { unit_id: null, kanwil_id: f.kanwil_id };
  }
  // A national account (admin or pusat with no home) may only be made by a national admin.
  if (!mayHomeAboveUnits(ctx.who)) throw fieldError('unit_id', 'users.homeRequired');
  return { unit_id: null, kanwil_id: null };
}

const orNull = (v: string | undefined) => v || null;

/** A civil servant's NIP, checked for its structure (users.rules.ts); empty is no NIP. */
export function checkNip(ctx: Pick<Ctx, 'now' | 'who'>, nip: string | undefined): string | null {
  // Kept as 18 digits; it may be typed in its four groups, as it is printed.
  const digits = nip?.replaceAll(' ', '');
  if (!digits) return null;
  const problem = nipProblem(digits, today(ctx));
  if (problem) throw fieldError('nip', problem);
  return digits;
}

/** Two accounts never share an NIP (migration 0025): said on the field. */
export function nipTaken(err: unknown): boolean {
  return isUniqueViolation(err, 'users_nip_key');
}

export async function createUser(
  ctx: Ctx,
  input: UserFields & {
    username: string;
    password?: string | undefined;
    must_change_password?: boolean;
    /** Set only by the partners module, which checks the partner belongs to the unit. */
    partner_id?: string;
  },
): Promise<{ id: string; oneTimePassword: string | null }> {
  const home = await resolveHome(ctx, input);
  // An instructor sees nothing without a partner, so the account is made from the partner's page.
  if (input.roles.includes('instruktur_mitra') && !input.partner_id)
    throw fieldError('roles', 'users.instructorFromPartner');
  const nip = checkNip(ctx, input.nip);
  const generated = input.password ? null : oneTimePassword();
  const password_hash = await hashPassword(input.password ?? generated ?? '');
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      if (await repo.usernameExists(trx, input.username)) throw fieldError('username', 'users.usernameTaken');
      const id = await repo.insertUser(trx, {
        username: input.username,
        full_name: input.full_name,
        nip,
        position: orNull(input.position),
        email: orNull(input.email),
        phone: orNull(input.phone),
        roles: input.roles,
        ...home,
        partner_id: input.partner_id ?? null,
        password_hash,
        must_change_password: input.must_change_password ?? true,
      });
      const after = await repo.findUser(trx, NATIONAL, id);
      await recordAudit(trx, ctx.who.actor, {
        action: 'users.create',
        entity: 'user',
        entityId: id,
        unitId: home.unit_id,
        after,
      });
      return id;
    });
    return { id, oneTimePassword: generated };
  } catch (err) {
    if (isUniqueViolation(err, 'users_username_key')) throw fieldError('username', 'users.usernameTaken');
    if (nipTaken(err)) throw fieldError('nip', 'users.nipTaken');
    throw err;
  }
}

/** The account, in the administrator's scope (404 outside it). */
export const getUser = user;

/** Accounts in the administrator's scope, filtered, a page at a time. */
export function listUsers(ctx: Pick<Ctx, 'db' | 'who'>, f: Parameters<typeof repo.listUsers>[2]) {
  return repo.listUsers(ctx.db, ctx.who.scope, f);
}

export const listPartnerInstructors = repo.listByPartner;

export async function updateUser(ctx: Ctx, id: string, input: UserFields): Promise<void> {
  const nip = checkNip(ctx, input.nip);
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const tx = withDb(ctx, trx);
      const before = await user(tx, id);
      const home = await resolveHome(tx, input);
      if (input.roles.includes('instruktur_mitra') && !before.partner_id)
        throw fieldError('roles', 'users.instructorFromPartner');
      if (id === ctx.who.id && before.roles.includes('admin') && !input.roles.includes('admin')) {
        throw fieldError('roles', 'users.lastAdmin');
      }
      await repo.updateUser(trx, id, {
        full_name: input.full_name,
        nip,
        position: orNull(input.position),
        email: orNull(input.email),
        phone: orNull(input.phone),
        roles: input.roles,
        ...home,
      });
      if (
        before.roles.includes('admin') &&
        !input.roles.includes('admin') &&
        (await repo.countActiveAdmins(trx)) === 0
      ) {
        throw fieldError('roles', 'users.lastAdmin');
      }
      const after = await repo.findUser(trx, NATIONAL, id);
      await recordAudit(trx, ctx.who.actor, {
        action: 'users.update',
        entity: 'user',
        entityId: id,
        unitId: home.unit_id,
        before,
        after,
      });
    })
    .catch((err: unknown) => {
      if (nipTaken(err)) throw fieldError('nip', 'users.nipTaken');
      throw err;
    });
}

export async function setActive(ctx: Ctx, id: string, active: boolean): Promise<void> {
  if (!active && id === ctx.who.id)
    throw invalid([{ field: '_', key: 'users.cannotSelf' }], 'users.cannot_deactivate_self');
  await ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const before = await user(tx, id);
    await repo.updateUser(trx, id, { active });
    if (!active) {
      await endUserSessions(trx, id);
      await revokeUserTokens(tx, { id, unitId: before.unit_id }, 'deactivated');
      if (before.roles.includes('admin') && (await repo.countActiveAdmins(trx)) === 0) {
        throw invalid([{ field: '_', key: 'users.lastAdmin' }], 'users.last_admin');
      }
    }
    await recordAudit(trx, ctx.who.actor, {
      action: active ? 'users.activate' : 'users.deactivate',
      entity: 'user',
      entityId: id,
      unitId: before.unit_id,
      before: { active: before.active },
      after: { active },
    });
  });
}

/** Gives the user a new one-time password, ends their sessions and tokens, and makes them choose a new one. */
export async function resetPassword(ctx: Ctx, id: string): Promise<string> {
  const password = oneTimePassword();
  const password_hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const tx = withDb(ctx, trx);
    const u = await user(tx, id);
    await repo.updateUser(trx, id, {
      password_hash,
      must_change_password: true,
      password_changed_at: new Date(),
    });
    await endUserSessions(trx, id);
    await revokeUserTokens(tx, { id, unitId: u.unit_id }, 'password_reset');
    await recordAudit(trx, ctx.who.actor, {
      action: 'users.reset_password',
      entity: 'user',
      entityId: id,
      unitId: u.unit_id,
    });
  });
  return password;
}

/**
 * The signed-in user changes their own password; the session `keepSession` (the one they are
 * using, by its id hash) stays signed in.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  input: { current_password: string; new_password: string; confirm_password: string },
  keepSession: string | null,
): Promise<void> {
  const self = { id: ctx.who.id ?? '', unitId: ctx.who.unitId };
  if (input.new_password !== input.confirm_password)
    throw fieldError('confirm_password', 'account.password.mismatch');
  if (input.new_password === input.current_password)
    throw fieldError('new_password', 'account.password.same');
  const stored = await repo.passwordHashOf(ctx.db, self.id);
  if (!stored || !(await verifyPassword(input.current_password, stored))) {
    throw fieldError('current_password', 'account.password.wrong');
  }
  const password_hash = await hashPassword(input.new_password);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, self.id, {
      password_hash,
      must_change_password: false,
      password_changed_at: new Date(),
    });
    // Other devices signed in with the old password are signed out; this one stays.
    await endUserSessions(trx, self.id, keepSession ?? undefined);
    await revokeUserTokens(withDb(ctx, trx), self, 'password_changed');
    await recordAudit(trx, ctx.who.actor, {
      action: 'users.change_password',
      entity: 'user',
      entityId: self.id,
      unitId: self.unitId,
    });
  });
}

/** The signed-in user's language, kept on their account. */
export async function setLocale(ctx: Ctx, locale: 'id' | 'en'): Promise<void> {
  const userId = ctx.who.id ?? '';
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, userId, { locale });
    await recordAudit(trx, ctx.who.actor, {
      action: 'users.set_locale',
      entity: 'user',
      entityId: userId,
      after: { locale },
    });
  });
}

/** First start: with no users at all, create the administrator from settings or a one-time password. */
export async function ensureFirstAdmin(
  db: Db,
  username: string,
  password: string | undefined,
): Promise<{ created: boolean; oneTimePassword: string | null }> {
  if ((await repo.countUsers(db)) > 0) return { created: false, oneTimePassword: null };
  const generated = password ? null : oneTimePassword();
  const password_hash = await hashPassword(password ?? generated ?? '');
  return db.transaction().execute(async (trx) => {
    // Two nodes starting together on an empty database: the lock lets only one create the admin.
    await repo.lockFirstAdmin(trx);
    if ((await repo.countUsers(trx)) > 0) return { created: false, oneTimePassword: null };
    const id = await repo.insertUser(trx, {
      username,
      full_name: 'Administrator',
      nip: null,
      position: null,
      email: null,
      phone: null,
      roles: ['admin'],
      unit_id: null,
      kanwil_id: null,
      password_hash,
      must_change_password: generated !== null,
    });
    await recordAudit(trx, SYSTEM.actor, {
      action: 'users.create_first_admin',
      entity: 'user',
      entityId: id,
    });
    return { created: true, oneTimePassword: generated };
  });
}

export async function userExists(db: Db, username: string): Promise<boolean> {
  return repo.usernameExists(db, username);
}

export const countUsers = repo.countUsers;

export const headOfUnit = repo.headOfUnit;

export async function userIdByUsername(db: Db, username: string): Promise<string | undefined> {
  return repo.idByUsername(db, username);
}

/** The signed-in user's own NIP, for their account page. */
export async function ownNip(ctx: Pick<Ctx, 'db' | 'who'>): Promise<string | null> {
  return (await repo.findUser(ctx.db, NATIONAL, ctx.who.id ?? ''))?.nip ?? null;
}

/** A civil servant keeps their own NIP up to date from their account page (checked, unique, audited). */
export async function setOwnNip(ctx: Ctx, input: { nip?: string | undefined }): Promise<void> {
  const nip = checkNip(ctx, input.nip);
  const id = ctx.who.id ?? '';
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const before = await repo.findUser(trx, NATIONAL, id);
      await repo.updateUser(trx, id, { nip });
      await recordAudit(trx, ctx.who.actor, {
        action: 'users.update',
        entity: 'user',
        entityId: id,
        unitId: before?.unit_id ?? null,
        before: { nip: before?.nip ?? null },
        after: { nip },
      });
    })
    .catch((err: unknown) => {
      if (nipTaken(err)) throw fieldError('nip', 'users.nipTaken');
      throw err;
    });
}
