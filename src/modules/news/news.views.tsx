// Newsroom pages: /newsroom (the unit's events worth an item, each with a "Buat draf" button, and
// the items) and /newsroom/:id (the edit form, photos, the Kepala's and Humas's buttons, a preview
// and the status history). Everything works without scripts; public/news-editor.js turns the body's
// HTML textarea into the Trix editor.
import { asset } from '../../app/assets.ts';
import { formatDay, formatNumber, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import { Pager } from '../../app/pager.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { NewsStatus } from '../../db/schema.ts';
import { sanitizeNewsHtml } from './news.rules.ts';
import { NEWS_STATUSES } from './news.schema.ts';
import {
  type EventWithItem,
  eventKey,
  type NewsDetail,
  type NewsEvent,
  type NewsRow,
} from './news.service.ts';

/** The vendored editor's version: its files are cached for a year under this query. */
export const TRIX_VERSION = '2.1.19';

/** One event in words (no person named: counts only). */
export function eventText(ctx: ViewCtx, e: NewsEvent): string {
  switch (e.kind) {
    case 'agreement':
      return ctx.t('dashboard.news.agreement', { title: e.title, partner: e.partner });
    case 'programme':
      return ctx.t('dashboard.news.programme', { programme: e.programme });
    case 'certificates':
      return ctx.t('dashboard.news.certificates', { n: formatNumber(e.n, ctx.lang), programme: e.programme });
    case 'bazaar':
      return ctx.t('dashboard.news.bazaar', { n: formatNumber(e.n, ctx.lang), total: formatRupiah(e.total) });
    case 'visit':
      return ctx.t('news.event.visit', { title: e.title, partner: e.partner });
    case 'placement':
      return ctx.t('news.event.placement', {
        n: formatNumber(e.n, ctx.lang),
        position: e.position,
        partner: e.partner,
      });
  }
}

/** The "Buat draf" form of one event (or a link to the item already made from it). */
export function DraftButton({ ctx, e }: { ctx: ViewCtx; e: EventWithItem }) {
  const key = eventKey(e);
  if (e.newsId)
    return (
      <a href={`/newsroom/${e.newsId}`} data-testid={`news-event-${e.kind}-${key}`}>
        {ctx.t('news.openDraft')}
      </a>
    );
  return (
    <form method="post" action="/newsroom/drafts" class="inline">
      <Csrf ctx={ctx} />
      <input type="hidden" name="event_kind" value={e.kind} />
      <input type="hidden" name="event_id" value={e.id ?? ''} />
      <input type="hidden" name="event_day" value={e.day} />
      <input type="hidden" name="lang" value={ctx.lang} />
      <button
        type="submit"
        class="small"
        data-testid={`news-event-${e.kind}-${key}`}
        aria-label={ctx.t('news.makeDraftOf', { event: eventText(ctx, e) })}
      >
        {ctx.t('news.makeDraft')}
      </button>
    </form>
  );
}

export function EventList({ ctx, events }: { ctx: ViewCtx; events: EventWithItem[] }) {
  if (events.length === 0) return <p>{ctx.t('news.eventsNone')}</p>;
  return (
    <ul class="plain news-events">
      {events.map((e) => (
        <li key={`${e.kind}${eventKey(e)}${e.day}`}>
          <time datetime={e.day}>{formatDay(e.day, ctx.lang)}</time>: {eventText(ctx, e)}{' '}
          {ctx.can('news.draft') && <DraftButton ctx={ctx} e={e} />}
        </li>
      ))}
    </ul>
  );
}

function StatusBadge({ ctx, status }: { ctx: ViewCtx; status: NewsStatus }) {
  const cls = status === 'published' ? 'badge ok' : status === 'submitted' ? 'badge warn' : 'badge muted';
  return (
    <span class={cls} data-testid="news-status">
      {ctx.t(`news.status.${status}`)}
    </span>
  );
}

export function NewsListPage(p: {
  ctx: ViewCtx;
  events: EventWithItem[] | null;
  list: { rows: NewsRow[]; total: number; pageSize: number };
  status: NewsStatus | undefined;
  page: number;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t('news.title')}>
      <h1>{ctx.t('news.title')}</h1>
      <p class="muted">{ctx.t('news.intro')}</p>
      {p.events && (
        <section class="card" aria-labelledby="h-events" data-testid="news-events">
          <h2 id="h-events">{ctx.t('news.events')}</h2>
          <EventList ctx={ctx} events={p.events} />
        </section>
      )}
      <section aria-labelledby="h-items">
        <h2 id="h-items">{ctx.t('news.items')}</h2>
        <form method="get" action="/newsroom" class="filters">
          <label for="f-status">{ctx.t('news.filter')}</label>{' '}
          <select id="f-status" name="status">
            <option value="">{ctx.t('news.filterAll')}</option>
            {NEWS_STATUSES.map((s) => (
              <option key={s} value={s} selected={s === p.status}>
                {ctx.t(`news.status.${s}`)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="small">
            {ctx.t('news.filter')}
          </button>
        </form>
        {p.list.rows.length === 0 ? (
          <p>{ctx.t('news.itemsNone')}</p>
        ) : (
          <ul class="plain news-list" data-testid="news-list">
            {p.list.rows.map((r) => (
              <li key={r.id}>
                <a href={`/newsroom/${r.id}`}>{r.title}</a> <StatusBadge ctx={ctx} status={r.status} />
                <br />
                <span class="muted">
                  {ctx.t('news.eventDay')}: {formatDay(r.event_day, ctx.lang)} · {ctx.t('news.updated')}:{' '}
                  {ctx.dateTime(r.updated_at)} · {ctx.t('news.photos')}:{' '}
                  {formatNumber(Number(r.photo_count ?? 0), ctx.lang)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Pager
          ctx={ctx}
          base="/newsroom"
          query={{ status: p.status }}
          page={p.page}
          total={p.list.total}
          pageSize={p.list.pageSize}
        />
      </section>
    </Layout>
  );
}

const LABELS: Record<string, MessageKey> = {
  title: 'news.field.title',
  dateline: 'news.field.dateline',
  lead: 'news.field.lead',
  body_html: 'news.field.body',
  quote: 'news.field.quote',
  quote_by: 'news.field.quoteBy',
  note: 'news.returnNote',
  photo: 'news.uploadField',
  file_id: 'news.choose',
  confirmation: 'news.confirmation',
  consent_note: 'news.consentNote',
  status: 'news.status',
};

export const formValues = (d: NewsDetail) => ({
  title: d.item.title,
  dateline: d.item.dateline,
  lead: d.item.lead,
  body_html: d.item.body_html,
  quote: d.item.quote ?? '',
  quote_by: d.item.quote_by ?? '',
});

/** A button posting to one of the item's actions. */
function ActionButton(p: {
  ctx: ViewCtx;
  id: string;
  action: string;
  label: MessageKey;
  testid: string;
  primary?: boolean;
}) {
  return (
    <form method="post" action={`/newsroom/${p.id}/${p.action}`} class="inline">
      <Csrf ctx={p.ctx} />
      <button type="submit" class={p.primary ? 'primary' : ''} data-testid={p.testid}>
        {p.ctx.t(p.label)}
      </button>
    </form>
  );
}

function Photos({ ctx, d, form }: { ctx: ViewCtx; d: NewsDetail; form: FormState }) {
  const id = d.item.id;
  const canEdit = ctx.can('news.draft');
  return (
    <section class="card" aria-labelledby="h-photos" data-testid="news-photos">
      <h2 id="h-photos">{ctx.t('news.photosTitle')}</h2>
      {d.photos.length === 0 ? (
        <p>{ctx.t('news.photosNone')}</p>
      ) : (
        <ul class="plain news-photos">
          {d.photos.map((ph, i) => (
            <li key={ph.id} data-testid={`news-photo-${ph.id}`}>
              <figure>
                <a href={`/newsroom/${id}/photos/${ph.id}`}>
                  <img
                    src={`/newsroom/${id}/photos/${ph.id}?size=thumb`}
                    alt={ctx.t('news.photoAlt', { n: i + 1, title: d.item.title })}
                    width={240}
                    loading="lazy"
                  />
                </a>
                <figcaption>
                  {i === 0 && <strong>{ctx.t('news.photoCover')}. </strong>}
                  {ph.confirmation === null ? (
                    <span class="warn">{ctx.t('news.photoUnconfirmedBadge')}</span>
                  ) : ph.confirmation === 'consent' ? (
                    ctx.t('news.photoConfirmedConsent', {
                      note: ph.consent_note ?? '',
                      by: ph.confirmed_by_name ?? '',
                    })
                  ) : (
                    ctx.t('news.photoConfirmedNone', { by: ph.confirmed_by_name ?? '' })
                  )}
                </figcaption>
              </figure>
              {canEdit && ph.confirmation === null && (
                <form method="post" action={`/newsroom/${id}/photos/${ph.id}/confirm`} class="stack">
                  <Csrf ctx={ctx} />
                  <fieldset>
                    <legend>{ctx.t('news.confirmation')}</legend>
                    <label class="check">
                      <input type="radio" name="confirmation" value="no_identifiable" required />{' '}
                      {ctx.t('news.confirmation.no_identifiable')}
                    </label>
                    <label class="check">
                      <input type="radio" name="confirmation" value="consent" />{' '}
                      {ctx.t('news.confirmation.consent')}
                    </label>
                  </fieldset>
                  <label for={`f-consent-${ph.id}`}>{ctx.t('news.consentNote')}</label>
                  <p class="hint" id={`h-consent-${ph.id}`}>
                    {ctx.t('news.consentNoteHint')}
                  </p>
                  <textarea
                    id={`f-consent-${ph.id}`}
                    name="consent_note"
                    rows={2}
                    maxLength={500}
                    aria-describedby={`h-consent-${ph.id}`}
                  />
                  <button type="submit" data-testid="news-photo-confirm">
                    {ctx.t('news.confirm')}
                  </button>
                </form>
              )}
              {canEdit && (
                <form method="post" action={`/newsroom/${id}/photos/${ph.id}/remove`} class="inline">
                  <Csrf ctx={ctx} />
                  <button type="submit" class="link" data-testid="news-photo-remove">
                    {ctx.t('news.photoRemove')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <>
          <h3>{ctx.t('news.choose')}</h3>
          <p class="hint">{ctx.t('news.chooseHint')}</p>
          {d.choices.length === 0 ? (
            <p>{ctx.t('news.chooseNone')}</p>
          ) : (
            <ul class="plain news-photos">
              {d.choices.map((c) => (
                <li key={c.id}>
                  <img
                    src={`/photos/${c.id}?size=thumb`}
                    alt={ctx.t('news.photoChoiceAlt', {
                      programme: c.programme_name,
                      day: formatDay(c.day, ctx.lang),
                    })}
                    width={160}
                    loading="lazy"
                  />
                  <form method="post" action={`/newsroom/${id}/photos`} class="inline">
                    <Csrf ctx={ctx} />
                    <input type="hidden" name="file_id" value={c.id} />
                    <button type="submit" class="small" data-testid="news-photo-add">
                      {ctx.t('news.choosePhoto')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <form
            method="post"
            action={`/newsroom/${id}/photos`}
            enctype="multipart/form-data"
            class="stack"
            data-testid="news-photo-upload"
          >
            <Csrf ctx={ctx} />
            <h3>{ctx.t('news.upload')}</h3>
            <label for="f-photo">{ctx.t('news.uploadField')}</label>
            <p class="hint" id="h-photo">
              {ctx.t('news.uploadHint')}
            </p>
            {form.errors
              .filter((e) => e.field === 'photo' || e.field === 'file_id')
              .map((e) => (
                <p class="error" key={e.field} id="e-photo" data-testid={`error-${e.field}`}>
                  {ctx.t(e.key, e.params)}
                </p>
              ))}
            <input
              id="f-photo"
              type="file"
              name="photo"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby="h-photo"
            />
            <button type="submit">{ctx.t('news.upload')}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** How the item will look on the public page (the saved version; confirmed photos only). */
function Preview({ ctx, d }: { ctx: ViewCtx; d: NewsDetail }) {
  const it = d.item;
  const cover = d.photos.find((p) => p.confirmation !== null);
  return (
    <section class="card news-preview" aria-labelledby="h-preview" data-testid="news-preview" lang={it.lang}>
      <h2 id="h-preview">{ctx.t('news.preview')}</h2>
      <p class="hint">{ctx.t('news.previewHint')}</p>
      <article>
        <h3>{it.title}</h3>
        {cover && (
          <img
            src={`/newsroom/${it.id}/photos/${cover.id}`}
            alt={ctx.t('news.photoAlt', { n: 1, title: it.title })}
            class="cover"
          />
        )}
        <p>
          <strong>{it.dateline}</strong> {it.lead}
        </p>
        {/* Sanitised on save and again here: the allowlist only (p, lists, emphasis, links). */}
        <div class="news-body" dangerouslySetInnerHTML={{ __html: sanitizeNewsHtml(it.body_html) }} />
        {it.quote && (
          <blockquote>
            <p>“{it.quote}”</p>
            {it.quote_by && <footer>— {it.quote_by}</footer>}
          </blockquote>
        )}
      </article>
    </section>
  );
}

function History({ ctx, d }: { ctx: ViewCtx; d: NewsDetail }) {
  return (
    <section class="card" aria-labelledby="h-history" data-testid="news-history">
      <h2 id="h-history">{ctx.t('news.history')}</h2>
      {d.history.length === 0 ? (
        <p>{ctx.t('news.historyNone')}</p>
      ) : (
        <ol class="plain">
          {d.history.map((h, i) => {
            const key = `news.action.${h.action}` as MessageKey;
            const label = ctx.t(key) === key ? h.action : ctx.t(key);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the history never reorders
              <li key={i}>
                <time datetime={h.at.toISOString()}>{ctx.dateTime(h.at)}</time>:{' '}
                {ctx.t('news.historyBy', { action: label, by: h.by })}
                {h.note && <span class="muted"> — {h.note}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export function NewsItemPage(p: {
  ctx: ViewCtx;
  d: NewsDetail;
  form: FormState;
  photoForm?: FormState;
  returnForm?: FormState;
  problem?: { key: MessageKey; params: Record<string, string | number> } | undefined;
  publicUrl: string | null;
  /** This response's style nonce (Trix's injected default styles). */
  styleNonce: string;
}) {
  const { ctx, d, form } = p;
  const it = d.item;
  const F = fieldsFor(ctx, form);
  const canDraft = ctx.can('news.draft');
  const canApprove = ctx.can('news.approve');
  const canPublish = ctx.can('news.publish');
  const returnForm = p.returnForm ?? { values: {}, errors: [] };
  const noteErr = returnForm.errors.find((e) => e.field === 'note');
  return (
    <Layout ctx={ctx} title={it.title}>
      <BackLink href="/newsroom" label={ctx.t('news.title')} />
      <h1>{it.title}</h1>
      <p>
        <StatusBadge ctx={ctx} status={it.status} /> {ctx.t('news.eventDay')}:{' '}
        {formatDay(it.event_day, ctx.lang)}
      </p>
      {p.problem && (
        <div class="error-summary" role="alert" tabIndex={-1} data-testid="news-problem">
          <p>{ctx.t(p.problem.key, p.problem.params)}</p>
        </div>
      )}
      {it.return_note && it.status === 'draft' && (
        <p class="warn" data-testid="news-return-note">
          {ctx.t('news.returnedNote', { note: it.return_note })}
        </p>
      )}
      {p.publicUrl && it.status === 'published' && (
        <p>
          {ctx.t('news.publicAt')}: <a href={p.publicUrl}>{p.publicUrl}</a>
        </p>
      )}
      <div class="actions">
        {canDraft && it.status === 'draft' && (
          <ActionButton
            ctx={ctx}
            id={it.id}
            action="submit"
            label="news.submit"
            testid="news-submit"
            primary
          />
        )}
        {canApprove && it.status === 'submitted' && (
          <ActionButton
            ctx={ctx}
            id={it.id}
            action="approve"
            label="news.approve"
            testid="news-approve"
            primary
          />
        )}
        {canPublish && (it.status === 'approved' || (it.status === 'unpublished' && it.approved_at)) && (
          <ActionButton
            ctx={ctx}
            id={it.id}
            action="publish"
            label="news.publish"
            testid="news-publish"
            primary
          />
        )}
        {canPublish && it.status === 'published' && (
          <ActionButton
            ctx={ctx}
            id={it.id}
            action="unpublish"
            label="news.unpublish"
            testid="news-unpublish"
          />
        )}
      </div>
      {canApprove && (it.status === 'submitted' || it.status === 'approved') && (
        <form method="post" action={`/newsroom/${it.id}/return`} class="stack" data-testid="news-return-form">
          <Csrf ctx={ctx} />
          <div class={noteErr ? 'field has-error' : 'field'}>
            <label for="f-note">{ctx.t('news.returnNote')}</label>
            {noteErr && (
              <p class="error" id="e-note" data-testid="error-note">
                {ctx.t(noteErr.key, noteErr.params)}
              </p>
            )}
            <textarea
              id="f-note"
              name="note"
              rows={2}
              maxLength={500}
              aria-describedby={noteErr ? 'e-note' : undefined}
            />
          </div>
          <button type="submit" data-testid="news-return">
            {ctx.t('news.return')}
          </button>
        </form>
      )}
      <Preview ctx={ctx} d={d} />
      {canDraft && (
        <section aria-labelledby="h-edit">
          <h2 id="h-edit">{ctx.t('news.edit')}</h2>
          <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
          {it.status !== 'draft' && <p class="warn">{ctx.t('news.editWarning')}</p>}
          <form
            method="post"
            action={`/newsroom/${it.id}`}
            novalidate
            data-testid="news-form"
            class="news-form"
          >
            <Csrf ctx={ctx} />
            <F.Text name="title" label="news.field.title" maxLength={200} />
            <F.Text
              name="dateline"
              label="news.field.dateline"
              hint="news.field.datelineHint"
              maxLength={60}
            />
            <F.Area
              name="lead"
              label="news.field.lead"
              hint="news.field.leadHint"
              rows={4}
              maxLength={1000}
              optional={false}
            />
            <div data-news-editor>
              <F.Area
                name="body_html"
                label="news.field.body"
                hint="news.field.bodyHint"
                rows={12}
                optional={false}
              />
            </div>
            <F.Area
              name="quote"
              label="news.field.quote"
              hint="news.field.quoteHint"
              rows={3}
              maxLength={1000}
            />
            <F.Text
              name="quote_by"
              label="news.field.quoteBy"
              hint="news.field.quoteByHint"
              optional
              maxLength={200}
            />
            <button type="submit" class="primary" data-testid="news-save">
              {ctx.t('news.save')}
            </button>
          </form>
        </section>
      )}
      <Photos ctx={ctx} d={d} form={p.photoForm ?? { values: {}, errors: [] }} />
      <History ctx={ctx} d={d} />
      {canDraft && (
        <>
          <link rel="stylesheet" href={`/vendor/trix.css?v=${TRIX_VERSION}`} />
          <link rel="stylesheet" href={asset('news-editor.css')} />
          {/* The editor's script first: it hands Trix the style nonce before Trix loads. */}
          <script src={asset('news-editor.js')} defer data-style-nonce={p.styleNonce} />
          <script src={`/vendor/trix.js?v=${TRIX_VERSION}`} defer />
        </>
      )}
    </Layout>
  );
}
