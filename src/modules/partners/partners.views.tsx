// Pages for partners: the list with search and filter, the add/edit form with a small contacts
// table, and a partner's page with its agreements and instructor accounts.

import { Fact } from '../../app/facts.tsx';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  FilterForm,
  type ListPageProps,
  ListShell,
  SearchField,
  SelectFilter,
  TitleRow,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { PartnerRow } from './partners.repo.ts';
import { PARTNER_TYPES } from './partners.schema.ts';

export const LABELS: Record<string, MessageKey> = {
  unit_id: 'partners.unit',
  type: 'partners.type',
  legal_name: 'partners.legalName',
  nib: 'partners.nib',
  npwp: 'partners.npwp',
  address: 'partners.address',
  city: 'partners.city',
  phone: 'partners.phone',
  email: 'partners.email',
  website: 'partners.website',
  notes: 'partners.notes',
  contacts: 'partners.contacts',
  username: 'users.username',
  full_name: 'users.fullName',
  password: 'users.password',
  roles: 'users.roles',
};

export function PartnerListPage(
  p: ListPageProps<PartnerRow, { q?: string | undefined; type?: string | undefined }> & {
    /** From partners.policy.ts: whether to offer adding a partner. */
    canManage: boolean;
  },
) {
  const { ctx, rows, total, query } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('partners.title')}
      base="/partners"
      actions={
        p.canManage && (
          <a class="button primary" href="/partners/new" data-testid="partner-new">
            {ctx.t('partners.new')}
          </a>
        )
      }
    >
      <FilterForm ctx={ctx} action="/partners">
        <SearchField ctx={ctx} value={query.q} placeholder="partners.searchPlaceholder" />
        <SelectFilter
          ctx={ctx}
          label="partners.type"
          name="type"
          value={query.type}
          options={PARTNER_TYPES.map((t) => ({ value: t, label: ctx.t(`partnerType.${t}`) }))}
        />
      </FilterForm>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="partner-table"
        count={total}
        heads={['partners.legalName', 'partners.type', 'partners.city', 'partners.unit']}
        row={(p) => (
          <tr key={p.id}>
            <td>
              <a href={`/partners/${p.id}`}>{p.legal_name}</a>
            </td>
            <td>{ctx.t(`partnerType.${p.type}`)}</td>
            <td>{p.city ?? '—'}</td>
            <td>{p.unit_name}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}

export interface PartnerPageData {
  partner: PartnerRow;
  agreements: ReadonlyArray<{
    id: string;
    title: string;
    kind: string;
    status: string;
    valid_from: string;
    valid_to: string | null;
  }>;
  instructors: ReadonlyArray<{ id: string; username: string; full_name: string; active: boolean }>;
  programmes: ReadonlyArray<{ id: string; name: string }>;
  instructorForm: FormState;
  oneTime?: { username: string; password: string } | null;
}

/** What the partner's page offers (partners.policy.ts and, for a new agreement, agreements'). */
export interface PartnerPageMay {
  manage: boolean;
  addAgreement: boolean;
}

export function PartnerPage({
  ctx,
  may,
  data,
}: {
  ctx: ViewCtx;
  may: PartnerPageMay;
  data: PartnerPageData;
}) {
  const p = data.partner;
  const canManage = may.manage;
  const inst = fieldsFor(ctx, data.instructorForm);
  return (
    <Layout ctx={ctx} title={p.legal_name}>
      <BackLink href="/partners" label={ctx.t('partners.title')} />
      <TitleRow title={p.legal_name} testid="partner-name">
        {canManage && (
          <a class="button" href={`/partners/${p.id}/edit`}>
            {ctx.t('common.edit')}
          </a>
        )}
      </TitleRow>
      <dl class="facts">
        <dt>{ctx.t('partners.type')}</dt>
        <dd>{ctx.t(`partnerType.${p.type}`)}</dd>
        <dt>{ctx.t('partners.unit')}</dt>
        <dd>{p.unit_name}</dd>
        <Fact ctx={ctx} label="partners.nib" value={p.nib} />
        <Fact ctx={ctx} label="partners.npwp" value={p.npwp} />
        <Fact ctx={ctx} label="partners.address" value={[p.address, p.city].filter(Boolean).join(', ')} />
        <Fact ctx={ctx} label="partners.phone" value={p.phone} />
        <Fact ctx={ctx} label="partners.email" value={p.email} />
        <Fact ctx={ctx} label="partners.notes" value={p.notes} />
      </dl>
      {p.contacts.length > 0 && (
        <>
          <h2>{ctx.t('partners.contacts')}</h2>
          <ul class="plain">
            {p.contacts.map((c) => (
              <li key={c.name}>
                <strong>{c.name}</strong>
                {c.position && `, ${c.position}`}
                {c.phone && ` · ${c.phone}`}
                {c.email && ` · ${c.email}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <TitleRow title={ctx.t('partners.agreements')} h2>
        {may.addAgreement && (
          <a
            class="button"
            href={`/agreements/new?partner_id=${p.id}`}
            data-testid="agreement-new-for-partner"
          >
            {ctx.t('agreements.new')}
          </a>
        )}
      </TitleRow>
      {data.agreements.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="partner-agreements">
          {data.agreements.map((a) => (
            <li key={a.id}>
              <a href={`/agreements/${a.id}`}>{a.title}</a> · {ctx.t(`kind.${a.kind as 'pks'}`)} ·{' '}
              <span class={`badge status-${a.status}`}>{ctx.t(`status.${a.status as 'draft'}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{ctx.t('partners.programmes')}</h2>
      {data.programmes.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="partner-programmes">
          {data.programmes.map((p) => (
            <li key={p.id}>
              <a href={`/programmes/${p.id}`}>{p.name}</a>
            </li>
          ))}
        </ul>
      )}
      <h2>{ctx.t('partners.instructors')}</h2>
      {data.oneTime && (
        <div class="notice" role="status" data-testid="one-time-password">
          <p>{ctx.t('users.oneTime', { user: data.oneTime.username })}</p>
          <p>
            <code class="secret">{data.oneTime.password}</code>
          </p>
        </div>
      )}
      {data.instructors.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="partner-instructors">
          {data.instructors.map((u) => (
            <li key={u.id}>
              {u.full_name} <code>{u.username}</code> {!u.active && `(${ctx.t('common.inactive')})`}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <details class="panel" open={data.instructorForm.errors.length > 0}>
          <summary>{ctx.t('partners.newInstructor')}</summary>
          <ErrorSummary ctx={ctx} form={data.instructorForm} labels={LABELS} />
          <form
            method="post"
            action={`/partners/${p.id}/instructors`}
            novalidate
            data-testid="instructor-form"
          >
            <Csrf ctx={ctx} />
            <inst.Text
              name="username"
              label="users.username"
              hint="users.usernameHint"
              maxLength={40}
              autocomplete="off"
            />
            <inst.Text name="full_name" label="users.fullName" maxLength={120} />
            <inst.Text name="phone" label="users.phone" type="tel" optional />
            <inst.Text name="email" label="users.email" type="email" optional />
            <inst.Text
              name="password"
              label="users.password"
              type="password"
              hint="users.passwordHint"
              optional
              autocomplete="new-password"
            />
            <button type="submit">{ctx.t('partners.newInstructor')}</button>
          </form>
        </details>
      )}
    </Layout>
  );
}
