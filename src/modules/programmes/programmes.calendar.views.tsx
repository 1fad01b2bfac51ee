// A month as a list of weeks, for one programme or for every programme the user sees: each week
// names its days with sessions or holidays, so it reads on a 360px phone without a 7-column grid.

import { formatDay, formatDayShort } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import type { ProgrammeMay } from './programmes.policy.ts';
import { SessionLine } from './programmes.session.views.tsx';
import { monthWeeks, shiftMonth } from './schedule.rules.ts';
import type { SessionRow } from './sessions.repo.ts';

export type CalendarSession = SessionRow & { zone: TimeZone; programme_name?: string | undefined };

export function CalendarPage({
  ctx,
  may,
  heading,
  back,
  base,
  month,
  sessions,
  holidays,
}: {
  ctx: ViewCtx;
  may: ProgrammeMay;
  /** The programme's name, or null for the calendar of all programmes. */
  heading: string | null;
  back: { href: string; label: string };
  /** The calendar's own path; months are ?month=YYYY-MM. */
  base: string;
  month: string;
  sessions: CalendarSession[];
  holidays: ReadonlyArray<{ day: string; name: string }>;
}) {
  const monthName = new Intl.DateTimeFormat(ctx.lang === 'id' ? 'id-ID' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T00:00:00Z`));
  const title = `${heading ?? ctx.t('programmes.title')} · ${monthName}`;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={back.href} label={back.label} />
      <h1>
        {ctx.t('programmes.calendar')}: {monthName}
      </h1>
      {heading && <p class="muted">{heading}</p>}
      <nav class="pager" aria-label={ctx.t('programmes.calendar')}>
        <a href={`${base}?month=${shiftMonth(month, -1)}`} rel="prev" data-testid="month-prev">
          {ctx.t('programmes.prevMonth')}
        </a>
        <a href={`${base}?month=${shiftMonth(month, 1)}`} rel="next" data-testid="month-next">
          {ctx.t('programmes.nextMonth')}
        </a>
      </nav>
      {monthWeeks(month).map((week) => {
        const inMonth = week.filter((d) => d.startsWith(month));
        const items = inMonth.flatMap((day) => [
          ...holidays
            .filter((h) => h.day === day)
            .map((h) => (
              <li key={`h-${day}-${h.name}`} class="muted" data-testid={`cal-holiday-${day}`}>
                {formatDay(day, ctx.lang)} · {ctx.t('programmes.holiday')}: {h.name}
              </li>
            )),
          ...sessions
            .filter((s) => s.day === day)
            .map((s) => (
              <li key={s.id} data-testid={`cal-session-${day}`}>
                {s.programme_name && (
                  <>
                    <a href={`/programmes/${s.programme_id}`}>{s.programme_name}</a>:{' '}
                  </>
                )}
                <SessionLine ctx={ctx} may={may} s={s} zone={s.zone} />
              </li>
            )),
        ]);
        const first = inMonth[0] ?? week[0] ?? '';
        const last = inMonth[inMonth.length - 1] ?? week[6] ?? '';
        return (
          <section key={first} class="week">
            <h2>{ctx.t('programmes.week', { from: formatDayShort(first), to: formatDayShort(last) })}</h2>
            {items.length ? (
              <ul class="plain">{items}</ul>
            ) : (
              <p class="muted">{ctx.t('programmes.noSessions')}</p>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
