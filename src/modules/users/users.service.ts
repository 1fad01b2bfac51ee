// User accounts: created, edited, deactivated and reset by administrators within their scope;
// each user changes their own password and language. Every write is audited in its transaction.
import { AppError, fieldError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { homeRuleFor } from '../../app/policy.ts';
import type { Actor } from '../../app/principal.ts';
import { inScope, type Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { endUserSessions, revokeUserTokens } from '../auth/auth.service.ts';
import { hashPassword, oneTimePassword, verifyPassword } from '../auth/password.ts';
import * as repo from './users.repo.ts';

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

export interface Admin {
  id: string;
  scope: Scope;
}

/** Where the account belongs follows from its roles, and must lie within the admin's scope. */
async function resolveHome(
  db: Db,
  admin: Admin,
  f: UserFields,
): Promise<{ unit_id: string | null; kanwil_id: string | null }> {
  const rule = homeRuleFor(f.roles);
  if (rule === 'unit' || (rule === 'any' && f.unit_id)) {
    if (!f.unit_id) throw fieldError('unit_id', 'users.homeRequired');
    const unit = await repo.unitKanwil(db, f.unit_id);
    if (!unit || !inScope(admin.scope, unit.id)) throw fieldError('unit_id', 'err.enum');
    return { unit_id: unit.id, kanwil_id: null };
  }
  if (rule === 'kanwil' || f.kanwil_id) {
    if (!f.kanwil_id) throw fieldError('kanwil_id', 'users.kanwilRequired');
    if (!admin.scope.all || !(await repo.kanwilExists(db, f.kanwil_id)))
      throw fieldError('kanwil_id', 'err.enum');
    return { unit_id: null, kanwil_id: f.kanwil_id };
  }
  // A national account (admin or pusat with no home) may only be made by a national admin.
  if (!admin.scope.all) throw fieldError('unit_id', 'users.homeRequired');
  return { unit_id: null, kanwil_id: null };
}

const orNull = (v: string | undefined) => v ?? null;

export async function createUser(
  db: Db,
  actor: Actor,
  admin: Admin,
  input: UserFields & {
    username: string;
    password?: string | undefined;
    must_change_password?: boolean;
    /** Set only by the partners module, which checks the partner belongs to the unit. */
    partner_id?: string;
  },
): Promise<{ id: string; oneTimePassword: string | null }> {
  const home = await resolveHome(db, admin, input);
  // An instructor sees nothing without a partner, so the account is made from the partner's page.
  if (input.roles.includes('instruktur_mitra') && !input.partner_id)
    throw fieldError('roles', 'users.instructorFromPartner');
  const generated = input.password ? null : oneTimePassword();
  const password_hash = await hashPassword(input.password ?? generated ?? '');
  try {
    const id = await db.transaction().execute(async (trx) => {
      if (await repo.usernameExists(trx, input.username)) throw fieldError('username', 'users.usernameTaken');
      const id = await repo.insertUser(trx, {
        username: input.username,
        full_name: input.full_name,
        nip: orNull(input.nip),
        position: orNull(input.position),
        email: orNull(input.email),
        phone: orNull(input.phone),
        roles: input.roles,
        ...home,
        partner_id: input.partner_id ?? null,
        password_hash,
        must_change_password: input.must_change_password ?? true,
      });
      const after = await repo.findUser(trx, { all: true }, id);
      await recordAudit(trx, actor, {
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
    throw err;
  }
}

export async function getUser(db: Db, scope: Scope, id: string) {
  const u = await repo.findUser(db, scope, id);
  if (!u) throw new AppError('users.not_found', 404, 'err.notFound');
  return u;
}

export const listUsers = repo.listUsers;
export const listPartnerInstructors = repo.listByPartner;

export async function updateUser(
  db: Db,
  actor: Actor,
  admin: Admin,
  id: string,
  input: UserFields,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getUser(trx, admin.scope, id);
    const home = await resolveHome(trx, admin, input);
    if (input.roles.includes('instruktur_mitra') && !before.partner_id)
      throw fieldError('roles', 'users.instructorFromPartner');
    if (id === admin.id && before.roles.includes('admin') && !input.roles.includes('admin')) {
      throw fieldError('roles', 'users.lastAdmin');
    }
    await repo.updateUser(trx, id, {
      full_name: input.full_name,
      nip: orNull(input.nip),
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
    const after = await repo.findUser(trx, { all: true }, id);
    await recordAudit(trx, actor, {
      action: 'users.update',
      entity: 'user',
      entityId: id,
      unitId: home.unit_id,
      before,
      after,
    });
  });
}

export async function setActive(
  db: Db,
  actor: Actor,
  admin: Admin,
  id: string,
  active: boolean,
): Promise<void> {
  if (!active && id === admin.id)
    throw invalid([{ field: '_', key: 'users.cannotSelf' }], 'users.cannot_deactivate_self');
  await db.transaction().execute(async (trx) => {
    const before = await getUser(trx, admin.scope, id);
    await repo.updateUser(trx, id, { active });
    if (!active) {
      await endUserSessions(trx, id);
      await revokeUserTokens(trx, actor, { id, unitId: before.unit_id }, 'deactivated');
      if (before.roles.includes('admin') && (await repo.countActiveAdmins(trx)) === 0) {
        throw invalid([{ field: '_', key: 'users.lastAdmin' }], 'users.last_admin');
      }
    }
    await recordAudit(trx, actor, {
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
export async function resetPassword(db: Db, actor: Actor, admin: Admin, id: string): Promise<string> {
  const password = oneTimePassword();
  const password_hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const user = await getUser(trx, admin.scope, id);
    await repo.updateUser(trx, id, {
      password_hash,
      must_change_password: true,
      password_changed_at: new Date(),
    });
    await endUserSessions(trx, id);
    await revokeUserTokens(trx, actor, { id, unitId: user.unit_id }, 'password_reset');
    await recordAudit(trx, actor, {
      action: 'users.reset_password',
      entity: 'user',
      entityId: id,
      unitId: user.unit_id,
    });
  });
  return password;
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  user: { id: string; unitId: string | null; sessionIdHash: string | null },
  input: { current_password: string; new_password: string; confirm_password: string },
): Promise<void> {
  if (input.new_password !== input.confirm_password)
    throw fieldError('confirm_password', 'account.password.mismatch');
  if (input.new_password === input.current_password)
    throw fieldError('new_password', 'account.password.same');
  const stored = await repo.passwordHashOf(db, user.id);
  if (!stored || !(await verifyPassword(input.current_password, stored))) {
    throw fieldError('current_password', 'account.password.wrong');
  }
  const password_hash = await hashPassword(input.new_password);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, {
      password_hash,
      must_change_password: false,
      password_changed_at: new Date(),
    });
    // Other devices signed in with the old password are signed out; this one stays.
    await endUserSessions(trx, user.id, user.sessionIdHash ?? undefined);
    await revokeUserTokens(trx, actor, user, 'password_changed');
    await recordAudit(trx, actor, {
      action: 'users.change_password',
      entity: 'user',
      entityId: user.id,
      unitId: user.unitId,
    });
  });
}

export async function setLocale(db: Db, actor: Actor, userId: string, locale: 'id' | 'en'): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, userId, { locale });
    await recordAudit(trx, actor, {
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
    await recordAudit(
      trx,
      { userId: null, name: 'system' },
      { action: 'users.create_first_admin', entity: 'user', entityId: id },
    );
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
