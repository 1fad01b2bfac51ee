// The release pipeline list (tabs: leaving within 30 days, within 90 days, released; each unit's
// own today) and the dashboard's 'release' card. Participants of programmes come first, flagged.
import { formatDay, formatNumber } from '../../app/format.ts';
import { DataTable, type ListPageProps, ListShell } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { PipelineWindow } from './reintegration.rules.ts';
import type { PipelineRow } from './reintegration.service.ts';
import type { PipelineSummary } from './reintegration.summary.ts';

const TABS: readonly PipelineWindow[] = ['30', '90', 'released'];

function Tabs({ ctx, current }: { ctx: ViewCtx; current: PipelineWindow }) {
  return (
    <nav class="pager" aria-label={ctx.t('reintegration.tabs')} data-testid="pipeline-tabs">
      {TABS.map((w) =>
        w === current ? (
          <strong key={w} aria-current="page">
            {ctx.t(`reintegration.tab.${w}`)}
          </strong>
        ) : (
          <a key={w} href={`/reintegration?window=${w}`} data-testid={`tab-${w}`}>
            {ctx.t(`reintegration.tab.${w}`)}
          </a>
        ),
      )}
    </nav>
  );
}

export function Participant({ ctx, p }: { ctx: ViewCtx; p: 'current' | 'former' | null }) {
  if (!p) return null;
  return (
    <span class={p === 'current' ? 'badge ok' : 'badge muted'} data-testid="participant-badge">
      {ctx.t(`reintegration.participant.${p}`)}
    </span>
  );
}

function Readiness({ ctx, r }: { ctx: ViewCtx; r: PipelineRow }) {
  if (!r.case_id) return <span class="muted">{ctx.t('reintegration.noCaseYet')}</span>;
  return (
    <>
      {ctx.t('reintegration.openItems', { n: r.open_items })}
      {r.overdue_items > 0 && (
        <div>
          <span class="badge off">{ctx.t('reintegration.overdueItems', { n: r.overdue_items })}</span>
        </div>
      )}
    </>
  );
}

export function PipelinePage(
  p: ListPageProps<PipelineRow, { window?: PipelineWindow | undefined }> & {
    window: PipelineWindow;
    mayManage: boolean;
  },
) {
  const { ctx } = p;
  const released = p.window === 'released';
  return (
    <ListShell
      list={{ ...p, query: { window: p.window } }}
      title={ctx.t('reintegration.title')}
      base="/reintegration"
      actions={
        p.mayManage && (
          <a class="button" href="/reintegration/checklist-items" data-testid="templates-link">
            {ctx.t('reintegration.templates.title')}
          </a>
        )
      }
    >
      <p class="muted">{ctx.t('reintegration.intro')}</p>
      <Tabs ctx={ctx} current={p.window} />
      <DataTable
        ctx={ctx}
        rows={p.rows}
        testid="pipeline"
        count={p.total}
        none={released ? 'reintegration.noneReleased' : 'reintegration.noneInWindow'}
        heads={
          released
            ? ['reintegration.person', 'reintegration.releasedOn', 'reintegration.plan']
            : [
                'reintegration.person',
                'reintegration.releaseDate',
                'reintegration.readiness',
                'reintegration.plan',
              ]
        }
        row={(r) => (
          <tr key={r.inmate_id} data-testid={`pipeline-${r.reg_number}`}>
            <td>
              <a href={`/reintegration/${r.inmate_id}`}>{r.name}</a>
              <div class="muted">{r.reg_number}</div>
              <Participant ctx={ctx} p={r.participant} />
            </td>
            {released ? (
              <td>
                {r.released_on && formatDay(r.released_on, ctx.lang)}
                {r.release_kind && (
                  <div class="muted">{ctx.t(`reintegration.releaseKind.${r.release_kind}`)}</div>
                )}
              </td>
            ) : (
              <>
                <td>
                  {r.release_date && formatDay(r.release_date, ctx.lang)}
                  <div class="muted">
                    {r.days_left === 0
                      ? ctx.t('reintegration.today')
                      : ctx.t('reintegration.daysLeft', { n: r.days_left ?? 0 })}
                    {r.integrasi_kind && ` · ${ctx.t(`reintegration.integrasi.${r.integrasi_kind}`)}`}
                  </div>
                </td>
                <td>
                  <Readiness ctx={ctx} r={r} />
                </td>
              </>
            )}
            <td>{r.plan ? ctx.t(`reintegration.plan.${r.plan}`) : '—'}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}

/** The dashboard card: the unit's people leaving within 30 and 90 days, and overdue checklist items. */
export function ReleasePanel({ ctx, s, link }: { ctx: ViewCtx; s: PipelineSummary; link: boolean }) {
  return (
    <section class="card" aria-labelledby="c-release" data-testid="release-panel">
      <h2 id="c-release">{ctx.t('reintegration.panel.title')}</h2>
      <dl class="facts">
        <dt>{ctx.t('reintegration.tab.30')}</dt>
        <dd data-testid="release-30">{formatNumber(s.within30, ctx.lang)}</dd>
        <dt>{ctx.t('reintegration.tab.90')}</dt>
        <dd data-testid="release-90">{formatNumber(s.within90, ctx.lang)}</dd>
        <dt>{ctx.t('reintegration.panel.overdue')}</dt>
        <dd data-testid="release-overdue">{formatNumber(s.overdueItems, ctx.lang)}</dd>
      </dl>
      {link && (
        <p>
          <a href="/reintegration?window=30" data-testid="release-link">
            {ctx.t('reintegration.panel.link')}
          </a>
        </p>
      )}
    </section>
  );
}
