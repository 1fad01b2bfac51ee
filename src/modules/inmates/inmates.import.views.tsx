// Pages of the SDP import: the upload form, and the preview listing every problem by row and
// column and what will be created or updated, with the confirm button only when all is well.
import { ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import { isMessageKey, type Translate } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { ImportStatus } from '../../db/schema.ts';
import type { getImport } from './inmates.import.service.ts';
import { LABELS } from './inmates.views.tsx';

const SHOWN = 500;

export function ImportUploadPage({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  const err = form.errors.find((e) => e.field === 'file');
  return (
    <Layout ctx={ctx} title={ctx.t('import.title')}>
      <BackLink href="/inmates" label={ctx.t('inmates.title')} />
      <h1>{ctx.t('import.title')}</h1>
      <p>{ctx.t('import.intro')}</p>
      <p class="hint">{ctx.t('import.columns')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={{ file: 'import.file' }} />
      <form
        method="post"
        action="/inmates/import"
        enctype="multipart/form-data"
        novalidate
        data-testid="import-form"
      >
        <Csrf ctx={ctx} />
        <div class={err ? 'field has-error' : 'field'}>
          <label for="f-file">{ctx.t('import.file')}</label>
          {err && (
            <p class="error" id="e-file" data-testid="error-file">
              {ctx.t(err.key, err.params)}
            </p>
          )}
          <input
            id="f-file"
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
          />
        </div>
        <button type="submit" class="primary" data-testid="import-upload">
          {ctx.t('import.upload')}
        </button>
      </form>
    </Layout>
  );
}

type Batch = Awaited<ReturnType<typeof getImport>>;

/** A job still working: the page shows progress and polls, instead of the preview. */
export const isRunning = (status: ImportStatus) =>
  status === 'queued' || status === 'parsing' || status === 'applying';

/** What the job is doing, in words: the bar alone says nothing to a screen reader. */
export function phaseText(
  t: Translate,
  p: { status: ImportStatus; progress_done: number; progress_total: number | null },
): string {
  const total = p.progress_total ?? 0;
  if (p.status === 'queued') return t('import.phase.queued');
  if (p.status === 'applying') return t('import.phase.applying', { total });
  if (p.status === 'parsing') {
    if (p.progress_total === null) return t('import.phase.reading');
    if (p.progress_done >= total) return t('import.phase.matching', { total });
    return t('import.phase.checking', { done: p.progress_done, total });
  }
  return '';
}

/**
 * While the job runs: a labelled progress bar (determinate while rows are checked; indeterminate
 * while reading, matching and during the single write transaction, whose progress cannot be seen
 * from outside it), moved by public/app.js, with a reload link when scripts are off. A failed job
 * shows its message and the way back to the upload.
 */
export function ImportProgressPage({ ctx, batch }: { ctx: ViewCtx; batch: Batch }) {
  const failed = batch.status === 'failed';
  const known = batch.status === 'parsing' && batch.progress_total !== null;
  const text = phaseText(ctx.t, batch);
  const error = batch.error && isMessageKey(batch.error) ? batch.error : 'import.jobFailed';
  return (
    <Layout ctx={ctx} title={ctx.t(failed ? 'import.failedTitle' : 'import.progressTitle')}>
      <BackLink href="/inmates/import" label={ctx.t('import.title')} />
      <h1>{ctx.t(failed ? 'import.failedTitle' : 'import.progressTitle')}</h1>
      <p>
        <strong>{batch.filename}</strong>
      </p>
      {failed ? (
        <p class="error" role="alert" data-testid="import-failed">
          {ctx.t(error)}
        </p>
      ) : (
        <div data-import-status={`/inmates/import/${batch.id}/status`} data-testid="import-progress">
          <label for="import-bar">{ctx.t('import.progress')}</label>
          {known ? (
            <progress
              id="import-bar"
              max={Math.max(1, batch.progress_total ?? 1)}
              value={batch.progress_done}
              aria-describedby="import-phase"
            >
              {text}
            </progress>
          ) : (
            <progress id="import-bar" aria-describedby="import-phase">
              {text}
            </progress>
          )}
          <p id="import-phase" role="status" aria-live="polite" data-import-text>
            {text}
          </p>
          <p>
            <a href={`/inmates/import/${batch.id}`} data-testid="import-reload">
              {ctx.t('import.reload')}
            </a>
          </p>
        </div>
      )}
    </Layout>
  );
}

export function ImportPreviewPage({
  ctx,
  batch,
  absentForm,
}: {
  ctx: ViewCtx;
  batch: Batch;
  absentForm: FormState;
}) {
  const creates = batch.rows.filter((r) => r.action === 'create').length;
  const updates = batch.rows.length - creates;
  const column = (c: string) => {
    const label = LABELS[c];
    return label ? ctx.t(label) : c;
  };
  const message = (key: string, params?: Record<string, string | number>) =>
    isMessageKey(key) ? ctx.t(key, params) : key;
  const canConfirm = batch.status === 'previewed' && batch.problems.length === 0 && batch.rows.length > 0;
  return (
    <Layout ctx={ctx} title={ctx.t('import.preview')}>
      <BackLink href="/inmates/import" label={ctx.t('import.title')} />
      <h1>{ctx.t('import.preview')}</h1>
      <p>
        <strong>{batch.filename}</strong>
      </p>
      <p data-testid="import-summary">
        {ctx.t('import.summary', {
          rows: batch.rows.length,
          create: creates,
          update: updates,
          problems: batch.problems.length,
        })}
      </p>
      {batch.status === 'applied' && (
        <p class="notice" data-testid="import-applied">
          {ctx.t('import.appliedAt')}
        </p>
      )}
      {batch.problems.length > 0 && (
        <>
          <h2>{ctx.t('import.problems')}</h2>
          <p class="error">{ctx.t('import.fixFirst')}</p>
          <ScrollRegion label={ctx.t('import.problems')}>
            <table data-testid="import-problems">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('import.row')}</th>
                  <th scope="col">{ctx.t('import.column')}</th>
                  <th scope="col">{ctx.t('import.message')}</th>
                </tr>
              </thead>
              <tbody>
                {batch.problems.map((p) => (
                  <tr key={`${p.row}-${p.column}`}>
                    <td>{p.row}</td>
                    <td>{column(p.column)}</td>
                    <td>{message(p.key, p.params)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      {canConfirm && (
        <form method="post" action={`/inmates/import/${batch.id}/confirm`} data-testid="import-confirm">
          <Csrf ctx={ctx} />
          <button type="submit" class="primary">
            {ctx.t('import.confirm', { n: batch.rows.length })}
          </button>
        </form>
      )}
      {batch.absent.length > 0 && <AbsentSection ctx={ctx} batch={batch} form={absentForm} />}
      {batch.rows.length > 0 && (
        <ScrollRegion label={ctx.t('import.preview')}>
          <table data-testid="import-rows">
            <thead>
              <tr>
                <th scope="col">{ctx.t('import.row')}</th>
                <th scope="col">{ctx.t('import.action')}</th>
                <th scope="col">{ctx.t('inmates.regNumber')}</th>
                <th scope="col">{ctx.t('inmates.name')}</th>
                <th scope="col">{ctx.t('inmates.entryDate')}</th>
              </tr>
            </thead>
            <tbody>
              {batch.rows.slice(0, SHOWN).map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{ctx.t(r.action === 'create' ? 'import.action.create' : 'import.action.update')}</td>
                  <td>{r.values.reg_number}</td>
                  <td>{r.values.name}</td>
                  <td>{r.values.entry_date}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {batch.rows.length > SHOWN && (
            <p class="muted">{ctx.t('import.more', { n: batch.rows.length - SHOWN })}</p>
          )}
        </ScrollRegion>
      )}
    </Layout>
  );
}

function AbsentSection({ ctx, batch, form }: { ctx: ViewCtx; batch: Batch; form: FormState }) {
  return (
    <section data-testid="import-absent">
      <h2>{ctx.t('import.absentTitle')}</h2>
      <p>{ctx.t('import.absentIntro', { n: batch.absent.length })}</p>
      <ul class="plain">
        {batch.absent.slice(0, SHOWN).map((a) => (
          <li key={a.id}>
            <a href={`/inmates/${a.id}`}>{a.reg_number}</a> · {a.name}
          </li>
        ))}
      </ul>
      {batch.absent.length > SHOWN && (
        <p class="muted">{ctx.t('import.more', { n: batch.absent.length - SHOWN })}</p>
      )}
      {batch.status === 'previewed' && <p class="hint">{ctx.t('import.absentAfterApply')}</p>}
      {batch.absent_status && (
        <p class="notice" data-testid="import-absent-done">
          {ctx.t('import.absentDone', { status: ctx.t(`inmateStatus.${batch.absent_status}`) })}
        </p>
      )}
      {batch.status === 'applied' && !batch.absent_status && (
        <form
          method="post"
          action={`/inmates/import/${batch.id}/absent`}
          novalidate
          data-testid="import-absent-form"
        >
          <Csrf ctx={ctx} />
          <ErrorSummary ctx={ctx} form={form} labels={{ ...LABELS, change: 'import.absentChange' }} />
          <SelectField
            ctx={ctx}
            form={form}
            name="change"
            label="import.absentChange"
            options={[
              { value: 'release', label: ctx.t('inmates.release') },
              { value: 'transfer', label: ctx.t('inmates.transfer') },
            ]}
          />
          <TextField ctx={ctx} form={form} name="on_date" label="inmates.onDate" type="date" />
          <TextField ctx={ctx} form={form} name="reason" label="inmates.reason" maxLength={500} />
          <button type="submit">{ctx.t('import.absentSubmit', { n: batch.absent.length })}</button>
        </form>
      )}
    </section>
  );
}
