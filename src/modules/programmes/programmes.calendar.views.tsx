// A month as a list of weeks, for one programme or for every programme the user sees: each week
// with sessions or holidays lists them as cards with their roll call and journal status, so it
// reads on a 360px phone without a 7-column grid; weeks with nothing in them are left out.

import { formatDay, formatDayShort, formatMonth } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { ProgrammeMay } from './programmes.policy.ts';
import { monthWeeks, shiftMonth } from './schedule.rules.ts';
import { SessionCard } from './sessions.parts.tsx';
import type { SessionStatus } from './sessions.status.ts';

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
  sessions: SessionStatus[];
  holidays: ReadonlyArray<{ day: string; name: string }>;
}) {
  const monthName = formatMonth(month, ctx.lang);
  const title = `${heading ?? ctx.t('programmes.title')} · ${monthName}`;
  const weeks = monthWeeks(month).flatMap((week) => {
    const inMonth = week.filter((d) => d.startsWith(month));
    const holidayItems = inMonth.flatMap((day) =>
      holidays
        .filter((h) => h.day === day)
        .map((h) => (
          <li key={`h-${day}-${h.name}`} class="muted" data-testid={`cal-holiday-${day}`}>
            {formatDay(day, ctx.lang)} · {ctx.t('programmes.holiday')}: {h.name}
          </li>
        )),
    );
    const sessionItems = sessions
      .filter((s) => inMonth.includes(s.day))
      .map((s) => (
        <SessionCard
          key={s.id}
          ctx={ctx}
          s={s}
          may={may}
          showProgramme={heading === null}
          testid={`cal-session-${s.day}`}
        />
      ));
    if (holidayItems.length === 0 && sessionItems.length === 0) return [];
    const first = inMonth[0] ?? week[0] ?? '';
    const last = inMonth[inMonth.length - 1] ?? week[6] ?? '';
    return [{ first, last, holidayItems, sessionItems }];
  });
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
      {weeks.length === 0 ? (
        <p data-testid="month-empty">{ctx.t('programmes.noSessionsMonth')}</p>
      ) : (
        <p class="muted">{ctx.t('programmes.emptyWeeksHidden')}</p>
      )}
      {weeks.map(({ first, last, holidayItems, sessionItems }) => (
        <section key={first} class="week" data-testid={`cal-week-${first}`}>
          <h2>{ctx.t('programmes.week', { from: formatDayShort(first), to: formatDayShort(last) })}</h2>
          {holidayItems.length > 0 && <ul class="plain">{holidayItems}</ul>}
          {sessionItems.length > 0 && <ul class="cards session-cards">{sessionItems}</ul>}
        </section>
      ))}
    </Layout>
  );
}
