// The audit log page: filters, and each record with what changed.
import { Layout } from '../../app/layout.tsx';
import { Pager } from '../../app/pager.tsx';
import type { ViewCtx } from '../../app/view.ts';

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
function changes(before: unknown, after: unknown): Array<[string, string, string]> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => [k, show(b[k]), show(a[k])]);
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
      <form method="get" action="/admin/audit" class="filters">
        <label>
          {ctx.t('audit.action')}
          <input name="action" value={query.action ?? ''} placeholder="users." />
        </label>
        <label>
          {ctx.t('audit.actor')}
          <input name="actor" value={query.actor ?? ''} />
        </label>
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
      {rows.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('audit.at')}</th>
                <th scope="col">{ctx.t('audit.actor')}</th>
                <th scope="col">{ctx.t('audit.action')}</th>
                <th scope="col">{ctx.t('audit.unit')}</th>
                <th scope="col">{ctx.t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <time datetime={r.at.toISOString()}>{ctx.dateTime(r.at)}</time>
                    <br />
                    <small>#{r.id}</small>
                  </td>
                  <td>{r.actor_name}</td>
                  <td>
                    <code>{r.action}</code>
                    <br />
                    <small>
                      {r.entity} {r.entity_id?.slice(0, 8)}
                    </small>
                  </td>
                  <td>{r.unit_name ?? '—'}</td>
                  <td>
                    {changes(r.before, r.after).length > 0 && (
                      <dl class="diff">
                        {changes(r.before, r.after).map(([k, b, a]) => (
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
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ctx={ctx} base="/admin/audit" query={query} page={page} total={total} pageSize={50} />
    </Layout>
  );
}
