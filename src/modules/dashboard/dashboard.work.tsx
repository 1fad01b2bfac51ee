// The working day's panels: the sessions of today and the next days with the roll call and the
// journal one tap away, the held sessions still missing either, the register imports under way
// (petugas), and an instructor's competency checks (instruktur mitra).
import { formatDateTime } from '../../app/format.ts';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import { SessionCard } from '../programmes/sessions.parts.tsx';
import type { SessionStatus } from '../programmes/sessions.status.ts';
import type { ImportRow } from './dashboard.repo.ts';

export function SessionsPanel({
  ctx,
  next,
  zone,
  mine,
}: {
  ctx: ViewCtx;
  next: SessionStatus[];
  zone: TimeZone;
  /** An instructor's own programmes: the heading says so, and competency checks are offered. */
  mine: boolean;
}) {
  const may = { attendance: ctx.can('attendance.record') };
  const programmes = [...new Map(next.map((s) => [s.programme_id, s.programme_name])).entries()];
  return (
    <section aria-labelledby="c-sessions" data-testid="dashboard-sessions">
      <h2 id="c-sessions">{ctx.t(mine ? 'dashboard.mine.title' : 'dashboard.sessions.title')}</h2>
      {next.length === 0 ? (
        <p>{ctx.t(mine ? 'dashboard.mine.none' : 'dashboard.sessions.none')}</p>
      ) : (
        <ul class="cards">
          {next.map((s) => (
            <SessionCard key={s.id} ctx={ctx} s={s} zone={zone} may={may} showProgramme />
          ))}
        </ul>
      )}
      {mine && ctx.can('competencies.assess') && programmes.length > 0 && (
        <ul class="plain" data-testid="competency-links">
          {programmes.map(([id, name]) => (
            <li key={id}>
              <a class="button" href={`/programmes/${id}/competencies`}>
                {ctx.t('dashboard.mine.competencies', { programme: name })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MissingPanel({
  ctx,
  missing,
  zone,
}: {
  ctx: ViewCtx;
  missing: SessionStatus[];
  zone: TimeZone;
}) {
  const may = { attendance: ctx.can('attendance.record') };
  return (
    <section aria-labelledby="c-missing" data-testid="dashboard-missing">
      <h2 id="c-missing">{ctx.t('dashboard.missing.title')}</h2>
      {missing.length === 0 ? (
        <p data-testid="dashboard-missing-none">{ctx.t('dashboard.missing.none')}</p>
      ) : (
        <>
          <p class="muted">{ctx.t('dashboard.missing.intro')}</p>
          <ul class="cards">
            {missing.map((s) => (
              <SessionCard key={s.id} ctx={ctx} s={s} zone={zone} may={may} showProgramme />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ImportsPanel({ ctx, items, zone }: { ctx: ViewCtx; items: ImportRow[]; zone: TimeZone }) {
  return (
    <section class="card" aria-labelledby="c-imports" data-testid="dashboard-imports">
      <h2 id="c-imports">{ctx.t('dashboard.imports.title')}</h2>
      <ul class="plain">
        {items.map((i) => {
          const progress = { done: i.progress_done, total: i.progress_total ?? '?' };
          return (
            <li key={i.id}>
              <a href={`/inmates/import/${i.id}`}>{i.filename}</a>:{' '}
              {ctx.t(`dashboard.imports.${i.status}` as const, progress)}{' '}
              <span class="muted">
                ({ctx.t('dashboard.imports.uploaded', { when: formatDateTime(i.created_at, zone, ctx.lang) })}
                )
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
