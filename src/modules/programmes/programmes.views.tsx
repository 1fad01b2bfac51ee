// A programme's page: its facts, curriculum, schedules, its last held and next sessions (each with
// its roll call and journal status), the links to its intake, enrolments and attendance, and (for
// those who manage it) the forms to change them.

import { Fact } from '../../app/facts.tsx';
import { formatDay } from '../../app/format.ts';
import type { FormState } from '../../app/forms.tsx';
import { Layout } from '../../app/layout.tsx';
import { BackLink, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { AddScheduleForm, RangeAndExtraForms, ScheduleForms } from './programmes.manage.views.tsx';
import type { ProgrammeMay } from './programmes.policy.ts';
import type { ProgrammeRow } from './programmes.repo.ts';
import { weekdayText } from './programmes.session.views.tsx';
import { hhmm } from './schedule.rules.ts';
import { SessionCards } from './sessions.parts.tsx';
import type { ScheduleRow } from './sessions.repo.ts';
import type { SessionStatus } from './sessions.status.ts';

export interface ProgrammePageData {
  programme: ProgrammeRow;
  curriculum: ReadonlyArray<{ id: string; code: string | null; title: string; target_hours: number }>;
  instructors: ReadonlyArray<{ id: string; full_name: string; roles: readonly string[] }>;
  schedules: ScheduleRow[];
  /** The last sessions held (begun, not cancelled), newest first. */
  last: SessionStatus[];
  /** The next sessions not yet begun (cancelled ones too, so the class knows), soonest first. */
  next: SessionStatus[];
  programAksi: ReadonlyArray<{ id: string; title: string }>;
  forms: {
    schedule: FormState;
    range: FormState;
    extra: FormState;
    scheduleEdit?: { id: string; form: FormState } | undefined;
  };
}

export function ProgrammePage({ ctx, may, d }: { ctx: ViewCtx; may: ProgrammeMay; d: ProgrammePageData }) {
  const p = d.programme;
  const base = `/programmes/${p.id}`;
  const hours = d.curriculum.reduce((a, c) => a + c.target_hours, 0);
  return (
    <Layout ctx={ctx} title={p.name}>
      <BackLink href="/programmes" label={ctx.t('programmes.title')} />
      <TitleRow title={p.name} testid="programme-name">
        <a class="button" href={`${base}/calendar`} data-testid="programme-calendar">
          {ctx.t('programmes.calendar')}
        </a>
        {may.manage && (
          <a class="button" href={`${base}/edit`}>
            {ctx.t('common.edit')}
          </a>
        )}
        {may.intakes && (
          <a class="button" href={`${base}/intakes/new`} data-testid="programme-intakes">
            {ctx.t('selection.intakes')}
          </a>
        )}
        {may.enrolments && (
          <a class="button" href={`${base}/enrolments`} data-testid="programme-enrolments">
            {ctx.t('enrolments.title')}
          </a>
        )}
        {may.enrolments && (
          <a class="button" href={`${base}/completion`} data-testid="programme-completion">
            {ctx.t('certificates.link')}
          </a>
        )}
        {may.attendance && (
          <a
            class="button"
            href={`/attendance-reports/programmes/${p.id}`}
            data-testid="programme-attendance-report"
          >
            {ctx.t('attReports.title')}
          </a>
        )}
        {may.attendance && (
          <a class="button" href={`${base}/competencies`} data-testid="programme-competencies">
            {ctx.t('competencies.open')}
          </a>
        )}
      </TitleRow>
      <dl class="facts">
        <dt>{ctx.t('programmes.kind')}</dt>
        <dd>{ctx.t(`programmeKind.${p.kind}`)}</dd>
        <dt>{ctx.t('programmes.status')}</dt>
        <dd>{ctx.t(`programmeStatus.${p.status}`)}</dd>
        <dt>{ctx.t('programmes.unit')}</dt>
        <dd>{p.unit_name}</dd>
        <Fact ctx={ctx} label="programmes.skillArea" value={p.skill_area} />
        <Fact
          ctx={ctx}
          label="programmes.partner"
          value={p.partner_id && <a href={`/partners/${p.partner_id}`}>{p.partner_name}</a>}
        />
        <Fact
          ctx={ctx}
          label="programmes.agreement"
          value={p.agreement_id && <a href={`/agreements/${p.agreement_id}`}>{p.agreement_title}</a>}
        />
        <Fact ctx={ctx} label="programmes.location" value={p.location} />
        <dt>{ctx.t('programmes.capacity')}</dt>
        <dd>{p.capacity}</dd>
        <dt>{ctx.t('programmes.instructors')}</dt>
        <dd data-testid="programme-instructors">
          {d.instructors.length ? d.instructors.map((u) => u.full_name).join(', ') : ctx.t('common.none')}
        </dd>
        <Fact ctx={ctx} label="programmes.programAksi" value={d.programAksi.map((x) => x.title).join('; ')} />
      </dl>

      <h2>{ctx.t('programmes.curriculum')}</h2>
      {d.curriculum.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <>
          <ol data-testid="curriculum">
            {d.curriculum.map((c) => (
              <li key={c.id}>
                {c.code && <code>{c.code}</code>} {c.title} · {c.target_hours}{' '}
                {ctx.t('programmes.targetHours').toLowerCase()}
              </li>
            ))}
          </ol>
          <p class="muted">{ctx.t('programmes.totalHours', { n: hours })}</p>
        </>
      )}

      <h2>{ctx.t('programmes.schedules')}</h2>
      {d.schedules.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="schedules">
          {d.schedules.map((s) => (
            <li key={s.id}>
              {weekdayText(ctx, s)} · {hhmm(s.start_time)}–{hhmm(s.end_time)} ·{' '}
              {formatDay(s.starts_on, ctx.lang)} –{' '}
              {s.ends_on ? formatDay(s.ends_on, ctx.lang) : ctx.t('programmes.openEnded')}
              {!s.skip_holidays && ` · ${ctx.t('programmes.holiday')} ✓`}
              {may.manage && <ScheduleForms ctx={ctx} d={d} s={s} base={base} />}
            </li>
          ))}
        </ul>
      )}
      {may.manage && <AddScheduleForm ctx={ctx} d={d} base={base} />}

      <h2 id="last-sessions">{ctx.t('programmes.lastSessions')}</h2>
      {d.last.length === 0 ? (
        <p>{ctx.t('programmes.noLastSessions')}</p>
      ) : (
        <SessionCards ctx={ctx} sessions={d.last} may={may} testid="last-sessions" />
      )}
      <h2 id="next-sessions">{ctx.t('programmes.nextSessions')}</h2>
      {d.next.length === 0 ? (
        <p>{ctx.t('programmes.noNextSessions')}</p>
      ) : (
        <SessionCards ctx={ctx} sessions={d.next} may={may} testid="sessions" />
      )}
      <p>
        <a href={`${base}/calendar`} data-testid="programme-full-calendar">
          {ctx.t('programmes.fullCalendar')}
        </a>
      </p>
      {may.manage && <RangeAndExtraForms ctx={ctx} d={d} base={base} />}
    </Layout>
  );
}
