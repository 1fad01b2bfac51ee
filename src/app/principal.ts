// Who is asking. One shape, built once per request by the pipeline (from the session or token) and
// once per job for background work: the user, their roles, their scope, and the actor written to
// the audit log. Services take a context `{ db, who, now }` and their input, so a route, a job, a
// test or a script calls them the same way.
import type { Db } from '../db/database.ts';
import type { ReadReplica } from '../db/replica.ts';
import type { Role, TimeZone } from '../db/schema.ts';
import { dayInZone } from './format.ts';
import { isNational, NATIONAL, type Scope } from './scope.ts';

/** Who wrote a record, as the audit log keeps it: a signed-in user, or the system (jobs, seeding). */
export interface Actor {
  userId: string | null;
  name: string;
  requestId?: string | null;
  ip?: string | null;
}

export interface Principal {
  /** The user's id; null for the system itself. */
  id: string | null;
  username: string;
  fullName: string;
  roles: Role[];
  unitId: string | null;
  kanwilId: string | null;
  /** An instructor's partner (their scope is narrowed to it). */
  partnerId: string | null;
  /** The unit's or regional office's name, for the page header. */
  homeName: string | null;
  /** The home's time zone: "today" for this user, and how times are shown to them. */
  zone: TimeZone;
  /** Which units' (and partner's) records they may see; read only through app/scope.ts. */
  scope: Scope;
  actor: Actor;
}

/** A principal signed in through a session cookie or an API token, with what the session adds. */
export interface SignedIn extends Principal {
  id: string;
  locale: 'id' | 'en';
  mustChangePassword: boolean;
  via: 'session' | 'token';
  csrfToken: string | null;
  sessionIdHash: string | null;
}

/** What every service call takes: the database (or the transaction), who asks, and the clock. */
export interface Ctx {
  db: Db;
  /**
   * The streaming read replica (DATABASE_REPLICA_URL) for report and roll-up reads, when one is
   * configured. Never read it directly: reportDb(ctx) decides.
   */
  replica?: ReadReplica;
  who: Principal;
  now: Date;
}

/**
 * Where a report or roll-up READ goes: the read replica when one is configured, else the primary.
 * Inside a transaction it is always that transaction (a write must read what it writes, and the
 * figures it freezes come from the primary). Never write through it: a replica refuses writes.
 */
export function reportDb(ctx: Pick<Ctx, 'db' | 'replica'>): Db {
  return ctx.replica && !ctx.db.isTransaction ? ctx.replica.db : ctx.db;
}

/** The system itself: seeding, scheduled jobs, scripts. National scope, no roles. */
export function systemPrincipal(name = 'system'): Principal {
  return {
    id: null,
    username: name,
    fullName: name,
    roles: [],
    unitId: null,
    kanwilId: null,
    partnerId: null,
    homeName: null,
    zone: 'Asia/Jakarta',
    scope: NATIONAL,
    actor: { userId: null, name },
  };
}

export const SYSTEM: Principal = systemPrincipal();

/** Whether this is the system itself (a job, seeding, a script): no user, and every unit. */
export function isSystem(who: Principal): boolean {
  return who.id === null && isNational(who.scope);
}

/**
 * The system, also when it acts in a named user's name (actingAs: seeding the demo as its staff):
 * no roles of its own and every unit. A signed-in user always has a role.
 */
export function actsAsSystem(who: { roles: readonly Role[]; scope: Scope }): boolean {
  return who.roles.length === 0 && isNational(who.scope);
}

/**
 * The system acting in a named user's name (seeding the demo as its staff, an import a user asked
 * for): national scope and no roles of its own, with that user as the audit actor.
 */
export function actingAs(actor: Actor): Principal {
  return { ...systemPrincipal(actor.name), id: actor.userId, actor };
}

/** A context for work no user asked for (a job run, a script, seeding). */
export function systemCtx(db: Db, now: Date = new Date(), name = 'system'): Ctx {
  return { db, who: name === 'system' ? SYSTEM : systemPrincipal(name), now };
}

/** The same principal acting inside a transaction (or at another instant). */
export function withDb(ctx: Ctx, db: Db): Ctx {
  return { ...ctx, db };
}

/**
 * Today's date ('YYYY-MM-DD') for this context: in the given zone (a unit's, for a unit's
 * record), else in the principal's home zone, at the context's clock.
 */
export function today(ctx: Pick<Ctx, 'now' | 'who'>, zone?: TimeZone): string {
  return dayInZone(ctx.now, zone ?? ctx.who.zone);
}
