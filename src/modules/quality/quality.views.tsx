// The quality-check pages: the list of batches, sending a new batch (what each maker holds awaiting
// the check, editable down to 0), a batch with its lines and rejects, and the check form.
import { formatDay, formatDayShort, formatRupiah } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import {
  BackLink,
  ChoosePage,
  DataTable,
  ListFilters,
  type ListPageProps,
  ListShell,
  recordOptions,
  TitleRow,
  valueOptions,
} from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { QualityMay } from './quality.policy.ts';
import { QC_STATUSES, REJECT_REASONS } from './quality.rules.ts';
import type { AwaitingRow, BatchDetail, BatchListRow } from './quality.service.ts';

const LABELS: Record<string, MessageKey> = {
  programme_id: 'quality.programme',
  sent_on: 'quality.sentOn',
  checked_on: 'quality.checkedOn',
  lines: 'quality.lines',
};

/** How many reject rows the check form offers per line (empty rows are ignored). */
export const REJECT_ROWS = 3;

const rp = (n: number | null) => (n === null ? '—' : formatRupiah(n));

export function BatchListPage(
  p: ListPageProps<BatchListRow, { programme?: string | undefined; status?: string | undefined }> & {
    may: QualityMay;
    programmes: ReadonlyArray<{ id: string; name: string }>;
  },
) {
  const { ctx, rows, total, query, may } = p;
  return (
    <ListShell
      list={p}
      title={ctx.t('quality.title')}
      base="/qc-batches"
      actions={
        may.check && (
          <a class="button primary" href="/qc-batches/new" data-testid="qc-new">
            {ctx.t('quality.new')}
          </a>
        )
      }
    >
      <p class="muted">{ctx.t('quality.intro')}</p>
      <ListFilters
        ctx={ctx}
        action="/qc-batches"
        query={query}
        selects={[
          { name: 'programme', label: 'quality.programme', options: recordOptions(p.programmes) },
          {
            name: 'status',
            label: 'quality.status',
            options: valueOptions(QC_STATUSES, (s) => ctx.t(`quality.st.${s}`)),
          },
        ]}
      />
      <DataTable
        ctx={ctx}
        rows={rows}
        testid="qc-table"
        count={total}
        none="quality.none"
        heads={[
          'quality.number',
          'quality.programme',
          'quality.partner',
          'quality.sentOn',
          'quality.status',
          { num: 'quality.submitted' },
          { num: 'quality.passed' },
          { num: 'quality.amount' },
        ]}
        row={(b) => (
          <tr key={b.id}>
            <td>
              <a href={`/qc-batches/${b.id}`}>{b.number}</a>
            </td>
            <td>{b.programme_name}</td>
            <td>{b.partner_name}</td>
            <td>{formatDayShort(b.sent_on)}</td>
            <td>{ctx.t(`quality.st.${b.status}`)}</td>
            <td class="num">{b.submitted}</td>
            <td class="num">{b.passed ?? '—'}</td>
            <td class="num">{b.status === 'sent' ? '—' : formatRupiah(b.amount)}</td>
          </tr>
        )}
      />
    </ListShell>
  );
}

/** Step one of a new batch: which programme (one with a partner) the items come from. */
export function ChooseProgrammePage(p: {
  ctx: ViewCtx;
  programmes: ReadonlyArray<{ id: string; name: string }>;
}) {
  return (
    <ChoosePage
      ctx={p.ctx}
      title="quality.newTitle"
      back={{ href: '/qc-batches', label: 'quality.title' }}
      action="/qc-batches/new"
      testid="qc-choose"
      name="programme"
      texts={{ label: 'quality.chooseProgramme', submit: 'quality.choose', none: 'quality.noProgrammes' }}
      options={p.programmes}
    />
  );
}

export const qtyField = (r: { enrolment_id: string; product_id: string }) =>
  `qty.${r.enrolment_id}.${r.product_id}`;

export function NewBatchPage(p: {
  ctx: ViewCtx;
  programme: { id: string; name: string; partner_name: string | null };
  rows: AwaitingRow[];
  form: FormState;
}) {
  const { ctx, form } = p;
  const f = fieldsFor(ctx, form);
  const general = form.errors.find((e) => e.field === 'lines' || e.field === '_');
  return (
    <Layout ctx={ctx} title={ctx.t('quality.newTitle')}>
      <BackLink href="/qc-batches" label={ctx.t('quality.title')} />
      <h1>{ctx.t('quality.newTitle')}</h1>
      <dl class="facts">
        <dt>{ctx.t('quality.programme')}</dt>
        <dd>{p.programme.name}</dd>
        <dt>{ctx.t('quality.partner')}</dt>
        <dd>{p.programme.partner_name ?? '—'}</dd>
      </dl>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      {p.rows.length === 0 ? (
        <p data-testid="qc-none-awaiting">{ctx.t('quality.noneAwaiting')}</p>
      ) : (
        <form method="post" action="/qc-batches" novalidate data-testid="qc-batch-form">
          <Csrf ctx={ctx} />
          <input type="hidden" name="programme_id" value={p.programme.id} />
          <f.Text name="sent_on" label="quality.sentOn" type="date" />
          {general && (
            <p class="error" data-testid="error-lines">
              {ctx.t(general.key, general.params)}
            </p>
          )}
          <DataTable
            ctx={ctx}
            rows={p.rows}
            testid="qc-awaiting"
            heads={['quality.maker', 'quality.product', { num: 'quality.held' }, { num: 'quality.qty' }]}
            row={(r) => {
              const name = qtyField(r);
              const v = form.values[name];
              return (
                <tr key={name}>
                  <td>{r.maker_name}</td>
                  <td>{r.product_name}</td>
                  <td class="num">{r.awaiting}</td>
                  <td class="num">
                    <input
                      type="number"
                      name={name}
                      id={`f-${name}`}
                      min={0}
                      max={r.awaiting}
                      step={1}
                      inputMode="numeric"
                      value={typeof v === 'string' || typeof v === 'number' ? String(v) : String(r.awaiting)}
                      aria-label={`${ctx.t('quality.qty')}: ${r.maker_name}, ${r.product_name}`}
                    />
                  </td>
                </tr>
              );
            }}
          />
          <button type="submit" class="primary" data-testid="qc-send">
            {ctx.t('quality.send')}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function BatchPage(p: { ctx: ViewCtx; d: BatchDetail; may: QualityMay }) {
  const { ctx, d, may } = p;
  const b = d.batch;
  return (
    <Layout ctx={ctx} title={b.number}>
      <BackLink href="/qc-batches" label={ctx.t('quality.title')} />
      <TitleRow title={`${ctx.t('quality.number')} ${b.number}`} testid="qc-number">
        {b.status === 'sent' && may.check && (
          <a class="button primary" href={`/qc-batches/${b.id}/check`} data-testid="qc-check">
            {ctx.t('quality.check')}
          </a>
        )}
        {b.status === 'checked' && may.invoice && (
          <a class="button" href={`/offtake-invoices/new?partner=${b.partner_id}`} data-testid="qc-invoice">
            {ctx.t('quality.invoice')}
          </a>
        )}
      </TitleRow>
      <dl class="facts">
        <dt>{ctx.t('quality.programme')}</dt>
        <dd>{b.programme_name}</dd>
        <dt>{ctx.t('quality.partner')}</dt>
        <dd>{b.partner_name}</dd>
        <dt>{ctx.t('quality.sentOn')}</dt>
        <dd>{formatDay(b.sent_on, ctx.lang)}</dd>
        {b.checked_on && (
          <>
            <dt>{ctx.t('quality.checkedOn')}</dt>
            <dd>{formatDay(b.checked_on, ctx.lang)}</dd>
          </>
        )}
        <dt>{ctx.t('quality.status')}</dt>
        <dd data-testid="qc-status">{ctx.t(`quality.st.${b.status}`)}</dd>
      </dl>
      <DataTable
        ctx={ctx}
        rows={d.lines}
        testid="qc-lines"
        heads={[
          'quality.maker',
          'quality.product',
          { num: 'quality.submitted' },
          { num: 'quality.passed' },
          { num: 'quality.rejected' },
          { num: 'quality.rate' },
          { num: 'quality.amount' },
        ]}
        row={(l) => (
          <tr key={l.id}>
            <td>{l.maker_name}</td>
            <td>
              {l.product_name}
              {l.rejects.length > 0 && (
                <ul class="muted">
                  {l.rejects.map((r) => (
                    <li key={r.id}>
                      {r.qty} × {ctx.t(`quality.rr.${r.reason}`)}: {ctx.t(`quality.dp.${r.disposition}`)}
                      {r.note ? ` (${r.note})` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td class="num">{l.submitted}</td>
            <td class="num">{l.passed ?? '—'}</td>
            <td class="num">{b.status === 'sent' ? '—' : l.rejected}</td>
            <td class="num">{rp(l.rate)}</td>
            <td class="num">{rp(l.amount)}</td>
          </tr>
        )}
      />
      {b.status !== 'sent' && (
        <p data-testid="qc-total">
          {ctx.t('quality.total')}: {d.totals.passed} {ctx.t('quality.passed').toLowerCase()},{' '}
          {d.totals.rejected} {ctx.t('quality.rejected').toLowerCase()}, {formatRupiah(d.totals.amount)}
        </p>
      )}
    </Layout>
  );
}

/** The check form's starting values: every item passed, no rejects, checked today. */
export function checkDefaults(d: BatchDetail, day: string): FormState {
  const values: Record<string, unknown> = { checked_on: day };
  for (const l of d.lines) values[`passed.${l.id}`] = String(l.submitted);
  return { values, errors: [] };
}

export function CheckPage(p: { ctx: ViewCtx; d: BatchDetail; form: FormState }) {
  const { ctx, d, form } = p;
  const f = fieldsFor(ctx, form);
  const b = d.batch;
  const title = ctx.t('quality.checkTitle', { number: b.number });
  const val = (name: string) => {
    const v = form.values[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  const err = (name: string) => form.errors.find((e) => e.field === name);
  const hasRejects = (lineId: string) =>
    Object.keys(form.values).some((k) => /^r[qrwn]\./.test(k) && k.includes(lineId) && val(k) !== '') ||
    form.errors.some((x) => x.field.includes(lineId) && !x.field.startsWith('passed.')) ||
    (val(`passed.${lineId}`) !== '' && form.errors.some((x) => x.field === `passed.${lineId}`));
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/qc-batches/${b.id}`} label={b.number} />
      <h1>{title}</h1>
      <p class="muted">
        {b.programme_name} · {b.partner_name} · {ctx.t('quality.sentOn')} {formatDay(b.sent_on, ctx.lang)}
      </p>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <p class="hint">{ctx.t('quality.checkHint')}</p>
      <form method="post" action={`/qc-batches/${b.id}/check`} novalidate data-testid="qc-check-form">
        <Csrf ctx={ctx} />
        <f.Text name="checked_on" label="quality.checkedOn" type="date" />
        {d.lines.map((l) => {
          const passed = `passed.${l.id}`;
          const e = err(passed);
          return (
            <fieldset key={l.id} class="qc-line" data-testid={`qc-line-${l.id}`}>
              <legend>
                {l.maker_name} · {l.product_name} · {ctx.t('quality.submitted')} {l.submitted}
              </legend>
              <div class={e ? 'field has-error' : 'field'}>
                <label for={`f-${passed}`}>{ctx.t('quality.passed')}</label>
                {e && (
                  <p class="error" id={`e-${passed}`} data-testid={`error-${passed}`}>
                    {ctx.t(e.key, e.params)}
                  </p>
                )}
                <input
                  type="number"
                  id={`f-${passed}`}
                  name={passed}
                  min={0}
                  max={l.submitted}
                  step={1}
                  inputMode="numeric"
                  value={val(passed)}
                  aria-invalid={e ? 'true' : undefined}
                  aria-describedby={e ? `e-${passed}` : undefined}
                />
              </div>
              {/* Closed unless something was rejected: most lines pass whole, and the page stays short on a phone. */}
              <details open={hasRejects(l.id)}>
                <summary>{ctx.t('quality.rejects')}</summary>
                {Array.from({ length: REJECT_ROWS }, (_, i) => {
                  const k = `${l.id}.${i}`;
                  const rowErr = err(`rr.${k}`) ?? err(`rw.${k}`) ?? err(`rq.${k}`);
                  return (
                    <div key={k} class="reject-row">
                      <p class="muted">{ctx.t('quality.rejectRow', { n: i + 1 })}</p>
                      {rowErr && <p class="error">{ctx.t(rowErr.key, rowErr.params)}</p>}
                      <div class="grid2">
                        <label>
                          {ctx.t('quality.rejectQty')}
                          <input
                            type="number"
                            id={`f-rq.${k}`}
                            name={`rq.${k}`}
                            min={0}
                            step={1}
                            inputMode="numeric"
                            value={val(`rq.${k}`)}
                          />
                        </label>
                        <label>
                          {ctx.t('quality.reason')}
                          <select id={`f-rr.${k}`} name={`rr.${k}`}>
                            <option value="">—</option>
                            {REJECT_REASONS.map((r) => (
                              <option key={r} value={r} selected={val(`rr.${k}`) === r}>
                                {ctx.t(`quality.rr.${r}`)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <label>
                          {ctx.t('quality.reworkable')}
                          <select id={`f-rw.${k}`} name={`rw.${k}`}>
                            <option value="">—</option>
                            <option value="yes" selected={val(`rw.${k}`) === 'yes'}>
                              {ctx.t('common.yes')}
                            </option>
                            <option value="no" selected={val(`rw.${k}`) === 'no'}>
                              {ctx.t('common.no')}
                            </option>
                          </select>
                        </label>
                        <label>
                          {ctx.t('quality.note')} ({ctx.t('common.optional')})
                          <input type="text" name={`rn.${k}`} maxLength={500} value={val(`rn.${k}`)} />
                        </label>
                      </div>
                    </div>
                  );
                })}
              </details>
            </fieldset>
          );
        })}
        <button type="submit" class="primary" data-testid="qc-save-check">
          {ctx.t('quality.saveCheck')}
        </button>
      </form>
    </Layout>
  );
}
