// Parts of the selection pages: the editable criterion rows of a new intake, and a detainee's
// consent (who recorded it and when, with the forms to record or withdraw it).
import type { FormState } from '../../app/forms.tsx';
import { Csrf } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { intakeDetail } from './selection.service.ts';

type Candidate = Awaited<ReturnType<typeof intakeDetail>>['candidates'][number];
const errorOf = (ctx: ViewCtx, form: FormState | undefined, field: string) => {
  const e = form?.errors.find((x) => x.field === field);
  return e ? ctx.t(e.key, e.params) : null;
};

/** How many criterion rows the form shows: every row the user sent (or the defaults), plus three empty. */
export function criteriaRows(values: Record<string, unknown>): number {
  let last = -1;
  for (const k of Object.keys(values)) {
    const i = /^criteria\.(\d+)\.(label|max)$/.exec(k)?.[1];
    if (i !== undefined) last = Math.max(last, Number(i));
  }
  return Math.min(12, last + 4);
}

/** The intake's criteria as editable rows: rename, change the highest score, clear to remove, fill to add. */
export function CriteriaFields({ ctx, form }: { ctx: ViewCtx; form: FormState }) {
  const rows = criteriaRows(form.values);
  const err = errorOf(ctx, form, 'criteria');
  return (
    <fieldset data-testid="criteria" class={err ? 'has-error' : undefined}>
      <legend>{ctx.t('selection.criteria')}</legend>
      <p class="hint">{ctx.t('selection.criteriaHint')}</p>
      {err && <p class="error">{err}</p>}
      <table>
        <tbody>
          {Array.from({ length: rows }, (_, i) => {
            const l = `criteria.${i}.label`;
            const m = `criteria.${i}.max`;
            const el = errorOf(ctx, form, l);
            const em = errorOf(ctx, form, m);
            return (
              <tr key={l} class={el || em ? 'has-error' : undefined}>
                <td>
                  <input
                    id={`f-${l}`}
                    name={l}
                    value={String(form.values[l] ?? '')}
                    maxLength={60}
                    aria-label={ctx.t('selection.criterionLabelField', { n: i + 1 })}
                    aria-invalid={el ? 'true' : undefined}
                    data-testid={`criterion-label-${i}`}
                  />
                  {el && <p class="error">{el}</p>}
                </td>
                <td>
                  <input
                    id={`f-${m}`}
                    name={m}
                    type="number"
                    min={1}
                    max={100}
                    value={String(form.values[m] ?? '')}
                    aria-label={ctx.t('selection.criterionMaxField', { n: i + 1 })}
                    aria-invalid={em ? 'true' : undefined}
                    data-testid={`criterion-max-${i}`}
                  />
                  {em && <p class="error">{em}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

/** A detainee's consent: who recorded it and when, with its note; a form to record or withdraw it. */
export function ConsentCell(p: {
  ctx: ViewCtx;
  c: Candidate;
  action: string;
  editable: boolean;
  form: FormState | undefined;
}) {
  const { ctx, c } = p;
  const err = errorOf(ctx, p.form, 'note');
  const recorded = c.consent_recorded_at;
  return (
    <>
      {recorded ? (
        <p data-testid={`consent-recorded-${c.id}`}>
          <strong>{ctx.t('selection.consentGiven', { date: ctx.dateLong(recorded) })}</strong>{' '}
          {ctx.t('selection.consentBy', {
            at: ctx.dateTime(recorded),
            name: c.consent_recorded_by_name ?? '–',
          })}
          {c.consent_note && (
            <>
              <br />
              <span class="muted">{c.consent_note}</span>
            </>
          )}
        </p>
      ) : (
        <p class="muted" data-testid={`consent-missing-${c.id}`}>
          {c.consent_withdrawn_at
            ? ctx.t('selection.consentWithdrawn', { at: ctx.dateTime(c.consent_withdrawn_at) })
            : ctx.t('selection.needsConsent')}
        </p>
      )}
      {p.editable && (
        <form
          method="post"
          action={`${p.action}/${recorded ? 'consent/withdraw' : 'consent'}`}
          class={err ? 'inline has-error' : 'inline'}
          novalidate
        >
          <Csrf ctx={ctx} />
          <input
            id={`f-note-${c.id}`}
            name="note"
            maxLength={500}
            value={String(p.form?.values.note ?? '')}
            aria-label={`${ctx.t('selection.consentNote')} ${c.name}`}
            aria-invalid={err ? 'true' : undefined}
            data-testid={`consent-note-${c.id}`}
          />
          {err && <p class="error">{err}</p>}
          <button type="submit" data-testid={`${recorded ? 'consent-withdraw' : 'consent'}-${c.id}`}>
            {ctx.t(recorded ? 'selection.withdrawConsent' : 'selection.recordConsent')}
          </button>
        </form>
      )}
    </>
  );
}
