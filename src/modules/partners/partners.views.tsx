// Pages for partners: the list with search and filter, the add/edit form with a small contacts
// table, and a partner's page with its agreements and instructor accounts.
import { ErrorSummary, type FormState, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { Pager } from '../../app/pager.tsx';
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

export function PartnerListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
}: {
  ctx: ViewCtx;
  rows: PartnerRow[];
  total: number;
  page: number;
  pageSize: number;
  query: { q?: string | undefined; type?: string | undefined };
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('partners.title')}>
      <div class="title-row">
        <h1>{ctx.t('partners.title')}</h1>
        {ctx.can('partners.manage') && (
          <a class="button primary" href="/partners/new" data-testid="partner-new">
            {ctx.t('partners.new')}
          </a>
        )}
      </div>
      <form method="get" action="/partners" class="filters">
        <label>
          {ctx.t('common.search')}
          <input
            type="search"
            name="q"
            value={query.q ?? ''}
            placeholder={ctx.t('partners.searchPlaceholder')}
          />
        </label>
        <label>
          {ctx.t('partners.type')}
          <select name="type">
            <option value="">{ctx.t('common.all')}</option>
            {PARTNER_TYPES.map((t) => (
              <option key={t} value={t} selected={query.type === t}>
                {ctx.t(`partnerType.${t}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{ctx.t('common.filter')}</button>
      </form>
      {rows.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="partner-table">
            <caption class="muted">{total}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('partners.legalName')}</th>
                <th scope="col">{ctx.t('partners.type')}</th>
                <th scope="col">{ctx.t('partners.city')}</th>
                <th scope="col">{ctx.t('partners.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/partners/${p.id}`}>{p.legal_name}</a>
                  </td>
                  <td>{ctx.t(`partnerType.${p.type}`)}</td>
                  <td>{p.city ?? '—'}</td>
                  <td>{p.unit_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ctx={ctx} base="/partners" query={query} page={page} total={total} pageSize={pageSize} />
    </Layout>
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

export function PartnerPage({ ctx, data }: { ctx: ViewCtx; data: PartnerPageData }) {
  const p = data.partner;
  const canManage = ctx.can('partners.manage');
  return (
    <Layout ctx={ctx} title={p.legal_name}>
      <p>
        <a href="/partners">← {ctx.t('partners.title')}</a>
      </p>
      <div class="title-row">
        <h1 data-testid="partner-name">{p.legal_name}</h1>
        {canManage && (
          <a class="button" href={`/partners/${p.id}/edit`}>
            {ctx.t('common.edit')}
          </a>
        )}
      </div>
      <dl class="facts">
        <dt>{ctx.t('partners.type')}</dt>
        <dd>{ctx.t(`partnerType.${p.type}`)}</dd>
        <dt>{ctx.t('partners.unit')}</dt>
        <dd>{p.unit_name}</dd>
        {p.nib && (
          <>
            <dt>{ctx.t('partners.nib')}</dt>
            <dd>{p.nib}</dd>
          </>
        )}
        {p.npwp && (
          <>
            <dt>{ctx.t('partners.npwp')}</dt>
            <dd>{p.npwp}</dd>
          </>
        )}
        {(p.address || p.city) && (
          <>
            <dt>{ctx.t('partners.address')}</dt>
            <dd>{[p.address, p.city].filter(Boolean).join(', ')}</dd>
          </>
        )}
        {p.phone && (
          <>
            <dt>{ctx.t('partners.phone')}</dt>
            <dd>{p.phone}</dd>
          </>
        )}
        {p.email && (
          <>
            <dt>{ctx.t('partners.email')}</dt>
            <dd>{p.email}</dd>
          </>
        )}
        {p.notes && (
          <>
            <dt>{ctx.t('partners.notes')}</dt>
            <dd>{p.notes}</dd>
          </>
        )}
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
      <div class="title-row">
        <h2>{ctx.t('partners.agreements')}</h2>
        {ctx.can('agreements.manage') && (
          <a
            class="button"
            href={`/agreements/new?partner_id=${p.id}`}
            data-testid="agreement-new-for-partner"
          >
            {ctx.t('agreements.new')}
          </a>
        )}
      </div>
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
            <TextField
              ctx={ctx}
              form={data.instructorForm}
              name="username"
              label="users.username"
              hint="users.usernameHint"
              maxLength={40}
              autocomplete="off"
            />
            <TextField
              ctx={ctx}
              form={data.instructorForm}
              name="full_name"
              label="users.fullName"
              maxLength={120}
            />
            <TextField
              ctx={ctx}
              form={data.instructorForm}
              name="phone"
              label="users.phone"
              type="tel"
              optional
            />
            <TextField
              ctx={ctx}
              form={data.instructorForm}
              name="email"
              label="users.email"
              type="email"
              optional
            />
            <TextField
              ctx={ctx}
              form={data.instructorForm}
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
