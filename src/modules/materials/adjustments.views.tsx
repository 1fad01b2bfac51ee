// Pages for stock-takes and write-offs: the list, the stock-take sheet (every active item of the
// unit with what the records hold and an input for what was counted), the write-off form, and one
// adjustment's page with the Kepala UPT's decision.
import type { VNode } from 'preact';
import { Fact } from '../../app/facts.tsx';
import { formatDay, formatNumber } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  ListFilters,
  type ListPageProps,
  ListShell,
  ScrollRegion,
  valueOptions,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { AdjustmentRow, LineRow, ProductStockRow } from './adjustments.repo.ts';
import type { StockMay } from './materials.policy.ts';
import type { MaterialRow } from './materials.repo.ts';
import { ADJUSTMENT_KINDS, ADJUSTMENT_STATUSES } from './materials.schema.ts';
import { quantity, uomLabel } from './materials.views.tsx';

const LABELS: Record<string, MessageKey> = {
  day: 'adjustments.day',
  note: 'adjustments.note',
  item: 'adjustments.item',
  qty: 'adjustments.qty',
  reason: 'adjustments.reason',
  lines: 'adjustments.lines',
  decision: 'adjustments.decisionNote',
};

function StatusBadge({ ctx, status }: { ctx: ViewCtx; status: AdjustmentRow['status'] }) {
  const cls = status === 'approved' ? 'badge ok' : status === 'rejected' ? 'badge off' : 'badge';
  return (
    <span class={cls} data-testid="adjustment-status">
      {ctx.t(`adjustments.status.${status}`)}
    </span>
  );
}

type ListQuery = { status?: string | undefined; kind?: string | undefined };

export function AdjustmentListPage(p: ListPageProps<AdjustmentRow, ListQuery> & { may: StockMay }) {
  const { ctx, rows, total, query } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('adjustments.title')}
      base="/stock/adjustments"
      actions={
        p.may.manage && (
          <div class="actions">
            <a
              class="button primary"
              href="/stock/adjustments/new?kind=stocktake"
              data-testid="stocktake-new"
            >
              {ctx.t('adjustments.newStocktake')}
            </a>
            <a class="button" href="/stock/adjustments/new?kind=write_off" data-testid="writeoff-new">
              {ctx.t('adjustments.newWriteOff')}
            </a>
          </div>
        )
      }
    >
      <ListFilters
        ctx={ctx}
        action="/stock/adjustments"
        query={query}
        selects={[
          {
            name: 'status',
            label: 'common.status',
            options: valueOptions(ADJUSTMENT_STATUSES, (s) => ctx.t(`adjustments.status.${s}`)),
          },
          {
            name: 'kind',
            label: 'adjustments.kind',
            options: valueOptions(ADJUSTMENT_KINDS, (k) => ctx.t(`adjustments.kind.${k}`)),
          },
        ]}
      />
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="adjustment-table"
        count={total}
        heads={[
          'adjustments.day',
          'adjustments.kind',
          'common.status',
          { num: 'adjustments.lines' },
          'adjustments.createdBy',
        ]}
        row={(a) => (
          <tr key={a.id}>
            <td>
              <a href={`/stock/adjustments/${a.id}`}>{formatDay(a.day, ctx.lang)}</a>
            </td>
            <td>{ctx.t(`adjustments.kind.${a.kind}`)}</td>
            <td>
              <StatusBadge ctx={ctx} status={a.status} />
            </td>
            <td class="num">{formatNumber(a.line_count, ctx.lang)}</td>
            <td>{a.created_by_name ?? ''}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** One row of the stock-take sheet: the item, what the records hold, the count and its reason. */
function SheetRow({
  ctx,
  form,
  k,
  name,
  uom,
  expected,
}: {
  ctx: ViewCtx;
  form: FormState;
  k: string;
  name: string;
  uom: string;
  expected: number;
}) {
  const err = (f: string) => form.errors.find((e) => e.field === `${f}.${k}`);
  const countErr = err('counted');
  const reasonErr = err('reason');
  const itemErr = err('item');
  return (
    <tr data-testid={`sheet-${k}`} class={countErr || reasonErr || itemErr ? 'has-error' : undefined}>
      <th scope="row">
        {name}
        {itemErr && <p class="error">{ctx.t(itemErr.key, itemErr.params)}</p>}
      </th>
      <td class="num">
        {quantity(ctx, expected, uom)}
        <input type="hidden" name={`expected.${k}`} value={String(expected)} />
      </td>
      <td>
        <input
          id={`f-counted.${k}`}
          name={`counted.${k}`}
          type="number"
          min="0"
          step="1"
          inputMode="numeric"
          value={str(form.values[`counted.${k}`])}
          aria-label={`${ctx.t('adjustments.counted')}: ${name}`}
          aria-invalid={countErr ? 'true' : undefined}
        />
        {countErr && (
          <p class="error" data-testid={`error-counted.${k}`}>
            {ctx.t(countErr.key, countErr.params)}
          </p>
        )}
      </td>
      <td>
        <input
          id={`f-reason.${k}`}
          name={`reason.${k}`}
          maxLength={300}
          value={str(form.values[`reason.${k}`])}
          aria-label={`${ctx.t('adjustments.reason')}: ${name}`}
          aria-invalid={reasonErr ? 'true' : undefined}
        />
        {reasonErr && (
          <p class="error" data-testid={`error-reason.${k}`}>
            {ctx.t(reasonErr.key, reasonErr.params)}
          </p>
        )}
      </td>
    </tr>
  );
}

function SheetTable(p: { ctx: ViewCtx; caption: string; children: VNode[] }) {
  if (p.children.length === 0) return null;
  return (
    <ScrollRegion label={p.caption}>
      <table class="compact">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.ctx.t('adjustments.item')}</th>
            <th scope="col" class="num">
              {p.ctx.t('adjustments.expected')}
            </th>
            <th scope="col">{p.ctx.t('adjustments.counted')}</th>
            <th scope="col">{p.ctx.t('adjustments.reason')}</th>
          </tr>
        </thead>
        <tbody>{p.children}</tbody>
      </table>
    </ScrollRegion>
  );
}

/** The error summary of the sheet: one line per failing item, named. */
function SheetSummary({ ctx, form, names }: { ctx: ViewCtx; form: FormState; names: Map<string, string> }) {
  if (form.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
      <h2>{ctx.t('form.errorsTitle', { n: form.errors.length })}</h2>
      <ul>
        {form.errors.map((e) => {
          const item = names.get(e.field.replace(/^[a-z]+\./, ''));
          const label = item ?? (LABELS[e.field] ? ctx.t(LABELS[e.field] as MessageKey) : '');
          return (
            <li key={e.field}>
              <a href={`#f-${e.field}`}>
                {label ? `${label}: ` : ''}
                {ctx.t(e.key, e.params)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function StocktakeFormPage({
  ctx,
  form,
  materials,
  products,
}: {
  ctx: ViewCtx;
  form: FormState;
  materials: MaterialRow[];
  products: ProductStockRow[];
}) {
  const title = ctx.t('adjustments.newStocktake');
  const f = fieldsFor(ctx, form);
  const names = new Map<string, string>([
    ...materials.map((m) => [`m.${m.id}`, m.name] as const),
    ...products.map((p) => [`p.${p.id}`, p.name] as const),
  ]);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href="/stock/adjustments" label={ctx.t('adjustments.title')} />
      <h1>{title}</h1>
      <p>{ctx.t('adjustments.stocktakeIntro')}</p>
      <SheetSummary ctx={ctx} form={form} names={names} />
      <form method="post" action="/stock/adjustments/stocktakes" novalidate data-testid="stocktake-form">
        <Csrf ctx={ctx} />
        <f.Text name="day" label="adjustments.day" type="date" />
        {form.errors.some((e) => e.field === 'lines') && (
          <p class="error" data-testid="error-lines">
            {ctx.t('adjustments.noLines')}
          </p>
        )}
        <SheetTable ctx={ctx} caption={ctx.t('stockPage.materials')}>
          {materials.map((m) => (
            <SheetRow
              key={m.id}
              ctx={ctx}
              form={form}
              k={`m.${m.id}`}
              name={m.name}
              uom={m.uom}
              expected={m.on_hand}
            />
          ))}
        </SheetTable>
        <SheetTable ctx={ctx} caption={ctx.t('stockPage.products')}>
          {products.map((p) => (
            <SheetRow
              key={p.id}
              ctx={ctx}
              form={form}
              k={`p.${p.id}`}
              name={p.name}
              uom={p.uom}
              expected={p.on_hand}
            />
          ))}
        </SheetTable>
        <f.Area name="note" label="adjustments.note" rows={2} maxLength={1000} />
        <button type="submit" class="primary" data-testid="adjustment-submit">
          {ctx.t('adjustments.submit')}
        </button>
      </form>
    </Layout>
  );
}

export function WriteOffFormPage({
  ctx,
  form,
  materials,
  products,
}: {
  ctx: ViewCtx;
  form: FormState;
  materials: MaterialRow[];
  products: ProductStockRow[];
}) {
  const title = ctx.t('adjustments.newWriteOff');
  const f = fieldsFor(ctx, form);
  const chosen = str(form.values.item);
  const err = form.errors.find((e) => e.field === 'item');
  const option = (value: string, label: string) => (
    <option key={value} value={value} selected={value === chosen}>
      {label}
    </option>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href="/stock/adjustments" label={ctx.t('adjustments.title')} />
      <h1>{title}</h1>
      <p>{ctx.t('adjustments.writeOffIntro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form method="post" action="/stock/adjustments/write-offs" novalidate data-testid="writeoff-form">
        <Csrf ctx={ctx} />
        <f.Text name="day" label="adjustments.day" type="date" />
        <div class={err ? 'field has-error' : 'field'}>
          <label for="f-item">{ctx.t('adjustments.item')}</label>
          {err && (
            <p class="error" id="e-item" data-testid="error-item">
              {ctx.t(err.key, err.params)}
            </p>
          )}
          <select id="f-item" name="item" required aria-invalid={err ? 'true' : undefined}>
            <option value="">{ctx.t('adjustments.chooseItem')}</option>
            <optgroup label={ctx.t('stockPage.materials')}>
              {materials.map((m) => option(`m.${m.id}`, `${m.name} (${quantity(ctx, m.on_hand, m.uom)})`))}
            </optgroup>
            <optgroup label={ctx.t('stockPage.products')}>
              {products.map((p) =>
                option(`p.${p.id}`, `${p.name} (${quantity(ctx, p.on_hand - p.reserved, p.uom)})`),
              )}
            </optgroup>
          </select>
        </div>
        <f.Text name="qty" label="adjustments.qty" type="number" />
        <f.Text name="reason" label="adjustments.reason" maxLength={300} />
        <f.Area name="note" label="adjustments.note" rows={2} maxLength={1000} />
        <button type="submit" class="primary" data-testid="adjustment-submit">
          {ctx.t('adjustments.submit')}
        </button>
      </form>
    </Layout>
  );
}

export function AdjustmentPage({
  ctx,
  may,
  a,
  lines,
  form,
}: {
  ctx: ViewCtx;
  may: StockMay;
  a: AdjustmentRow;
  lines: LineRow[];
  form: FormState;
}) {
  const title = `${ctx.t(`adjustments.kind.${a.kind}`)}, ${formatDay(a.day, ctx.lang)}`;
  const n = (v: number | null) => (v === null ? '' : formatNumber(v, ctx.lang));
  const diff = (l: LineRow) => {
    const d = (l.counted ?? 0) - (l.expected ?? 0);
    return d === 0 ? '0' : d > 0 ? `+${n(d)}` : `−${n(-d)}`;
  };
  const f = fieldsFor(ctx, form);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href="/stock/adjustments" label={ctx.t('adjustments.title')} />
      <h1>{title}</h1>
      <dl class="facts">
        <Fact ctx={ctx} label="common.status" value={<StatusBadge ctx={ctx} status={a.status} />} />
        <Fact ctx={ctx} label="adjustments.createdBy" value={a.created_by_name} />
        <Fact ctx={ctx} label="adjustments.note" value={a.note} />
        <Fact
          ctx={ctx}
          label="adjustments.decidedBy"
          value={
            a.decided_by_name && a.decided_at ? `${a.decided_by_name}, ${ctx.dateTime(a.decided_at)}` : null
          }
        />
        <Fact ctx={ctx} label="adjustments.decisionNote" value={a.decision_note} />
      </dl>
      <DataTable
        ctx={ctx}
        rows={lines}
        testid="adjustment-lines"
        heads={
          a.kind === 'stocktake'
            ? [
                'adjustments.item',
                { num: 'adjustments.expected' },
                { num: 'adjustments.counted' },
                { num: 'adjustments.difference' },
                'adjustments.reason',
              ]
            : ['adjustments.item', { num: 'adjustments.qty' }, 'adjustments.reason']
        }
        row={(l) => (
          <tr key={l.id}>
            <td>
              {l.material_id ? (
                <a href={`/materials/${l.material_id}`}>{l.item_name}</a>
              ) : (
                <a href={`/products/${l.product_id}`}>{l.item_name}</a>
              )}{' '}
              <span class="muted">
                ({ctx.t(l.material_id ? 'adjustments.itemKind.material' : 'adjustments.itemKind.product')},{' '}
                {uomLabel(ctx, l.uom)})
              </span>
            </td>
            {a.kind === 'stocktake' ? (
              <>
                <td class="num">{n(l.expected)}</td>
                <td class="num">{n(l.counted)}</td>
                <td class="num">{diff(l)}</td>
              </>
            ) : (
              <td class="num">{n(l.qty)}</td>
            )}
            <td>{l.reason ?? ''}</td>
          </tr>
        )}
      />
      {may.approve && a.status === 'submitted' && (
        <form method="post" action={`/stock/adjustments/${a.id}/decision`} data-testid="decision-form">
          <Csrf ctx={ctx} />
          <ErrorSummary ctx={ctx} form={form} labels={{ note: 'adjustments.decisionNote' }} />
          <f.Area
            name="note"
            label="adjustments.decisionNote"
            hint="adjustments.decisionNoteHint"
            rows={2}
            maxLength={1000}
          />
          <div class="actions">
            <button type="submit" name="decision" value="approve" class="primary" data-testid="approve">
              {ctx.t('adjustments.approve')}
            </button>
            <button type="submit" name="decision" value="reject" data-testid="reject">
              {ctx.t('adjustments.reject')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
