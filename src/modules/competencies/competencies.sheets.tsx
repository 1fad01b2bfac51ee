// The bulk assessment pages: one curriculum unit for every active participant, or every unit of one
// participant. Each row is a card (readable at 360 px) holding its own fieldset, so a screen reader
// hears whose decision, date, evidence and note it is; every id is built from the row's id.
import type { ComponentChildren } from 'preact';
import { formatDay, formatNumber } from '../../app/format.ts';
import type { FormState } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { CompetencyStatus } from '../../db/schema.ts';
import { DECISIONS, type Decision, isVerdict } from './competencies.rules.ts';
import { StatusBadge } from './competencies.views.tsx';

/** One row of a sheet: a participant (unit page) or a unit (participant page). */
export interface SheetRow {
  /** The id the row's fields are named after: `status.<id>`, `evidence.<id>`... */
  id: string;
  heading: string;
  sub: string | null;
  status: CompetencyStatus;
  hoursAttended: number;
  targetHours: number;
  assessedOn: string | null;
  evidence: string | null;
  note: string | null;
  assessedBy: string | null;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  status: 'competencies.decision',
  assessed_on: 'competencies.assessedOn',
  evidence: 'competencies.evidence',
  note: 'competencies.note',
};

const decisionOf = (s: CompetencyStatus): Decision => (isVerdict(s) ? (s as Decision) : 'pending');

/** The answers a sheet starts with: what is stored, today's date where none is. */
export function sheetValues(
  rows: ReadonlyArray<Pick<SheetRow, 'id' | 'status' | 'assessedOn' | 'evidence' | 'note'>>,
  today: string,
): FormState {
  const values: Record<string, string> = {};
  for (const r of rows) {
    values[`status.${r.id}`] = decisionOf(r.status);
    values[`assessed_on.${r.id}`] = r.assessedOn ?? today;
    values[`evidence.${r.id}`] = r.evidence ?? '';
    values[`note.${r.id}`] = r.note ?? '';
  }
  return { values, errors: [] };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function hoursText(ctx: ViewCtx, r: { hoursAttended: number; targetHours: number }) {
  return ctx.t('competencies.hoursShort', {
    h: formatNumber(r.hoursAttended, ctx.lang, r.hoursAttended % 1 === 0 ? 0 : 1),
    t: r.targetHours,
  });
}

/** The summary at the top: each refusal with its row and field, linked to the field. */
function SheetErrors({ ctx, form, rows }: { ctx: ViewCtx; form: FormState; rows: readonly SheetRow[] }) {
  if (form.errors.length === 0) return null;
  const names = new Map(rows.map((r) => [r.id, r.heading]));
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
      <h2>{ctx.t('form.errorsTitle', { n: form.errors.length })}</h2>
      <ul>
        {form.errors.map((e) => {
          const [name = '', id = ''] = e.field.split('.');
          const label = FIELD_LABELS[name];
          return (
            <li key={e.field}>
              <a href={`#f-${e.field}`}>
                {names.get(id) ?? ''}
                {label ? ` · ${ctx.t(label)}` : ''}: {ctx.t(e.key, e.params)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Input(p: {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  rowId: string;
  label: MessageKey;
  type?: 'text' | 'date';
  optional?: boolean;
}) {
  const field = `${p.name}.${p.rowId}`;
  const err = p.form.errors.find((e) => e.field === field);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={`f-${field}`}>
        {p.ctx.t(p.label)}
        {p.optional && <span class="opt"> ({p.ctx.t('common.optional')})</span>}
      </label>
      {err && (
        <p class="error" id={`e-${field}`} data-testid={`error-${field}`}>
          {p.ctx.t(err.key, err.params)}
        </p>
      )}
      <input
        id={`f-${field}`}
        name={field}
        // Preact types narrow by input kind; both kinds offered take a value.
        type={(p.type ?? 'text') as 'text'}
        value={str(p.form.values[field])}
        maxLength={2000}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `e-${field}` : undefined}
      />
    </div>
  );
}

function DecisionField({ ctx, form, rowId }: { ctx: ViewCtx; form: FormState; rowId: string }) {
  const field = `status.${rowId}`;
  const err = form.errors.find((e) => e.field === field);
  const current = str(form.values[field]) || 'pending';
  return (
    <fieldset
      class={err ? 'field has-error' : 'field'}
      id={`f-${field}`}
      aria-describedby={err ? `e-${field}` : undefined}
    >
      <legend>{ctx.t('competencies.decision')}</legend>
      {err && (
        <p class="error" id={`e-${field}`} data-testid={`error-${field}`}>
          {ctx.t(err.key, err.params)}
        </p>
      )}
      {DECISIONS.map((d) => (
        <label key={d} class="check" for={`f-${field}-${d}`}>
          <input type="radio" id={`f-${field}-${d}`} name={field} value={d} checked={current === d} />{' '}
          {d === 'pending' ? ctx.t('competencies.pending') : ctx.t(`competencyStatus.${d}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** What is stored for a row: status, hours, the last assessment and its evidence and note. */
function Standing({ ctx, r }: { ctx: ViewCtx; r: SheetRow }) {
  return (
    <>
      <p>
        <StatusBadge ctx={ctx} status={r.status} />{' '}
        <span class="muted">{ctx.t('competencies.hoursLine', { hours: hoursText(ctx, r) })}</span>
      </p>
      {r.assessedOn && (
        <p class="muted">
          {ctx.t('competencies.lastAssessed', { day: formatDay(r.assessedOn, ctx.lang) })}
          {r.assessedBy && ` · ${ctx.t('competencies.assessedBy', { name: r.assessedBy })}`}
        </p>
      )}
    </>
  );
}

function RowCard({
  ctx,
  form,
  r,
  editable,
}: {
  ctx: ViewCtx;
  form: FormState;
  r: SheetRow;
  editable: boolean;
}) {
  const head = (
    <>
      <strong>{r.heading}</strong>
      {r.sub && <span class="muted"> · {r.sub}</span>}
    </>
  );
  return (
    <li class="card" data-testid={`assess-row-${r.id}`}>
      {editable ? (
        <fieldset class="field">
          <legend>{head}</legend>
          <Standing ctx={ctx} r={r} />
          <DecisionField ctx={ctx} form={form} rowId={r.id} />
          <Input
            ctx={ctx}
            form={form}
            name="assessed_on"
            rowId={r.id}
            label="competencies.assessedOn"
            type="date"
          />
          <Input ctx={ctx} form={form} name="evidence" rowId={r.id} label="competencies.evidence" />
          <Input ctx={ctx} form={form} name="note" rowId={r.id} label="competencies.note" optional />
        </fieldset>
      ) : (
        <>
          <h2>{head}</h2>
          <Standing ctx={ctx} r={r} />
          {r.evidence && (
            <p>
              {ctx.t('competencies.evidence')}: {r.evidence}
            </p>
          )}
          {r.note && (
            <p>
              {ctx.t('competencies.note')}: {r.note}
            </p>
          )}
        </>
      )}
    </li>
  );
}

/** The shared body of both sheets: the rule, the errors, one card per row and one Save. */
export function Sheet(p: {
  ctx: ViewCtx;
  title: string;
  back: { href: string; label: string };
  intro: string;
  extra?: ComponentChildren;
  action: string;
  rows: readonly SheetRow[];
  form: FormState;
  editable: boolean;
  empty: MessageKey;
}) {
  const { ctx, form } = p;
  return (
    <Layout ctx={ctx} title={p.title}>
      <p>
        <a href={p.back.href}>← {p.back.label}</a>
      </p>
      <h1>{p.title}</h1>
      <p class="muted">{p.intro}</p>
      {p.extra}
      {p.rows.length === 0 ? (
        <p>{ctx.t(p.empty)}</p>
      ) : p.editable ? (
        <form method="post" action={p.action} novalidate data-testid="assess-sheet">
          <Csrf ctx={ctx} />
          <p class="hint" id="assess-rule">
            {ctx.t('competencies.rule')}
          </p>
          <SheetErrors ctx={ctx} form={form} rows={p.rows} />
          <ul class="cards assess-rows">
            {p.rows.map((r) => (
              <RowCard key={r.id} ctx={ctx} form={form} r={r} editable />
            ))}
          </ul>
          <div class="actions">
            <button type="submit" class="button primary" data-testid="assess-save-all">
              {ctx.t('competencies.saveAll')}
            </button>
          </div>
        </form>
      ) : (
        <ul class="cards assess-rows">
          {p.rows.map((r) => (
            <RowCard key={r.id} ctx={ctx} form={form} r={r} editable={false} />
          ))}
        </ul>
      )}
    </Layout>
  );
}

interface UnitSheetData {
  programme: { id: string; name: string };
  unit: { id: string; code: string | null; title: string };
  units: ReadonlyArray<{ id: string; code: string | null; title: string }>;
  mayAssess: boolean;
  rows: ReadonlyArray<Omit<SheetRow, 'heading' | 'sub'> & { name: string; regNumber: string | null }>;
}

export function UnitSheetPage({ ctx, d, form }: { ctx: ViewCtx; d: UnitSheetData; form: FormState }) {
  const unitName = d.unit.code ? `${d.unit.code} ${d.unit.title}` : d.unit.title;
  const others = d.units.filter((u) => u.id !== d.unit.id);
  return (
    <Sheet
      ctx={ctx}
      title={ctx.t('competencies.unitTitle', { unit: unitName })}
      back={{ href: `/programmes/${d.programme.id}/competencies`, label: ctx.t('competencies.title') }}
      intro={ctx.t('competencies.unitIntro', { programme: d.programme.name })}
      extra={
        others.length > 0 && (
          <nav aria-label={ctx.t('competencies.otherUnits')}>
            <p class="muted">
              {ctx.t('competencies.otherUnits')}:{' '}
              {others.map((u, i) => (
                <span key={u.id}>
                  {i > 0 && ' · '}
                  <a href={`/programmes/${d.programme.id}/competencies/units/${u.id}`}>{u.code ?? u.title}</a>
                </span>
              ))}
            </p>
          </nav>
        )
      }
      action={`/programmes/${d.programme.id}/competencies/units/${d.unit.id}`}
      rows={d.rows.map((r) => ({
        ...r,
        heading: r.name,
        sub: r.regNumber ? ctx.t('competencies.regNumber', { reg: r.regNumber }) : null,
      }))}
      form={form}
      editable={d.mayAssess}
      empty="competencies.noActive"
    />
  );
}

interface ParticipantSheetData {
  enrolment: { id: string; name: string; status: string; regNumber: string | null };
  programme: { id: string; name: string };
  mayAssess: boolean;
  units: ReadonlyArray<{
    unitId: string;
    code: string | null;
    title: string;
    core: boolean;
    status: CompetencyStatus;
    hoursAttended: number;
    targetHours: number;
    assessedOn: string | null;
    evidence: string | null;
    note: string | null;
    assessedBy: string | null;
  }>;
}

export function participantRows(ctx: ViewCtx, d: ParticipantSheetData): SheetRow[] {
  return d.units.map((u) => ({
    ...u,
    id: u.unitId,
    heading: u.code ? `${u.code} ${u.title}` : u.title,
    sub: u.core ? ctx.t('competencies.core') : ctx.t('competencies.optional'),
  }));
}

export function ParticipantSheetPage({
  ctx,
  d,
  form,
}: {
  ctx: ViewCtx;
  d: ParticipantSheetData;
  form: FormState;
}) {
  const core = d.units.filter((u) => u.core);
  const coreDone = core.filter((u) => u.status === 'competent').length;
  return (
    <Sheet
      ctx={ctx}
      title={d.enrolment.name}
      back={{ href: `/programmes/${d.programme.id}/competencies`, label: d.programme.name }}
      intro={ctx.t('competencies.participantIntro')}
      extra={
        <>
          {d.enrolment.regNumber && <p>{ctx.t('competencies.regNumber', { reg: d.enrolment.regNumber })}</p>}
          <p data-testid="core-done">{ctx.t('competencies.coreDone', { n: coreDone, t: core.length })}</p>
          {!d.mayAssess && d.enrolment.status !== 'active' && (
            <p class="notice">{ctx.t('competencies.notAssessable')}</p>
          )}
        </>
      }
      action={`/enrolments/${d.enrolment.id}/competencies`}
      rows={participantRows(ctx, d)}
      form={form}
      editable={d.mayAssess}
      empty="competencies.noUnits"
    />
  );
}
