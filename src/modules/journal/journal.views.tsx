// The session journal page (topic, units covered, instructors, materials, notes, photos) and the
// Humas page of documentation photos, which shows no participants and no attendance.

import type { ComponentChildren } from 'preact';
import { formatDay, formatTime } from '../../app/format.ts';
import { CheckboxGroup, ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { Pager } from '../../app/pager.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { JournalView } from './journal.service.ts';

export const LABELS: Record<string, MessageKey> = {
  topic: 'journal.topic',
  unit_ids: 'journal.units',
  instructor_ids: 'journal.instructors',
  other_instructors: 'journal.otherInstructors',
  materials: 'journal.materials',
  notes: 'journal.notes',
  photo: 'journal.photos',
};

function TextArea(p: { ctx: ViewCtx; form: FormState; name: string; label: MessageKey }) {
  const err = p.form.errors.find((e) => e.field === p.name);
  const v = p.form.values[p.name];
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={`f-${p.name}`}>
        {p.ctx.t(p.label)}
        <span class="opt"> ({p.ctx.t('common.optional')})</span>
      </label>
      {err && (
        <p class="error" id={`e-${p.name}`} data-testid={`error-${p.name}`}>
          {p.ctx.t(err.key, err.params)}
        </p>
      )}
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={3}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `e-${p.name}` : undefined}
      >
        {typeof v === 'string' ? v : ''}
      </textarea>
    </div>
  );
}

/** The saved journal as the form's starting values. */
export function journalForm(j: JournalView): FormState {
  return {
    values: j.journal
      ? {
          topic: j.journal.topic,
          unit_ids: j.unitIds,
          instructor_ids: j.instructorIds,
          other_instructors: j.journal.other_instructors ?? '',
          materials: j.journal.materials ?? '',
          notes: j.journal.notes ?? '',
        }
      : {},
    errors: [],
  };
}

export function JournalPage({
  ctx,
  j,
  form,
  photoForm,
}: {
  ctx: ViewCtx;
  j: JournalView;
  form: FormState;
  photoForm: FormState;
}) {
  const s = j.session;
  const zone = s.timezone;
  const base = `/sessions/${s.id}/journal`;
  const canWrite = j.mayWrite;
  const held = j.held;
  const when = `${formatDay(s.day, ctx.lang)} · ${formatTime(s.starts_at, zone, ctx.lang)}–${formatTime(s.ends_at, zone, ctx.lang)}`;
  return (
    <Layout ctx={ctx} title={ctx.t('journal.title')}>
      <p>
        <a href={`/programmes/${s.programme_id}`}>← {s.programme_name}</a>
        {ctx.can('production.view') && (
          <>
            {' · '}
            <a href={`/sessions/${s.id}/production`} data-testid="production-link">
              {ctx.t('production.link')}
            </a>
          </>
        )}
      </p>
      <h1>{ctx.t('journal.title')}</h1>
      <p data-testid="journal-when">{when}</p>
      {s.status === 'cancelled' ? (
        <p class="notice" data-testid="journal-cancelled">
          {ctx.t('journal.cancelled')} {s.cancel_reason}
        </p>
      ) : !held ? (
        <p class="notice">{ctx.t('journal.notYet')}</p>
      ) : canWrite ? (
        <>
          <p class="muted">{ctx.t('journal.intro')}</p>
          <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
          <form method="post" action={base} novalidate data-testid="journal-form">
            <Csrf ctx={ctx} />
            <TextField ctx={ctx} form={form} name="topic" label="journal.topic" maxLength={200} />
            {j.curriculum.length > 0 && (
              <CheckboxGroup
                ctx={ctx}
                form={form}
                name="unit_ids"
                label="journal.units"
                options={j.curriculum.map((c) => ({
                  value: c.id,
                  label: c.code ? `${c.code} · ${c.title}` : c.title,
                }))}
              />
            )}
            {j.instructorOptions.length > 0 && (
              <CheckboxGroup
                ctx={ctx}
                form={form}
                name="instructor_ids"
                label="journal.instructors"
                options={j.instructorOptions.map((u) => ({ value: u.id, label: u.full_name }))}
              />
            )}
            <TextField
              ctx={ctx}
              form={form}
              name="other_instructors"
              label="journal.otherInstructors"
              hint="journal.otherInstructorsHint"
              optional
            />
            <TextArea ctx={ctx} form={form} name="materials" label="journal.materials" />
            <TextArea ctx={ctx} form={form} name="notes" label="journal.notes" />
            <button type="submit" class="primary" data-testid="journal-save">
              {ctx.t('journal.save')}
            </button>
          </form>
        </>
      ) : (
        <JournalSummary ctx={ctx} j={j} />
      )}

      {held && (
        <section aria-labelledby="photos-h">
          <h2 id="photos-h">{ctx.t('journal.photos')}</h2>
          {j.photos.length === 0 ? (
            <p class="muted">{ctx.t('journal.noPhotos')}</p>
          ) : (
            <ul class="photos" data-testid="journal-photos">
              {j.photos.map((p) => (
                <li key={p.id}>
                  <a href={`${base}/photos/${p.id}`}>
                    <img
                      src={`${base}/photos/${p.id}?size=thumb`}
                      alt={ctx.t('journal.photoAlt', {
                        programme: s.programme_name,
                        day: formatDay(s.day, ctx.lang),
                      })}
                      width={160}
                      loading="lazy"
                    />
                  </a>
                  {canWrite && (
                    <form
                      method="post"
                      action={`${base}/photos/${p.id}/delete`}
                      data-testid={`photo-delete-${p.id}`}
                    >
                      <Csrf ctx={ctx} />
                      <button type="submit" class="link">
                        {ctx.t('journal.removePhoto')}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canWrite && j.journal && (
            <>
              <ErrorSummary ctx={ctx} form={photoForm} labels={LABELS} />
              <form
                method="post"
                action={`${base}/photos`}
                enctype="multipart/form-data"
                novalidate
                data-testid="photo-form"
              >
                <Csrf ctx={ctx} />
                <div class={photoForm.errors.some((e) => e.field === 'photo') ? 'field has-error' : 'field'}>
                  <label for="f-photo">{ctx.t('journal.addPhotos')}</label>
                  <p class="hint" id="h-photo">
                    {ctx.t('journal.photosHint')}
                  </p>
                  {photoForm.errors
                    .filter((e) => e.field === 'photo')
                    .map((e) => (
                      <p key={e.key} class="error" id="e-photo" data-testid="error-photo">
                        {ctx.t(e.key, e.params)}
                      </p>
                    ))}
                  <input
                    id="f-photo"
                    type="file"
                    name="photo"
                    accept="image/jpeg,image/png"
                    multiple
                    aria-describedby="h-photo"
                  />
                </div>
                <button type="submit" data-testid="photo-upload">
                  {ctx.t('journal.addPhotos')}
                </button>
              </form>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}

function JournalSummary({ ctx, j }: { ctx: ViewCtx; j: JournalView }) {
  if (!j.journal) return <p data-testid="journal-empty">{ctx.t('journal.empty')}</p>;
  const units = j.curriculum.filter((c) => j.unitIds.includes(c.id));
  const names = [
    ...j.instructors.map((u) => u.full_name),
    ...(j.journal.other_instructors ? [j.journal.other_instructors] : []),
  ];
  return (
    <dl class="facts" data-testid="journal-summary">
      <dt>{ctx.t('journal.topic')}</dt>
      <dd>{j.journal.topic}</dd>
      <dt>{ctx.t('journal.units')}</dt>
      <dd>{units.length ? units.map((c) => c.title).join('; ') : ctx.t('common.none')}</dd>
      <dt>{ctx.t('journal.instructors')}</dt>
      <dd>{names.length ? names.join(', ') : ctx.t('common.none')}</dd>
      {j.journal.materials && (
        <>
          <dt>{ctx.t('journal.materials')}</dt>
          <dd>{j.journal.materials}</dd>
        </>
      )}
      {j.journal.notes && (
        <>
          <dt>{ctx.t('journal.notes')}</dt>
          <dd>{j.journal.notes}</dd>
        </>
      )}
    </dl>
  );
}

export interface GalleryRow {
  id: string;
  day: string;
  topic: string;
  programme_name: string;
}

export function GalleryPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
}: {
  ctx: ViewCtx;
  rows: readonly GalleryRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('journal.gallery')}>
      <h1>{ctx.t('journal.gallery')}</h1>
      <p class="muted">{ctx.t('journal.galleryIntro')}</p>
      {rows.length === 0 ? (
        <p>{ctx.t('journal.galleryEmpty')}</p>
      ) : (
        <ul class="photos gallery" data-testid="gallery">
          {rows.map((r) => (
            <li key={r.id}>
              <PhotoFigure ctx={ctx} photo={r} width={240}>
                <strong>{r.programme_name}</strong>
                <br />
                {formatDay(r.day, ctx.lang)}
                <br />
                {r.topic}
              </PhotoFigure>
            </li>
          ))}
        </ul>
      )}
      <Pager ctx={ctx} page={page} pageSize={pageSize} total={total} base="/photos" query={{}} />
    </Layout>
  );
}

/** A session's documentation photo, linked to its full size, described by programme and day. */
export function PhotoFigure({
  ctx,
  photo,
  width,
  children,
}: {
  ctx: ViewCtx;
  photo: { id: string; programme_name: string; day: string };
  width: number;
  children: ComponentChildren;
}) {
  return (
    <figure>
      <a href={`/photos/${photo.id}`}>
        <img
          src={`/photos/${photo.id}?size=thumb`}
          alt={ctx.t('journal.photoAlt', {
            programme: photo.programme_name,
            day: formatDay(photo.day, ctx.lang),
          })}
          width={width}
          loading="lazy"
        />
      </a>
      <figcaption>{children}</figcaption>
    </figure>
  );
}
