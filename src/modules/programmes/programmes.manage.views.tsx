// The forms a programme's page shows to those who manage it: change or end a schedule, add one,
// cancel a range of days, add an extra session (one session is cancelled or moved on its own page).

import { ErrorSummary, type FormState, fieldsFor, TextField } from '../../app/forms.tsx';
import { Csrf } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { LABELS } from './programmes.form.views.tsx';
import type { ProgrammePageData } from './programmes.views.tsx';
import { hhmm } from './schedule.rules.ts';
import type { ScheduleRow } from './sessions.repo.ts';

/** Edit and end forms of one schedule, prefilled from it (or from the values just sent). */
export function ScheduleForms({
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
    // Each schedule's forms have their own field ids: a programme page holds several.
    idPrefix: `schedule-${s.id}-`,
  };
  const end: FormState = {
    values: { ends_on: s.ends_on ?? '', ...(sent?.values ?? {}) },
    errors: form.errors,
    idPrefix: `end-${s.id}-`,
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

/** The form to add a weekly schedule (its sessions are generated at once). */
export function AddScheduleForm({ ctx, d, base }: { ctx: ViewCtx; d: ProgrammePageData; base: string }) {
  const sched = fieldsFor(ctx, d.forms.schedule);
  return (
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
  );
}

/** Cancel every session in a range of days, or add an extra session. */
export function RangeAndExtraForms({ ctx, d, base }: { ctx: ViewCtx; d: ProgrammePageData; base: string }) {
  // Their own field ids beside the schedule forms on the same page.
  const range: FormState = { ...d.forms.range, idPrefix: 'range-' };
  const extra: FormState = { ...d.forms.extra, idPrefix: 'extra-' };
  return (
    <>
      <details class="panel" open={d.forms.range.errors.length > 0}>
        <summary>{ctx.t('programmes.cancelRange')}</summary>
        <ErrorSummary ctx={ctx} form={range} labels={LABELS} />
        <form
          method="post"
          action={`${base}/sessions/cancel-range`}
          novalidate
          data-testid="cancel-range-form"
        >
          <Csrf ctx={ctx} />
          <TextField ctx={ctx} form={range} name="from" label="programmes.from" type="date" />
          <TextField ctx={ctx} form={range} name="to" label="programmes.to" type="date" />
          <TextField ctx={ctx} form={range} name="reason" label="programmes.cancelReason" maxLength={500} />
          <button type="submit">{ctx.t('programmes.cancel')}</button>
        </form>
      </details>
      <details class="panel" open={d.forms.extra.errors.length > 0}>
        <summary>{ctx.t('programmes.addExtra')}</summary>
        <ErrorSummary ctx={ctx} form={extra} labels={LABELS} />
        <form method="post" action={`${base}/sessions`} novalidate data-testid="extra-form">
          <Csrf ctx={ctx} />
          <TextField ctx={ctx} form={extra} name="day" label="programmes.day" type="date" />
          <TextField ctx={ctx} form={extra} name="start_time" label="programmes.startTime" />
          <TextField ctx={ctx} form={extra} name="end_time" label="programmes.endTime" />
          <button type="submit">{ctx.t('common.save')}</button>
        </form>
      </details>
    </>
  );
}
