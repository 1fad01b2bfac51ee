// Who may do what to one session's roll call: the session within the principal's scope (their
// units; a partner instructor only their own partner's programmes), then whether it takes marks
// now: not cancelled, not in the future, and not locked (ATTENDANCE_LOCK_DAYS after its day only
// the Kepala UPT, `attendance.unlock`, may still change it, or its staff while an unlock the Kepala
// approved lasts: `unlocked_until`, from the approvals module's requests).
import { AppError, forbidden, notFound } from '../../app/errors.ts';
import type { MessageKey } from '../../app/i18n.ts';
import { can } from '../../app/policy.ts';
import { type Ctx, today } from '../../app/principal.ts';
import * as repo from './attendance.repo.ts';
import { isLocked } from './attendance.rules.ts';

/** view: read its roster, marks and history; record: save marks and corrections. */
export type SessionUse = 'view' | 'record';

type Session = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;
type Timing = Pick<Session, 'day' | 'status' | 'timezone'> & { unlocked_until?: Date | null };

/** Whether an unlock the Kepala UPT approved still holds at the context's clock. */
const unlockedNow = (ctx: Pick<Ctx, 'now'>, s: Timing) => !!s.unlocked_until && s.unlocked_until > ctx.now;

/** Why the session's roll call cannot take marks now from this principal, or null when it can. */
export function refusal(ctx: Pick<Ctx, 'who' | 'now'>, s: Timing, lockDays: number): MessageKey | null {
  if (s.status === 'cancelled') return 'attendance.cancelled';
  const day = today(ctx, s.timezone);
  if (s.day > day) return 'attendance.future';
  if (isLocked(s.day, day, lockDays) && !can(ctx.who, 'attendance.unlock') && !unlockedNow(ctx, s))
    return 'attendance.locked';
  return null;
}

/** What the page and the API show: whether the record is locked, and what this principal may do. */
export function may(ctx: Pick<Ctx, 'who' | 'now'>, s: Timing, lockDays: number) {
  const why = refusal(ctx, s, lockDays);
  return {
    locked: isLocked(s.day, today(ctx, s.timezone), lockDays),
    refusal: why,
    record: why === null && can(ctx.who, 'attendance.record'),
    unlock: can(ctx.who, 'attendance.unlock'),
    /** Until when an approved unlock lets the staff change the locked record; null when none holds. */
    unlockedUntil: unlockedNow(ctx, s) ? (s.unlocked_until ?? null) : null,
  };
}
export type SessionMay = ReturnType<typeof may>;

const refused = (key: MessageKey, lockDays: number) =>
  new AppError(`attendance.${key.split('.')[1]}`, 409, key, { n: lockDays }, [
    { field: 'marks', key, params: { n: lockDays } },
  ]);

/** Throws unless the principal may `use` the session now: 403 without the right, 409 with why not. */
export function authorize(ctx: Pick<Ctx, 'who' | 'now'>, s: Timing, use: SessionUse, lockDays: number) {
  if (use === 'view') return;
  if (!can(ctx.who, 'attendance.record')) throw forbidden();
  const why = refusal(ctx, s, lockDays);
  if (why) throw refused(why, lockDays);
}

/**
 * The session, or 404 when it lies outside the principal's scope (another unit's, another
 * partner's programme), or the refusal when they may see it but not record it now. `lock` holds
 * the row for the rest of the caller's transaction (saves of one session queue behind each other).
 */
export async function session(
  ctx: Ctx,
  id: string,
  o: { for?: SessionUse; lockDays: number; lock?: boolean },
): Promise<Session> {
  return admit(ctx, await repo.findSession(ctx.db, ctx.who.scope, id, o.lock), o);
}

/**
 * A session the repo looked up in the principal's scope (with more of it, such as its history),
 * checked as `session` checks it. An approved unlock counts only for the staff of a locked record.
 */
export function admit<S extends Session>(
  ctx: Pick<Ctx, 'who' | 'now'>,
  found: S | undefined,
  o: { for?: SessionUse; lockDays: number },
): S {
  if (!found) throw notFound('sessions');
  const locked = isLocked(found.day, today(ctx, found.timezone), o.lockDays);
  const s = {
    ...found,
    unlocked_until: locked && !can(ctx.who, 'attendance.unlock') ? found.unlocked_until : null,
  };
  authorize(ctx, s, o.for ?? 'view', o.lockDays);
  return s;
}
