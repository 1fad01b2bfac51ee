// Two form fields the shared set lacks: a date-and-time in the unit's zone, and a required long
// text. Same markup as app/forms.tsx (label, hint, per-field error wired for screen readers).
import type { ComponentChildren } from 'preact';
import type { FormState } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import type { ViewCtx } from '../../app/view.ts';
import { splitMinutes } from './privacy.rules.ts';

interface P {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  optional?: boolean;
}

function Shell(p: P & { children: ComponentChildren }) {
  const err = p.form.errors.find((e) => e.field === p.name);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={`f-${p.name}`}>
        {p.ctx.t(p.label)}
        {p.optional && <span class="opt"> ({p.ctx.t('common.optional')})</span>}
      </label>
      {p.hint && (
        <p class="hint" id={`h-${p.name}`}>
          {p.ctx.t(p.hint)}
        </p>
      )}
      {err && (
        <p class="error" id={`e-${p.name}`} data-testid={`error-${p.name}`}>
          {p.ctx.t(err.key, err.params)}
        </p>
      )}
      {p.children}
    </div>
  );
}

const described = (p: P) =>
  [p.hint ? `h-${p.name}` : '', p.form.errors.some((e) => e.field === p.name) ? `e-${p.name}` : '']
    .filter(Boolean)
    .join(' ') || undefined;

const value = (p: P) => {
  const v = p.form.values[p.name];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

export function DateTimeField(p: P) {
  return (
    <Shell {...p}>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type="datetime-local"
        value={value(p)}
        required={!p.optional}
        aria-invalid={p.form.errors.some((e) => e.field === p.name) ? 'true' : undefined}
        aria-describedby={described(p)}
      />
    </Shell>
  );
}

export function LongText(p: P & { maxLength: number }) {
  return (
    <Shell {...p}>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={4}
        required={!p.optional}
        maxLength={p.maxLength}
        aria-invalid={p.form.errors.some((e) => e.field === p.name) ? 'true' : undefined}
        aria-describedby={described(p)}
      >
        {value(p)}
      </textarea>
    </Shell>
  );
}

/** "2 hari 5 jam 10 menit lagi" or "terlambat 3 jam …". */
export function remaining(ctx: ViewCtx, minutesLeft: number): string {
  const s = splitMinutes(minutesLeft);
  const params = { d: s.days, h: s.hours, m: s.minutes };
  return minutesLeft >= 0 ? ctx.t('privacy.left', params) : ctx.t('privacy.over', params);
}
