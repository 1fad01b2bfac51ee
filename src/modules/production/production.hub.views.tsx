// The /production hub: today's and recent sessions of the programmes that make products, each with
// a big "Catat produksi" link and whether its log was recorded; workshops without sessions recorded
// per working day; and the way on to the partner's quality check and the invoices.
import { asset } from '../../app/assets.ts';
import { formatDay, formatTime } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { ProductionHub } from './production.service.ts';

function Recorded({ ctx, finished }: { ctx: ViewCtx; finished: number | null }) {
  return finished === null ? (
    <span class="badge off">{ctx.t('production.notRecorded')}</span>
  ) : (
    <span class="badge">{ctx.t('production.recorded', { n: finished })}</span>
  );
}

export function HubPage({ ctx, d }: { ctx: ViewCtx; d: ProductionHub }) {
  const label = ctx.t(d.may.record ? 'production.record' : 'production.logTitle');
  return (
    <Layout ctx={ctx} title={ctx.t('production.title')}>
      <link rel="stylesheet" href={asset('production.css')} />
      <h1>{ctx.t('production.title')}</h1>
      <p class="muted">{ctx.t('production.hubIntro')}</p>
      <p class="prod-hub-links">
        <a href="/qc-batches" data-testid="prod-qc-link">
          {ctx.t('production.qualityLink')}
        </a>
        {d.may.invoices && (
          <>
            {' · '}
            <a href="/offtake-invoices" data-testid="prod-invoices-link">
              {ctx.t('production.invoicesLink')}
            </a>
          </>
        )}
      </p>
      <section aria-labelledby="prod-sessions">
        <h2 id="prod-sessions">{ctx.t('production.sessions')}</h2>
        {d.sessions.length === 0 ? (
          <p class="muted">{ctx.t('production.noSessions')}</p>
        ) : (
          <ul class="prod-hub" data-testid="prod-sessions">
            {d.sessions.map((s) => (
              <li key={s.id} data-testid="prod-session">
                <p>
                  <strong>{s.programme_name}</strong>
                  <br />
                  {formatDay(s.day, ctx.lang)} · {formatTime(s.starts_at, s.timezone, ctx.lang)}–
                  {formatTime(s.ends_at, s.timezone, ctx.lang)} <Recorded ctx={ctx} finished={s.finished} />
                </p>
                <a
                  class="button prod-go"
                  href={`/sessions/${s.id}/production`}
                  data-testid={`prod-link-${s.id}`}
                >
                  {label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.workshops.length > 0 && (
        <section aria-labelledby="prod-workshops">
          <h2 id="prod-workshops">{ctx.t('production.workshop')}</h2>
          <ul class="prod-hub">
            {d.workshops.map((p) => (
              <li key={p.id}>
                <p>
                  <strong>{p.name}</strong>
                  <br />
                  {formatDay(d.day, ctx.lang)} <Recorded ctx={ctx} finished={p.finished} />
                </p>
                <a
                  class="button prod-go"
                  href={`/programmes/${p.id}/production?day=${d.day}`}
                  data-testid={`prod-workshop-${p.id}`}
                >
                  {ctx.t('production.workshopToday')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="prod-programmes">
        <h2 id="prod-programmes">{ctx.t('production.programmes')}</h2>
        {d.programmes.length === 0 ? (
          <p class="muted">{ctx.t('production.noProgrammes')}</p>
        ) : (
          <ul class="plain">
            {d.programmes.map((p) => (
              <li key={p.id}>
                <a href={`/programmes/${p.id}`}>{p.name}</a>{' '}
                <span class="muted">({ctx.t('production.productsOf', { n: p.products })})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
