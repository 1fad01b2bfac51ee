// The follow-up pages: the due list (/follow-ups), one person's schedule, and the record form,
// usable on a 360 px phone (the list scrolls in its own region; the form is one column).

import { daysBetween } from '../../app/days.ts';
import { formatDay, formatDayShort } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  FilterForm,
  type ListPageProps,
  ListShell,
  SelectFilter,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { INCOME_BANDS, WORK_STATUSES } from './follow-ups.rules.ts';
import type { DueFilter, DueRow, Milestone, PersonFollowUps } from './follow-ups.service.ts';

function StatusBadge({
  ctx,
  status,
  due,
  today,
}: {
  ctx: ViewCtx;
  status: Milestone['status'];
  due: string | null;
  today: string;
}) {
  if (status === 'overdue' && due)
    return (
      <span class="badge off" data-testid="status-overdue">
        {ctx.t('followUps.status.overdue', { n: daysBetween(due, today) })}
      </span>
    );
  if (status === 'upcoming' && due)
    return (
      <span class="badge muted">{ctx.t('followUps.status.upcoming', { n: daysBetween(today, due) })}</span>
    );
  const cls = status === 'recorded' ? 'badge ok' : status === 'due' ? 'badge off' : 'badge muted';
  return (
    <span class={cls} data-testid={`status-${status}`}>
      {ctx.t(`followUps.status.${status}`, { n: 0 })}
    </span>
  );
}

export function DueListPage({ list }: { list: ListPageProps<DueRow, { filter?: DueFilter }> }) {
  const { ctx } = list;
  const bapas = ctx.user?.roles.includes('pembimbing_kemasyarakatan') ?? false;
  return (
    <ListShell list={list} title={ctx.t('followUps.title')} base="/follow-ups">
      <p class="muted">{ctx.t('followUps.intro')}</p>
      {bapas && <p class="muted">{ctx.t('followUps.introBapas')}</p>}
      <FilterForm ctx={ctx} action="/follow-ups">
        <SelectFilter
          ctx={ctx}
          name="filter"
          label="followUps.filter"
          value={list.query.filter === 'overdue' ? 'overdue' : undefined}
          options={[{ value: 'overdue', label: ctx.t('followUps.filter.overdue') }]}
        />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={list.rows}
        testid="follow-ups-due"
        none="followUps.none"
        count={list.total}
        heads={['followUps.person', 'followUps.dueOn', 'common.actions']}
        row={(r) => {
          const status = r.due_on < r.today ? 'overdue' : r.due_on === r.today ? 'due' : 'upcoming';
          return (
            <tr key={`${r.inmate_id}-${r.month_no}`} data-testid={`due-${r.inmate_id}-${r.month_no}`}>
              <td>
                <a href={`/follow-ups/${r.inmate_id}`}>{r.name}</a>
                <br />
                <span class="muted">{r.reg_number}</span>
                {/* A Bapas officer's people come from several units; a unit's staff know their own. */}
                {bapas && (
                  <>
                    <br />
                    <span class="muted">{r.unit_name}</span>
                  </>
                )}
              </td>
              <td>
                {ctx.t('followUps.monthN', { n: r.month_no })}: {formatDayShort(r.due_on)}
                <br />
                <StatusBadge ctx={ctx} status={status} due={r.due_on} today={r.today} />
              </td>
              <td>
                <a
                  href={`/follow-ups/${r.inmate_id}/${r.month_no}`}
                  data-testid={`record-${r.inmate_id}-${r.month_no}`}
                >
                  {ctx.t('followUps.record')}
                </a>
              </td>
            </tr>
          );
        }}
      />
    </ListShell>
  );
}

function PersonFacts({ ctx, p }: { ctx: ViewCtx; p: PersonFollowUps }) {
  const c = p.case;
  return (
    <section class="card" id="f-person" aria-labelledby="h-person">
      <h2 id="h-person" class="sr-only">
        {c.inmate_name}
      </h2>
      <dl class="facts">
        <dt>{ctx.t('followUps.regNumber')}</dt>
        <dd>{c.reg_number}</dd>
        <dt>{ctx.t('followUps.unit')}</dt>
        <dd>{c.unit_name}</dd>
        <dt>{ctx.t('followUps.releasedOn')}</dt>
        <dd data-testid="released-on">
          {c.released_on ? formatDay(c.released_on, ctx.lang) : ctx.t('followUps.status.not_released')}
        </dd>
        {c.release_kind && (
          <>
            <dt>{ctx.t('followUps.releaseKind')}</dt>
            <dd>{ctx.t(`followUps.kind.${c.release_kind}`)}</dd>
          </>
        )}
        {c.bapas_name && (
          <>
            <dt>{ctx.t('followUps.bapas')}</dt>
            <dd>{c.bapas_name}</dd>
          </>
        )}
        {c.pk_name && (
          <>
            <dt>{ctx.t('followUps.pk')}</dt>
            <dd>{c.pk_name}</dd>
          </>
        )}
      </dl>
      <p id="f-consent" data-testid="consent" class={p.consent ? undefined : 'warn'}>
        <strong>{ctx.t('followUps.consent')}:</strong>{' '}
        {ctx.t(p.consent ? 'followUps.consentYes' : 'followUps.consentNo')}
      </p>
      {!c.released_on && <p class="warn">{ctx.t('followUps.notReleasedYet')}</p>}
    </section>
  );
}

function Answers({ ctx, m }: { ctx: ViewCtx; m: Milestone }) {
  const r = m.record;
  if (!r) return <p class="muted">{ctx.t('followUps.notRecorded')}</p>;
  const yesNo = (v: boolean | null) =>
    ctx.t(v === null ? 'followUps.unknown' : v ? 'followUps.yes' : 'followUps.no');
  return (
    <dl class="facts">
      <dt>{ctx.t('followUps.contactedOn')}</dt>
      <dd>{formatDayShort(r.contacted_on)}</dd>
      {r.contact_lost && (
        <>
          <dt>{ctx.t('followUps.contactLostShort')}</dt>
          <dd>{ctx.t('followUps.yes')}</dd>
        </>
      )}
      {r.work_status && (
        <>
          <dt>{ctx.t('followUps.workStatus')}</dt>
          <dd>{ctx.t(`followUps.work.${r.work_status}`)}</dd>
        </>
      )}
      {r.income_band && (
        <>
          <dt>{ctx.t('followUps.incomeBand')}</dt>
          <dd>{ctx.t(`followUps.income.${r.income_band}`)}</dd>
        </>
      )}
      {!r.contact_lost && (
        <>
          <dt>{ctx.t('followUps.inTrade')}</dt>
          <dd>{yesNo(r.in_trade)}</dd>
        </>
      )}
      <dt>{ctx.t('followUps.reoffended')}</dt>
      <dd>{yesNo(r.reoffended)}</dd>
      {r.note && (
        <>
          <dt>{ctx.t('followUps.note')}</dt>
          <dd>{r.note}</dd>
        </>
      )}
      <dt>{ctx.t('followUps.recordedBy')}</dt>
      <dd>
        {r.recorded_by_name ?? ''}
        {r.by_bapas ? ` (${ctx.t('followUps.byBapas')})` : ''}
      </dd>
    </dl>
  );
}

export function PersonPage({ ctx, p }: { ctx: ViewCtx; p: PersonFollowUps }) {
  const c = p.case;
  const open = c.released_on !== null && p.consent;
  return (
    <Layout ctx={ctx} title={`${ctx.t('followUps.title')}: ${c.inmate_name}`}>
      <BackLink href="/follow-ups" label={ctx.t('followUps.title')} />
      <h1 data-testid="person-name">{c.inmate_name}</h1>
      <PersonFacts ctx={ctx} p={p} />
      <h2>{ctx.t('followUps.schedule')}</h2>
      {p.milestones.map((m) => (
        <section
          key={m.month_no}
          class="card"
          aria-labelledby={`m-${m.month_no}`}
          data-testid={`milestone-${m.month_no}`}
        >
          <h3 id={`m-${m.month_no}`}>
            {ctx.t('followUps.monthN', { n: m.month_no })}
            {m.due_on ? ` · ${formatDayShort(m.due_on)}` : ''}{' '}
            <StatusBadge ctx={ctx} status={m.status} due={m.due_on} today={p.today} />
          </h3>
          <Answers ctx={ctx} m={m} />
          {open && (
            <p>
              <a
                class="button"
                href={`/follow-ups/${c.inmate_id}/${m.month_no}`}
                data-testid={`record-${m.month_no}`}
              >
                {ctx.t(m.record ? 'followUps.correct' : 'followUps.record')}
              </a>
            </p>
          )}
        </section>
      ))}
    </Layout>
  );
}

const LABELS: Record<string, MessageKey> = {
  person: 'followUps.person',
  consent: 'followUps.consent',
  month_no: 'followUps.month',
  contacted_on: 'followUps.contactedOn',
  contact_lost: 'followUps.contactLostShort',
  work_status: 'followUps.workStatus',
  income_band: 'followUps.incomeBand',
  in_trade: 'followUps.inTrade',
  reoffended: 'followUps.reoffended',
  note: 'followUps.note',
};

/** The answers of a recorded follow-up as the form's values (booleans as the form posts them). */
export function formValues(m: Milestone, today: string): Record<string, unknown> {
  const r = m.record;
  if (!r) return { contacted_on: today };
  return {
    contacted_on: r.contacted_on,
    contact_lost: r.contact_lost ? 'true' : '',
    work_status: r.work_status ?? '',
    income_band: r.income_band ?? '',
    in_trade: r.in_trade === null ? '' : String(r.in_trade),
    reoffended: r.reoffended ? 'true' : '',
    note: r.note ?? '',
  };
}

function Check({
  ctx,
  form,
  name,
  label,
}: {
  ctx: ViewCtx;
  form: FormState;
  name: string;
  label: MessageKey;
}) {
  const err = form.errors.find((e) => e.field === name);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      {err && (
        <p class="error" id={`e-${name}`}>
          {ctx.t(err.key, err.params)}
        </p>
      )}
      <label class="check">
        <input
          type="checkbox"
          id={`f-${name}`}
          name={name}
          value="true"
          checked={String(form.values[name]) === 'true'}
          aria-describedby={err ? `e-${name}` : undefined}
        />{' '}
        {ctx.t(label)}
      </label>
    </div>
  );
}

export function RecordPage({
  ctx,
  p,
  month,
  form,
}: {
  ctx: ViewCtx;
  p: PersonFollowUps;
  month: Milestone;
  form: FormState;
}) {
  const c = p.case;
  const F = fieldsFor(ctx, form);
  const title = ctx.t('followUps.formTitle', { n: month.month_no });
  const open = c.released_on !== null && p.consent;
  return (
    <Layout ctx={ctx} title={`${title}: ${c.inmate_name}`}>
      <BackLink href={`/follow-ups/${c.inmate_id}`} label={c.inmate_name} />
      <h1>
        {title}: {c.inmate_name}
      </h1>
      {month.due_on && (
        <p>
          {ctx.t('followUps.dueOn')}: {formatDay(month.due_on, ctx.lang)}{' '}
          <StatusBadge ctx={ctx} status={month.status} due={month.due_on} today={p.today} />
        </p>
      )}
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <PersonFacts ctx={ctx} p={p} />
      {open && (
        <form
          method="post"
          action={`/follow-ups/${c.inmate_id}/${month.month_no}`}
          novalidate
          data-testid="follow-up-form"
        >
          <Csrf ctx={ctx} />
          <F.Text
            name="contacted_on"
            label="followUps.contactedOn"
            hint="followUps.contactedOnHint"
            type="date"
          />
          <Check ctx={ctx} form={form} name="contact_lost" label="followUps.contactLost" />
          <F.Select
            name="work_status"
            label="followUps.workStatus"
            hint="followUps.workStatusHint"
            optional
            blank=""
            options={WORK_STATUSES.map((w) => ({ value: w, label: ctx.t(`followUps.work.${w}`) }))}
          />
          <F.Select
            name="income_band"
            label="followUps.incomeBand"
            optional
            blank=""
            options={INCOME_BANDS.map((b) => ({ value: b, label: ctx.t(`followUps.income.${b}`) }))}
          />
          <F.Select
            name="in_trade"
            label="followUps.inTrade"
            optional
            blank={ctx.t('followUps.unknown')}
            options={[
              { value: 'true', label: ctx.t('followUps.yes') },
              { value: 'false', label: ctx.t('followUps.no') },
            ]}
          />
          <Check ctx={ctx} form={form} name="reoffended" label="followUps.reoffended" />
          <F.Area name="note" label="followUps.note" maxLength={1000} rows={3} />
          <button type="submit" class="primary" data-testid="follow-up-save">
            {ctx.t('followUps.save')}
          </button>
        </form>
      )}
    </Layout>
  );
}
