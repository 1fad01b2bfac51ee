// The competency matrix of a programme (participants × curriculum units, scrolling sideways in a
// labelled region on a phone), with the links to the bulk assessment pages (competencies.sheets).
import { formatNumber } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { CompetencyStatus } from '../../db/schema.ts';
import type { CompetencyRecordUnit } from './competencies.service.ts';

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
      {d.units.length > 0 && (
        <section aria-labelledby="by-unit" data-testid="competency-units">
          <h2 id="by-unit">{ctx.t('competencies.byUnit')}</h2>
          <p class="muted">{ctx.t('competencies.byUnitIntro')}</p>
          <ul class="cards">
            {d.units.map((u) => (
              <li key={u.id} class="card">
                <p>
                  {u.code && <strong>{u.code}</strong>} {u.title}
                  {u.core && <span class="muted"> · {ctx.t('competencies.core')}</span>}
                </p>
                <a
                  class="button"
                  href={`/programmes/${d.programme.id}/competencies/units/${u.id}`}
                  data-testid={`assess-unit-${u.code ?? u.id}`}
                  aria-label={`${ctx.t('competencies.assessUnitLink')} · ${u.code ?? u.title}`}
                >
                  {ctx.t('competencies.assessUnitLink')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
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
                    <a href={`/programmes/${d.programme.id}/competencies/units/${u.id}`}>
                      {u.code ?? u.title}
                    </a>
                    {u.core && <span class="muted"> · {ctx.t('competencies.core')}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} data-testid={`matrix-row-${r.id}`}>
                  <th scope="row">
                    <a href={`/enrolments/${r.id}/competencies`} data-testid={`assess-participant-${r.id}`}>
                      {r.name}
                    </a>
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
