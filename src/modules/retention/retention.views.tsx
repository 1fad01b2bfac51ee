// The retention page: the period and today's cut-off, per unit the people pseudonymised and those
// waiting for the next run (counts only), the runs with their counts per table, and for a national
// administrator the "Jalankan sekarang" button (asks first: a run cannot be undone).

import { ConfirmForm } from '../../app/confirm.tsx';
import { formatDay, formatNumber } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { RetentionOverview } from './retention.service.ts';

export function RetentionPage({ ctx, o }: { ctx: ViewCtx; o: RetentionOverview }) {
  const n = (v: number) => formatNumber(v, ctx.lang);
  return (
    <Layout ctx={ctx} title={ctx.t('retention.title')}>
      <h1>{ctx.t('retention.title')}</h1>
      <p>{ctx.t('retention.intro', { years: o.years })}</p>
      <dl class="facts">
        <dt>{ctx.t('retention.years')}</dt>
        <dd data-testid="retention-years">{ctx.t('retention.yearsText', { years: o.years })}</dd>
        <dt>{ctx.t('retention.cutoff')}</dt>
        <dd data-testid="retention-cutoff">
          {ctx.t('retention.cutoffText', { day: formatDay(o.cutoff, ctx.lang) })}
        </dd>
      </dl>
      {o.may.run && (
        <ConfirmForm
          ctx={ctx}
          action="/privacy/retention/run"
          testid="retention-run-form"
          ask={{
            question: ctx.t('retention.confirm'),
            consequences: [ctx.t('retention.confirmDetail')],
            yes: ctx.t('retention.runNow'),
          }}
        >
          <p id="retention-run-hint">{ctx.t('retention.runNowHint')}</p>
          <button
            type="submit"
            class="primary"
            aria-describedby="retention-run-hint"
            data-testid="retention-run"
          >
            {ctx.t('retention.runNow')}
          </button>
        </ConfirmForm>
      )}

      <h2>{ctx.t('retention.units')}</h2>
      {o.units.length === 0 ? (
        <p data-testid="retention-no-units">{ctx.t('retention.noUnits')}</p>
      ) : (
        <ScrollRegion label={ctx.t('retention.units')}>
          <table data-testid="retention-units">
            <thead>
              <tr>
                <th scope="col">{ctx.t('retention.unit')}</th>
                <th scope="col" class="num">
                  {ctx.t('retention.pseudonymised')}
                </th>
                <th scope="col" class="num">
                  {ctx.t('retention.due')}
                </th>
              </tr>
            </thead>
            <tbody>
              {o.units.map((u) => (
                <tr key={u.unit_id}>
                  <th scope="row">{u.unit_name}</th>
                  <td class="num">{n(u.pseudonymised)}</td>
                  <td class="num">{n(u.due)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2>{ctx.t('retention.runs')}</h2>
      {o.runs.length === 0 ? (
        <p>{ctx.t('retention.noRuns')}</p>
      ) : (
        <ScrollRegion label={ctx.t('retention.runs')}>
          <table data-testid="retention-runs">
            <thead>
              <tr>
                <th scope="col">{ctx.t('retention.runOn')}</th>
                <th scope="col">{ctx.t('retention.runCutoff')}</th>
                <th scope="col" class="num">
                  {ctx.t('retention.people')}
                </th>
                <th scope="col">{ctx.t('retention.details')}</th>
                <th scope="col">{ctx.t('retention.by')}</th>
              </tr>
            </thead>
            <tbody>
              {o.runs.map((r) => {
                const tables = Object.entries(r.details).sort(([a], [b]) => a.localeCompare(b));
                return (
                  <tr key={r.id}>
                    <td>{ctx.dateTime(r.created_at)}</td>
                    <td>{formatDay(r.cutoff, ctx.lang)}</td>
                    <td class="num">{n(r.people)}</td>
                    <td>
                      {tables.length === 0 ? (
                        ctx.t('retention.nothing')
                      ) : (
                        <ul class="plain">
                          {tables.map(([table, count]) => (
                            <li key={table}>
                              <code>{table}</code>: {n(count)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{r.triggered_by_name ?? ctx.t('retention.byJob')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}
