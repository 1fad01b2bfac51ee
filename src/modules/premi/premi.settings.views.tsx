// The unit's premi settings page: the revenue split, the minimum per session and the spendable share.
import type { FormState } from '../../app/forms.tsx';
import { ErrorSummary, TextField } from '../../app/forms.tsx';
import type { MessageKey } from '../../app/i18n.ts';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';

export function SettingsPage(p: { ctx: ViewCtx; form: FormState; unitName: string }) {
  const { ctx, form } = p;
  const labels: Record<string, MessageKey> = {
    premi_pct: 'premi.premiPct',
    pnbp_pct: 'premi.pnbpPct',
    capital_pct: 'premi.capitalPct',
    premi_min_session: 'premi.minSessionField',
    premi_spendable_pct: 'premi.spendableField',
  };
  return (
    <Layout ctx={ctx} title={ctx.t('premi.settingsTitle')}>
      <BackLink href="/premi" label={ctx.t('premi.backToList')} />
      <TitleRow title={ctx.t('premi.settingsTitle')} />
      <p class="muted">{p.unitName}</p>
      <p>{ctx.t('premi.settingsIntro')}</p>
      <form method="post" action="/premi/settings" data-testid="premi-settings-form">
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={labels} />
        <fieldset>
          <legend>{ctx.t('premi.split')}</legend>
          <TextField ctx={ctx} form={form} name="premi_pct" label="premi.premiPct" type="number" />
          <TextField ctx={ctx} form={form} name="pnbp_pct" label="premi.pnbpPct" type="number" />
          <TextField ctx={ctx} form={form} name="capital_pct" label="premi.capitalPct" type="number" />
        </fieldset>
        <TextField
          ctx={ctx}
          form={form}
          name="premi_min_session"
          label="premi.minSessionField"
          hint="premi.minSessionHint"
          type="number"
        />
        <TextField
          ctx={ctx}
          form={form}
          name="premi_spendable_pct"
          label="premi.spendableField"
          hint="premi.spendableHint"
          type="number"
        />
        <button type="submit" class="primary" data-testid="premi-settings-save">
          {ctx.t('premi.saveSettings')}
        </button>
      </form>
    </Layout>
  );
}
