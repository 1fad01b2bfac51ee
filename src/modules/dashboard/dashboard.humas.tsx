// Humas: the latest documentation photos (served by the journal's gallery route, which checks the
// viewer may see them) and the events of the last year worth a news item, in words, each with its
// "Buat draf" button (or a link to the item already drafted from it). No names.
import { formatDay, formatNumber } from '../../app/format.ts';
import type { ViewCtx } from '../../app/view.ts';
import { PhotoFigure } from '../journal/journal.views.tsx';
import type { EventWithItem } from '../news/news.service.ts';
import { DraftButton, eventText } from '../news/news.views.tsx';
import type { Newsroom } from './dashboard.service.ts';

/** Where the event is recorded, for a link from its words. */
function eventHref(e: EventWithItem): string | null {
  if (e.kind === 'agreement') return `/agreements/${e.id}`;
  if (e.kind === 'programme' || e.kind === 'certificates') return `/programmes/${e.id}`;
  return null;
}

export function NewsroomPanels({ ctx, d }: { ctx: ViewCtx; d: Newsroom }) {
  return (
    <>
      <section aria-labelledby="c-photos" data-testid="dashboard-photos">
        <h2 id="c-photos">{ctx.t('dashboard.photos.title')}</h2>
        {d.photos.length === 0 ? (
          <p>{ctx.t('dashboard.photos.none')}</p>
        ) : (
          <>
            <ul class="photos">
              {d.photos.map((p) => (
                <li key={p.id}>
                  <PhotoFigure ctx={ctx} photo={p} width={160}>
                    {p.programme_name}, {formatDay(p.day, ctx.lang)}
                  </PhotoFigure>
                </li>
              ))}
            </ul>
            <p>
              <a href="/photos">
                {ctx.t('dashboard.photos.all', { n: formatNumber(d.photoTotal, ctx.lang) })}
              </a>
            </p>
          </>
        )}
      </section>
      <section class="card wide" aria-labelledby="c-news" data-testid="dashboard-news">
        <h2 id="c-news">{ctx.t('dashboard.news.title')}</h2>
        {d.events.length === 0 ? (
          <p>{ctx.t('dashboard.news.none')}</p>
        ) : (
          <>
            <p class="muted">{ctx.t('dashboard.news.intro')}</p>
            <ul class="plain">
              {d.events.map((e) => {
                const href = eventHref(e);
                const text = eventText(ctx, e);
                return (
                  <li key={`${e.kind}${e.day}${e.id ?? ''}`}>
                    <time datetime={e.day}>{formatDay(e.day, ctx.lang)}</time>:{' '}
                    {href ? <a href={href}>{text}</a> : text}{' '}
                    {ctx.can('news.draft') && <DraftButton ctx={ctx} e={e} />}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
