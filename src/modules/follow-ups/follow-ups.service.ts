// Follow-ups after release at 1, 3, 6 and 12 months: the due list (each unit's own day), one
// person's schedule, and recording or correcting a follow-up. Recorded only for a released person
// with a live follow-up consent given before the release (reintegration's `hasConsent`), by the
// unit's staff or the Bapas probation officer assigned to the person; every write audited.
import { AppError, invalid, isUniqueViolation } from '../../app/errors.ts';
import { formatDayShort } from '../../app/format.ts';
import { type Ctx, today, withDb } from '../../app/principal.ts';
import type { FollowUpMonth, IncomeBand, WorkStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hasConsent } from '../reintegration/reintegration.consents.ts';
import { followUp, followUpCase, isBapasOfficer } from './follow-ups.policy.ts';
import * as repo from './follow-ups.repo.ts';
import { answerProblems, dueOn, type MilestoneStatus, MONTHS, milestoneStatus } from './follow-ups.rules.ts';

export type { DueFilter, DueRow, FollowUpRow } from './follow-ups.repo.ts';

export const PAGE_SIZE = 50;

/** The follow-ups due, overdue or coming within 30 days of each unit's own today, a page at a time. */
export async function listDue(
  ctx: Pick<Ctx, 'db' | 'who' | 'now'>,
  o: { filter: repo.DueFilter; page: number },
) {
  const r = await repo.listDue(ctx.db, ctx.who.scope, ctx.now, {
    filter: o.filter,
    limit: PAGE_SIZE,
    offset: (o.page - 1) * PAGE_SIZE,
  });
  return { ...r, pageSize: PAGE_SIZE };
}

/** The dashboard's counts: overdue, due today, coming within 30 days (one unit's, or a PK's people). */
export async function dueCounts(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, o: { unitId: string | null }) {
  return repo.countDue(ctx.db, ctx.who.scope, ctx.now, o.unitId);
}

export interface Milestone {
  month_no: FollowUpMonth;
  due_on: string | null;
  status: MilestoneStatus | 'not_released';
  record: repo.FollowUpRow | null;
}

/** One person's case, their consent, and their four milestones with what was recorded. */
export async function personFollowUps(ctx: Pick<Ctx, 'db' | 'who' | 'now'>, inmateId: string) {
  const c = await followUpCase(ctx, inmateId);
  const rows = await repo.followUpsOf(ctx.db, ctx.who.scope, inmateId);
  const day = today(ctx, c.timezone);
  const consent = c.released_on
    ? (await hasConsent(ctx.db, inmateId, 'follow_up', c.released_on)) &&
      (await hasConsent(ctx.db, inmateId, 'follow_up'))
    : await hasConsent(ctx.db, inmateId, 'follow_up');
  const milestones: Milestone[] = MONTHS.map((m) => {
    const record = rows.find((r) => r.month_no === m) ?? null;
    return {
      month_no: m,
      due_on: c.released_on ? dueOn(c.released_on, m) : null,
      status: c.released_on ? milestoneStatus(c.released_on, m, day, record !== null) : 'not_released',
      record,
    };
  });
  return { case: c, today: day, consent, milestones };
}
export type PersonFollowUps = Awaited<ReturnType<typeof personFollowUps>>;

export interface FollowUpInput {
  month_no: FollowUpMonth;
  contacted_on: string;
  contact_lost?: boolean | undefined;
  work_status?: WorkStatus | undefined;
  income_band?: IncomeBand | undefined;
  in_trade?: boolean | undefined;
  reoffended?: boolean | undefined;
  note?: string | undefined;
}

/** A refusal of the whole record (not released, no consent): 409 with its message on a field. */
const refused = (code: string, field: string, key: 'followUps.notReleased' | 'followUps.noConsent') =>
  new AppError(code, 409, key, {}, [{ field, key }]);

const monthTaken = () =>
  new AppError('follow_ups.month_taken', 409, 'followUps.monthTaken', {}, [
    { field: 'month_no', key: 'followUps.monthTaken' },
  ]);

/**
 * Records the person's follow-up of that month, or corrects it when already recorded. Refused,
 * with nothing written: a person not released; without a live follow-up consent given before the
 * release; a contact day before the release or after the unit's today; answers that do not fit.
 */
export async function recordFollowUp(
  ctx: Ctx,
  inmateId: string,
  input: FollowUpInput,
  /** create: a new record only (the API's POST): a month already recorded is refused, not changed. */
  o: { create?: boolean } = {},
): Promise<{ id: string; created: boolean }> {
  const note = input.note?.trim() || null;
  const answers = {
    contacted_on: input.contacted_on,
    contact_lost: input.contact_lost === true,
    work_status: input.work_status ?? null,
    income_band: input.income_band ?? null,
    in_trade: input.in_trade ?? null,
    reoffended: input.reoffended === true,
  };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const tx = withDb(ctx, trx);
      const c = await followUpCase(tx, inmateId);
      if (!c.released_on) throw refused('follow_ups.not_released', 'person', 'followUps.notReleased');
      const consent =
        (await hasConsent(trx, inmateId, 'follow_up', c.released_on)) &&
        (await hasConsent(trx, inmateId, 'follow_up'));
      if (!consent) throw refused('follow_ups.no_consent', 'consent', 'followUps.noConsent');
      const problems = answerProblems(answers, c.released_on, today(ctx, c.timezone)).map((p) =>
        p.key === 'followUps.beforeRelease'
          ? { ...p, params: { date: formatDayShort(c.released_on ?? '') } }
          : p,
      );
      if (problems.length) throw invalid(problems);
      const v = { ...answers, note, recorded_by: ctx.who.id, by_bapas: isBapasOfficer(ctx.who) };
      const before = await repo.lockMonth(trx, inmateId, input.month_no);
      if (before && o.create) throw monthTaken();
      const id = before
        ? before.id
        : await repo.insertFollowUp(trx, {
            ...v,
            inmate_id: inmateId,
            unit_id: c.unit_id,
            month_no: input.month_no,
          });
      if (before) await repo.updateFollowUp(trx, before.id, v);
      await recordAudit(trx, ctx.who.actor, {
        action: before ? 'follow_ups.update' : 'follow_ups.record',
        entity: 'follow_up',
        entityId: id,
        unitId: c.unit_id,
        ...(before ? { before: auditable(before) } : {}),
        after: { inmate_id: inmateId, unit_id: c.unit_id, month_no: input.month_no, ...v },
      });
      return { id, created: !before };
    });
  } catch (err) {
    // Two recorders of the same month at once: the second is told it is already there.
    if (isUniqueViolation(err, 'follow_ups_once')) throw monthTaken();
    throw err;
  }
}

/** Corrects a recorded follow-up by its id (the API's PUT): the same rules as recording it. */
export async function updateFollowUp(ctx: Ctx, id: string, input: Omit<FollowUpInput, 'month_no'>) {
  const f = await followUp(ctx, id);
  await recordFollowUp(ctx, f.inmate_id, { ...input, month_no: f.month_no });
}

function auditable(f: NonNullable<Awaited<ReturnType<typeof repo.lockMonth>>>) {
  const { updated_at: _u, id: _i, ...rest } = f;
  return rest;
}
