// The gallery's management pages (Humas): the unit's products as cards (in the gallery or not) and
// one entry's page (blurb, photo, its confirmation, publish). Texts are escaped by the templates.
import { Fact } from '../../app/facts.tsx';
import { formatNumber, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, emptyForm, type FormState, SelectField, TextArea } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { GalleryEntry, GalleryRow } from './gallery.service.ts';

type Photo = GalleryEntry['photo'];
type Card = GalleryRow & { photo: Photo };

function photoUrl(
  r: { product_id: string; entry_id: string | null },
  photo: NonNullable<Photo>,
  size: 'thumb' | 'web',
) {
  return r.entry_id
    ? `/gallery/${r.entry_id}/photo?size=${size}&v=${photo.fileId}`
    : `/products/${r.product_id}/photo?size=${size}&v=${photo.fileId}`;
}

function Status({ ctx, r }: { ctx: ViewCtx; r: Pick<Card, 'entry_id' | 'published'> }) {
  if (!r.entry_id) return <span class="badge muted">{ctx.t('gallery.status.out')}</span>;
  return r.published ? (
    <span class="badge ok" data-testid="gallery-status">
      {ctx.t('gallery.status.published')}
    </span>
  ) : (
    <span class="badge muted" data-testid="gallery-status">
      {ctx.t('gallery.status.draft')}
    </span>
  );
}

function PhotoNote({ ctx, photo }: { ctx: ViewCtx; photo: Photo }) {
  if (!photo) return <p class="muted">{ctx.t('gallery.photo.none')}</p>;
  const key = photo.confirmed
    ? 'gallery.photo.confirmed'
    : photo.source === 'own'
      ? 'gallery.photo.ownUnconfirmed'
      : 'gallery.photo.productUnconfirmed';
  return <p class={photo.confirmed ? 'muted' : 'warn'}>{ctx.t(key)}</p>;
}

export function GalleryPage({ ctx, rows, form }: { ctx: ViewCtx; rows: Card[]; form: FormState }) {
  const title = ctx.t('gallery.title');
  return (
    <Layout ctx={ctx} title={title}>
      <TitleRow title={title} />
      <p>{ctx.t('gallery.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={{ product_id: 'gallery.product' }} />
      {rows.length === 0 ? (
        <p>{ctx.t('gallery.noProducts')}</p>
      ) : (
        <ul class="cards" data-testid="gallery-products">
          {rows.map((r) => (
            <li class="card" key={r.product_id} data-testid={`gallery-card-${r.product_id}`}>
              <h2>{r.name}</h2>
              {r.photo ? (
                <img
                  src={photoUrl(r, r.photo, 'thumb')}
                  alt={ctx.t('gallery.photoAlt', { name: r.name })}
                  width={240}
                  loading="lazy"
                />
              ) : null}
              <p>
                {r.price === null ? ctx.t('gallery.noPriceShort') : formatRupiah(r.price)} ·{' '}
                {ctx.t('gallery.availableN', { n: formatNumber(r.available, ctx.lang) })}
              </p>
              <p>
                <Status ctx={ctx} r={r} />
              </p>
              {r.blurb && <p class="muted">{r.blurb}</p>}
              {r.entry_id ? (
                <p>
                  <a href={`/gallery/${r.entry_id}`} data-testid={`gallery-manage-${r.product_id}`}>
                    {ctx.t('gallery.manageProduct', { name: r.name })}
                  </a>
                </p>
              ) : (
                <form method="post" action="/gallery" class="inline">
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="product_id" value={r.product_id} />
                  <button type="submit" data-testid={`gallery-add-${r.product_id}`}>
                    {ctx.t('gallery.addProduct', { name: r.name })}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface EntryForms {
  blurb?: FormState;
  photo?: FormState;
  confirm?: FormState;
  publish?: FormState;
}

export function EntryPage({
  ctx,
  e,
  forms,
  maxUploadMb,
}: {
  ctx: ViewCtx;
  e: GalleryEntry;
  forms: EntryForms;
  maxUploadMb: number;
}) {
  const base = `/gallery/${e.entry_id}`;
  const blurbForm = forms.blurb ?? emptyForm({ blurb: e.blurb ?? '' });
  const photoForm = forms.photo ?? emptyForm();
  const confirmForm = {
    ...(forms.confirm ?? emptyForm({ confirmation: 'no_identifiable' })),
    idPrefix: 'c-',
  };
  const publishForm = forms.publish ?? emptyForm();
  return (
    <Layout ctx={ctx} title={e.name}>
      <BackLink href="/gallery" label={ctx.t('gallery.title')} />
      <TitleRow title={e.name} testid="gallery-entry-title">
        <Status ctx={ctx} r={e} />
      </TitleRow>
      <dl class="facts">
        <Fact
          ctx={ctx}
          label="gallery.price"
          value={e.price === null ? ctx.t('gallery.noPriceShort') : formatRupiah(e.price)}
        />
        <Fact ctx={ctx} label="gallery.available" value={formatNumber(e.available, ctx.lang)} />
        <Fact ctx={ctx} label="gallery.unit" value={e.unit_name} />
      </dl>

      <section aria-labelledby="publish-h">
        <h2 id="publish-h">{ctx.t('gallery.publishing')}</h2>
        <ErrorSummary ctx={ctx} form={publishForm} labels={{}} />
        {!e.published && e.problems.length > 0 && publishForm.errors.length === 0 && (
          <ul data-testid="gallery-problems">
            {e.problems.map((p) => (
              <li key={p.key}>{ctx.t(p.key, p.params)}</li>
            ))}
          </ul>
        )}
        {e.published ? (
          <form method="post" action={`${base}/unpublish`}>
            <Csrf ctx={ctx} />
            <p class="muted">{ctx.t('gallery.publishedHint')}</p>
            <button type="submit" data-testid="gallery-unpublish">
              {ctx.t('gallery.unpublish')}
            </button>
          </form>
        ) : (
          <form method="post" action={`${base}/publish`}>
            <Csrf ctx={ctx} />
            <button type="submit" class="primary" data-testid="gallery-publish">
              {ctx.t('gallery.publish')}
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="photo-h">
        <h2 id="photo-h">{ctx.t('gallery.photo')}</h2>
        {e.photo && (
          <p>
            <a href={photoUrl(e, e.photo, 'web')}>
              <img
                src={photoUrl(e, e.photo, 'thumb')}
                alt={ctx.t('gallery.photoAlt', { name: e.name })}
                width={240}
                data-testid="gallery-photo"
              />
            </a>
          </p>
        )}
        <PhotoNote ctx={ctx} photo={e.photo} />
        {e.photo && !e.photo.confirmed && (
          <form method="post" action={`${base}/photo/confirm`} novalidate data-testid="gallery-confirm-form">
            <Csrf ctx={ctx} />
            <ErrorSummary
              ctx={ctx}
              form={confirmForm}
              labels={{ confirmation: 'gallery.confirmation', consent_note: 'gallery.consentNote' }}
            />
            <SelectField
              ctx={ctx}
              form={confirmForm}
              name="confirmation"
              label="gallery.confirmation"
              options={[
                { value: 'no_identifiable', label: ctx.t('gallery.confirmation.no_identifiable') },
                { value: 'consent', label: ctx.t('gallery.confirmation.consent') },
              ]}
            />
            <TextArea
              ctx={ctx}
              form={confirmForm}
              name="consent_note"
              label="gallery.consentNote"
              hint="gallery.consentNoteHint"
              rows={3}
              maxLength={500}
            />
            <button type="submit" data-testid="gallery-photo-confirm">
              {ctx.t('gallery.confirm')}
            </button>
          </form>
        )}
        <form
          method="post"
          action={`${base}/photo`}
          enctype="multipart/form-data"
          class="row-form"
          data-testid="gallery-photo-form"
        >
          <Csrf ctx={ctx} />
          <ErrorSummary ctx={ctx} form={photoForm} labels={{ file: 'gallery.photoUpload' }} />
          <label for="f-file">
            {ctx.t('gallery.photoUpload')}
            <span class="hint"> {ctx.t('gallery.photoHint', { mb: maxUploadMb })}</span>
          </label>
          <input id="f-file" type="file" name="file" accept="image/jpeg,image/png" required />
          <button type="submit" data-testid="gallery-photo-upload">
            {ctx.t('gallery.photoUploadButton')}
          </button>
        </form>
      </section>

      <section aria-labelledby="blurb-h">
        <h2 id="blurb-h">{ctx.t('gallery.blurb')}</h2>
        <form method="post" action={`${base}/blurb`} novalidate>
          <Csrf ctx={ctx} />
          <ErrorSummary ctx={ctx} form={blurbForm} labels={{ blurb: 'gallery.blurb' }} />
          <TextArea
            ctx={ctx}
            form={blurbForm}
            name="blurb"
            label="gallery.blurb"
            hint="gallery.blurbHint"
            rows={4}
            maxLength={1000}
          />
          <button type="submit" data-testid="gallery-blurb-save">
            {ctx.t('gallery.blurbSave')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
