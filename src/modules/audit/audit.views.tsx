// The audit log page: filters, and each record with what changed; for regional and national
// offices, counts per unit and action instead.

import type { ComponentChildren } from 'preact';
import { Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import { Pager } from '../../app/pager.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { ERASED, REDACTED } from './audit.personal.ts';
import { actionChoices, actionLabel, entityLabel, hasActionLabel } from './audit.words.ts';

export interface AuditItem {
  id: string;
  at: Date;
  actor_name: string;
  unit_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

/** Only the keys whose values differ, so a reviewer sees the change rather than two whole rows. */
function changes(ctx: ViewCtx, before: unknown, after: unknown): Array<[string, string, string]> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const show = (v: unknown) =>
    v === undefined
      ? ''
      : v === REDACTED
        ? ctx.t('audit.redacted')
        : v === ERASED
          ? ctx.t('audit.erased')
          : typeof v === 'string'
            ? v
            : JSON.stringify(v);
  // A hidden value is listed on the side it appears, so the reader knows a field is there.
  const hidden = (v: unknown) => v === REDACTED || v === ERASED;
  return keys
    .filter((k) => hidden(a[k]) || hidden(b[k]) || JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => [k, show(b[k]), show(a[k])]);
}

/** The filters both views share; offices filter by action and period only, never by person. */
function AuditFilters({
  ctx,
  query,
  byActor,
}: {
  ctx: ViewCtx;
  query: Record<string, string | undefined>;
  byActor: boolean;
}) {
  const chosen = query.action ?? '';
  // A link may still filter by a code's beginning (`?action=units.`): kept, named in words.
  const linked = chosen !== '' && !hasActionLabel(chosen);
  return (
    <form method="get" action="/admin/audit" class="filters">
      <label>
        {ctx.t('audit.action')}
        <select name="action">
          <option value="">{ctx.t('audit.actionAll')}</option>
          {linked && (
            <option value={chosen} selected>
              {ctx.t('audit.actionLinked')}
            </option>
          )}
          {actionChoices(ctx.t).map((a) => (
            <option key={a.code} value={a.code} selected={a.code === chosen}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      {byActor && (
        <label>
          {ctx.t('audit.actor')}
          <input name="actor" value={query.actor ?? ''} />
        </label>
      )}
      <label>
        {ctx.t('audit.from')}
        <input type="date" name="from" value={query.from ?? ''} />
      </label>
      <label>
        {ctx.t('audit.to')}
        <input type="date" name="to" value={query.to ?? ''} />
      </label>
      <button type="submit">{ctx.t('common.filter')}</button>
    </form>
  );
}

/** One table for both views: its columns, a row per item (or "none"), and an optional footer. */
function AuditTable<T>({
  ctx,
  testid,
  head,
  items,
  row,
  foot,
}: {
  ctx: ViewCtx;
  testid: string;
  head: ComponentChildren;
  items: readonly T[];
  row: (item: T) => ComponentChildren;
  foot?: ComponentChildren;
}) {
  if (items.length === 0) return <p>{ctx.t('common.none')}</p>;
  return (
    <ScrollRegion label={ctx.t('audit.title')}>
      <table data-testid={testid}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{items.map(row)}</tbody>
        {foot}
      </table>
    </ScrollRegion>
  );
}

export function AuditPage({
  ctx,
  rows,
  total,
  page,
  query,
}: {
  ctx: ViewCtx;
  rows: AuditItem[];
  total: number;
  page: number;
  query: Record<string, string | undefined>;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('audit.title')}>
      <h1>{ctx.t('audit.title')}</h1>
      <AuditFilters ctx={ctx} query={query} byActor />
      <AuditTable
        ctx={ctx}
        testid="audit-table"
        items={rows}
        head={
          <>
            <th scope="col">{ctx.t('audit.at')}</th>
            <th scope="col">{ctx.t('audit.actor')}</th>
            <th scope="col">{ctx.t('audit.action')}</th>
            <th scope="col">{ctx.t('audit.unit')}</th>
            <th scope="col">{ctx.t('audit.changes')}</th>
          </>
        }
        row={(r) => (
          <tr key={r.id}>
            <td>
              <time datetime={r.at.toISOString()}>{ctx.dateTime(r.at)}</time>
              <br />
              <small>#{r.id}</small>
            </td>
            <td>{r.actor_name}</td>
            <td data-action={r.action}>
              {actionLabel(ctx.t, r.action)}
              <br />
              <small>{entityLabel(ctx.t, r.entity)}</small>
            </td>
            <td>{r.unit_name ?? '—'}</td>
            <td>
              {changes(ctx, r.before, r.after).length > 0 && (
                <dl class="diff">
                  {changes(ctx, r.before, r.after).map(([k, b, a]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>
                        {b && <del>{b}</del>} {a && <ins>{a}</ins>}
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </td>
          </tr>
        )}
      />
      <Pager ctx={ctx} base="/admin/audit" query={query} page={page} total={total} pageSize={50} />
    </Layout>
  );
}

export interface AuditCountItem {
  unit_id: string | null;
  unit_name: string | null;
  action: string;
  entity: string;
  count: number;
}

/** Regional and national offices: how much happened where, never to whom or by whom. */
export function AuditCountsPage({
  ctx,
  counts,
  total,
  query,
}: {
  ctx: ViewCtx;
  counts: AuditCountItem[];
  total: number;
  query: Record<string, string | undefined>;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('audit.title')}>
      <h1>{ctx.t('audit.title')}</h1>
      <p>{ctx.t('audit.countsIntro')}</p>
      <AuditFilters ctx={ctx} query={query} byActor={false} />
      <AuditTable
        ctx={ctx}
        testid="audit-counts"
        items={counts}
        head={
          <>
            <th scope="col">{ctx.t('audit.unit')}</th>
            <th scope="col">{ctx.t('audit.action')}</th>
            <th scope="col">{ctx.t('audit.entity')}</th>
            <th scope="col" class="num">
              {ctx.t('audit.count')}
            </th>
          </>
        }
        row={(c) => (
          <tr key={`${c.unit_id}${c.action}${c.entity}`}>
            <td>{c.unit_name ?? '—'}</td>
            <td data-action={c.action}>{actionLabel(ctx.t, c.action)}</td>
            <td>{entityLabel(ctx.t, c.entity)}</td>
            <td class="num">{c.count}</td>
          </tr>
        )}
        foot={
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {ctx.t('audit.total')}
              </th>
              <td class="num">{total}</td>
            </tr>
          </tfoot>
        }
      />
    </Layout>
  );
}
