// The attendance page of a session, made for a phone in the hall: one row per participant with a
// big button per status, "mark all present", one save for everyone, and the correction history.
// Works without scripts; public/attendance.js (on the hall's offline-batch.js) adds keeping unsent
// marks through a lost signal.
// The rows themselves are written by attendance.roster.ts (the hot path of a 200-person page).
import { asset } from '../../app/assets.ts';
import { formatDay, formatTime } from '../../app/format.ts';
import type { FormState } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { MarkStatus } from '../../db/schema.ts';
import type { SessionMay } from './attendance.policy.ts';
import { rosterHtml } from './attendance.roster.ts';
import { MARK_STATUSES } from './attendance.rules.ts';
import type { AttendanceSession, CorrectionRow, RosterRow } from './attendance.service.ts';

export interface AttendancePageData {
  session: AttendanceSession;
  roster: RosterRow[];
  corrections: CorrectionRow[];
  locked: boolean;
  refusal: MessageKey | null;
  /** What the policy lets this user do to the roll call now. */
  may: SessionMay;
  lockDays: number;
  /** A fresh key per rendered form: posting the same form twice saves once. */
  idempotencyKey: string;
  form: FormState;
}

const statusKey = (s: MarkStatus) => `attendance.status.${s}` as const;

function Counts({ ctx, roster }: { ctx: ViewCtx; roster: RosterRow[] }) {
  const n = new Map<string, number>();
  for (const r of roster) n.set(r.status ?? '', (n.get(r.status ?? '') ?? 0) + 1);
  return (
    <p class="att-counts" data-testid="attendance-counts">
      {MARK_STATUSES.map((s) => `${ctx.t(statusKey(s))} ${n.get(s) ?? 0}`).join(' · ')}
      {(n.get('') ?? 0) > 0 && ` · ${ctx.t('attendance.unmarked')} ${n.get('')}`}
    </p>
  );
}

function History({ ctx, rows }: { ctx: ViewCtx; rows: CorrectionRow[] }) {
  // The corrections of one save share their time; format each instant once.
  const times = new Map<number, string>();
  const at = (d: Date) => {
    let s = times.get(d.getTime());
    if (s === undefined) {
      s = ctx.dateTime(d);
      times.set(d.getTime(), s);
    }
    return s;
  };
  return (
    <section aria-labelledby="att-history">
      <h2 id="att-history">{ctx.t('attendance.history')}</h2>
      {rows.length === 0 ? (
        <p class="muted">{ctx.t('attendance.noHistory')}</p>
      ) : (
        <ul class="plain" data-testid="attendance-history">
          {rows.map((c) => (
            <li key={c.id}>
              {ctx.t('attendance.historyLine', {
                name: c.name,
                from: ctx.t(statusKey(c.previous_status)),
                to: ctx.t(statusKey(c.new_status)),
                by: c.corrected_by_name ?? '–',
                at: at(c.corrected_at),
                reason: c.reason,
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AttendancePage({ ctx, d }: { ctx: ViewCtx; d: AttendancePageData }) {
  const s = d.session;
  const zone = s.timezone;
  const cancelled = s.status === 'cancelled';
  const canRecord = d.may.record;
  const errors = new Map(d.form.errors.map((e) => [e.field, ctx.t(e.key, e.params)]));
  const names = new Map(d.roster.map((r) => [r.enrolment_id, r.name]));
  const action = `/sessions/${s.id}/attendance`;
  const labels = MARK_STATUSES.map((m) => ctx.t(statusKey(m)));
  return (
    <Layout ctx={ctx} title={`${ctx.t('attendance.title')} — ${s.programme_name}`}>
      <link rel="stylesheet" href={asset('attendance.css')} />
      <p>
        <a href={`/programmes/${s.programme_id}`}>{s.programme_name}</a>
        {ctx.can('production.view') && (
          <>
            {' · '}
            <a href={`/sessions/${s.id}/production`} data-testid="production-link">
              {ctx.t('production.link')}
            </a>
          </>
        )}
      </p>
      <h1>{ctx.t('attendance.title')}</h1>
      <p data-testid="session-when">
        {formatDay(s.day, ctx.lang)} · {formatTime(s.starts_at, zone, ctx.lang)}–
        {formatTime(s.ends_at, zone, ctx.lang)}
      </p>
      {cancelled ? (
        <p class="notice" role="status" data-testid="session-cancelled">
          {ctx.t('attendance.cancelledSession', { reason: s.cancel_reason ?? '–' })}
        </p>
      ) : (
        <>
          {d.locked && (
            <p class="notice" data-testid="attendance-locked">
              {ctx.t('attendance.lockedNotice', { n: d.lockDays })}{' '}
              {d.may.unlock && ctx.t('attendance.unlockNotice')}
              {/* Approvals (#13): the staff ask the Kepala UPT to open it, or see until when it is open. */}
              {d.may.unlockedUntil
                ? ctx.t('approvals.unlock.openUntil', { until: ctx.dateTime(d.may.unlockedUntil) })
                : !d.may.unlock &&
                  ctx.can('attendance.record') && (
                    <a href={`/sessions/${s.id}/unlock-request`} data-testid="ask-unlock">
                      {ctx.t('approvals.unlock.ask')}
                    </a>
                  )}
            </p>
          )}
          {d.refusal && d.refusal !== 'attendance.locked' && (
            <p class="notice" data-testid="attendance-refusal">
              {ctx.t(d.refusal, { n: d.lockDays })}
            </p>
          )}
          <Counts ctx={ctx} roster={d.roster} />
          {d.form.errors.length > 0 && (
            <div class="error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
              <h2>{ctx.t('form.errorsTitle', { n: d.form.errors.length })}</h2>
              <ul>
                {d.form.errors.map((e) => {
                  const who = names.get(e.field.split('.')[1] ?? '');
                  return (
                    <li key={e.field}>
                      <a href={`#f-${e.field}`}>
                        {who ? `${who}: ` : ''}
                        {ctx.t(e.key, e.params)}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {d.roster.length === 0 ? (
            <p>{ctx.t('attendance.noRoster')}</p>
          ) : (
            <form
              method="post"
              action={action}
              novalidate
              class="attendance"
              data-attendance={s.id}
              data-owner={ctx.user?.id ?? ''}
              data-api={`/api/v1${action}`}
              data-text-pending={ctx.t('attendance.pending')}
              data-text-saved={ctx.t('attendance.allSaved')}
              data-text-sending={ctx.t('attendance.sending')}
              data-text-offline={ctx.t('attendance.offline')}
              data-text-failed={ctx.t('attendance.sendFailed')}
              data-text-reason={ctx.t('attendance.reason')}
            >
              <Csrf ctx={ctx} />
              <input type="hidden" name="idempotency_key" value={d.idempotencyKey} />
              {canRecord && (
                <p>
                  <button
                    type="submit"
                    name="intent"
                    value="all_present"
                    class="att-all"
                    data-all-present
                    data-testid="all-present"
                  >
                    {ctx.t('attendance.allPresent')}
                  </button>
                  <span class="hint"> {ctx.t('attendance.allPresentHint')}</span>
                </p>
              )}
              <h2>{ctx.t('attendance.roster', { n: d.roster.length })}</h2>
              <ol
                class="att-roster"
                dangerouslySetInnerHTML={{
                  __html: rosterHtml(d.roster, d.form, errors, !canRecord, {
                    labels,
                    note: ctx.t('attendance.note'),
                    reason: ctx.t('attendance.reason'),
                    kind: { intern: ctx.t('enrolments.kind.intern'), staff: ctx.t('enrolments.kind.staff') },
                    notOffered: {
                      not_enrolled: ctx.t('attendance.notOnRoster'),
                      past_expiry: ctx.t('attendance.pastExpiry'),
                      outside_period: ctx.t('attendance.outsidePeriod'),
                    },
                  }),
                }}
              />
              {/* Stays at the bottom of the screen with the save button: what is not sent yet. */}
              <div class="att-actions">
                <p class="att-sync" aria-live="polite" role="status" data-testid="sync-status" />
                {canRecord && (
                  <button
                    type="submit"
                    name="intent"
                    value="save"
                    class="primary"
                    data-testid="attendance-save"
                  >
                    {ctx.t('attendance.save')}
                  </button>
                )}
              </div>
            </form>
          )}
        </>
      )}
      <History ctx={ctx} rows={d.corrections} />
      <script src={asset('offline-batch.js')} defer />
      <script src={asset('attendance.js')} defer />
    </Layout>
  );
}
