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

/** The columns of one contact, in the order the form asks for them. */
const CONTACT_FIELDS = [
  { name: 'contact_name', label: 'partners.contactName', max: 120, type: 'text' },
  { name: 'contact_position', label: 'partners.contactPosition', max: 120, type: 'text' },
  { name: 'contact_phone', label: 'partners.contactPhone', max: 20, type: 'tel' },
  { name: 'contact_email', label: 'partners.contactEmail', max: 200, type: 'email' },
] as const;

const contactValue = (c: PartnerContact, name: (typeof CONTACT_FIELDS)[number]['name']) =>
  name === 'contact_name'
    ? c.name
    : ((name === 'contact_position' ? c.position : name === 'contact_phone' ? c.phone : c.email) ?? '');

/**
 * Why: on a phone a contact is a small group of four labelled fields (a table of inputs would be
 * wider than the screen); the number in each label ("Nama 1") tells screen readers which contact.
 */
function ContactFields({ ctx, contact, n }: { ctx: ViewCtx; contact: PartnerContact; n: number }) {
  return (
    <div class="contact grid2">
      {CONTACT_FIELDS.map((f) => (
        <div class="field" key={f.name}>
          <label for={`f-${f.name}-${n}`}>
            {ctx.t(f.label)}
            <span class="sr-only"> {n}</span>
          </label>
          <input
            id={`f-${f.name}-${n}`}
            name={f.name}
            // Preact types narrow by input kind; each of these takes a value.
            type={f.type as 'text'}
            value={contactValue(contact, f.name)}
            maxLength={f.max}
          />
        </div>
      ))}
    </div>
  );
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
        <fieldset class="field" id="f-contacts">
          <legend>{ctx.t('partners.contacts')}</legend>
          <p class="hint">{ctx.t('partners.contactsHint')}</p>
          {form.errors.some((e) => e.field === 'contacts') && (
            <p class="error" data-testid="error-contacts">
              {ctx.t(form.errors.find((e) => e.field === 'contacts')?.key ?? 'err.invalid')}
            </p>
          )}
          <ol class="contacts">
            {contactRows(form.values).map((c, i) => (
              <li key={i}>
                <ContactFields ctx={ctx} contact={c} n={i + 1} />
              </li>
            ))}
          </ol>
        </fieldset>
        <f.Text name="notes" label="partners.notes" optional maxLength={2000} />
        <button type="submit" class="primary" data-testid="partner-save">
          {ctx.t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
