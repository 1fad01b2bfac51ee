// The Program Aksi indicators page: the period and level form, one table per item (one row per
// unit or Kanwil, or one table of items for the nation), how each figure is counted, and the PNBP
// that no item could be given. Counts and sums only: no person is named at any level.
import { formatDateLong, formatMonth, formatNumber, formatRupiah, formatTime } from '../../app/format.ts';
import { Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { replicaLagText } from '../rollups/rollups.words.ts';
import type { Figures, Indicators, ItemIndicators, Level, PnbpSplit } from './program-aksi-indicators.ts';

/** "November 2026", or "tahun 2026 (Januari 2026 s.d. November 2026)". */
export function periodText(
  ctx: Pick<ViewCtx, 't' | 'lang'>,
  d: Pick<Indicators, 'kind' | 'from' | 'to' | 'period'>,
) {
  const month = (m: string) => formatMonth(m, ctx.lang);
  if (d.kind === 'month') return month(d.from);
  return ctx.t('programAksi.ind.year', { year: d.period, from: month(d.from), to: month(d.to) });
}

export function itemLabel(it: Pick<ItemIndicators, 'number' | 'title'>): string {
  return it.number === null ? it.title : `${it.number}. ${it.title}`;
}

const FIGURES = ['programmes', 'participants', 'certificates', 'productionValue', 'pnbp'] as const;
const MONEY: ReadonlySet<string> = new Set(['productionValue', 'pnbp']);

function figure(ctx: ViewCtx, k: keyof Figures, f: Figures) {
  return MONEY.has(k) ? formatRupiah(f[k]) : formatNumber(f[k], ctx.lang);
}

function FigureHeads({ ctx }: { ctx: ViewCtx }) {
  return (
    <>
      {FIGURES.map((k) => (
        <th key={k} scope="col" class="num">
          {ctx.t(`programAksi.ind.col.${k}`)}
        </th>
      ))}
    </>
  );
}

function FigureCells({ ctx, f }: { ctx: ViewCtx; f: Figures }) {
  return (
    <>
      {FIGURES.map((k) => (
        <td key={k} class="num" data-col={k}>
          {figure(ctx, k, f)}
        </td>
      ))}
    </>
  );
}

function placeHead(ctx: ViewCtx, level: Level): string {
  return ctx.t(level === 'unit' ? 'programAksi.ind.unit' : 'programAksi.ind.kanwil');
}

function ItemTable({ ctx, d, it }: { ctx: ViewCtx; d: Indicators; it: ItemIndicators }) {
  const hid = `item-${it.id}`;
  return (
    <section aria-labelledby={hid} data-testid={`item-${it.id}`}>
      <h2 id={hid}>
        {itemLabel(it)}
        {!it.active && <span class="muted"> ({ctx.t('programAksi.ind.inactive')})</span>}
      </h2>
      {it.rows.length === 0 ? (
        <p class="muted">{ctx.t('programAksi.ind.none')}</p>
      ) : (
        <ScrollRegion labelledby={hid}>
          <table>
            <thead>
              <tr>
                <th scope="col">{placeHead(ctx, d.level)}</th>
                {d.level === 'unit' && <th scope="col">{ctx.t('programAksi.ind.kanwil')}</th>}
                <FigureHeads ctx={ctx} />
              </tr>
            </thead>
            <tbody>
              {it.rows.map((r) => (
                <tr key={r.key} data-place={r.key}>
                  <th scope="row">{r.name}</th>
                  {d.level === 'unit' && <td>{r.kanwilName}</td>}
                  <FigureCells ctx={ctx} f={r} />
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** The nation: one table, a row per item. */
function NationTable({ ctx, d }: { ctx: ViewCtx; d: Indicators }) {
  return (
    <ScrollRegion label={ctx.t('programAksi.ind.title')} testid="nation-table">
      <table>
        <thead>
          <tr>
            <th scope="col">{ctx.t('programAksi.ind.item')}</th>
            <FigureHeads ctx={ctx} />
          </tr>
        </thead>
        <tbody>
          {d.items.map((it) => {
            const f = it.rows[0] ?? {
              programmes: 0,
              participants: 0,
              certificates: 0,
              productionValue: 0,
              pnbp: 0,
            };
            return (
              <tr key={it.id} data-testid={`item-${it.id}`}>
                <th scope="row">
                  {itemLabel(it)}
                  {!it.active && <span class="muted"> ({ctx.t('programAksi.ind.inactive')})</span>}
                </th>
                <FigureCells ctx={ctx} f={f} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function PnbpTable({ ctx, d }: { ctx: ViewCtx; d: Indicators }) {
  const name = (s: PnbpSplit) => (d.level === 'nation' ? ctx.t('programAksi.ind.nation') : s.name);
  return (
    <section aria-labelledby="pnbp-split" data-testid="pnbp-split">
      <h2 id="pnbp-split">{ctx.t('programAksi.ind.pnbpTitle')}</h2>
      {d.pnbp.length === 0 ? (
        <p class="muted">{ctx.t('programAksi.ind.pnbpNone')}</p>
      ) : (
        <ScrollRegion labelledby="pnbp-split">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('programAksi.ind.place')}</th>
                <th scope="col" class="num">
                  {ctx.t('programAksi.ind.pnbp.total')}
                </th>
                <th scope="col" class="num">
                  {ctx.t('programAksi.ind.pnbp.attributed')}
                </th>
                <th scope="col" class="num">
                  {ctx.t('programAksi.ind.pnbp.notAttributed')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.pnbp.map((s) => (
                <tr key={s.key} data-place={s.key}>
                  <th scope="row">{name(s)}</th>
                  <td class="num">{formatRupiah(s.total)}</td>
                  <td class="num">{formatRupiah(s.attributed)}</td>
                  <td class="num">{formatRupiah(s.notAttributed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function freshText(ctx: ViewCtx, d: Indicators): string {
  const f = d.freshness;
  const lag = replicaLagText(ctx.t, ctx.lang, f);
  if (!f.computedAt) return [ctx.t('programAksi.ind.freshNever'), lag].filter(Boolean).join(' ');
  const at = `${formatDateLong(f.computedAt, ctx.zone, ctx.lang)} ${formatTime(f.computedAt, ctx.zone, ctx.lang)}`;
  const text =
    f.pending > 0
      ? ctx.t('programAksi.ind.freshPending', { at, n: formatNumber(f.pending, ctx.lang) })
      : ctx.t('programAksi.ind.fresh', { at });
  return [text, lag].filter(Boolean).join(' ');
}

export interface IndicatorsForm {
  period: string;
  level: Level;
  levels: Level[];
  /** The message of a refused period, shown at the field. */
  error?: string | undefined;
}

function PeriodForm({ ctx, form }: { ctx: ViewCtx; form: IndicatorsForm }) {
  const describedBy = form.error ? 'h-period e-period' : 'h-period';
  return (
    <form method="get" action="/program-aksi/indicators" class="filters" data-testid="indicators-form">
      <label for="period">{ctx.t('programAksi.ind.period')}</label>
      <input
        id="period"
        name="period"
        value={form.period}
        required
        inputMode="numeric"
        pattern="[0-9]{4}(-(0[1-9]|1[0-2]))?"
        aria-describedby={describedBy}
        aria-invalid={form.error ? 'true' : undefined}
      />
      <p class="hint" id="h-period">
        {ctx.t('programAksi.ind.periodHint')}
      </p>
      {form.error && (
        <p class="error" id="e-period" data-testid="period-error">
          {form.error}
        </p>
      )}
      {form.levels.length > 1 && (
        <>
          <label for="level">{ctx.t('programAksi.ind.level')}</label>
          <select id="level" name="level">
            {form.levels.map((l) => (
              <option key={l} value={l} selected={l === form.level}>
                {ctx.t(`programAksi.ind.level.${l}`)}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit">{ctx.t('programAksi.ind.show')}</button>
    </form>
  );
}

export function IndicatorsPage({
  ctx,
  d,
  form,
}: {
  ctx: ViewCtx;
  d: Indicators | null;
  form: IndicatorsForm;
}) {
  const qs = d ? `period=${encodeURIComponent(d.period)}&level=${d.level}` : '';
  return (
    <Layout ctx={ctx} title={ctx.t('programAksi.ind.title')}>
      <h1>{ctx.t('programAksi.ind.title')}</h1>
      <PeriodForm ctx={ctx} form={form} />
      {d && (
        <>
          <p>{ctx.t('programAksi.ind.intro', { period: periodText(ctx, d) })}</p>
          <p class="muted" data-testid="freshness">
            {freshText(ctx, d)}
          </p>
          <p>
            <a href={`/program-aksi/indicators.xlsx?${qs}`} data-testid="download-indicators" download>
              {ctx.t('programAksi.ind.download')}
            </a>
          </p>
          {d.level === 'nation' ? (
            <NationTable ctx={ctx} d={d} />
          ) : (
            d.items.map((it) => <ItemTable key={it.id} ctx={ctx} d={d} it={it} />)
          )}
          <PnbpTable ctx={ctx} d={d} />
          <section aria-labelledby="how" data-testid="how-counted">
            <h2 id="how">{ctx.t('programAksi.ind.howTitle')}</h2>
            <ul>
              {FIGURES.map((k) => (
                <li key={k}>{ctx.t(`programAksi.ind.how.${k}`)}</li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Layout>
  );
}
