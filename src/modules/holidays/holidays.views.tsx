// The holiday calendar page: one year's national and local holidays, with the add form for staff.
import { formatDayShort } from '../../app/format.ts';
import { ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { ScrollRegion } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { HolidayMay } from './holidays.policy.ts';
import type { HolidayRow } from './holidays.repo.ts';

const LABELS: Record<string, MessageKey> = {
  day: 'holidays.day',
  name: 'holidays.name',
  kind: 'holidays.kind',
  national: 'holidays.national',
  unit_id: 'holidays.scope',
};

export function HolidaysPage({
  ctx,
  may,
  year,
  rows,
  form,
}: {
  ctx: ViewCtx;
  /** What the policy lets this user do (holidays.policy.ts). */
  may: HolidayMay;
  year: number;
  rows: HolidayRow[];
  form: FormState;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('holidays.title')}>
      <h1>{ctx.t('holidays.title')}</h1>
      <p class="muted">{ctx.t('holidays.intro')}</p>
      <p class="muted" data-testid="holidays-cancels">
        {ctx.t('holidays.cancelsSessions')}
      </p>
      <form method="get" action="/holidays" class="filters">
        <label>
          {ctx.t('holidays.year')}
          <input type="number" name="year" value={year} min={2000} max={2100} />
        </label>
        <button type="submit">{ctx.t('common.filter')}</button>
      </form>
      {rows.length === 0 ? (
        <p>{ctx.t('common.none')}</p>
      ) : (
        <ScrollRegion label={ctx.t('holidays.title')}>
          <table data-testid="holiday-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('holidays.day')}</th>
                <th scope="col">{ctx.t('holidays.name')}</th>
                <th scope="col">{ctx.t('holidays.kind')}</th>
                <th scope="col">{ctx.t('holidays.scope')}</th>
                {may.manage && <th scope="col">{ctx.t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.id} data-testid={`holiday-${h.day}`}>
                  <td>{formatDayShort(h.day)}</td>
                  <td>{h.name}</td>
                  <td>{ctx.t(`holidayKind.${h.kind}`)}</td>
                  <td>{h.unit_name ?? ctx.t('holidays.national')}</td>
                  {may.manage && (
                    <td>
                      {may.edit(h) && (
                        <form method="post" action={`/holidays/${h.id}/delete`} class="inline">
                          <Csrf ctx={ctx} />
                          <button type="submit" class="link">
                            {ctx.t('holidays.remove')}
                          </button>
                        </form>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {may.manage && (
        <details class="panel" open={form.errors.length > 0}>
          <summary>{ctx.t('holidays.add')}</summary>
          <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
          <form method="post" action="/holidays" novalidate data-testid="holiday-form">
            <Csrf ctx={ctx} />
            <TextField ctx={ctx} form={form} name="day" label="holidays.day" type="date" />
            <TextField ctx={ctx} form={form} name="name" label="holidays.name" maxLength={200} />
            {may.national && (
              <>
                <div class="field">
                  <label class="check">
                    <input
                      type="checkbox"
                      name="national"
                      value="true"
                      checked={String(form.values.national) === 'true'}
                    />{' '}
                    {ctx.t('holidays.national')}
                  </label>
                  <p class="hint">{ctx.t('holidays.nationalHint')}</p>
                </div>
                <SelectField
                  ctx={ctx}
                  form={form}
                  name="kind"
                  label="holidays.kind"
                  optional
                  blank=""
                  options={(['national', 'cuti_bersama', 'local'] as const).map((k) => ({
                    value: k,
                    label: ctx.t(`holidayKind.${k}`),
                  }))}
                />
              </>
            )}
            <button type="submit" class="primary" data-testid="holiday-save">
              {ctx.t('common.save')}
            </button>
          </form>
        </details>
      )}
    </Layout>
  );
}
