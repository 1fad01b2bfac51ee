// Pages for materials: the list (on hand, owner, value at cost, low stock), a material's page with
// its movement history, and the forms to add or edit one and to record goods received, issued, returned.
import { Fact } from '../../app/facts.tsx';
import { formatDay, formatDayShort, formatNumber, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  DataTable,
  ListFilters,
  type ListPageProps,
  ListShell,
  TitleRow,
  valueOptions,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { StockMay } from './materials.policy.ts';
import type { MaterialRow, MovementRow } from './materials.repo.ts';
import { OWNERS, UOMS } from './materials.schema.ts';

export const LABELS: Record<string, MessageKey> = {
  unit_id: 'materials.title',
  name: 'materials.name',
  uom: 'materials.uom',
  owner: 'materials.owner',
  partner_id: 'materials.owningPartner',
  low_stock_level: 'materials.lowStockLevel',
  active: 'materials.active',
  day: 'materials.day',
  qty: 'materials.qty',
  cost: 'materials.cost',
  source: 'materials.source',
  document_no: 'materials.documentNo',
  session_id: 'materials.session',
  enrolment_id: 'materials.participant',
  note: 'materials.note',
};

export const ownerLabel = (ctx: ViewCtx, owner: string): string =>
  ctx.t(owner === 'partner' ? 'materials.consignment' : 'materials.unitOwned');

export const uomLabel = (ctx: ViewCtx, uom: string): string =>
  (UOMS as readonly string[]).includes(uom) ? ctx.t(`materials.uom.${uom as (typeof UOMS)[number]}`) : uom;

/** "12 gulung", "1.250 gram". */
export const quantity = (ctx: ViewCtx, n: number, uom: string) =>
  `${formatNumber(n, ctx.lang)} ${uomLabel(ctx, uom)}`;

/** The value column: rupiah at cost for the unit's own, a dash for consignment (not the unit's asset). */
export const stockValueText = (m: Pick<MaterialRow, 'owner' | 'stock_value'>) =>
  m.owner === 'unit' ? formatRupiah(m.stock_value) : '—';

export function LowBadge({ ctx, low }: { ctx: ViewCtx; low: boolean }) {
  return low ? (
    <span class="badge off" data-testid="low-stock">
      {ctx.t('materials.low')}
    </span>
  ) : null;
}

type ListQuery = { q?: string | undefined; owner?: string | undefined; low?: boolean | undefined };

export function MaterialListPage(p: ListPageProps<MaterialRow, ListQuery> & { may: StockMay }) {
  const { ctx, rows, total, query } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('materials.title')}
      base="/materials"
      actions={
        <div class="actions">
          <a class="button" href="/stock">
            {ctx.t('stockPage.title')}
          </a>
          {p.may.manage && (
            <a class="button primary" href="/materials/new" data-testid="material-new">
              {ctx.t('materials.new')}
            </a>
          )}
        </div>
      }
    >
      <ListFilters
        ctx={ctx}
        action="/materials"
        query={query}
        search
        selects={[
          {
            name: 'owner',
            label: 'materials.owner',
            options: valueOptions(OWNERS, (o) => ownerLabel(ctx, o)),
          },
        ]}
      >
        <label class="check">
          <input type="checkbox" name="low" value="true" checked={query.low === true} />{' '}
          {ctx.t('materials.lowOnly')}
        </label>
      </ListFilters>
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="material-table"
        count={total}
        heads={[
          'materials.name',
          { num: 'materials.onHand' },
          'materials.owner',
          { num: 'materials.value' },
          'common.status',
        ]}
        row={(m) => (
          <tr key={m.id} data-testid={`material-${m.id}`}>
            <td>
              <a href={`/materials/${m.id}`}>{m.name}</a>
            </td>
            <td class="num">{quantity(ctx, m.on_hand, m.uom)}</td>
            <td>
              {ownerLabel(ctx, m.owner)}
              {m.partner_name && <span class="muted"> · {m.partner_name}</span>}
            </td>
            <td class="num">{stockValueText(m)}</td>
            <td>
              <LowBadge ctx={ctx} low={m.low} />
              {!m.active && <span class="badge">{ctx.t('common.inactive')}</span>}
            </td>
          </tr>
        )}
      />
    </ListShell>
  );
}

/** Where an issue went or a return came from: the session (programme, day) and/or the participant. */
function target(ctx: ViewCtx, r: MovementRow, names: boolean): string {
  const parts: string[] = [];
  if (r.session_day) parts.push(`${r.session_programme ?? ''}, ${formatDay(r.session_day, ctx.lang)}`);
  if (r.enrolment_id)
    parts.push(names && r.participant_name ? r.participant_name : ctx.t('materials.participant'));
  return parts.join(' · ');
}

export function MaterialPage({
  ctx,
  may,
  m,
  movements,
  page,
  more,
}: {
  ctx: ViewCtx;
  may: StockMay;
  m: MaterialRow;
  movements: MovementRow[];
  page: number;
  more: boolean;
}) {
  const sign = (n: number) => (n > 0 ? `+${formatNumber(n, ctx.lang)}` : `−${formatNumber(-n, ctx.lang)}`);
  return (
    <Layout ctx={ctx} title={m.name}>
      <BackLink href="/materials" label={ctx.t('materials.title')} />
      <TitleRow title={m.name} testid="material-name">
        {may.manage && (
          <a class="button" href={`/materials/${m.id}/edit`}>
            {ctx.t('common.edit')}
          </a>
        )}
      </TitleRow>
      <dl class="facts">
        <Fact ctx={ctx} label="materials.onHand" value={quantity(ctx, m.on_hand, m.uom)} testid="on-hand" />
        <Fact
          ctx={ctx}
          label="materials.owner"
          value={`${ownerLabel(ctx, m.owner)}${m.partner_name ? ` · ${m.partner_name}` : ''}`}
        />
        {m.owner === 'unit' && (
          <>
            <Fact
              ctx={ctx}
              label="materials.value"
              value={formatRupiah(m.stock_value)}
              testid="stock-value"
            />
            {m.on_hand > 0 && (
              <Fact
                ctx={ctx}
                label="materials.avgCost"
                value={`${formatRupiah(Math.round(m.stock_value / m.on_hand))} / ${uomLabel(ctx, m.uom)}`}
              />
            )}
          </>
        )}
        <Fact
          ctx={ctx}
          label="materials.lowStockLevel"
          value={m.low_stock_level > 0 ? quantity(ctx, m.low_stock_level, m.uom) : null}
        />
        <Fact ctx={ctx} label="common.status" value={m.low ? <LowBadge ctx={ctx} low /> : null} />
        {!m.active && <Fact ctx={ctx} label="common.status" value={ctx.t('common.inactive')} />}
      </dl>
      {may.manage && m.active && (
        <div class="actions">
          <a class="button primary" href={`/materials/${m.id}/receipts/new`} data-testid="receive">
            {ctx.t('materials.receive')}
          </a>
          <a class="button" href={`/materials/${m.id}/issues/new`} data-testid="issue">
            {ctx.t('materials.issue')}
          </a>
          <a class="button" href={`/materials/${m.id}/returns/new`} data-testid="return">
            {ctx.t('materials.return')}
          </a>
        </div>
      )}
      <h2>{ctx.t('materials.history')}</h2>
      <DataTable
        ctx={ctx}
        rows={movements}
        testid="movement-table"
        none="materials.noneYet"
        heads={[
          'materials.day',
          'materials.kind',
          { num: 'materials.qty' },
          ...(m.owner === 'unit' ? [{ num: 'materials.value' as const }] : []),
          'materials.source',
          'materials.documentNo',
          'materials.to',
          'materials.note',
          'materials.by',
        ]}
        row={(r) => (
          <tr key={r.id} data-testid={`movement-${r.kind}`}>
            <td>{formatDayShort(r.day)}</td>
            <td>{ctx.t(`materials.move.${r.kind}`)}</td>
            <td class="num">{sign(r.qty)}</td>
            {m.owner === 'unit' && <td class="num">{formatRupiah(r.value)}</td>}
            <td>{r.source ?? ''}</td>
            <td>{r.document_no ?? ''}</td>
            <td>
              {r.adjustment_id ? (
                <a href={`/stock/adjustments/${r.adjustment_id}`}>{ctx.t('adjustments.title')}</a>
              ) : (
                target(ctx, r, may.names)
              )}
            </td>
            <td>{r.note ?? ''}</td>
            <td>{r.created_by_name ?? ''}</td>
          </tr>
        )}
      />
      <nav class="pager" aria-label={ctx.t('materials.history')}>
        {page > 1 && <a href={`/materials/${m.id}?page=${page - 1}`}>{ctx.t('common.prev')}</a>}
        {more && <a href={`/materials/${m.id}?page=${page + 1}`}>{ctx.t('common.next')}</a>}
      </nav>
    </Layout>
  );
}

export function MaterialFormPage({
  ctx,
  form,
  partners,
  id,
}: {
  ctx: ViewCtx;
  form: FormState;
  partners: ReadonlyArray<{ id: string; name: string }>;
  id?: string | undefined;
}) {
  const title = ctx.t(id ? 'materials.edit' : 'materials.new');
  const f = fieldsFor(ctx, form);
  const active = form.values.active;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={id ? `/materials/${id}` : '/materials'} label={ctx.t('common.back')} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form
        method="post"
        action={id ? `/materials/${id}` : '/materials'}
        novalidate
        data-testid="material-form"
      >
        <Csrf ctx={ctx} />
        <f.Text name="name" label="materials.name" maxLength={120} />
        <f.Select
          name="uom"
          label="materials.uom"
          options={UOMS.map((u) => ({ value: u, label: uomLabel(ctx, u) }))}
        />
        <f.Select
          name="owner"
          label="materials.owner"
          options={OWNERS.map((o) => ({ value: o, label: ownerLabel(ctx, o) }))}
        />
        <f.Select
          name="partner_id"
          label="materials.partner"
          hint="materials.partnerHint"
          optional
          blank=""
          options={partners.map((p) => ({ value: p.id, label: p.name }))}
        />
        <f.Text
          name="low_stock_level"
          label="materials.lowStockLevel"
          hint="materials.lowStockHint"
          type="number"
          optional
        />
        {id && (
          <div class="field">
            <label class="check">
              <input
                type="checkbox"
                name="active"
                value="true"
                checked={active === true || active === 'true'}
                id="f-active"
              />{' '}
              {ctx.t('materials.active')}
            </label>
            {form.errors.some((e) => e.field === 'active') && (
              <p class="error" data-testid="error-active">
                {ctx.t('materials.deactivateWithStock')}
              </p>
            )}
          </div>
        )}
        <button type="submit" class="primary" data-testid="material-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}

export type MoveKind = 'receipts' | 'issues' | 'returns';
const TITLES: Record<MoveKind, MessageKey> = {
  receipts: 'materials.receive',
  issues: 'materials.issue',
  returns: 'materials.return',
};

/** The form of one movement: goods received, or an issue to / return from a session or participant. */
export function MovementFormPage({
  ctx,
  kind,
  m,
  form,
  sessions,
  participants,
}: {
  ctx: ViewCtx;
  kind: MoveKind;
  m: MaterialRow;
  form: FormState;
  sessions: ReadonlyArray<{ value: string; label: string }>;
  participants: ReadonlyArray<{ value: string; label: string }>;
}) {
  const title = `${ctx.t(TITLES[kind])}: ${m.name}`;
  const f = fieldsFor(ctx, form);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/materials/${m.id}`} label={m.name} />
      <h1>{title}</h1>
      <p>
        {ctx.t('materials.onHand')}: <strong>{quantity(ctx, m.on_hand, m.uom)}</strong> ·{' '}
        {ownerLabel(ctx, m.owner)}
      </p>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form method="post" action={`/materials/${m.id}/${kind}`} novalidate data-testid="movement-form">
        <Csrf ctx={ctx} />
        <f.Text name="day" label="materials.day" type="date" />
        <TextQty ctx={ctx} form={form} uom={m.uom} />
        {kind === 'receipts' ? (
          <>
            {m.owner === 'unit' && (
              <f.Text name="cost" label="materials.cost" hint="materials.costHint" type="number" />
            )}
            <f.Text name="source" label="materials.source" hint="materials.sourceHint" maxLength={200} />
            <f.Text
              name="document_no"
              label="materials.documentNo"
              hint="materials.documentNoHint"
              maxLength={100}
            />
          </>
        ) : (
          <>
            <f.Select
              name="session_id"
              label="materials.session"
              optional
              blank={ctx.t('materials.chooseSession')}
              options={sessions}
            />
            <f.Select
              name="enrolment_id"
              label="materials.participant"
              optional
              blank={ctx.t('materials.chooseParticipant')}
              options={participants}
            />
            <f.Area name="note" label="materials.note" rows={2} maxLength={500} />
          </>
        )}
        <button type="submit" class="primary" data-testid="movement-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}

function TextQty({ ctx, form, uom }: { ctx: ViewCtx; form: FormState; uom: string }) {
  const err = form.errors.find((e) => e.field === 'qty');
  const v = form.values.qty;
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for="f-qty">{ctx.t('materials.qtyIn', { uom: uomLabel(ctx, uom) })}</label>
      {err && (
        <p class="error" id="e-qty" data-testid="error-qty">
          {ctx.t(err.key, err.params)}
        </p>
      )}
      <input
        id="f-qty"
        name="qty"
        type="number"
        min="1"
        step="1"
        inputMode="numeric"
        required
        value={typeof v === 'string' || typeof v === 'number' ? String(v) : ''}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? 'e-qty' : undefined}
      />
    </div>
  );
}
