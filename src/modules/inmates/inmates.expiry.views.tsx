import { formatDayShort } from '../../app/format.ts';
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf } from '../../app/layout.tsx';
import { DataTable } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import { EXPIRY_CHANGE_KINDS } from './inmates.rules.ts';
import type { inmateDetail } from './inmates.service.ts';

type Detail = Awaited<ReturnType<typeof inmateDetail>>;

const day = (d: string | null) => (d ? formatDayShort(d) : '—');

/** The register history of the tanggal ekspirasi, and the form that records a change with its basis. */
export function ExpiryHistory(p: { ctx: ViewCtx; d: Detail; form: FormState; manage: boolean }) {
  const { ctx } = p;
  const f = fieldsFor(ctx, p.form);
  const kind = (k: string) => ctx.t(`inmates.expiry.kind.${k as 'correction'}`);
  return (
    <>
      <h2>{ctx.t('inmates.expiry.title')}</h2>
      <DataTable
        ctx={ctx}
        rows={p.d.expiryChanges}
        testid="expiry-history"
        heads={[
          'inmates.expiry.kind',
          'inmates.expiry.previous',
          'inmates.expiry.newExpiry',
          'inmates.expiry.reference',
          'inmates.expiry.basis',
          'inmates.by',
        ]}
        row={(c) => (
          <tr key={c.id}>
            <td>{kind(c.kind)}</td>
            <td>{day(c.previous_expiry)}</td>
            <td>{day(c.new_expiry)}</td>
            <td>
              {[c.reference, c.authority, c.order_date && day(c.order_date)].filter(Boolean).join(' · ') ||
                '—'}
            </td>
            <td>{c.basis ?? '—'}</td>
            <td>{c.created_by_name ?? '—'}</td>
          </tr>
        )}
      />
      {p.manage && (
        <details class="panel" open={p.form.errors.length > 0}>
          <summary>{ctx.t('inmates.expiry.add')}</summary>
          <ErrorSummary ctx={ctx} form={p.form} labels={EXPIRY_LABELS} />
          <form
            method="post"
            action={`/inmates/${p.d.inmate.id}/expiry`}
            novalidate
            data-testid="expiry-form"
          >
            <Csrf ctx={ctx} />
            <f.Select
              name="kind"
              label="inmates.expiry.kind"
              hint="inmates.expiry.kindHint"
              options={EXPIRY_CHANGE_KINDS.map((k) => ({ value: k, label: kind(k) }))}
            />
            <f.Text name="new_expiry" label="inmates.expiry.newExpiry" type="date" />
            <f.Text name="reference" label="inmates.expiry.reference" optional maxLength={120} />
            <f.Text name="authority" label="inmates.expiry.authority" optional maxLength={200} />
            <f.Text name="order_date" label="inmates.expiry.orderDate" type="date" optional />
            <f.Text name="basis" label="inmates.expiry.basis" optional maxLength={500} />
            <button type="submit">{ctx.t('inmates.expiry.add')}</button>
          </form>
        </details>
      )}
    </>
  );
}

const EXPIRY_LABELS: Record<string, MessageKey> = {
  kind: 'inmates.expiry.kind',
  new_expiry: 'inmates.expiry.newExpiry',
  reference: 'inmates.expiry.reference',
  authority: 'inmates.expiry.authority',
  order_date: 'inmates.expiry.orderDate',
  basis: 'inmates.expiry.basis',
};
