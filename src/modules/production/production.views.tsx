// The production log of a session (or of a workshop's working day), made for a phone in the hall:
// the participants in one list, for each the products the programme makes with items finished and
// in progress and, folded away, the material used; one save for everyone. Works without scripts;
// public/production.js (on the hall's offline-batch.js) keeps unsent rows through a lost signal.
import { asset } from '../../app/assets.ts';
import { formatDay, formatTime } from '../../app/format.ts';
import type { FormState } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { rowsHtml } from './production.rows.ts';
import type { ProductionLog } from './production.service.ts';

export interface ProductionPageData {
  log: ProductionLog;
  /** A fresh key per rendered form: posting the same form twice saves once. */
  idempotencyKey: string;
  form: FormState;
}

/** Where the page posts and reads: the session's log, or the workshop's day. */
export function logPath(d: Pick<ProductionLog, 'session' | 'programmeId' | 'day'>): string {
  return d.session
    ? `/sessions/${d.session.id}/production`
    : `/programmes/${d.programmeId}/production?day=${d.day}`;
}

function Totals({ ctx, log }: { ctx: ViewCtx; log: ProductionLog }) {
  const sums = log.products.map((p) => {
    let n = 0;
    for (const r of log.roster) n += log.entries.get(`${r.enrolment_id}|${p.id}`)?.finished ?? 0;
    return { name: p.name, uom: p.uom, n };
  });
  const any = sums.some((s) => s.n > 0);
  return (
    <p class="prod-totals" data-testid="prod-totals">
      {any
        ? ctx.t('production.totals', { items: sums.map((s) => `${s.name} ${s.n} ${s.uom}`).join(' · ') })
        : ctx.t('production.totalsNone')}
    </p>
  );
}

export function ProductionPage({ ctx, d }: { ctx: ViewCtx; d: ProductionPageData }) {
  const log = d.log;
  const s = log.session;
  const canRecord = log.may.record;
  const errors = new Map(d.form.errors.map((e) => [e.field, ctx.t(e.key, e.params)]));
  const names = new Map(log.roster.map((r) => [r.enrolment_id, r.name]));
  const action = logPath(log);
  const api = s
    ? `/api/v1/sessions/${s.id}/production`
    : `/api/v1/programmes/${log.programmeId}/production?day=${log.day}`;
  return (
    <Layout ctx={ctx} title={`${ctx.t('production.logTitle')} — ${log.programmeName}`}>
      <link rel="stylesheet" href={asset('production.css')} />
      <p>
        <a href={`/programmes/${log.programmeId}`}>{log.programmeName}</a>
        {s && (
          <>
            {' · '}
            <a href={`/sessions/${s.id}/attendance`}>{ctx.t('attendance.link')}</a>
            {' · '}
            <a href={`/sessions/${s.id}/journal`}>{ctx.t('journal.open')}</a>
          </>
        )}
      </p>
      <h1>{ctx.t('production.logTitle')}</h1>
      {s ? (
        <p data-testid="prod-when">
          {formatDay(log.day, ctx.lang)} · {formatTime(s.starts_at, log.timezone, ctx.lang)}–
          {formatTime(s.ends_at, log.timezone, ctx.lang)}
        </p>
      ) : (
        <form method="get" action={`/programmes/${log.programmeId}/production`} class="prod-day">
          <p class="muted">{ctx.t('production.workshop')}</p>
          <label for="f-day">{ctx.t('production.day')}</label>
          <input type="date" id="f-day" name="day" value={log.day} required />
          <button type="submit">{ctx.t('production.showDay')}</button>
          <p data-testid="prod-when">{formatDay(log.day, ctx.lang)}</p>
        </form>
      )}
      {s?.status === 'cancelled' ? (
        <p class="notice" role="status" data-testid="session-cancelled">
          {ctx.t('production.cancelledSession', { reason: s.cancel_reason ?? '–' })}
        </p>
      ) : (
        <>
          {log.refusal && (
            <p class="notice" data-testid="prod-refusal">
              {ctx.t(log.refusal)}
            </p>
          )}
          <Totals ctx={ctx} log={log} />
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
          {log.products.length === 0 ? (
            <p data-testid="prod-no-products">{ctx.t('production.noProducts')}</p>
          ) : log.roster.length === 0 ? (
            <p>{ctx.t('production.noRoster')}</p>
          ) : (
            <form
              method="post"
              action={action}
              novalidate
              class="production"
              data-production={s ? s.id : `${log.programmeId}.${log.day}`}
              data-owner={ctx.user?.id ?? ''}
              data-api={api}
              data-text-pending={ctx.t('production.pending')}
              data-text-saved={ctx.t('production.allSaved')}
              data-text-sending={ctx.t('production.sending')}
              data-text-offline={ctx.t('production.offline')}
              data-text-failed={ctx.t('production.sendFailed')}
            >
              <Csrf ctx={ctx} />
              <input type="hidden" name="idempotency_key" value={d.idempotencyKey} />
              <h2>{ctx.t('production.roster', { n: log.roster.length })}</h2>
              <ol
                class="prod-roster"
                dangerouslySetInnerHTML={{
                  __html: rowsHtml(log, d.form, errors, !canRecord, {
                    finished: ctx.t('production.finished'),
                    inProgress: ctx.t('production.inProgress'),
                    materials: ctx.t('production.materials'),
                    materialHint: (per, uom) => ctx.t('production.materialsHint', { per, uom }),
                    kind: { intern: ctx.t('enrolments.kind.intern'), staff: ctx.t('enrolments.kind.staff') },
                    notOffered: {
                      not_enrolled: ctx.t('production.notOnRoster'),
                      past_expiry: ctx.t('production.pastExpiry'),
                      outside_period: ctx.t('production.outsidePeriod'),
                    },
                  }),
                }}
              />
              {/* Stays at the bottom of the screen with the save button: what is not sent yet. */}
              <div class="prod-actions">
                <p class="prod-sync" aria-live="polite" role="status" data-testid="sync-status" />
                {canRecord && (
                  <button type="submit" class="primary" data-testid="prod-save">
                    {ctx.t('production.save')}
                  </button>
                )}
              </div>
            </form>
          )}
        </>
      )}
      <script src={asset('offline-batch.js')} defer />
      <script src={asset('production.js')} defer />
    </Layout>
  );
}
