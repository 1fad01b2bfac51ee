// Agreements that need attention: ending within 90 or 30 days, or past their end but still marked
// active. Shown live on the dashboard; the daily job records each notification once.

import { daysBetween } from '../../app/days.ts';
import { type Ctx, today } from '../../app/principal.ts';
import { type Scope, withinUnit } from '../../app/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { unitZones } from '../units/units.service.ts';
import * as repo from './agreements.repo.ts';
import { type ReminderKind, reminderFor } from './agreements.rules.ts';

export interface Reminder {
  id: string;
  unitId: string;
  title: string;
  partnerName: string;
  kind: ReminderKind;
  validTo: string;
  days: number;
}

/**
 * Reminders due on `day` (the asker's calendar day) for the agreements in their scope, or in the
 * narrower `scope` given (one unit's, for its dashboard or the daily job).
 */
export async function dueReminders(
  ctx: Pick<Ctx, 'db' | 'who'>,
  day: string,
  scope: Scope = ctx.who.scope,
): Promise<Reminder[]> {
  const candidates = await repo.reminderCandidates(ctx.db, scope);
  const ends = await repo.addendumEndDates(
    ctx.db,
    candidates.map((c) => c.id),
    day,
  );
  const out: Reminder[] = [];
  for (const c of candidates) {
    const validTo = ends.has(c.id) ? (ends.get(c.id) ?? null) : c.valid_to;
    const kind = reminderFor({ status: c.status, validTo }, day);
    if (!kind || !validTo) continue;
    out.push({
      id: c.id,
      unitId: c.unit_id,
      title: c.title,
      partnerName: c.partner_name,
      kind,
      validTo,
      days: daysBetween(day, validTo),
    });
  }
  const order: Record<ReminderKind, number> = {
    'agreement.overdue': 0,
    'agreement.ending_30': 1,
    'agreement.ending_90': 2,
  };
  return out.sort((a, b) => order[a.kind] - order[b.kind] || a.days - b.days);
}

/** The audit actor of the daily job, as its records have always named it. */
export const REMINDERS_JOB = 'system:job';

/**
 * The daily job, run as the system (`systemCtx(db, now, REMINDERS_JOB)`): records each reminder
 * once (per agreement, kind and end date), so a notice is never repeated however often the job
 * runs, and a changed end date raises a fresh one. Each unit's reminders fall on its own day.
 */
export async function recordReminders(ctx: Ctx): Promise<number> {
  const { db } = ctx;
  const units = await unitZones(db);
  let created = 0;
  for (const unit of units) {
    for (const r of await dueReminders(ctx, today(ctx, unit.timezone), withinUnit(ctx.who.scope, unit.id))) {
      await db.transaction().execute(async (trx) => {
        const v = {
          unit_id: r.unitId,
          kind: r.kind,
          entity: 'agreement',
          entity_id: r.id,
          due_on: r.validTo,
        };
        if (await repo.insertNotification(trx, v)) {
          created++;
          await recordAudit(trx, ctx.who.actor, {
            action: 'notifications.create',
            entity: 'agreement',
            entityId: r.id,
            unitId: r.unitId,
            after: v,
          });
        }
      });
    }
  }
  return created;
}

export const notificationsFor = repo.notificationsFor;
