// Staff pages: a programme's completion rule and who may complete (with the reasons of those who
// may not), its certificates, and one certificate with its download, public link and revocation.

import { type Ask, ConfirmForm } from '../../app/confirm.tsx';
import { formatDay, formatDayShort } from '../../app/format.ts';
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { CertificateMay, CompletionMay } from './certificates.policy.ts';
import type { CertificateRow, ParticipantStanding } from './certificates.service.ts';
import type { CompletionReason } from './completion.rules.ts';

const pct = (v: number | string | null) => (v === null ? '—' : `${String(Number(v)).replace('.', ',')}%`);

function reasonText(ctx: ViewCtx, r: CompletionReason): string {
  switch (r.code) {
    case 'not_active':
      return ctx.t('certificates.reason.not_active', {
        status: ctx.t(`enrolments.status.${r.status}` as MessageKey),
      });
    case 'no_attendance':
      return ctx.t('certificates.reason.no_attendance');
    case 'attendance_below':
      return ctx.t('certificates.reason.attendance_below', { rate: r.rate, min: r.min });
    case 'unit_not_competent':
      return ctx.t('certificates.reason.unit_not_competent', { unit: r.unit });
    case 'past_expiry':
      return ctx.t('certificates.reason.past_expiry', { date: formatDayShort(r.expiry) });
  }
}

/** One line per reason, with the core units not yet competent gathered into one. */
function reasonLines(ctx: ViewCtx, reasons: readonly CompletionReason[]): string[] {
  const units = reasons.flatMap((x) => (x.code === 'unit_not_competent' ? [x.unit] : []));
  const lines = reasons.filter((x) => x.code !== 'unit_not_competent').map((x) => reasonText(ctx, x));
  if (units.length) lines.push(ctx.t('certificates.reason.unit_not_competent', { unit: units.join(', ') }));
  return lines;
}

export function CertificateList(p: {
  ctx: ViewCtx;
  rows: readonly CertificateRow[];
  showProgramme?: boolean;
}) {
  const { ctx } = p;
  if (p.rows.length === 0) return <p>{ctx.t('certificates.none')}</p>;
  return (
    <ScrollRegion label={ctx.t('certificates.list')}>
      <table data-testid="certificate-table">
        <thead>
          <tr>
            <th scope="col">{ctx.t('certificates.number')}</th>
            <th scope="col">
              {p.showProgramme ? ctx.t('certificates.programme') : ctx.t('certificates.holder')}
            </th>
            <th scope="col">{ctx.t('certificates.issuedOn')}</th>
            <th scope="col">{ctx.t('certificates.status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((c) => (
            <tr key={c.id} data-testid={`certificate-${c.id}`}>
              <td>
                <a href={`/certificates/${c.id}`}>{c.number}</a>
              </td>
              <td>{p.showProgramme ? c.programme_name : c.holder_name}</td>
              <td>{formatDayShort(c.issued_on)}</td>
              <td>{ctx.t(`certificates.status.${c.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function CompletionPage(p: {
  ctx: ViewCtx;
  programme: { id: string; name: string };
  min: number;
  rows: readonly ParticipantStanding[];
  certificates: readonly CertificateRow[];
  rule: FormState;
  /** What the policy lets this user do here. */
  may: CompletionMay;
}) {
  const { ctx } = p;
  const issue = p.may.issue;
  return (
    <Layout ctx={ctx} title={`${ctx.t('certificates.completionTitle')} — ${p.programme.name}`}>
      <p>
        <a href={`/programmes/${p.programme.id}`}>{p.programme.name}</a>
      </p>
      <h1>{ctx.t('certificates.completionTitle')}</h1>
      <h2>{ctx.t('certificates.rule')}</h2>
      <p>{ctx.t('certificates.ruleIntro')}</p>
      {p.may.setRule ? (
        <>
          <ErrorSummary ctx={ctx} form={p.rule} labels={{ min_attendance: 'certificates.minAttendance' }} />
          <form method="post" action={`/programmes/${p.programme.id}/completion`} novalidate>
            <Csrf ctx={ctx} />
            <TextField
              ctx={ctx}
              form={p.rule}
              name="min_attendance"
              label="certificates.minAttendance"
              type="number"
            />
            <button type="submit" data-testid="rule-save">
              {ctx.t('certificates.saveRule')}
            </button>
          </form>
        </>
      ) : (
        <p data-testid="rule-min">
          {ctx.t('certificates.minAttendance')}: {p.min}
        </p>
      )}
      <h2>{ctx.t('certificates.participants')}</h2>
      {p.rows.length === 0 ? (
        <p>{ctx.t('enrolments.none')}</p>
      ) : (
        // Cards rather than a table: the reasons are sentences, and the page is used on phones.
        <ul class="cards" data-testid="completion-list">
          {p.rows.map((r) => (
            <li
              key={r.id}
              class="card"
              data-testid={`standing-${r.id}`}
              data-eligible={String(r.check.eligible)}
            >
              <strong>{r.name}</strong>
              <p class="muted">
                {ctx.t(`enrolments.kind.${r.kind}` as MessageKey)} ·{' '}
                {ctx.t(`enrolments.status.${r.status}` as MessageKey)}
                <br />
                {ctx.t('certificates.attendance')}: {pct(r.check.rate)} · {ctx.t('certificates.hours')}:{' '}
                {String(r.hours).replace('.', ',')}
              </p>
              {r.certificateId ? (
                <a href={`/certificates/${r.certificateId}`} data-testid="standing-certificate">
                  {ctx.t('certificates.list')}: {ctx.t('certificates.status.valid')}
                </a>
              ) : r.check.eligible ? (
                <>
                  <p>{ctx.t('certificates.eligible')}</p>
                  {issue && (
                    <ConfirmForm
                      ctx={ctx}
                      action={`/enrolments/${r.id}/certificate`}
                      ask={issueAsk(ctx, r.name, r.status === 'completed')}
                    >
                      <button type="submit" class="primary" data-testid={`issue-${r.id}`}>
                        {r.status === 'completed'
                          ? ctx.t('certificates.issueOnly')
                          : ctx.t('certificates.completeIssue')}
                      </button>
                    </ConfirmForm>
                  )}
                </>
              ) : (
                <ul class="reasons" data-testid="standing-reasons">
                  {reasonLines(ctx, r.check.reasons).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{ctx.t('certificates.list')}</h2>
      <CertificateList ctx={ctx} rows={p.certificates} />
    </Layout>
  );
}

export function CertificatePage(p: {
  ctx: ViewCtx;
  c: CertificateRow;
  verifyUrl: string;
  revoke: FormState;
  may: CertificateMay;
}) {
  const { ctx, c } = p;
  return (
    <Layout ctx={ctx} title={`${ctx.t('certificates.list')} ${c.number}`}>
      <p>
        <a href={`/programmes/${c.programme_id}/completion`}>{c.programme_name}</a>
      </p>
      <h1 data-testid="certificate-number">{c.number}</h1>
      <dl class="facts">
        <dt>{ctx.t('certificates.holder')}</dt>
        <dd data-testid="certificate-holder">
          {c.inmate_id ? <a href={`/inmates/${c.inmate_id}`}>{c.holder_name}</a> : c.holder_name}
        </dd>
        <dt>{ctx.t('certificates.programme')}</dt>
        <dd>{c.programme_name}</dd>
        <dt>{ctx.t('certificates.issuedOn')}</dt>
        <dd data-testid="certificate-issued-on">{formatDay(c.issued_on, ctx.lang)}</dd>
        <dt>{ctx.t('certificates.hoursTotal')}</dt>
        <dd data-testid="certificate-hours">{String(Number(c.hours)).replace('.', ',')}</dd>
        <dt>{ctx.t('certificates.attendanceRate')}</dt>
        <dd data-testid="certificate-attendance-rate">{pct(c.attendance_rate)}</dd>
        <dt>{ctx.t('certificates.status')}</dt>
        <dd data-testid="certificate-status">
          {ctx.t(`certificates.status.${c.status}`)}
          {c.revoked_at &&
            ` — ${ctx.t('certificates.revokedOn', { date: ctx.dateLong(c.revoked_at), reason: c.revoked_reason ?? '' })}`}
        </dd>
        {/* In the facts list, whose values wrap anywhere: the address is one long word. */}
        <dt>{ctx.t('certificates.verifyLink')}</dt>
        <dd>
          <a href={p.verifyUrl} data-testid="certificate-verify-link">
            {p.verifyUrl}
          </a>
        </dd>
      </dl>
      <h2>{ctx.t('certificates.competencies')}</h2>
      <ScrollRegion label={ctx.t('certificates.competencies')}>
        <table data-testid="certificate-competencies">
          <tbody>
            {c.competencies.map((u) => (
              <tr key={`${u.code}-${u.title}`} data-code={u.code ?? ''}>
                <td>{u.code ?? '—'}</td>
                <td>{u.title}</td>
                <td>{String(u.hours).replace('.', ',')}</td>
                <td>{ctx.t(`competencyStatus.${u.status}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p>
        <a href={`/certificates/${c.id}/sertifikat.pdf`} data-testid="certificate-download">
          {ctx.t('certificates.download')}
        </a>
      </p>
      {/* Approvals (#13): staff who may not revoke ask the Kepala UPT to. */}
      {!p.may.revoke && c.status === 'valid' && ctx.can('certificates.issue') && (
        <p>
          <a href={`/certificates/${c.id}/revocation-request`} data-testid="ask-revocation">
            {ctx.t('approvals.revoke.ask')}
          </a>
        </p>
      )}
      {p.may.revoke && (
        <>
          <h2>{ctx.t('certificates.revoke')}</h2>
          <ErrorSummary ctx={ctx} form={p.revoke} labels={{ reason: 'certificates.revokeReason' }} />
          <ConfirmForm
            ctx={ctx}
            action={`/certificates/${c.id}/revoke`}
            testid="revoke-form"
            ask={revokeAsk(ctx, c.number, c.holder_name)}
          >
            <TextField
              ctx={ctx}
              form={p.revoke}
              name="reason"
              label="certificates.revokeReason"
              hint="certificates.revokeHint"
            />
            <button type="submit" class="danger" data-testid="certificate-revoke">
              {ctx.t('certificates.revoke')}
            </button>
          </ConfirmForm>
        </>
      )}
    </Layout>
  );
}

/** What issuing asks first: a numbered certificate, and for an active participant the completion too. */
export function issueAsk(ctx: ViewCtx, name: string, completed: boolean): Ask {
  return {
    question: ctx.t('certificates.issueAsk', { name }),
    consequences: [
      ...(completed ? [] : [ctx.t('certificates.completeWhat', { name })]),
      ctx.t('certificates.issueWhat'),
    ],
    yes: ctx.t('certificates.issueYes'),
  };
}

/** What revoking asks first. */
export function revokeAsk(ctx: ViewCtx, number: string, name: string, reason?: string): Ask {
  return {
    question: ctx.t('certificates.revokeAsk', { number, name }),
    consequences: [
      ctx.t('certificates.revokeWhat'),
      ...(reason ? [ctx.t('certificates.revokeWhy', { reason })] : []),
    ],
    yes: ctx.t('certificates.revokeYes'),
  };
}
