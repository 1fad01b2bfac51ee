// One session as a card: its day in words and its time, whether its roll call and journal were
// done, and the two everyday actions (Presensi, Jurnal) as large buttons. Cancel and reschedule,
// which are rare, are a small link to the session's own page. Used by the programme page, the
// calendars and the dashboards.

import { formatDay, formatTime } from '../../app/format.ts';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import type { AttendanceState, JournalState, SessionStatus } from './sessions.status.ts';

const TONE: Record<AttendanceState | JournalState, string> = {
  done: 'ok',
  missing: 'off',
  locked: 'off',
  upcoming: 'muted',
};

const MARK: Record<AttendanceState | JournalState, string> = {
  done: '✓',
  missing: '!',
  locked: '!',
  upcoming: '·',
};

/** A status in words (the colour only repeats what the words say), e.g. "Presensi belum dicatat". */
export function StatusBadge(
  p:
    | { ctx: ViewCtx; kind: 'attendance'; state: AttendanceState }
    | { ctx: ViewCtx; kind: 'journal'; state: JournalState },
) {
  const text =
    p.kind === 'attendance'
      ? p.ctx.t(`sessionStatus.attendance.${p.state}`)
      : p.ctx.t(`sessionStatus.journal.${p.state}`);
  return (
    <span class={`badge ${TONE[p.state]}`} data-testid={`status-${p.kind}`} data-status={p.state}>
      <span aria-hidden="true">{MARK[p.state]} </span>
      {text}
    </span>
  );
}

/** What the card offers: the roll call and journal links, and the small link to cancel or move. */
export interface SessionCardMay {
  attendance: boolean;
  manage?: boolean | undefined;
}

/**
 * One session. `zone` is the zone its times are shown in (default: the unit's, "09.00–12.00 WIB"); `showProgramme` names the
 * programme first, for lists that mix programmes (the unit calendar, the dashboards).
 */
export function SessionCard({
  ctx,
  s,
  zone,
  may,
  showProgramme = false,
  testid,
}: {
  ctx: ViewCtx;
  s: SessionStatus;
  zone?: TimeZone | undefined;
  may: SessionCardMay;
  showProgramme?: boolean;
  /** Default `session-<day>`. */
  testid?: string | undefined;
}) {
  const day = formatDay(s.day, ctx.lang);
  const z = zone ?? s.timezone;
  const summary = may.attendance && s.attendance === 'done';
  // Only a session not yet begun is cancelled or moved; one held keeps its record.
  const movable = may.manage === true && !s.cancelled && s.attendance === 'upcoming';
  const time = `${formatTime(s.starts_at, z, ctx.lang).split(' ')[0]}–${formatTime(s.ends_at, z, ctx.lang)}`;
  return (
    <li class="card session-card" data-testid={testid ?? `session-${s.day}`} data-session={s.id}>
      <p class="session-when">
        {showProgramme && (
          <>
            <a href={`/programmes/${s.programme_id}`}>{s.programme_name}</a>:{' '}
          </>
        )}
        <strong>{s.cancelled ? <s>{day}</s> : day}</strong> · {time}
        {s.extra && <span class="badge muted"> {ctx.t('programmes.extra')}</span>}
        {s.rescheduled_from && (
          <span class="muted">
            {' '}
            ({ctx.t('programmes.rescheduledFrom', { day: formatDay(s.rescheduled_from, ctx.lang) })})
          </span>
        )}
      </p>
      {s.cancelled ? (
        <p>
          <span class="badge off" data-testid="session-cancelled">
            {ctx.t('programmes.cancelled')}: {s.cancel_reason}
          </span>
        </p>
      ) : (
        <>
          <p class="session-status">
            <StatusBadge ctx={ctx} kind="attendance" state={s.attendance} />{' '}
            <StatusBadge ctx={ctx} kind="journal" state={s.journal} />
          </p>
          {may.attendance && (
            <p class="actions">
              <a
                class={`button${s.attendance === 'missing' ? ' primary' : ''}`}
                href={`/sessions/${s.id}/attendance`}
                data-testid={`attendance-link-${s.day}`}
              >
                {ctx.t('attendance.link')}
              </a>
              <a
                class={`button${s.attendance !== 'missing' && s.journal === 'missing' ? ' primary' : ''}`}
                href={`/sessions/${s.id}/journal`}
                data-testid={`journal-link-${s.day}`}
              >
                {ctx.t('journal.open')}
              </a>
            </p>
          )}
        </>
      )}
      {summary || movable ? (
        <p class="session-more">
          {summary && (
            <a href={`/sessions/${s.id}/summary`} data-testid={`summary-link-${s.day}`}>
              {ctx.t('attReports.sessionTitle')}
            </a>
          )}
          {summary && movable && ' · '}
          {movable && (
            <a href={`/programmes/${s.programme_id}/sessions/${s.id}`} data-testid={`session-more-${s.day}`}>
              {ctx.t('programmes.sessionMore')}
            </a>
          )}
        </p>
      ) : null}
    </li>
  );
}

/** A list of session cards (one column on a phone). */
export function SessionCards({
  ctx,
  sessions,
  may,
  showProgramme = false,
  testid,
}: {
  ctx: ViewCtx;
  sessions: readonly SessionStatus[];
  may: SessionCardMay;
  showProgramme?: boolean;
  testid?: string;
}) {
  return (
    <ul class="cards session-cards" data-testid={testid}>
      {sessions.map((s) => (
        <SessionCard key={s.id} ctx={ctx} s={s} may={may} showProgramme={showProgramme} />
      ))}
    </ul>
  );
}
