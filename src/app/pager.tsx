// Previous/next links for a paged list, keeping the list's filters in the links.
import type { ViewCtx } from './view.ts';

export function Pager({
  ctx,
  base,
  query,
  page,
  total,
  pageSize,
}: {
  ctx: ViewCtx;
  base: string;
  query: Record<string, string | number | undefined>;
  page: number;
  total: number;
  pageSize: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (v !== undefined && v !== '' && k !== 'page') params.set(k, String(v));
    params.set('page', String(p));
    return `${base}?${params}`;
  };
  return (
    <nav class="pager" aria-label={ctx.t('common.page', { n: page })} data-testid="pager">
      {page > 1 && (
        <a href={link(page - 1)} rel="prev">
          {ctx.t('common.prev')}
        </a>
      )}
      <span>
        {ctx.t('common.page', { n: page })} / {pages}
      </span>
      {page < pages && (
        <a href={link(page + 1)} rel="next">
          {ctx.t('common.next')}
        </a>
      )}
    </nav>
  );
}
