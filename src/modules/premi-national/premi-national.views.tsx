// Pages of the national month: the request form with the recent jobs, and one job's progress (a
// labelled progress bar moved by public/app.js while it runs, a reload link without scripts) with
// the units that were skipped or failed and why.
import { formatMonth, numberFormat } from '../../app/format.ts';
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import { isMessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { isRunning, type NationalJobRow } from './premi-national.service.ts';

const monthText = (month: string, lang: ViewCtx['lang']) => formatMonth(month, lang);

export function progressText(ctx: Pick<ViewCtx, 't'>, j: Pick<NationalJobRow, 'done' | 'total'>) {
  return ctx.t('premiNational.progressText', { done: j.done, total: j.total });
}

export function NationalPage({ ctx, form, jobs }: { ctx: ViewCtx; form: FormState; jobs: NationalJobRow[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('premiNational.title')}>
      <h1>{ctx.t('premiNational.title')}</h1>
      <p>{ctx.t('premiNational.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={{ month: 'premiNational.month' }} />
      <form method="post" action="/premi/national" novalidate data-testid="national-form">
        <Csrf ctx={ctx} />
        <TextField
          ctx={ctx}
          form={form}
          name="month"
          label="premiNational.month"
          hint="premiNational.monthHint"
          maxLength={7}
        />
        <button type="submit" class="primary" data-testid="national-start">
          {ctx.t('premiNational.start')}
        </button>
      </form>
      <h2>{ctx.t('premiNational.recent')}</h2>
      {jobs.length === 0 ? (
        <p>{ctx.t('premiNational.none')}</p>
      ) : (
        <ScrollRegion label={ctx.t('premiNational.recent')}>
          <table data-testid="national-jobs">
            <thead>
              <tr>
                <th scope="col">{ctx.t('premiNational.month')}</th>
                <th scope="col">{ctx.t('premiNational.requestedAt')}</th>
                <th scope="col">{ctx.t('premiNational.status')}</th>
                <th scope="col">{ctx.t('premiNational.progress')}</th>
                <th scope="col">{ctx.t('premiNational.open')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td>{monthText(j.month, ctx.lang)}</td>
                  <td>{ctx.dateTime(j.created_at)}</td>
                  <td>{ctx.t(`premiNational.status.${j.status}`)}</td>
                  <td>{progressText(ctx, j)}</td>
                  <td>
                    <a href={`/premi/national/${j.id}`}>{ctx.t('premiNational.open')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

export function NationalJobPage({ ctx, job }: { ctx: ViewCtx; job: NationalJobRow }) {
  const running = isRunning(job.status);
  const text = progressText(ctx, job);
  const seconds =
    job.started_at && job.finished_at
      ? Math.round((job.finished_at.getTime() - job.started_at.getTime()) / 100) / 10
      : null;
  const title = ctx.t('premiNational.jobTitle', { month: monthText(job.month, ctx.lang) });
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href="/premi/national" label={ctx.t('premiNational.title')} />
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{ctx.t('premiNational.status')}</dt>
        <dd data-testid="national-status">{ctx.t(`premiNational.status.${job.status}`)}</dd>
        <dt>{ctx.t('premiNational.requestedBy')}</dt>
        <dd>
          {job.requested_by_name ?? '—'}, {ctx.dateTime(job.created_at)}
        </dd>
        {seconds !== null && (
          <>
            <dt>{ctx.t('premiNational.duration')}</dt>
            <dd>
              {ctx.t('premiNational.seconds', {
                n: numberFormat(ctx.lang === 'id' ? 'id-ID' : 'en-GB').format(seconds),
              })}
            </dd>
          </>
        )}
      </dl>
      {running ? (
        <div data-import-status={`/premi/national/${job.id}/status`} data-testid="national-progress">
          <label for="national-bar">{ctx.t('premiNational.progress')}</label>
          <progress
            id="national-bar"
            max={Math.max(1, job.total)}
            value={job.done}
            aria-describedby="national-text"
          >
            {text}
          </progress>
          <p id="national-text" role="status" aria-live="polite" data-import-text>
            {text}
          </p>
          <p>
            <a href={`/premi/national/${job.id}`}>{ctx.t('premiNational.reload')}</a>
          </p>
        </div>
      ) : (
        <p data-testid="national-summary">
          {text}:{' '}
          {ctx.t('premiNational.summary', {
            prepared: job.done - job.skipped - job.failed,
            skipped: job.skipped,
            failed: job.failed,
          })}
        </p>
      )}
      {job.status === 'failed' && (
        <p class="error" role="alert">
          {ctx.t('premiNational.jobFailed')}
        </p>
      )}
      {job.errors.length > 0 && (
        <>
          <h2>{ctx.t('premiNational.notPrepared')}</h2>
          <ScrollRegion label={ctx.t('premiNational.notPrepared')}>
            <table data-testid="national-units">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('premiNational.unit')}</th>
                  <th scope="col">{ctx.t('premiNational.outcome')}</th>
                  <th scope="col">{ctx.t('premiNational.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((e) => (
                  <tr key={e.unit_id}>
                    <td>{e.unit_name}</td>
                    <td>{ctx.t(`premiNational.outcome.${e.outcome}`)}</td>
                    <td>{isMessageKey(e.key) ? ctx.t(e.key, e.params) : e.code}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </Layout>
  );
}
