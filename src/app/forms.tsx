// Form pieces that keep labels, hints and per-field errors wired for screen readers, plus the
// error summary at the top of a form that failed validation.
import type { ComponentChildren, VNode } from 'preact';
import type { FieldError } from './errors.ts';
import type { MessageKey } from './i18n.ts';
import type { ViewCtx } from './view.ts';

export type Values = Record<string, unknown>;

export interface FormState {
  values: Values;
  errors: FieldError[];
  /**
   * Why: a page with several forms of the same fields (a programme's schedules) needs ids that
   * differ per form; each form's ids start with its own prefix (`f-<prefix><name>`).
   */
  idPrefix?: string;
}

/** The id part of a field of this form (`f-`, `h-` and `e-` are put before it). */
export const fieldId = (form: FormState, name: string): string => `${form.idPrefix ?? ''}${name}`;

export const emptyForm = (values: Values = {}): FormState => ({ values, errors: [] });

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function errorText(ctx: ViewCtx, errors: FieldError[], name: string): string | null {
  const e = errors.find((x) => x.field === name);
  return e ? ctx.t(e.key, e.params) : null;
}

export function ErrorSummary({
  ctx,
  form,
  labels,
}: {
  ctx: ViewCtx;
  form: FormState;
  labels: Record<string, MessageKey>;
}) {
  if (form.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
      <h2>{ctx.t('form.errorsTitle', { n: form.errors.length })}</h2>
      <ul>
        {form.errors.map((e) => {
          const label = labels[e.field];
          return (
            <li key={e.field}>
              <a href={`#f-${fieldId(form, e.field)}`}>
                {label ? `${ctx.t(label)}: ` : ''}
                {ctx.t(e.key, e.params)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

interface FieldProps {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  optional?: boolean;
}

/**
 * Why: a label says "(opsional)" once: some labels carry the word in their own text, so the mark is
 * added only when the text does not already say it.
 */
function LabelText({
  ctx,
  label,
  optional,
}: {
  ctx: ViewCtx;
  label: MessageKey;
  optional: boolean | undefined;
}) {
  const text = ctx.t(label);
  const word = ctx.t('common.optional');
  const says = text.toLocaleLowerCase(ctx.lang).includes(`(${word.toLocaleLowerCase(ctx.lang)})`);
  return (
    <>
      {text}
      {optional && !says && <span class="opt"> ({word})</span>}
    </>
  );
}

function FieldShell(p: FieldProps & { children: ComponentChildren }) {
  const err = errorText(p.ctx, p.form.errors, p.name);
  const id = fieldId(p.form, p.name);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={`f-${id}`}>
        <LabelText ctx={p.ctx} label={p.label} optional={p.optional} />
      </label>
      {p.hint && (
        <p class="hint" id={`h-${id}`}>
          {p.ctx.t(p.hint)}
        </p>
      )}
      {err && (
        <p class="error" id={`e-${id}`} data-testid={`error-${p.name}`}>
          {err}
        </p>
      )}
      {p.children}
    </div>
  );
}

function describedBy(p: FieldProps): string | undefined {
  const id = fieldId(p.form, p.name);
  const ids = [p.hint ? `h-${id}` : '', p.form.errors.some((e) => e.field === p.name) ? `e-${id}` : '']
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

export function TextField(
  p: FieldProps & {
    type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'datetime-local' | 'number';
    autocomplete?: string;
    maxLength?: number;
  },
) {
  const invalid = p.form.errors.some((e) => e.field === p.name);
  return (
    <FieldShell {...p}>
      <input
        id={`f-${fieldId(p.form, p.name)}`}
        name={p.name}
        // Preact types narrow by input kind; every kind we offer takes a value.
        type={(p.type ?? 'text') as 'text'}
        value={p.type === 'password' ? '' : str(p.form.values[p.name])}
        required={!p.optional}
        autocomplete={p.autocomplete}
        maxLength={p.maxLength}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      />
    </FieldShell>
  );
}

export function SelectField(
  p: FieldProps & { options: ReadonlyArray<{ value: string; label: string }>; blank?: string },
) {
  const current = str(p.form.values[p.name]);
  return (
    <FieldShell {...p}>
      <select
        id={`f-${fieldId(p.form, p.name)}`}
        name={p.name}
        required={!p.optional}
        aria-invalid={p.form.errors.some((e) => e.field === p.name) ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      >
        {p.blank !== undefined && <option value="">{p.blank}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxGroup(p: FieldProps & { options: ReadonlyArray<{ value: string; label: string }> }) {
  const raw = p.form.values[p.name];
  const checked = new Set(Array.isArray(raw) ? raw.map(str) : [str(raw)]);
  const err = errorText(p.ctx, p.form.errors, p.name);
  return (
    <fieldset
      class={err ? 'field has-error' : 'field'}
      id={`f-${fieldId(p.form, p.name)}`}
      aria-describedby={err ? `e-${fieldId(p.form, p.name)}` : undefined}
    >
      <legend>{p.ctx.t(p.label)}</legend>
      {err && (
        <p class="error" id={`e-${fieldId(p.form, p.name)}`} data-testid={`error-${p.name}`}>
          {err}
        </p>
      )}
      {p.options.map((o) => (
        <label key={o.value} class="check">
          <input type="checkbox" name={p.name} value={o.value} checked={checked.has(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Why: long optional texts (scope, notes, curriculum lines) need the same wired label/hint/error. */
export function TextArea({
  ctx,
  form,
  name,
  label,
  hint,
  rows = 4,
  optional = true,
  maxLength,
}: {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  rows?: number;
  optional?: boolean;
  maxLength?: number;
}) {
  const err = form.errors.find((e) => e.field === name);
  const v = form.values[name];
  const id = fieldId(form, name);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={`f-${id}`}>
        <LabelText ctx={ctx} label={label} optional={optional} />
      </label>
      {hint && (
        <p class="hint" id={`h-${id}`}>
          {ctx.t(hint)}
        </p>
      )}
      {err && (
        <p class="error" id={`e-${id}`} data-testid={`error-${name}`}>
          {ctx.t(err.key, err.params)}
        </p>
      )}
      <textarea
        id={`f-${id}`}
        name={name}
        rows={rows}
        required={!optional}
        maxLength={maxLength}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={
          [hint ? `h-${id}` : '', err ? `e-${id}` : ''].filter(Boolean).join(' ') || undefined
        }
      >
        {typeof v === 'string' ? v : ''}
      </textarea>
    </div>
  );
}

type Bound<P> = (p: Omit<P, 'ctx' | 'form'>) => VNode;

/** Why: a form page hands the same ctx and form state to every field; bind them once. */
export function fieldsFor(
  ctx: ViewCtx,
  form: FormState,
): {
  Text: Bound<Parameters<typeof TextField>[0]>;
  Select: Bound<Parameters<typeof SelectField>[0]>;
  Area: Bound<Parameters<typeof TextArea>[0]>;
  Checks: Bound<Parameters<typeof CheckboxGroup>[0]>;
} {
  return {
    Text: (p) => <TextField ctx={ctx} form={form} {...p} />,
    Select: (p) => <SelectField ctx={ctx} form={form} {...p} />,
    Area: (p) => <TextArea ctx={ctx} form={form} {...p} />,
    Checks: (p) => <CheckboxGroup ctx={ctx} form={form} {...p} />,
  };
}
