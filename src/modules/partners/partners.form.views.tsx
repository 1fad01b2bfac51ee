// The form to add or edit a partner, with a small table of contacts.
import { ErrorSummary, type FormState, fieldsFor } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { PartnerContact } from '../../db/schema.ts';
import { PARTNER_TYPES } from './partners.schema.ts';
import { LABELS } from './partners.views.tsx';

function contactRows(values: Record<string, unknown>): PartnerContact[] {
  const col = (k: string) =>
    Array.isArray(values[k])
      ? (values[k] as string[])
      : typeof values[k] === 'string'
        ? [values[k] as string]
        : [];
  const names = col('contact_name');
  const rows: PartnerContact[] = names.map((name, i) => ({
    name,
    position: col('contact_position')[i],
    phone: col('contact_phone')[i],
    email: col('contact_email')[i],
  }));
  const existing = Array.isArray(values.contacts) ? (values.contacts as PartnerContact[]) : [];
  const all = rows.length ? rows : existing;
  return [...all, { name: '' }, { name: '' }];
}

export function PartnerFormPage({
  ctx,
  form,
  units,
  partnerId,
}: {
  ctx: ViewCtx;
  form: FormState;
  units: ReadonlyArray<{ id: string; name: string }>;
  partnerId?: string | undefined;
}) {
  const title = ctx.t(partnerId ? 'partners.edit' : 'partners.new');
  const f = fieldsFor(ctx, form);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={partnerId ? `/partners/${partnerId}` : '/partners'} label={ctx.t('common.back')} />
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={LABELS} />
      <form
        method="post"
        action={partnerId ? `/partners/${partnerId}` : '/partners'}
        novalidate
        data-testid="partner-form"
      >
        <Csrf ctx={ctx} />
        {!partnerId && units.length > 1 && (
          <f.Select
            name="unit_id"
            label="partners.unit"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <f.Select
          name="type"
          label="partners.type"
          options={PARTNER_TYPES.map((t) => ({ value: t, label: ctx.t(`partnerType.${t}`) }))}
        />
        <f.Text name="legal_name" label="partners.legalName" maxLength={200} />
        <f.Text name="nib" label="partners.nib" optional maxLength={13} />
        <f.Text name="npwp" label="partners.npwp" optional maxLength={20} />
        <f.Text name="address" label="partners.address" optional maxLength={300} />
        <f.Text name="city" label="partners.city" optional maxLength={100} />
        <f.Text name="phone" label="partners.phone" type="tel" optional />
        <f.Text name="email" label="partners.email" type="email" optional />
        <f.Text name="website" label="partners.website" optional maxLength={200} />
        <fieldset class="field">
          <legend>{ctx.t('partners.contacts')}</legend>
          <p class="hint">{ctx.t('partners.contactsHint')}</p>
          {form.errors.some((e) => e.field === 'contacts') && (
            <p class="error" data-testid="error-contacts">
              {ctx.t(form.errors.find((e) => e.field === 'contacts')?.key ?? 'err.invalid')}
            </p>
          )}
          <div class="table-wrap">
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('partners.contactName')}</th>
                  <th scope="col">{ctx.t('partners.contactPosition')}</th>
                  <th scope="col">{ctx.t('partners.contactPhone')}</th>
                  <th scope="col">{ctx.t('partners.contactEmail')}</th>
                </tr>
              </thead>
              <tbody>
                {contactRows(form.values).map((c, i) => (
                  <tr key={i}>
                    <td>
                      <input
                        name="contact_name"
                        value={c.name}
                        aria-label={`${ctx.t('partners.contactName')} ${i + 1}`}
                        maxLength={120}
                      />
                    </td>
                    <td>
                      <input
                        name="contact_position"
                        value={c.position ?? ''}
                        aria-label={`${ctx.t('partners.contactPosition')} ${i + 1}`}
                        maxLength={120}
                      />
                    </td>
                    <td>
                      <input
                        name="contact_phone"
                        type="tel"
                        value={c.phone ?? ''}
                        aria-label={`${ctx.t('partners.contactPhone')} ${i + 1}`}
                        maxLength={20}
                      />
                    </td>
                    <td>
                      <input
                        name="contact_email"
                        type="email"
                        value={c.email ?? ''}
                        aria-label={`${ctx.t('partners.contactEmail')} ${i + 1}`}
                        maxLength={200}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <f.Text name="notes" label="partners.notes" optional maxLength={2000} />
        <button type="submit" class="primary" data-testid="partner-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
