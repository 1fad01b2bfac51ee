// Kanwil and Ditjenpas (and a national administrator): the region's or the nation's figures for
// the month, in total and per unit. Counts and sums only: never a person's name or number.
import { dayInZone, formatNumber } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { BreachDeadlinesPanel } from '../privacy/privacy.panel.tsx';
import type { Breach } from '../privacy/privacy.service.ts';
import { monthLabel } from '../production-reports/production-reports.parts.tsx';
import { replicaLagText } from '../rollups/rollups.words.ts';
import { FigureList } from './dashboard.figures.tsx';
import type { OfficeFigures } from './dashboard.service.ts';

export function OfficeDashboard({
  ctx,
  title,
  d,
  breaches = null,
}: {
  ctx: ViewCtx;
  /** The regional office's name, or "all units" for the nation. */
  title: string;
  d: OfficeFigures;
  breaches?: Breach[] | null;
}) {
  const month = monthLabel(d.month, ctx.lang);
  return (
    <Layout ctx={ctx} title={ctx.t('dashboard.title')}>
      <h1 data-testid="dashboard-title">{title}</h1>
      <p class="muted">{ctx.t('dashboard.office.intro', { month })}</p>
      <p class="muted" data-testid="figures-as-of">
        <AsOf ctx={ctx} f={d.freshness} />
      </p>
      <div class="cards">
        {breaches && <BreachDeadlinesPanel ctx={ctx} items={breaches} />}
        <section class="card wide" aria-labelledby="c-office-total" data-testid="office-total">
          <h2 id="c-office-total">
            {ctx.t('dashboard.office.total', { n: formatNumber(d.total.units, ctx.lang) })}
          </h2>
          <FigureList ctx={ctx} f={d.total} />
          <p>
            {ctx.t('dashboard.office.pastExpiry')}:{' '}
            <strong>{formatNumber(d.total.pastExpiry, ctx.lang)}</strong>
          </p>
        </section>
      </div>
      <h2 id="c-units">{ctx.t('dashboard.units')}</h2>
      {d.units.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="cards" data-testid="unit-cards" aria-labelledby="c-units">
          {d.units.map((u) => (
            <li class="card" key={u.id} data-testid={`unit-card-${u.id}`}>
              <h3>
                <a href={`/dashboard/${u.id}`}>{u.name}</a>
              </h3>
              <p class="muted">{u.kanwil_name}</p>
              <FigureList ctx={ctx} f={u} />
              {u.pastExpiry > 0 && (
                <p data-testid={`past-expiry-${u.id}`}>
                  {ctx.t('inmates.expiry.overviewCount', { n: u.pastExpiry })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** "Angka per 06:31 WIB." (with the date when not today): every change made before it is counted. */
function AsOf({ ctx, f }: { ctx: ViewCtx; f: OfficeFigures['freshness'] }) {
  const lag = replicaLagText(ctx.t, ctx.lang, f);
  const behind = lag ? ` ${lag}` : '';
  if (!f.computedAt) return <>{`${ctx.t('dashboard.office.notCounted')}${behind}`}</>;
  const today = dayInZone(f.computedAt, ctx.zone) === dayInZone(new Date(), ctx.zone);
  const time = today ? ctx.time(f.computedAt) : ctx.dateTime(f.computedAt);
  return (
    <>{`${ctx.t(f.pending > 0 ? 'dashboard.office.asOfPending' : 'dashboard.office.asOf', { time })}${behind}`}</>
  );
}
