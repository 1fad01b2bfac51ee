// A person's page in the inmate register: the masked NIK, Register F, status history and the status
// actions (the list: inmates.list.views.tsx; the ekspirasi history: inmates.expiry.views.tsx).

import { Fact } from '../../app/facts.tsx';
import { formatDayShort } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { ExpiryHistory } from './inmates.expiry.views.tsx';
import type { InmateMay } from './inmates.policy.ts';
import { remainingMonths } from './inmates.rules.ts';
import type { InmateCertificate, inmateDetail } from './inmates.service.ts';

type Detail = Awaited<ReturnType<typeof inmateDetail>> & { certificates: InmateCertificate[] };

export const LABELS: Record<string, MessageKey> = {
  unit_id: 'inmates.unit',
  reg_number: 'inmates.regNumber',
  name: 'inmates.name',
  gender: 'inmates.gender',
  birth_date: 'inmates.birthDate',
  entry_date: 'inmates.entryDate',
  expected_release_date: 'inmates.expectedRelease',
  block: 'inmates.block',
  room: 'inmates.room',
  education: 'inmates.education',
  skills: 'inmates.skills',
  interests: 'inmates.interests',
  risk_level: 'inmates.riskLevel',
  health_restriction: 'inmates.healthRestriction',
  nik: 'inmates.nik',
  change: 'inmates.status',
  on_date: 'inmates.onDate',
  reason: 'inmates.reason',
  violation: 'inmates.violation',
  sanction: 'inmates.sanction',
};

export const day = (d: string | null) => (d ? formatDayShort(d) : '—');

export function StatusBadge({ ctx, status }: { ctx: ViewCtx; status: string }) {
  return <span class={`badge status-${status}`}>{ctx.t(`inmateStatus.${status as 'active'}`)}</span>;
}

export function PastExpiryFlag({ ctx }: { ctx: ViewCtx }) {
  return (
    <span class="badge status-expired" data-testid="past-expiry" title={ctx.t('inmates.pastExpiryHint')}>
      {ctx.t('inmates.pastExpiry')}
    </span>
  );
}

function StatusForm(p: {
  ctx: ViewCtx;
  id: string;
  change: 'release' | 'transfer' | 'readmit';
  form: FormState;
  today: string;
}) {
  const { ctx } = p;
  const label: MessageKey =
    p.change === 'release'
      ? 'inmates.release'
      : p.change === 'transfer'
        ? 'inmates.transfer'
        : 'inmates.readmit';
  const reasonLabel: MessageKey =
    p.change === 'release'
      ? 'inmates.releaseReason'
      : p.change === 'transfer'
        ? 'inmates.transferReason'
        : 'inmates.reason';
  const mine = p.form.values.change === p.change;
  const form = mine ? p.form : { values: { on_date: p.today }, errors: [] };
  return (
    <details class="panel" open={mine && p.form.errors.length > 0}>
      <summary>{ctx.t(label)}</summary>
      {mine && <ErrorSummary ctx={ctx} form={form} labels={LABELS} />}
      <form method="post" action={`/inmates/${p.id}/status`} novalidate data-testid={`status-${p.change}`}>
        <Csrf ctx={ctx} />
        <input type="hidden" name="change" value={p.change} />
        <TextField ctx={ctx} form={form} name="on_date" label="inmates.onDate" type="date" />
        <TextField
          ctx={ctx}
          form={form}
          name="reason"
          label={reasonLabel}
          optional={p.change === 'readmit'}
          maxLength={500}
        />
        <button type="submit">{ctx.t(label)}</button>
      </form>
    </details>
  );
}

export function InmatePage(p: {
  ctx: ViewCtx;
  d: Detail;
  today: string;
  statusForm: FormState;
  registerFForm: FormState;
  expiryForm: FormState;
  may: InmateMay;
}) {
  const { ctx } = p;
  const i = p.d.inmate;
  const manage = p.may.manage;
  const remaining = remainingMonths(i.expected_release_date, p.today);
  const fact = (key: MessageKey, value: string | null | undefined, testid?: string) => (
    <Fact ctx={ctx} label={key} value={value} testid={testid} />
  );
  const rf = fieldsFor(ctx, p.registerFForm);
  return (
    <Layout ctx={ctx} title={i.name}>
      <BackLink href="/inmates" label={ctx.t('inmates.title')} />
      <TitleRow title={i.name} testid="inmate-name">
        {ctx.can('premi.view') && (
          <a class="button" href={`/inmates/${i.id}/premi`} data-testid="inmate-premi">
            {ctx.t('savings.ledgerLink')}
          </a>
        )}
        {ctx.can('privacy.subject_export') && (
          <a class="button" href={`/privacy/subjects/${i.id}`} data-testid="inmate-subject-export">
            {ctx.t('subject.link')}
          </a>
        )}
        {manage && (
          <a class="button" href={`/inmates/${i.id}/edit`}>
            {ctx.t('common.edit')}
          </a>
        )}
      </TitleRow>
      <dl class="facts">
        {fact('inmates.regNumber', i.reg_number, 'inmate-reg')}
        {fact('inmates.category', `${ctx.t(`category.${i.category}`)} (${i.register_class})`)}
        <dt>{ctx.t('inmates.status')}</dt>
        <dd>
          <StatusBadge ctx={ctx} status={i.status} />
        </dd>
        {fact('inmates.unit', i.unit_name)}
        {fact('inmates.gender', ctx.t(`gender.${i.gender}`))}
        {fact('inmates.birthDate', day(i.birth_date))}
        {fact('inmates.entryDate', day(i.entry_date))}
        <dt>{ctx.t('inmates.expectedRelease')}</dt>
        <dd data-testid="inmate-expiry">
          {day(i.expected_release_date)}
          {i.past_expiry && (
            <>
              {' '}
              <PastExpiryFlag ctx={ctx} />
              <br />
              <span class="hint">{ctx.t('inmates.pastExpiryHint')}</span>
            </>
          )}
        </dd>
        {fact(
          // A detainee's date ends the detention order: sisa masa penahanan, not pidana.
          i.category === 'tahanan' ? 'inmates.remainingDetention' : 'inmates.remaining',
          remaining === null || i.status !== 'active'
            ? null
            : ctx.t('inmates.remainingMonths', { n: remaining }),
          'inmate-remaining',
        )}
        {fact('inmates.block', [i.block, i.room].filter(Boolean).join(' / ') || null)}
        {fact('inmates.education', i.education)}
        {fact('inmates.skills', i.skills.join(', ') || null)}
        {fact('inmates.interests', i.interests.join(', ') || null)}
        {fact('inmates.riskLevel', i.risk_level && ctx.t(`risk.${i.risk_level}`))}
        {fact('inmates.healthRestriction', i.health_restriction ? ctx.t('common.yes') : null)}
        {fact('inmates.nik', i.nik_masked, 'inmate-nik')}
      </dl>
      {manage && (
        <section class="actions" data-testid="inmate-actions">
          {i.status === 'active' ? (
            <>
              <StatusForm ctx={ctx} id={i.id} change="release" form={p.statusForm} today={p.today} />
              <StatusForm ctx={ctx} id={i.id} change="transfer" form={p.statusForm} today={p.today} />
            </>
          ) : (
            <StatusForm ctx={ctx} id={i.id} change="readmit" form={p.statusForm} today={p.today} />
          )}
        </section>
      )}
      <ExpiryHistory ctx={ctx} d={p.d} form={p.expiryForm} manage={manage && i.status === 'active'} />
      <h2>{ctx.t('inmates.registerF')}</h2>
      {p.d.registerF.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="register-f">
          {p.d.registerF.map((f) => (
            <li key={f.id}>
              <strong>{day(f.entry_date)}</strong> · {f.violation}
              {f.sanction && ` · ${ctx.t('inmates.sanction')}: ${f.sanction}`}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <details class="panel" open={p.registerFForm.errors.length > 0}>
          <summary>{ctx.t('inmates.registerFAdd')}</summary>
          <ErrorSummary ctx={ctx} form={p.registerFForm} labels={LABELS} />
          <form method="post" action={`/inmates/${i.id}/register-f`} novalidate data-testid="register-f-form">
            <Csrf ctx={ctx} />
            <rf.Text name="entry_date" label="inmates.onDate" type="date" />
            <rf.Text name="violation" label="inmates.violation" maxLength={500} />
            <rf.Text name="sanction" label="inmates.sanction" optional maxLength={500} />
            <button type="submit">{ctx.t('inmates.registerFAdd')}</button>
          </form>
        </details>
      )}
      <h2>{ctx.t('inmates.history')}</h2>
      <DataTable
        ctx={ctx}
        rows={p.d.history}
        testid="status-history"
        keepEmpty
        heads={['inmates.onDate', 'inmates.status', 'inmates.reason', 'inmates.by']}
        row={(h) => (
          <tr key={h.id}>
            <td>{day(h.on_date)}</td>
            <td>
              <StatusBadge ctx={ctx} status={h.status} />
            </td>
            <td>{h.reason ?? '—'}</td>
            <td>{h.created_by_name ?? '—'}</td>
          </tr>
        )}
      />
      <h2>{ctx.t('inmates.programmes')}</h2>
      {p.d.programmes.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="programme-history">
          {p.d.programmes.map((e) => (
            <li key={e.id}>
              <a href={`/programmes/${e.programme_id}`}>{e.programme_name}</a> · {day(e.started_on)}
              {e.ended_on ? ` – ${day(e.ended_on)}` : ''} · {ctx.t(`enrolments.status.${e.status}`)}
              {e.end_reason ? ` (${ctx.t(`enrolments.endReason.${e.end_reason}`)})` : ''}
            </li>
          ))}
        </ul>
      )}
      {p.d.certificates.length > 0 && (
        <>
          <h2>{ctx.t('certificates.ofPerson')}</h2>
          <ul class="plain" data-testid="inmate-certificates">
            {p.d.certificates.map((c) => (
              <li key={c.id}>
                <a href={`/certificates/${c.id}`}>{c.number}</a> · {c.programme_name} · {day(c.issued_on)} ·{' '}
                {ctx.t(`certificates.status.${c.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
