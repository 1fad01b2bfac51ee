// Pieces the report pages share: the status badge, the month's label and the figures of a month as
// sections (the same list the PDF and the workbook print).
import { Fragment } from 'preact';
import { formatNumber, formatRupiah } from '../../app/format.ts';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { MonthlyReportStatus } from '../../db/schema.ts';
import { monthLabel } from '../premi/premi.parts.tsx';
import type { ReportFigures } from './reports.figures.ts';
import {
  aksiLabel,
  type Figure,
  programmeCells,
  programmeHeads,
  reportSections,
} from './reports.sections.ts';

export { monthLabel };

const BADGE: Record<MonthlyReportStatus | 'none', string> = {
  none: 'badge muted',
  draft: 'badge status-draft',
  submitted: 'badge',
  acknowledged: 'badge ok',
  returned: 'badge off',
};

export function StatusBadge({ ctx, status }: { ctx: ViewCtx; status: MonthlyReportStatus | 'none' }) {
  return (
    <span class={BADGE[status]} data-testid="report-status">
      {ctx.t(`reports.status.${status}`)}
    </span>
  );
}

/** A figure as the page shows it: counts and percents in the reader's language, money in rupiah. */
export function figureText(
  ctx: Pick<ViewCtx, 'lang'>,
  value: number | string | null,
  kind: Figure['kind'] | 'text',
) {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (kind === 'money') return formatRupiah(value);
  if (kind === 'pct') return `${formatNumber(value, ctx.lang, 1)}%`;
  return formatNumber(value, ctx.lang);
}

export function FiguresView({ ctx, f, premi }: { ctx: ViewCtx; f: ReportFigures; premi: boolean }) {
  const sections = reportSections(f, { t: ctx.t, premi });
  const heads = programmeHeads(ctx.t);
  return (
    <div data-testid="report-figures">
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={`sec-${s.id}`} data-testid={`section-${s.id}`}>
          <h2 id={`sec-${s.id}`}>{s.title}</h2>
          <dl class="facts">
            {s.figures.map((x) => (
              <Fragment key={x.label}>
                <dt>{x.label}</dt>
                <dd data-testid={`fig-${s.id}`}>{figureText(ctx, x.value, x.kind)}</dd>
              </Fragment>
            ))}
          </dl>
          {s.id === 'programmes' &&
            (f.programmes.length === 0 ? (
              <p>{ctx.t('reports.noProgrammes')}</p>
            ) : (
              <ScrollRegion label={s.title}>
                <table data-testid="report-programmes">
                  <thead>
                    <tr>
                      {heads.map((h) => (
                        <th key={h.label} class={h.kind === 'text' ? undefined : 'num'} scope="col">
                          {h.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {f.programmes.map((r) => (
                      <tr key={r.programmeId}>
                        {programmeCells(r).map((v, i) => (
                          <td key={heads[i]?.label} class={i === 0 ? undefined : 'num'}>
                            {figureText(ctx, v, heads[i]?.kind ?? 'count')}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            ))}
          {s.id === 'aksi' &&
            (f.programAksi.length === 0 ? (
              <p>{ctx.t('reports.noAksi')}</p>
            ) : (
              <ul data-testid="report-aksi">
                {f.programAksi.map((a) => (
                  <li key={a.id}>{aksiLabel(a)}</li>
                ))}
              </ul>
            ))}
        </section>
      ))}
    </div>
  );
}
