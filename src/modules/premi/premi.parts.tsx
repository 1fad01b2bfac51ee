// Pieces the premi pages share: the month's label, a run's status badge and title, the month field
// and the money card.
import { formatMonth, formatRupiah } from '../../app/format.ts';
import type { FormState } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import type { ViewCtx } from '../../app/view.ts';
import type { PremiRunStatus } from '../../db/schema.ts';
import type { RunRow } from './premi.repo.ts';

export function monthLabel(month: string, lang: ViewCtx['lang']): string {
  return formatMonth(month, lang);
}

const BADGE: Record<PremiRunStatus, string> = {
  draft: 'badge status-draft',
  reviewed: 'badge',
  posted: 'badge ok',
};

export function Status({ ctx, run }: { ctx: ViewCtx; run: Pick<RunRow, 'status' | 'reversal_status'> }) {
  return (
    <>
      <span class={BADGE[run.status]} data-testid="run-status">
        {ctx.t(`premi.status.${run.status}`)}
      </span>
      {run.reversal_status === 'posted' && <span class="badge off"> {ctx.t('premi.reversedBadge')}</span>}
    </>
  );
}

/** Why: the month field is `type="month"`, which the shared TextField does not offer. */
export function MonthField({
  ctx,
  form,
  name,
  label,
}: {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  label: MessageKey;
}) {
  const err = form.errors.find((e) => e.field === name);
  const v = form.values[name];
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={`f-${name}`}>{ctx.t(label)}</label>
      {err && (
        <p class="error" id={`e-${name}`} data-testid={`error-${name}`}>
          {ctx.t(err.key, err.params)}
        </p>
      )}
      <input
        id={`f-${name}`}
        type="month"
        name={name}
        value={typeof v === 'string' ? v : ''}
        required
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `e-${name}` : undefined}
      />
    </div>
  );
}

export const runTitle = (ctx: ViewCtx, r: Pick<RunRow, 'kind' | 'month' | 'reverses_month'>) =>
  r.kind === 'regular'
    ? ctx.t('premi.runTitle', { month: monthLabel(r.month, ctx.lang) })
    : ctx.t('premi.reversalTitle', { month: monthLabel(r.reverses_month ?? r.month, ctx.lang) });

export function Card({ label, value, testid }: { label: string; value: number; testid?: string }) {
  return (
    <div class="card">
      <h3>{label}</h3>
      <p class="big" data-testid={testid}>
        {formatRupiah(value)}
      </p>
    </div>
  );
}
