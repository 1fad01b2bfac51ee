// Pages of the approvals inbox (/approvals, grouped by kind with counts) and of the two requests it
// keeps: the petugas's form to ask, and the request's page with the Kepala UPT's decision.
import { formatDay } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { TimeZone } from '../../db/schema.ts';
import { ApprovalLine, ageWords } from './approvals.parts.tsx';
import type { RevocationRequestRow, UnlockRequestRow } from './approvals.requests.ts';
import { APPROVAL_KINDS, type ApprovalItem } from './approvals.service.ts';

export function InboxPage({
  ctx,
  unitName,
  items,
  zone,
  now,
}: {
  ctx: ViewCtx;
  unitName: string;
  items: ApprovalItem[];
  zone: TimeZone;
  now: Date;
}) {
  const groups = APPROVAL_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <Layout ctx={ctx} title={ctx.t('approvals.title')}>
      <h1>{ctx.t('approvals.title')}</h1>
      <p class="muted">{unitName}</p>
      <p>{ctx.t('approvals.intro')}</p>
      {groups.length === 0 ? (
        <p data-testid="approvals-none">{ctx.t('approvals.none')}</p>
      ) : (
        <>
          <ul class="plain" data-testid="approvals-counts">
            {groups.map((g) => (
              <li key={g.kind}>
                <a href={`#k-${g.kind}`}>{ctx.t(`approvals.kind.${g.kind}`)}</a>:{' '}
                {ctx.t('approvals.count', { n: g.items.length })}
              </li>
            ))}
          </ul>
          {groups.map((g) => (
            <section key={g.kind} aria-labelledby={`k-${g.kind}`} data-testid={`group-${g.kind}`}>
              <h2 id={`k-${g.kind}`}>
                {ctx.t(`approvals.kind.${g.kind}`)} ({g.items.length})
              </h2>
              <ul class="plain">
                {g.items.map((item) => (
                  <ApprovalLine key={item.id} ctx={ctx} item={item} zone={zone} now={now} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}

/** The petugas's form: why a locked roll call needs to change, or why a certificate should go. */
export function AskPage({
  ctx,
  kind,
  subject,
  action,
  back,
  form,
}: {
  ctx: ViewCtx;
  kind: 'unlock' | 'revoke';
  /** The session or certificate, in words. */
  subject: string;
  action: string;
  back: string;
  form: FormState;
}) {
  const f = fieldsFor(ctx, form);
  return (
    <Layout ctx={ctx} title={ctx.t(`approvals.${kind}.askTitle`)}>
      <h1>{ctx.t(`approvals.${kind}.askTitle`)}</h1>
      <dl class="facts">
        <dt>{ctx.t(kind === 'unlock' ? 'approvals.unlock.session' : 'approvals.revoke.certificate')}</dt>
        <dd data-testid="ask-subject">{subject}</dd>
      </dl>
      <p>{ctx.t(`approvals.${kind}.askIntro`)}</p>
      <form method="post" action={action} data-testid="ask-form">
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={{ reason: 'approvals.reason' }} />
        <f.Area name="reason" label="approvals.reason" rows={3} optional={false} maxLength={500} />
        <div class="actions">
          <button type="submit" class="primary" data-testid="ask-submit">
            {ctx.t(`approvals.${kind}.ask`)}
          </button>
          <a href={back}>{ctx.t('common.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

type Request = Pick<
  UnlockRequestRow,
  | 'id'
  | 'status'
  | 'reason'
  | 'requested_by_name'
  | 'requested_at'
  | 'decided_by_name'
  | 'decided_at'
  | 'decision_note'
>;

/** A request's page: what is asked and why, how long it waits, and the Kepala's decision form. */
function RequestPage({
  ctx,
  kind,
  r,
  subject,
  link,
  extra,
  decide,
  now,
  zone,
  form,
}: {
  ctx: ViewCtx;
  kind: 'unlock' | 'revoke';
  r: Request;
  subject: string;
  link: { href: string; label: string };
  extra?: string | null;
  decide: boolean;
  now: Date;
  zone: TimeZone;
  form: FormState;
}) {
  const f = fieldsFor(ctx, form);
  const base = kind === 'unlock' ? 'unlocks' : 'revocations';
  return (
    <Layout ctx={ctx} title={ctx.t(`approvals.${kind}.title`)}>
      <h1>{ctx.t(`approvals.${kind}.title`)}</h1>
      <dl class="facts">
        <dt>{ctx.t(kind === 'unlock' ? 'approvals.unlock.session' : 'approvals.revoke.certificate')}</dt>
        <dd>
          <a href={link.href}>{subject}</a>
        </dd>
        <dt>{ctx.t('approvals.reason')}</dt>
        <dd data-testid="request-reason">{r.reason}</dd>
        <dt>{ctx.t('approvals.requestedBy')}</dt>
        <dd>{r.requested_by_name ?? ''}</dd>
        <dt>{ctx.t('approvals.requestedAt')}</dt>
        <dd>
          {ctx.dateTime(r.requested_at)}
          {r.status === 'pending' &&
            ` · ${ctx.t('approvals.waiting', { age: ageWords(ctx, r.requested_at, now, zone) })}`}
        </dd>
        <dt>{ctx.t('approvals.status')}</dt>
        <dd data-testid="request-status">
          {ctx.t(`approvals.status.${r.status}`)}
          {r.decided_at &&
            ` · ${ctx.t('approvals.decidedBy', { name: r.decided_by_name ?? '', at: ctx.dateTime(r.decided_at) })}`}
        </dd>
        {r.decision_note && (
          <>
            <dt>{ctx.t('approvals.note')}</dt>
            <dd>{r.decision_note}</dd>
          </>
        )}
        {extra && (
          <>
            <dt>{ctx.t('approvals.status.approved')}</dt>
            <dd data-testid="request-extra">{extra}</dd>
          </>
        )}
      </dl>
      {decide && r.status === 'pending' && (
        <form method="post" action={`/approvals/${base}/${r.id}/decision`} data-testid="decision-form">
          <Csrf ctx={ctx} />
          <ErrorSummary ctx={ctx} form={form} labels={{ note: 'approvals.note' }} />
          <f.Area name="note" label="approvals.note" hint="approvals.noteHint" rows={2} maxLength={500} />
          <div class="actions">
            <button type="submit" name="decision" value="approve" class="primary" data-testid="approve">
              {ctx.t('approvals.approve')}
            </button>
            <button type="submit" name="decision" value="reject" data-testid="reject">
              {ctx.t('approvals.reject')}
            </button>
          </div>
        </form>
      )}
      <p>
        <a href={link.href}>{link.label}</a>
        {decide && (
          <>
            {' · '}
            <a href="/approvals">{ctx.t('approvals.backToInbox')}</a>
          </>
        )}
      </p>
    </Layout>
  );
}

export const unlockSubject = (ctx: ViewCtx, s: { programme_name: string; day: string }) =>
  ctx.t('approvals.unlock.sessionOf', { programme: s.programme_name, day: formatDay(s.day, ctx.lang) });

export function UnlockRequestPage(p: {
  ctx: ViewCtx;
  r: UnlockRequestRow;
  decide: boolean;
  now: Date;
  form: FormState;
}) {
  const { ctx, r } = p;
  return (
    <RequestPage
      {...p}
      kind="unlock"
      zone={r.timezone}
      subject={unlockSubject(ctx, r)}
      link={{ href: `/sessions/${r.session_id}/attendance`, label: ctx.t('approvals.unlock.toRollCall') }}
      extra={
        r.unlocked_until
          ? ctx.t('approvals.unlock.openUntil', { until: ctx.dateTime(r.unlocked_until) })
          : null
      }
    />
  );
}

export const revokeSubject = (
  ctx: ViewCtx,
  c: { certificate_number: string; holder_name: string; programme_name: string },
) =>
  ctx.t('approvals.revoke.certificateOf', {
    number: c.certificate_number,
    holder: c.holder_name,
    programme: c.programme_name,
  });

export function RevocationRequestPage(p: {
  ctx: ViewCtx;
  r: RevocationRequestRow;
  decide: boolean;
  now: Date;
  zone: TimeZone;
  form: FormState;
}) {
  const { ctx, r } = p;
  return (
    <RequestPage
      {...p}
      kind="revoke"
      subject={revokeSubject(ctx, r)}
      link={{ href: `/certificates/${r.certificate_id}`, label: ctx.t('approvals.revoke.toCertificate') }}
    />
  );
}
