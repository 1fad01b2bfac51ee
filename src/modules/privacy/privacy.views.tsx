// Breach register pages: the list, the form to record a breach, a breach with its deadline and
// notices, and the forms to record a notice and to close. Times show in the breach's unit zone.

import { Fact } from '../../app/facts.tsx';
import { formatDateTime } from '../../app/format.ts';
import { CheckboxGroup, ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
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
import type { TimeZone } from '../../db/schema.ts';
import { DateTimeField, LongText, remaining } from './privacy.fields.tsx';
import type { PrivacyMay } from './privacy.policy.ts';
import type { Breach } from './privacy.service.ts';

const at = (ctx: ViewCtx, d: Date, zone: TimeZone) => formatDateTime(d, zone, ctx.lang);

/** Where a breach stands against its 3 x 24 h deadline; overdue ones stand out. */
export function Deadline({ ctx, b }: { ctx: ViewCtx; b: Breach }) {
  if (b.state.notified)
    return (
      <span class="badge ok" data-testid="breach-notified">
        {ctx.t('privacy.notified')}
      </span>
    );
  const who = b.state.pending.map((r) => ctx.t(`privacy.recipient.${r}`)).join(', ');
  return (
    <span data-testid={b.state.overdue ? 'breach-overdue' : 'breach-countdown'}>
      <time datetime={b.state.dueAt.toISOString()}>{at(ctx, b.state.dueAt, b.timezone)}</time>
      <br />
      {b.state.overdue ? (
        <strong class="warn">
          {ctx.t('privacy.overdue')}: {remaining(ctx, b.state.minutesLeft)}
        </strong>
      ) : (
        <strong>{remaining(ctx, b.state.minutesLeft)}</strong>
      )}
      <br />
      <small>{ctx.t('privacy.pending', { who })}</small>
    </span>
  );
}

export interface BreachQuery {
  status?: string | undefined;
  page?: number | undefined;
}

export function BreachListPage(p: ListPageProps<Breach, BreachQuery> & { may: PrivacyMay }) {
  const { ctx } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('privacy.breaches')}
      base="/privacy/breaches"
      actions={
        p.may.manageBreaches && (
          <a class="button primary" href="/privacy/breaches/new" data-testid="breach-new">
            {ctx.t('privacy.newBreach')}
          </a>
        )
      }
    >
      <p class="muted">{ctx.t('privacy.breachesIntro')}</p>
      <p>
        <a href="/privacy/legal-basis">{ctx.t('privacy.basis.title')}</a>
        {p.may.accessLog && (
          <>
            {' · '}
            <a href="/privacy/access-log">{ctx.t('privacy.access.title')}</a>
          </>
        )}
      </p>
      <FilterForm ctx={ctx} action="/privacy/breaches">
        <SelectFilter
          ctx={ctx}
          label="common.status"
          name="status"
          value={p.query.status}
          options={(['open', 'closed'] as const).map((s) => ({
            value: s,
            label: ctx.t(`privacy.status.${s}`),
          }))}
        />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={p.rows}
        count={p.total}
        testid="breach-table"
        heads={[
          'privacy.breach',
          'privacy.unit',
          'privacy.foundAt',
          { num: 'privacy.peopleAffected' },
          'privacy.dueAt',
          'common.status',
        ]}
        row={(b) => (
          <tr key={b.id} class={b.state.overdue ? 'overdue' : undefined} data-testid={`breach-${b.id}`}>
            <td>
              <a href={`/privacy/breaches/${b.id}`}>{b.title}</a>
            </td>
            <td>{b.unit_name}</td>
            <td>{at(ctx, b.found_at, b.timezone)}</td>
            <td class="num">{b.people_affected}</td>
            <td>{b.status === 'open' ? <Deadline ctx={ctx} b={b} /> : '—'}</td>
            <td>{ctx.t(`privacy.status.${b.status}`)}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}

const BREACH_LABELS: Record<string, MessageKey> = {
  unit_id: 'privacy.unit',
  title: 'privacy.titleField',
  description: 'privacy.description',
  occurred_at: 'privacy.occurredAt',
  found_at: 'privacy.foundAt',
  categories: 'privacy.categories',
  people_affected: 'privacy.peopleAffected',
  measures: 'privacy.measures',
};

export function BreachFormPage({
  ctx,
  form,
  units,
  categories,
}: {
  ctx: ViewCtx;
  form: FormState;
  units: Array<{ id: string; name: string }>;
  categories: Array<{ value: string; label: string }>;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('privacy.newBreach')}>
      <BackLink href="/privacy/breaches" label={ctx.t('privacy.breaches')} />
      <h1>{ctx.t('privacy.newBreach')}</h1>
      <p class="muted">{ctx.t('privacy.breachesIntro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={BREACH_LABELS} />
      <form method="post" action="/privacy/breaches" novalidate data-testid="breach-form">
        <Csrf ctx={ctx} />
        {!ctx.user?.unitId && (
          <SelectField
            ctx={ctx}
            form={form}
            name="unit_id"
            label="privacy.unit"
            blank=""
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <TextField ctx={ctx} form={form} name="title" label="privacy.titleField" maxLength={200} />
        <LongText
          ctx={ctx}
          form={form}
          name="description"
          label="privacy.description"
          hint="privacy.descriptionHint"
          maxLength={5000}
        />
        <DateTimeField
          ctx={ctx}
          form={form}
          name="found_at"
          label="privacy.foundAt"
          hint="privacy.foundHint"
        />
        <DateTimeField
          ctx={ctx}
          form={form}
          name="occurred_at"
          label="privacy.occurredAt"
          hint="privacy.occurredHint"
          optional
        />
        <CheckboxGroup
          ctx={ctx}
          form={form}
          name="categories"
          label="privacy.categories"
          options={categories}
        />
        <TextField
          ctx={ctx}
          form={form}
          name="people_affected"
          label="privacy.peopleAffected"
          type="number"
        />
        <LongText
          ctx={ctx}
          form={form}
          name="measures"
          label="privacy.measures"
          hint="privacy.measuresHint"
          maxLength={5000}
        />
        <button type="submit" class="primary">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}

export function BreachPage({
  ctx,
  b,
  categories,
  may,
}: {
  ctx: ViewCtx;
  b: Breach;
  categories: Array<{ value: string; label: string }>;
  may: PrivacyMay;
}) {
  const label = (code: string) => categories.find((c) => c.value === code)?.label ?? code;
  const open = b.status === 'open';
  const manage = may.manageBreaches;
  return (
    <Layout ctx={ctx} title={b.title}>
      <BackLink href="/privacy/breaches" label={ctx.t('privacy.breaches')} />
      <h1 data-testid="breach-title">{b.title}</h1>
      <p>
        <span class="badge" data-testid="breach-status">
          {ctx.t(`privacy.status.${b.status}`)}
        </span>{' '}
        {b.unit_name}
      </p>
      <dl class="facts">
        <Fact ctx={ctx} label="privacy.description" value={b.description} />
        <Fact
          ctx={ctx}
          label="privacy.occurredAt"
          value={b.occurred_at && at(ctx, b.occurred_at, b.timezone)}
        />
        <Fact
          ctx={ctx}
          label="privacy.foundAt"
          value={at(ctx, b.found_at, b.timezone)}
          testid="breach-found"
        />
        <Fact ctx={ctx} label="privacy.dueAt" value={<Deadline ctx={ctx} b={b} />} testid="breach-deadline" />
        <Fact ctx={ctx} label="privacy.categories" value={b.categories.map(label).join('; ')} />
        <Fact ctx={ctx} label="privacy.peopleAffected" value={String(b.people_affected)} />
        <Fact ctx={ctx} label="privacy.measures" value={b.measures} />
        <Fact ctx={ctx} label="privacy.closedAt" value={b.closed_at && at(ctx, b.closed_at, b.timezone)} />
        <Fact ctx={ctx} label="privacy.closingNote" value={b.closing_note} />
      </dl>
      <h2>{ctx.t('privacy.notices')}</h2>
      <DataTable
        ctx={ctx}
        rows={b.notices}
        none="privacy.noNotices"
        testid="breach-notices"
        heads={['privacy.recipient', 'privacy.notifiedAt', 'privacy.notifiedTo', 'privacy.channel']}
        row={(n) => (
          <tr key={n.id}>
            <td>{ctx.t(`privacy.recipient.${n.recipient}`)}</td>
            <td>
              {at(ctx, n.notified_at, b.timezone)}
              {n.late && <strong class="warn"> ({ctx.t('privacy.late')})</strong>}
            </td>
            <td>{n.notified_to}</td>
            <td>{n.channel}</td>
          </tr>
        )}
      />
      {open && manage && (
        <p class="actions">
          {b.state.pending.length > 0 && (
            <a class="button primary" href={`/privacy/breaches/${b.id}/notify`} data-testid="breach-notify">
              {ctx.t('privacy.recordNotice')}
            </a>
          )}
          {b.state.notified && (
            <a class="button" href={`/privacy/breaches/${b.id}/close`} data-testid="breach-close">
              {ctx.t('privacy.close')}
            </a>
          )}
        </p>
      )}
    </Layout>
  );
}

const NOTICE_LABELS: Record<string, MessageKey> = {
  recipient: 'privacy.recipient',
  notified_at: 'privacy.notifiedAt',
  notified_to: 'privacy.notifiedTo',
  channel: 'privacy.channel',
};

export function NoticePage({ ctx, b, form }: { ctx: ViewCtx; b: Breach; form: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.t('privacy.recordNotice')}>
      <BackLink href={`/privacy/breaches/${b.id}`} label={b.title} />
      <h1>{ctx.t('privacy.recordNotice')}</h1>
      <p>
        {ctx.t('privacy.dueAt')}: <Deadline ctx={ctx} b={b} />
      </p>
      <ErrorSummary ctx={ctx} form={form} labels={NOTICE_LABELS} />
      <form
        method="post"
        action={`/privacy/breaches/${b.id}/notifications`}
        novalidate
        data-testid="notice-form"
      >
        <Csrf ctx={ctx} />
        <SelectField
          ctx={ctx}
          form={form}
          name="recipient"
          label="privacy.recipient"
          options={b.state.pending.map((r) => ({ value: r, label: ctx.t(`privacy.recipient.${r}`) }))}
        />
        <DateTimeField ctx={ctx} form={form} name="notified_at" label="privacy.notifiedAt" />
        <TextField
          ctx={ctx}
          form={form}
          name="notified_to"
          label="privacy.notifiedTo"
          hint="privacy.notifiedToHint"
          maxLength={500}
        />
        <TextField
          ctx={ctx}
          form={form}
          name="channel"
          label="privacy.channel"
          hint="privacy.channelHint"
          maxLength={200}
        />
        <button type="submit" class="primary">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}

export function ClosePage({ ctx, b, form }: { ctx: ViewCtx; b: Breach; form: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.t('privacy.close')}>
      <BackLink href={`/privacy/breaches/${b.id}`} label={b.title} />
      <h1>{ctx.t('privacy.close')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ closing_note: 'privacy.closingNote' }} />
      <form method="post" action={`/privacy/breaches/${b.id}/close`} novalidate data-testid="close-form">
        <Csrf ctx={ctx} />
        <LongText ctx={ctx} form={form} name="closing_note" label="privacy.closingNote" maxLength={2000} />
        <button type="submit" class="primary">
          {ctx.t('privacy.close')}
        </button>
      </form>
    </Layout>
  );
}
