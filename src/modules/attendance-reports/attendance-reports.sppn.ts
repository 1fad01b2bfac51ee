// SPPN kemandirian evidence in bulk (issue 14, item 5): the monthly statement of every narapidana of
// a programme (or of one block of it) in one PDF, so a wali scores a whole group with one download.
// Each statement is the single inmate's, built by the same `inmateMonth`, so the two cannot differ.
import { conflict } from '../../app/errors.ts';
import { type Ctx, reportDb } from '../../app/principal.ts';
import { categoryOf } from '../inmates/inmates.rules.ts';
import { programme as programmePolicy } from '../programmes/programmes.policy.ts';
import * as repo from './attendance-reports.repo.ts';
import { inmateMonth, monthBounds } from './attendance-reports.service.ts';

/** The most statements one file holds: a large class fits; a whole unit is asked block by block. */
export const GROUP_LIMIT = 200;
const PARALLEL = 4;

/**
 * The statements of a programme's narapidana for a month (404 outside the viewer's programmes).
 * Detainees are counted, not printed: SPPN scores sentenced inmates only.
 */
export async function groupMonth(
  ctx: Ctx,
  input: { programmeId: string; month: string; block?: string | undefined },
) {
  const programme = await programmePolicy(ctx, input.programmeId);
  const { from, to } = monthBounds(input.month);
  const members = await repo.programmeGroup(reportDb(ctx), ctx.who.scope, {
    programmeId: programme.id,
    from,
    to,
    block: input.block,
  });
  const sentenced = members.filter((m) => categoryOf(m.register_class) === 'narapidana');
  if (sentenced.length === 0)
    throw conflict('attendance_reports.sppn_group_empty', 'attReports.sppnGroupEmpty');
  if (sentenced.length > GROUP_LIMIT)
    throw conflict('attendance_reports.sppn_group_too_large', 'attReports.sppnGroupTooLarge', {
      n: GROUP_LIMIT,
    });
  // A few statements at a time: each is three short queries, so waiting on them one by one is
  // most of the time; more at once would only take connections from other requests.
  const statements: Array<Awaited<ReturnType<typeof inmateMonth>>> = [];
  for (let i = 0; i < sentenced.length; i += PARALLEL) {
    const batch = sentenced.slice(i, i + PARALLEL);
    statements.push(
      ...(await Promise.all(
        batch.map((m) => inmateMonth(ctx, { inmateId: m.inmate_id, month: input.month })),
      )),
    );
  }
  return { programme, statements, detainees: members.length - sentenced.length };
}

/** What the programme's report page offers for the bulk download: the blocks of its inmates. */
export async function groupOptions(ctx: Pick<Ctx, 'db' | 'who'>, programmeId: string) {
  return { blocks: await repo.programmeBlocks(ctx.db, ctx.who.scope, programmeId) };
}
