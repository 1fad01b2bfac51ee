// Pages for programmes: the list, and a programme's page with its curriculum, schedules, the
// upcoming sessions and the forms to cancel, reschedule or add a session.

import { Fact } from '../../app/facts.tsx';
import { formatDay, formatTime } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  FilterForm,
  type ListPageProps,
  ListShell,
  SearchField,
  TitleRow,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import { LABELS } from './programmes.form.views.tsx';
import type { ProgrammeRow } from './programmes.repo.ts';
import { hhmm } from './schedule.rules.ts';
import type { ScheduleRow, SessionRow } from './sessions.repo.ts';

export function ProgrammeListPage(
  p: ListPageProps<ProgrammeRow, { q?: string | undefined; status?: string | undefined }>,
) {
  const { ctx, rows, total, query } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('programmes.title')}
      base="/programmes"
      actions={
        <>
          <a class="button" href="/programmes/calendar" data-testid="unit-calendar">
            {ctx.t('programmes.calendar')}
          </a>
          {ctx.can('programmes.manage') && (
            <a class="button primary" href="/programmes/new" data-testid="programme-new">
              {ctx.t('programmes.new')}
            </a>
          )}
        </>
      }
    >
      <FilterForm ctx={ctx} action="/programmes">
        <SearchField ctx={ctx} value={query.q} />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="programme-table"
        count={total}
        none="programmes.none"
        heads={[
          'programmes.name',
          'programmes.kind',
          'programmes.partner',
          'programmes.status',
          'programmes.unit',
        ]}
        row={(p) => (
          <tr key={p.id}>
            <td>
              <a href={`/programmes/${p.id}`}>{p.name}</a>
            </td>
            <td>{ctx.t(`programmeKind.${p.kind}`)}</td>
            <td>{p.partner_name ?? '—'}</td>
            <td>{ctx.t(`programmeStatus.${p.status}`)}</td>
            <td>{p.unit_name}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}

export function weekdayText(ctx: ViewCtx, s: Pick<ScheduleRow, 'weekdays' | 'every_n_weeks'>): string {
  const days = s.weekdays.map((d) => ctx.t(`weekday.${d as 1}`)).join(', ');
  const every =
    s.every_n_weeks === 1 ? ctx.t('programmes.weekly') : ctx.t('programmes.every', { n: s.every_n_weeks });
  return `${days} · ${every}`;
}

export function SessionLine({ ctx, s, zone }: { ctx: ViewCtx; s: SessionRow; zone: TimeZone }) {
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
      {ctx.can('attendance.view') && (
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

export interface ProgrammePageData {
  programme: ProgrammeRow;
  curriculum: ReadonlyArray<{ id: string; code: string | null; title: string; target_hours: number }>;
  instructors: ReadonlyArray<{ id: string; full_name: string; roles: readonly string[] }>;
  schedules: ScheduleRow[];
  sessions: SessionRow[];
  programAksi: ReadonlyArray<{ id: string; title: string }>;
  forms: {
    schedule: FormState;
    range: FormState;
    extra: FormState;
    session?: { id: string; form: FormState } | undefined;
    scheduleEdit?: { id: string; form: FormState } | undefined;
  };
}

/** Edit and end forms of one schedule, prefilled from it (or from the values just sent). */
function ScheduleForms({
  ctx,
  d,
  s,
  base,
}: {
  ctx: ViewCtx;
  d: ProgrammePageData;
  s: ScheduleRow;
  base: string;
}) {
  const sent = d.forms.scheduleEdit?.id === s.id ? d.forms.scheduleEdit.form : undefined;
  const form: FormState = {
    values: {
      weekdays: s.weekdays.map(String),
      every_n_weeks: s.every_n_weeks,
      ends_on: s.ends_on ?? '',
      start_time: hhmm(s.start_time),
      end_time: hhmm(s.end_time),
      skip_holidays: String(s.skip_holidays),
      ...(sent?.values ?? {}),
    },
    errors: sent?.errors ?? [],
  };
  const end: FormState = {
    values: { ends_on: s.ends_on ?? '', ...(sent?.values ?? {}) },
    errors: form.errors,
  };
  const f = fieldsFor(ctx, form);
  return (
    <details class="panel" open={form.errors.length > 0} data-testid={`schedule-edit-${s.id}`}>
      <summary>
        {ctx.t('programmes.editSchedule')} / {ctx.t('programmes.endSchedule')}
      </summary>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <p class="hint">{ctx.t('programmes.editScheduleHint')}</p>
      <form method="post" action={`${base}/schedules/${s.id}`} novalidate>
        <Csrf ctx={ctx} />
        <f.Checks
          name="weekdays"
          label="programmes.weekdays"
          options={[1, 2, 3, 4, 5, 6, 7].map((n) => ({
            value: String(n),
            label: ctx.t(`weekday.${n as 1}`),
          }))}
        />
        <f.Text name="every_n_weeks" label="programmes.everyNWeeks" type="number" />
        <f.Text name="ends_on" label="programmes.endsOn" type="date" optional />
        <f.Text name="start_time" label="programmes.startTime" />
        <f.Text name="end_time" label="programmes.endTime" />
        <f.Select
          name="skip_holidays"
          label="programmes.skipHolidays"
          options={[
            { value: 'true', label: ctx.t('common.yes') },
            { value: 'false', label: ctx.t('common.no') },
          ]}
        />
        <button type="submit">{ctx.t('programmes.editSchedule')}</button>
      </form>
      <form method="post" action={`${base}/schedules/${s.id}/end`} novalidate>
        <Csrf ctx={ctx} />
        <p class="hint">{ctx.t('programmes.endScheduleHint')}</p>
        <TextField ctx={ctx} form={end} name="ends_on" label="programmes.endsOn" type="date" />
        <TextField ctx={ctx} form={end} name="reason" label="programmes.endReason" maxLength={500} />
        <button type="submit">{ctx.t('programmes.endSchedule')}</button>
      </form>
    </details>
  );
}

function sessionForm(d: ProgrammePageData, id: string): FormState {
  return d.forms.session?.id === id ? d.forms.session.form : { values: {}, errors: [] };
}

export function ProgrammePage({ ctx, d }: { ctx: ViewCtx; d: ProgrammePageData }) {
  const p = d.programme;
  const zone = p.timezone as TimeZone;
  const canManage = ctx.can('programmes.manage');
  const base = `/programmes/${p.id}`;
  const hm = (at: Date) => formatTime(at, zone, 'en').slice(0, 5);
  const hours = d.curriculum.reduce((a, c) => a + c.target_hours, 0);
  const sched = fieldsFor(ctx, d.forms.schedule);
  return (
    <Layout ctx={ctx} title={p.name}>
      <BackLink href="/programmes" label={ctx.t('programmes.title')} />
      <TitleRow title={p.name} testid="programme-name">
        <a class="button" href={`${base}/calendar`} data-testid="programme-calendar">
          {ctx.t('programmes.calendar')}
        </a>
        {canManage && (
          <a class="button" href={`${base}/edit`}>
            {ctx.t('common.edit')}
          </a>
        )}
        {ctx.can('selection.manage') && (
          <a class="button" href={`${base}/intakes/new`} data-testid="programme-intakes">
            {ctx.t('selection.intakes')}
          </a>
        )}
        {ctx.can('selection.view') && (
          <a class="button" href={`${base}/enrolments`} data-testid="programme-enrolments">
            {ctx.t('enrolments.title')}
          </a>
        )}
        {ctx.can('selection.view') && (
          <a class="button" href={`${base}/completion`} data-testid="programme-completion">
            {ctx.t('certificates.link')}
          </a>
        )}
        {ctx.can('attendance.view') && (
          <a
            class="button"
            href={`/attendance-reports/programmes/${p.id}`}
            data-testid="programme-attendance-report"
          >
            {ctx.t('attReports.title')}
          </a>
        )}
        {ctx.can('attendance.view') && (
          <a class="button" href={`${base}/competencies`} data-testid="programme-competencies">
            {ctx.t('competencies.open')}
          </a>
        )}
      </TitleRow>
      <dl class="facts">
        <dt>{ctx.t('programmes.kind')}</dt>
        <dd>{ctx.t(`programmeKind.${p.kind}`)}</dd>
        <dt>{ctx.t('programmes.status')}</dt>
        <dd>{ctx.t(`programmeStatus.${p.status}`)}</dd>
        <dt>{ctx.t('programmes.unit')}</dt>
        <dd>{p.unit_name}</dd>
        <Fact ctx={ctx} label="programmes.skillArea" value={p.skill_area} />
        <Fact
          ctx={ctx}
          label="programmes.partner"
          value={p.partner_id && <a href={`/partners/${p.partner_id}`}>{p.partner_name}</a>}
        />
        <Fact
          ctx={ctx}
          label="programmes.agreement"
          value={p.agreement_id && <a href={`/agreements/${p.agreement_id}`}>{p.agreement_title}</a>}
        />
        <Fact ctx={ctx} label="programmes.location" value={p.location} />
        <dt>{ctx.t('programmes.capacity')}</dt>
        <dd>{p.capacity}</dd>
        <dt>{ctx.t('programmes.instructors')}</dt>
        <dd data-testid="programme-instructors">
          {d.instructors.length ? d.instructors.map((u) => u.full_name).join(', ') : ctx.t('common.none')}
        </dd>
        <Fact ctx={ctx} label="programmes.programAksi" value={d.programAksi.map((x) => x.title).join('; ')} />
      </dl>

      <h2>{ctx.t('programmes.curriculum')}</h2>
      {d.curriculum.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <>
          <ol data-testid="curriculum">
            {d.curriculum.map((c) => (
              <li key={c.id}>
                {c.code && <code>{c.code}</code>} {c.title} · {c.target_hours}{' '}
                {ctx.t('programmes.targetHours').toLowerCase()}
              </li>
            ))}
          </ol>
          <p class="muted">{ctx.t('programmes.totalHours', { n: hours })}</p>
        </>
      )}

      <h2>{ctx.t('programmes.schedules')}</h2>
      {d.schedules.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="schedules">
          {d.schedules.map((s) => (
            <li key={s.id}>
              {weekdayText(ctx, s)} · {hhmm(s.start_time)}–{hhmm(s.end_time)} ·{' '}
              {formatDay(s.starts_on, ctx.lang)} –{' '}
              {s.ends_on ? formatDay(s.ends_on, ctx.lang) : ctx.t('programmes.openEnded')}
              {!s.skip_holidays && ` · ${ctx.t('programmes.holiday')} ✓`}
              {canManage && <ScheduleForms ctx={ctx} d={d} s={s} base={base} />}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <details class="panel" open={d.forms.schedule.errors.length > 0}>
          <summary>{ctx.t('programmes.addSchedule')}</summary>
          <ErrorSummary ctx={ctx} form={d.forms.schedule} labels={LABELS} />
          <form method="post" action={`${base}/schedules`} novalidate data-testid="schedule-form">
            <Csrf ctx={ctx} />
            <sched.Checks
              name="weekdays"
              label="programmes.weekdays"
              options={[1, 2, 3, 4, 5, 6, 7].map((n) => ({
                value: String(n),
                label: ctx.t(`weekday.${n as 1}`),
              }))}
            />
            <sched.Text name="every_n_weeks" label="programmes.everyNWeeks" type="number" />
            <sched.Text name="starts_on" label="programmes.startsOn" type="date" />
            <sched.Text name="ends_on" label="programmes.endsOn" type="date" optional />
            <sched.Text name="start_time" label="programmes.startTime" />
            <sched.Text name="end_time" label="programmes.endTime" />
            <sched.Select
              name="skip_holidays"
              label="programmes.skipHolidays"
              options={[
                { value: 'true', label: ctx.t('common.yes') },
                { value: 'false', label: ctx.t('common.no') },
              ]}
            />
            <button type="submit" class="primary" data-testid="schedule-save">
              {ctx.t('common.save')}
            </button>
          </form>
        </details>
      )}

      <h2>{ctx.t('programmes.sessions')}</h2>
      {d.sessions.length === 0 ? (
        <p>{ctx.t('programmes.noSessions')}</p>
      ) : (
        <ul class="plain" data-testid="sessions">
          {d.sessions.map((s) => {
            const f = sessionForm(d, s.id);
            const moved: FormState = {
              values: { day: s.day, start_time: hm(s.starts_at), end_time: hm(s.ends_at), ...f.values },
              errors: f.errors,
            };
            return (
              <li key={s.id} data-testid={`session-${s.day}`}>
                <SessionLine ctx={ctx} s={s} zone={zone} />
                {canManage && s.status === 'scheduled' && (
                  <details class="panel" open={f.errors.length > 0}>
                    <summary>
                      {ctx.t('programmes.cancel')} / {ctx.t('programmes.reschedule')}
                    </summary>
                    <ErrorSummary ctx={ctx} form={f} labels={LABELS} />
                    <form method="post" action={`${base}/sessions/${s.id}/cancel`} novalidate>
                      <Csrf ctx={ctx} />
                      <TextField
                        ctx={ctx}
                        form={f}
                        name="reason"
                        label="programmes.cancelReason"
                        maxLength={500}
                      />
                      <button type="submit">{ctx.t('programmes.cancel')}</button>
                    </form>
                    <form method="post" action={`${base}/sessions/${s.id}/reschedule`} novalidate>
                      <Csrf ctx={ctx} />
                      <TextField ctx={ctx} form={moved} name="day" label="programmes.newDay" type="date" />
                      <TextField ctx={ctx} form={moved} name="start_time" label="programmes.startTime" />
                      <TextField ctx={ctx} form={moved} name="end_time" label="programmes.endTime" />
                      <button type="submit">{ctx.t('programmes.reschedule')}</button>
                    </form>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canManage && (
        <>
          <details class="panel" open={d.forms.range.errors.length > 0}>
            <summary>{ctx.t('programmes.cancelRange')}</summary>
            <ErrorSummary ctx={ctx} form={d.forms.range} labels={LABELS} />
            <form
              method="post"
              action={`${base}/sessions/cancel-range`}
              novalidate
              data-testid="cancel-range-form"
            >
              <Csrf ctx={ctx} />
              <TextField ctx={ctx} form={d.forms.range} name="from" label="programmes.from" type="date" />
              <TextField ctx={ctx} form={d.forms.range} name="to" label="programmes.to" type="date" />
              <TextField
                ctx={ctx}
                form={d.forms.range}
                name="reason"
                label="programmes.cancelReason"
                maxLength={500}
              />
              <button type="submit">{ctx.t('programmes.cancel')}</button>
            </form>
          </details>
          <details class="panel" open={d.forms.extra.errors.length > 0}>
            <summary>{ctx.t('programmes.addExtra')}</summary>
            <ErrorSummary ctx={ctx} form={d.forms.extra} labels={LABELS} />
            <form method="post" action={`${base}/sessions`} novalidate data-testid="extra-form">
              <Csrf ctx={ctx} />
              <TextField ctx={ctx} form={d.forms.extra} name="day" label="programmes.day" type="date" />
              <TextField ctx={ctx} form={d.forms.extra} name="start_time" label="programmes.startTime" />
              <TextField ctx={ctx} form={d.forms.extra} name="end_time" label="programmes.endTime" />
              <button type="submit">{ctx.t('common.save')}</button>
            </form>
          </details>
        </>
      )}
    </Layout>
  );
}
