// How a session and a schedule's rhythm read, on the programme's page and in the calendars.

import { formatDay, formatTime } from '../../app/format.ts';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import type { ProgrammeMay } from './programmes.policy.ts';
import type { ScheduleRow, SessionRow } from './sessions.repo.ts';

export function weekdayText(ctx: ViewCtx, s: Pick<ScheduleRow, 'weekdays' | 'every_n_weeks'>): string {
  const days = s.weekdays.map((d) => ctx.t(`weekday.${d as 1}`)).join(', ');
  const every =
    s.every_n_weeks === 1 ? ctx.t('programmes.weekly') : ctx.t('programmes.every', { n: s.every_n_weeks });
  return `${days} · ${every}`;
}

export function SessionLine({
  ctx,
  may,
  s,
  zone,
}: {
  ctx: ViewCtx;
  may: Pick<ProgrammeMay, 'attendance'>;
  s: SessionRow;
  zone: TimeZone;
}) {
  const cancelled = s.status === 'cancelled';
  return (
    <span class={cancelled ? 'muted' : undefined}>
      {cancelled ? <s>{formatDay(s.day, ctx.lang)}</s> : formatDay(s.day, ctx.lang)} ·{' '}
      {formatTime(s.starts_at, zone, ctx.lang)}–{formatTime(s.ends_at, zone, ctx.lang)}
      {s.extra && <span class="badge"> {ctx.t('programmes.extra')}</span>}
      {s.rescheduled_from && (
        <span class="muted">
          {' '}
          ({ctx.t('programmes.rescheduledFrom', { day: formatDay(s.rescheduled_from, ctx.lang) })})
        </span>
      )}
      {cancelled && (
        <span class="badge off" data-testid="session-cancelled">
          {' '}
          {ctx.t('programmes.cancelled')}: {s.cancel_reason}
        </span>
      )}
      {may.attendance && (
        <>
          {' · '}
          <a href={`/sessions/${s.id}/attendance`} data-testid={`attendance-link-${s.day}`}>
            {ctx.t('attendance.link')}
          </a>
          {!cancelled && (
            <>
              {' · '}
              <a href={`/sessions/${s.id}/summary`} data-testid={`summary-link-${s.day}`}>
                {ctx.t('attReports.sessionTitle')}
              </a>
              {' · '}
              <a href={`/sessions/${s.id}/journal`} data-testid={`journal-link-${s.day}`}>
                {ctx.t('journal.open')}
              </a>
            </>
          )}
        </>
      )}
    </span>
  );
}
