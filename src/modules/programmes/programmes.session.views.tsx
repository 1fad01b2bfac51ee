// How a schedule's rhythm reads, and one session's own page: its card (status, Presensi, Jurnal)
// and, for those who manage the programme, the forms to cancel or move it.

import { dateTimeFormat, formatDay } from '../../app/format.ts';
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { LABELS } from './programmes.form.views.tsx';
import type { ProgrammeMay } from './programmes.policy.ts';
import { SessionCards } from './sessions.parts.tsx';
import type { ScheduleRow } from './sessions.repo.ts';
import type { SessionStatus } from './sessions.status.ts';

export function weekdayText(ctx: ViewCtx, s: Pick<ScheduleRow, 'weekdays' | 'every_n_weeks'>): string {
  const days = s.weekdays.map((d) => ctx.t(`weekday.${d as 1}`)).join(', ');
  const every =
    s.every_n_weeks === 1 ? ctx.t('programmes.weekly') : ctx.t('programmes.every', { n: s.every_n_weeks });
  return `${days} · ${every}`;
}

/** "HH:MM" of an instant in a zone, for prefilling a time field. */
function hm(at: Date, zone: string): string {
  return dateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(at);
}

/** One session: its card, and the cancel and reschedule forms (prefilled with its day and times). */
export function SessionPage({
  ctx,
  may,
  s,
  form,
}: {
  ctx: ViewCtx;
  may: ProgrammeMay;
  s: SessionStatus;
  /** The answers just sent to one of the forms, with their errors. */
  form?: FormState | undefined;
}) {
  const base = `/programmes/${s.programme_id}/sessions/${s.id}`;
  const f = form ?? { values: {}, errors: [] };
  const moved: FormState = {
    values: {
      day: s.day,
      start_time: hm(s.starts_at, s.timezone),
      end_time: hm(s.ends_at, s.timezone),
      ...f.values,
    },
    errors: f.errors,
  };
  const title = ctx.t('programmes.sessionPage', { day: formatDay(s.day, ctx.lang) });
  return (
    <Layout ctx={ctx} title={`${title} · ${s.programme_name}`}>
      <BackLink href={`/programmes/${s.programme_id}`} label={s.programme_name} />
      <h1>{title}</h1>
      <SessionCards ctx={ctx} sessions={[s]} may={{ attendance: may.attendance }} />
      {may.manage && !s.cancelled && (
        <>
          <ErrorSummary ctx={ctx} form={f} labels={LABELS} />
          <h2>{ctx.t('programmes.cancel')}</h2>
          <form method="post" action={`${base}/cancel`} novalidate data-testid="session-cancel-form">
            <Csrf ctx={ctx} />
            <TextField ctx={ctx} form={f} name="reason" label="programmes.cancelReason" maxLength={500} />
            <button type="submit">{ctx.t('programmes.cancel')}</button>
          </form>
          <h2>{ctx.t('programmes.reschedule')}</h2>
          <form method="post" action={`${base}/reschedule`} novalidate data-testid="session-reschedule-form">
            <Csrf ctx={ctx} />
            <TextField ctx={ctx} form={moved} name="day" label="programmes.newDay" type="date" />
            <TextField ctx={ctx} form={moved} name="start_time" label="programmes.startTime" />
            <TextField ctx={ctx} form={moved} name="end_time" label="programmes.endTime" />
            <button type="submit">{ctx.t('programmes.reschedule')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}
