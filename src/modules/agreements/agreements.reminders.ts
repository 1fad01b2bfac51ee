// Agreements that need attention: ending within 90 or 30 days, or past their end but still marked
// active. Shown live on the dashboard; the daily job records each notification once.

import { dayInZone } from '../../app/format.ts';
import type { Actor } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import type { TimeZone } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { unitZones } from '../units/units.service.ts';
import * as repo from './agreements.repo.ts';
import { daysBetween, type ReminderKind, reminderFor } from './agreements.rules.ts';

export interface Reminder {
  id: string;
  unitId: string;
  title: string;
  partnerName: string;
  kind: ReminderKind;
  validTo: string;
  days: number;
}

/** Reminders due on `today` (the viewer's calendar day) for the agreements in scope. */
export async function dueReminders(db: Db, scope: Scope, today: string): Promise<Reminder[]> {
  const candidates = await repo.reminderCandidates(db, scope);
  const ends = await repo.addendumEndDates(
    db,
    candidates.map((c) => c.id),
    today,
  );
  const out: Reminder[] = [];
  for (const c of candidates) {
    const validTo = ends.has(c.id) ? (ends.get(c.id) ?? null) : c.valid_to;
    const kind = reminderFor({ status: c.status, validTo }, today);
    if (!kind || !validTo) continue;
    out.push({
      id: c.id,
      unitId: c.unit_id,
      title: c.title,
      partnerName: c.partner_name,
      kind,
      validTo,
      days: daysBetween(today, validTo),
    });
  }
  const order: Record<ReminderKind, number> = {
    'agreement.overdue': 0,
    'agreement.ending_30': 1,
    'agreement.ending_90': 2,
  };
  return out.sort((a, b) => order[a.kind] - order[b.kind] || a.days - b.days);
}

const JOB: Actor = { userId: null, name: 'system:job' };

/**
 * The daily job: records each reminder once (per agreement, kind and end date), so a notice is
 * never repeated however often the job runs, and a changed end date raises a fresh one.
 */
export async function recordReminders(db: Db, now = new Date()): Promise<number> {
  const units = await unitZones(db);
  let created = 0;
  for (const unit of units) {
    const today = dayInZone(now, unit.timezone as TimeZone);
    for (const r of await dueReminders(db, { all: false, unitIds: [unit.id] }, today)) {
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
          await recordAudit(trx, JOB, {
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
