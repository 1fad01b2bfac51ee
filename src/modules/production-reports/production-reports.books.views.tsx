// The production report pages about goods and money: the stock report (products and materials),
// the month's sales book with its totals by channel and payment method, and the partners'
// receivables (open offtake invoices with what is owed and their age).
import { formatDay, formatDayShort, formatRupiah } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { DataTable } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { Download, MonthForm, monthLabel, query, ReportLinks } from './production-reports.parts.tsx';
import type { BookTotal, receivables, salesBook, stockReport } from './production-reports.service.ts';

export function StockPage({ ctx, d }: { ctx: ViewCtx; d: Awaited<ReturnType<typeof stockReport>> }) {
  const q = query({ unit_id: d.place.unit?.id });
  return (
    <Layout ctx={ctx} title={ctx.t('prodReports.stock')}>
      <h1 data-testid="stock-title">{ctx.t('prodReports.stock')}</h1>
      <p class="muted">
        {d.place.name ?? ctx.t('prodReports.allUnits')} ·{' '}
        {ctx.t('prodReports.asOf', { day: formatDay(d.day, ctx.lang) })}
      </p>
      <ReportLinks ctx={ctx} current="/production-reports/stock" />
      <p class="muted">{ctx.t('prodReports.stockIntro')}</p>
      <Download ctx={ctx} href={`/production-reports/stock.xlsx${q}`} testid="download-stock" />
      <h2>{ctx.t('prodReports.products')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.products}
        testid="products-table"
        heads={[
          'prodReports.products',
          'prodReports.route',
          { num: 'prodReports.awaiting' },
          { num: 'prodReports.inCheck' },
          { num: 'prodReports.onHand' },
          { num: 'prodReports.reserved' },
          { num: 'prodReports.sold' },
        ]}
        row={(p) => (
          <tr key={p.id} data-testid={`product-${p.id}`}>
            <th scope="row">
              {p.name} <span class="muted">({p.uom})</span>
              {p.programme_name && (
                <>
                  <br />
                  <span class="muted">{p.programme_name}</span>
                </>
              )}
            </th>
            <td>{ctx.t(`prodReports.route.${p.route}`)}</td>
            <td class="num">{p.awaiting_check}</td>
            <td class="num">{p.in_check}</td>
            <td class="num">{p.on_hand}</td>
            <td class="num">{p.reserved}</td>
            <td class="num">{p.sold}</td>
          </tr>
        )}
      />
      <h2>{ctx.t('prodReports.materials')}</h2>
      <DataTable
        ctx={ctx}
        rows={d.materials}
        testid="materials-table"
        heads={[
          'prodReports.materials',
          'prodReports.owner',
          { num: 'prodReports.onHand' },
          { num: 'prodReports.lowLevel' },
          { num: 'prodReports.stockValue' },
        ]}
        row={(m) => (
          <tr key={m.id} data-testid={`material-${m.id}`}>
            <th scope="row">
              {m.name}
              {m.low && (
                <>
                  {' '}
                  <strong class="warn">{ctx.t('prodReports.low')}</strong>
                </>
              )}
            </th>
            <td>
              {ctx.t(`prodReports.owner.${m.owner}`)}
              {m.partner_name && <span class="muted"> · {m.partner_name}</span>}
            </td>
            <td class="num">
              {m.on_hand} {m.uom}
            </td>
            <td class="num">{m.low_stock_level || '–'}</td>
            <td class="num">{m.owner === 'unit' ? formatRupiah(m.value) : '–'}</td>
          </tr>
        )}
      />
      {d.materials.length > 0 && (
        <p>
          <strong>{ctx.t('prodReports.stockValue')}</strong>: {formatRupiah(d.materialsValue)}
        </p>
      )}
    </Layout>
  );
}

function TotalsTable<K extends string>(p: {
  ctx: ViewCtx;
  rows: BookTotal<K>[];
  head: 'prodReports.channel' | 'prodReports.method';
  label: (k: K) => string;
  testid: string;
}) {
  return (
    <DataTable
      ctx={p.ctx}
      rows={p.rows}
      none={null}
      class="compact"
      testid={p.testid}
      heads={[p.head, { num: 'prodReports.count' }, { num: 'prodReports.total' }]}
      row={(r) => (
        <tr key={r.key}>
          <th scope="row">{p.label(r.key)}</th>
          <td class="num">{r.count}</td>
          <td class="num">{formatRupiah(r.total)}</td>
        </tr>
      )}
    />
  );
}

export function SalesBookPage({ ctx, d }: { ctx: ViewCtx; d: Awaited<ReturnType<typeof salesBook>> }) {
  const q = query({ month: d.month, unit_id: d.place.unit?.id });
  return (
    <Layout ctx={ctx} title={ctx.t('prodReports.salesBook')}>
      <h1 data-testid="sales-book-title">{ctx.t('prodReports.salesBook')}</h1>
      <p class="muted">{d.place.name ?? ctx.t('prodReports.allUnits')}</p>
      <ReportLinks ctx={ctx} current="/production-reports/sales-book" />
      <MonthForm
        ctx={ctx}
        action="/production-reports/sales-book"
        month={d.month}
        unitId={d.place.unit?.id}
      />
      <p class="muted">{ctx.t('prodReports.salesBookIntro')}</p>
      <h2>{monthLabel(d.month, ctx.lang)}</h2>
      <Download ctx={ctx} href={`/production-reports/sales-book.xlsx${q}`} testid="download-sales-book" />
      <DataTable
        ctx={ctx}
        rows={d.sales}
        none="prodReports.noSales"
        testid="sales-table"
        heads={[
          'prodReports.number',
          'prodReports.date',
          'prodReports.channel',
          'prodReports.buyer',
          'prodReports.method',
          { num: 'prodReports.total' },
        ]}
        row={(s) => (
          <tr key={s.id} data-testid={`sale-${s.number}`}>
            <th scope="row">
              {s.number}
              {s.reverses_number && (
                <>
                  <br />
                  <span class="muted">{ctx.t('prodReports.reversalOf', { number: s.reverses_number })}</span>
                </>
              )}
              {s.status === 'cancelled' && (
                <>
                  <br />
                  <span class="muted">{ctx.t('prodReports.cancelled')}</span>
                </>
              )}
            </th>
            <td>{formatDayShort(s.sold_on)}</td>
            <td>{ctx.t(`prodReports.channel.${s.channel}`)}</td>
            <td>{s.buyer_name ?? '–'}</td>
            <td>
              {ctx.t(`prodReports.method.${s.payment_method}`)}
              {s.payment_ref && <span class="muted"> · {s.payment_ref}</span>}
            </td>
            <td class="num">{formatRupiah(s.total)}</td>
          </tr>
        )}
      />
      {d.sales.length > 0 && (
        <>
          <p data-testid="sales-total">
            <strong>{ctx.t('prodReports.total')}</strong>: {formatRupiah(d.total)}
          </p>
          <h2>{ctx.t('prodReports.byChannel')}</h2>
          <TotalsTable
            ctx={ctx}
            rows={d.byChannel}
            head="prodReports.channel"
            label={(k) => ctx.t(`prodReports.channel.${k}`)}
            testid="by-channel"
          />
          <h2>{ctx.t('prodReports.byMethod')}</h2>
          <TotalsTable
            ctx={ctx}
            rows={d.byMethod}
            head="prodReports.method"
            label={(k) => ctx.t(`prodReports.method.${k}`)}
            testid="by-method"
          />
        </>
      )}
    </Layout>
  );
}

export function ReceivablesPage({ ctx, d }: { ctx: ViewCtx; d: Awaited<ReturnType<typeof receivables>> }) {
  const q = query({ unit_id: d.place.unit?.id });
  return (
    <Layout ctx={ctx} title={ctx.t('prodReports.receivables')}>
      <h1 data-testid="receivables-title">{ctx.t('prodReports.receivables')}</h1>
      <p class="muted">
        {d.place.name ?? ctx.t('prodReports.allUnits')} ·{' '}
        {ctx.t('prodReports.asOf', { day: formatDay(d.day, ctx.lang) })}
      </p>
      <ReportLinks ctx={ctx} current="/production-reports/receivables" />
      <p class="muted">{ctx.t('prodReports.receivablesIntro')}</p>
      {d.partners.length === 0 ? (
        <p>{ctx.t('prodReports.noneOpen')}</p>
      ) : (
        <>
          <Download
            ctx={ctx}
            href={`/production-reports/receivables.xlsx${q}`}
            testid="download-receivables"
          />
          <p data-testid="receivables-total">
            <strong>{ctx.t('prodReports.owed')}</strong>: {formatRupiah(d.owed)}
          </p>
        </>
      )}
      {d.partners.map((p) => (
        <section key={p.partner_id} aria-labelledby={`partner-${p.partner_id}`}>
          <h2 id={`partner-${p.partner_id}`}>
            {p.partner_name} <span class="muted">· {formatRupiah(p.owed)}</span>
          </h2>
          <DataTable
            ctx={ctx}
            rows={p.invoices}
            testid={`invoices-${p.partner_id}`}
            heads={[
              'prodReports.invoice',
              'prodReports.issuedOn',
              'prodReports.dueOn',
              { num: 'prodReports.invoiceTotal' },
              { num: 'prodReports.paid' },
              { num: 'prodReports.owed' },
              { num: 'prodReports.age' },
            ]}
            row={(i) => (
              <tr key={i.id} data-testid={`invoice-${i.number}`}>
                <th scope="row">{i.number}</th>
                <td>{formatDayShort(i.issued_on)}</td>
                <td>{i.due_on ? formatDayShort(i.due_on) : '–'}</td>
                <td class="num">{formatRupiah(i.total)}</td>
                <td class="num">{formatRupiah(i.paid)}</td>
                <td class="num">{formatRupiah(i.owed)}</td>
                <td class="num">{i.age_days}</td>
              </tr>
            )}
          />
        </section>
      ))}
    </Layout>
  );
}
