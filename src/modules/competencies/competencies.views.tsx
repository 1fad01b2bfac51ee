// The competency matrix of a programme (participants × curriculum units, scrolling sideways in a
// labelled region on a phone) and one participant's page where the instructor assesses each unit.
import { formatDay, formatNumber } from '../../app/format.ts';
import { ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { CompetencyStatus } from '../../db/schema.ts';
import { COMPETENCY_STATUSES } from './competencies.rules.ts';
import type { CompetencyRecordUnit } from './competencies.service.ts';

const LABELS: Record<string, MessageKey> = {
  unit_id: 'competencies.unit',
  status: 'competencies.status',
  assessed_on: 'competencies.assessedOn',
  evidence: 'competencies.evidence',
};

const BADGE: Record<CompetencyStatus, string> = {
  not_started: 'badge muted',
  in_progress: 'badge',
  competent: 'badge ok',
  not_yet_competent: 'badge off',
};

export function StatusBadge({ ctx, status }: { ctx: ViewCtx; status: CompetencyStatus }) {
  return (
    <span class={BADGE[status]} data-status={status}>
      {ctx.t(`competencyStatus.${status}`)}
    </span>
  );
}

function hours(ctx: ViewCtx, u: { hoursAttended: number; targetHours: number }) {
  return ctx.t('competencies.hoursShort', {
    h: formatNumber(u.hoursAttended, ctx.lang, u.hoursAttended % 1 === 0 ? 0 : 1),
    t: u.targetHours,
  });
}

interface MatrixData {
  programme: { id: string; name: string };
  units: ReadonlyArray<{
    id: string;
    code: string | null;
    title: string;
    core: boolean;
    target_hours: number;
  }>;
  rows: ReadonlyArray<{ id: string; name: string; status: string; record: CompetencyRecordUnit[] }>;
}

export function MatrixPage({ ctx, d }: { ctx: ViewCtx; d: MatrixData }) {
  return (
    <Layout ctx={ctx} title={`${ctx.t('competencies.title')} · ${d.programme.name}`}>
      <p>
        <a href={`/programmes/${d.programme.id}`}>← {d.programme.name}</a>
      </p>
      <h1>{ctx.t('competencies.title')}</h1>
      <p class="muted">{ctx.t('competencies.matrixIntro')}</p>
      {d.units.length === 0 ? (
        <p>{ctx.t('competencies.noUnits')}</p>
      ) : d.rows.length === 0 ? (
        <p>{ctx.t('competencies.noParticipants')}</p>
      ) : (
        // A wide table scrolls inside its own labelled region on a 360 px screen; the region takes
        // focus so keyboard users can scroll it (axe: scrollable-region-focusable).
        <section
          class="table-wrap"
          aria-label={ctx.t('competencies.matrixRegion')}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
          tabIndex={0}
          data-testid="competency-matrix"
        >
          <table class="matrix">
            <thead>
              <tr>
                <th scope="col">{ctx.t('competencies.participant')}</th>
                {d.units.map((u) => (
                  <th key={u.id} scope="col" title={u.title}>
                    {u.code ?? u.title}
                    {u.core && <span class="muted"> · {ctx.t('competencies.core')}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} data-testid={`matrix-row-${r.id}`}>
                  <th scope="row">
                    <a href={`/enrolments/${r.id}/competencies`}>{r.name}</a>
                    {r.status !== 'active' && (
                      <span class="muted"> ({ctx.t(`enrolments.status.${r.status as 'active'}`)})</span>
                    )}
                  </th>
                  {r.record.map((u) => (
                    <td key={u.unitId}>
                      <StatusBadge ctx={ctx} status={u.status} />
                      <br />
                      <span class="muted">{hours(ctx, u)}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>
  );
}

interface ParticipantData {
  enrolment: { id: string; name: string; programme_id: string };
  programme: { id: string; name: string };
  /** Whether this user is offered the assessment forms (competencies.service decides). */
  mayAssess: boolean;
  units: ReadonlyArray<CompetencyRecordUnit & { evidence: string | null; assessedBy: string | null }>;
}

/** One form per unit; a failed form keeps the user's answers and shows its errors. */
export function ParticipantPage({
  ctx,
  d,
  failed,
  today,
}: {
  ctx: ViewCtx;
  d: ParticipantData;
  failed?: { unitId: string; form: FormState } | undefined;
  today: string;
}) {
  const canAssess = d.mayAssess;
  const core = d.units.filter((u) => u.core);
  const coreDone = core.filter((u) => u.status === 'competent').length;
  return (
    <Layout ctx={ctx} title={`${ctx.t('competencies.title')} · ${d.enrolment.name}`}>
      <p>
        <a href={`/programmes/${d.programme.id}/competencies`}>← {d.programme.name}</a>
      </p>
      <h1>{d.enrolment.name}</h1>
      <p data-testid="core-done">{ctx.t('competencies.coreDone', { n: coreDone, t: core.length })}</p>
      {d.units.length === 0 && <p>{ctx.t('competencies.noUnits')}</p>}
      <ul class="cards" data-testid="competency-units">
        {d.units.map((u) => {
          const form: FormState =
            failed?.unitId === u.unitId
              ? failed.form
              : {
                  values: {
                    status: u.status,
                    assessed_on: u.assessedOn ?? today,
                    evidence: u.evidence ?? '',
                  },
                  errors: [],
                };
          return (
            <li key={u.unitId} class="card" data-testid={`unit-${u.code ?? u.unitId}`}>
              <h2>
                {u.code && <code>{u.code}</code>} {u.title}
              </h2>
              <p>
                <StatusBadge ctx={ctx} status={u.status} />{' '}
                <span class="muted">
                  {u.core ? ctx.t('competencies.core') : ctx.t('competencies.optional')}
                </span>
              </p>
              <p>
                {ctx.t('competencies.hours')}: <strong data-testid="hours">{hours(ctx, u)}</strong>
              </p>
              {u.assessedOn && (
                <p class="muted">
                  {formatDay(u.assessedOn, ctx.lang)}
                  {u.assessedBy && ` · ${ctx.t('competencies.assessedBy', { name: u.assessedBy })}`}
                  {u.evidence && (
                    <>
                      <br />
                      {u.evidence}
                    </>
                  )}
                </p>
              )}
              {canAssess && (
                <details open={form.errors.length > 0}>
                  <summary>{ctx.t('competencies.assess')}</summary>
                  <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
                  <form method="post" action={`/enrolments/${d.enrolment.id}/competencies`} novalidate>
                    <Csrf ctx={ctx} />
                    <input type="hidden" name="unit_id" value={u.unitId} />
                    <SelectField
                      ctx={ctx}
                      form={form}
                      name="status"
                      label="competencies.status"
                      options={COMPETENCY_STATUSES.map((s) => ({
                        value: s,
                        label: ctx.t(`competencyStatus.${s}`),
                      }))}
                    />
                    <TextField
                      ctx={ctx}
                      form={form}
                      name="assessed_on"
                      label="competencies.assessedOn"
                      type="date"
                      optional
                    />
                    <TextField
                      ctx={ctx}
                      form={form}
                      name="evidence"
                      label="competencies.evidence"
                      hint="competencies.evidenceHint"
                      optional
                    />
                    <button type="submit" class="primary" data-testid="assess-save">
                      {ctx.t('competencies.assess')}
                    </button>
                  </form>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}
