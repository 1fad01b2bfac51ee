// Pieces list and detail pages repeat: the page frame with heading row and pager, the GET filter form
// with a search box and "all"-first selects, the scrolling table with its column heads or a "none"
// line, and the link back to the list.
import type { ComponentChildren, VNode } from 'preact';
import type { MessageKey } from './i18n.ts';
import { Layout } from './layout.tsx';
import { Pager } from './pager.tsx';
import type { ViewCtx } from './view.ts';

/** Why: pages put their heading and its action buttons in one row that wraps at 360 px. */
export function TitleRow(p: {
  title: ComponentChildren;
  testid?: string;
  h2?: boolean;
  children?: ComponentChildren;
}) {
  const Heading = p.h2 ? 'h2' : 'h1';
  return (
    <div class="title-row">
      <Heading data-testid={p.testid}>{p.title}</Heading>
      {p.children}
    </div>
  );
}

/** Why: filters are a GET form so a filtered list is a link that can be shared and paged. */
export function FilterForm(p: { ctx: ViewCtx; action: string; children: ComponentChildren }) {
  return (
    <form method="get" action={p.action} class="filters">
      {p.children}
      <button type="submit">{p.ctx.t('common.filter')}</button>
    </form>
  );
}

/** Why: every list searches through the same `q` parameter, under the same visible label. */
export function SearchField(p: { ctx: ViewCtx; value: string | undefined; placeholder?: MessageKey }) {
  return (
    <label>
      {p.ctx.t('common.search')}
      <input
        type="search"
        name="q"
        value={p.value ?? ''}
        placeholder={p.placeholder ? p.ctx.t(p.placeholder) : undefined}
      />
    </label>
  );
}

/** Why: a filter select starts with "all" (empty value) and keeps the chosen option selected. */
export function SelectFilter(p: {
  ctx: ViewCtx;
  label: MessageKey;
  name: string;
  value: string | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <label>
      {p.ctx.t(p.label)}
      <select name={p.name}>
        <option value="">{p.ctx.t('common.all')}</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={p.value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Options of a filter select from records: the id is the value, the name the label. */
export const recordOptions = (records: ReadonlyArray<{ id: string; name: string }>) =>
  records.map((r) => ({ value: r.id, label: r.name }));

/** Options of a filter select from a fixed list of values, each with its label. */
export const valueOptions = <V extends string>(values: ReadonlyArray<V>, label: (v: V) => string) =>
  values.map((v) => ({ value: v, label: label(v) }));

/** One "all"-first select of a filter form; its name is the query parameter it filters on. */
export interface FilterSelect<N extends string = string> {
  name: N;
  label: MessageKey;
  options: ReadonlyArray<{ value: string; label: string }>;
}

/**
 * Why: most list filters are the search box and a row of "all"-first selects, each showing the
 * query's current value of its name; pages list them and this draws the form. `lead` comes before
 * the selects, `children` after them, for the inputs that are not selects.
 */
export function ListFilters<Q extends object>(p: {
  ctx: ViewCtx;
  action: string;
  query: Q;
  search?: boolean;
  selects: ReadonlyArray<FilterSelect<keyof Q & string>>;
  lead?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const query = p.query as Record<string, unknown>;
  const value = (name: string) => {
    const v = query[name];
    return typeof v === 'string' ? v : undefined;
  };
  return (
    <FilterForm ctx={p.ctx} action={p.action}>
      {p.search && <SearchField ctx={p.ctx} value={value('q')} />}
      {p.lead}
      {p.selects.map((s) => (
        <SelectFilter
          key={s.name}
          ctx={p.ctx}
          label={s.label}
          name={s.name}
          value={value(s.name)}
          options={s.options}
        />
      ))}
      {p.children}
    </FilterForm>
  );
}

/** A column head: a message key, `{ num: key }` for a right-aligned number column, or a ready node. */
export type Head = MessageKey | { num: MessageKey } | VNode;

/** Why: column heads are `th scope="col"` (numbers right-aligned) so screen readers name each cell. */
export function Heads({ ctx, heads }: { ctx: ViewCtx; heads: ReadonlyArray<Head> }) {
  return (
    <>
      {heads.map((h) =>
        typeof h === 'string' ? (
          <th key={h} scope="col">
            {ctx.t(h)}
          </th>
        ) : 'num' in h ? (
          <th key={h.num} scope="col" class="num">
            {ctx.t(h.num)}
          </th>
        ) : (
          h
        ),
      )}
    </>
  );
}

/**
 * Why: a table wider than a 360 px phone scrolls inside its own region instead of pushing the page
 * sideways. The region is named (`label`, or `labelledby`: the id of a heading or caption) and takes
 * keyboard focus (tabindex 0), so someone without a touch screen can scroll it with the arrow keys.
 */
export function ScrollRegion(p: {
  label?: string | undefined;
  labelledby?: string | undefined;
  class?: string;
  testid?: string;
  children: ComponentChildren;
}) {
  return (
    <section
      class={p.class ? `table-wrap ${p.class}` : 'table-wrap'}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      aria-label={p.labelledby ? undefined : p.label}
      aria-labelledby={p.labelledby}
      data-testid={p.testid}
    >
      {p.children}
    </section>
  );
}

/**
 * Why: tables scroll inside a `ScrollRegion` at 360 px, and an empty list says so instead of showing
 * an empty table. `count` is the muted caption of list pages (the total); `caption` a plain one.
 * `none: null` renders nothing for an empty list (the page says it elsewhere); `keepEmpty` keeps
 * the table with its heads even then.
 */
export function DataTable<T>(p: {
  ctx: ViewCtx;
  rows: ReadonlyArray<T>;
  row: (r: T) => VNode;
  heads: ReadonlyArray<Head>;
  testid?: string;
  id?: string;
  class?: string;
  attrs?: Record<string, string>;
  count?: number;
  caption?: ComponentChildren;
  none?: MessageKey | null;
  keepEmpty?: boolean;
  /** The scrolling region's name; without one, the caption's text or "Tabel" with the row count. */
  label?: string;
}) {
  if (p.rows.length === 0 && !p.keepEmpty)
    return p.none === null ? null : <p>{p.ctx.t(p.none ?? 'common.none')}</p>;
  const label =
    p.label ??
    (typeof p.caption === 'string'
      ? p.caption
      : p.ctx.t('common.tableRegion', { n: p.count ?? p.rows.length }));
  return (
    <ScrollRegion label={label}>
      <table id={p.id} class={p.class} data-testid={p.testid} {...p.attrs}>
        {p.count !== undefined && <caption class="muted">{p.count}</caption>}
        {p.caption !== undefined && <caption>{p.caption}</caption>}
        <thead>
          <tr>
            <Heads ctx={p.ctx} heads={p.heads} />
          </tr>
        </thead>
        <tbody>{p.rows.map(p.row)}</tbody>
      </table>
    </ScrollRegion>
  );
}

/** Why: every paged list page receives the same things: its rows, their total, the page and the filters. */
export interface ListPageProps<R, Q> {
  ctx: ViewCtx;
  rows: R[];
  total: number;
  page: number;
  pageSize: number;
  query: Q;
}

/** Why: list pages share one frame: the layout, the heading row with its buttons, and the pager. */
export function ListShell(p: {
  list: ListPageProps<unknown, object>;
  title: string;
  base: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { ctx, page, total, pageSize } = p.list;
  // Filter values are strings (or absent); interfaces do not widen to an index signature by themselves.
  const query = p.list.query as Record<string, string | undefined>;
  return (
    <Layout ctx={ctx} title={p.title}>
      <TitleRow title={p.title}>{p.actions}</TitleRow>
      {p.children}
      <Pager ctx={ctx} base={p.base} query={query} page={page} total={total} pageSize={pageSize} />
    </Layout>
  );
}

/** Why: a detail page starts with a link back to its list. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <a href={href}>← {label}</a>
    </p>
  );
}

/**
 * Why: a new record that needs one choice first (which partner, which programme) asks for it on a
 * page of its own, a GET form with one required select, so the next step is a plain link; with
 * nothing to choose, the page says so instead.
 */
export function ChoosePage(p: {
  ctx: ViewCtx;
  title: MessageKey;
  back: { href: string; label: MessageKey };
  action: string;
  testid: string;
  name: string;
  texts: { label: MessageKey; submit: MessageKey; none: MessageKey };
  options: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t(p.title)}>
      <BackLink href={p.back.href} label={ctx.t(p.back.label)} />
      <h1>{ctx.t(p.title)}</h1>
      {p.options.length === 0 ? (
        <p>{ctx.t(p.texts.none)}</p>
      ) : (
        <form method="get" action={p.action} data-testid={p.testid}>
          <div class="field">
            <label for={`f-${p.name}`}>{ctx.t(p.texts.label)}</label>
            <select id={`f-${p.name}`} name={p.name} required>
              {p.options.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{ctx.t(p.texts.submit)}</button>
        </form>
      )}
    </Layout>
  );
}
