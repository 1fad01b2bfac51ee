// The form to add or edit a partner, with a small table of contacts.
import { ErrorSummary, type FormState, SelectField, TextField } from '../../app/forms.tsx';
import { Csrf, Layout } from '../../app/layout.tsx';
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
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={partnerId ? `/partners/${partnerId}` : '/partners'}>← {ctx.t('common.back')}</a>
      </p>
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
          <SelectField
            ctx={ctx}
            form={form}
            name="unit_id"
            label="partners.unit"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <SelectField
          ctx={ctx}
          form={form}
          name="type"
          label="partners.type"
          options={PARTNER_TYPES.map((t) => ({ value: t, label: ctx.t(`partnerType.${t}`) }))}
        />
        <TextField ctx={ctx} form={form} name="legal_name" label="partners.legalName" maxLength={200} />
        <TextField ctx={ctx} form={form} name="nib" label="partners.nib" optional maxLength={13} />
        <TextField ctx={ctx} form={form} name="npwp" label="partners.npwp" optional maxLength={20} />
        <TextField ctx={ctx} form={form} name="address" label="partners.address" optional maxLength={300} />
        <TextField ctx={ctx} form={form} name="city" label="partners.city" optional maxLength={100} />
        <TextField ctx={ctx} form={form} name="phone" label="partners.phone" type="tel" optional />
        <TextField ctx={ctx} form={form} name="email" label="partners.email" type="email" optional />
        <TextField ctx={ctx} form={form} name="website" label="partners.website" optional maxLength={200} />
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
        <TextField ctx={ctx} form={form} name="notes" label="partners.notes" optional maxLength={2000} />
        <button type="submit" class="primary" data-testid="partner-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
