// Agreement reminders: a panel for the unit dashboard and the full list page.
import { formatDay } from '../../app/format.ts';
import type { MessageKey } from '../../app/i18n.ts';
import { Layout } from '../../app/layout.tsx';
import { BackLink } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { Reminder } from './agreements.reminders.ts';

const LABEL: Record<Reminder['kind'], MessageKey> = {
  'agreement.overdue': 'reminders.overdue',
  'agreement.ending_30': 'reminders.ending30',
  'agreement.ending_90': 'reminders.ending90',
};

function ReminderList({ ctx, items }: { ctx: ViewCtx; items: Reminder[] }) {
  if (items.length === 0) return <p data-testid="reminders-none">{ctx.t('reminders.none')}</p>;
  return (
    <ul class="plain" data-testid="reminders">
      {items.map((r) => (
        <li key={r.id} class={`reminder ${r.kind.replace('.', '-')}`}>
          <a href={`/agreements/${r.id}`}>{r.title}</a> · {r.partnerName}
          <br />
          <small>
            {ctx.t(LABEL[r.kind])}: {formatDay(r.validTo, ctx.lang)} (
            {r.days >= 0
              ? ctx.t('reminders.daysLeft', { n: r.days })
              : ctx.t('reminders.daysOver', { n: -r.days })}
            )
          </small>
        </li>
      ))}
    </ul>
  );
}

export function RemindersPanel({ ctx, items }: { ctx: ViewCtx; items: Reminder[] }) {
  return (
    <section class="card" aria-labelledby="c-reminders">
      <h2 id="c-reminders">{ctx.t('reminders.title')}</h2>
      <ReminderList ctx={ctx} items={items.slice(0, 5)} />
      {items.length > 5 && <a href="/agreements/reminders">{ctx.t('reminders.all')}</a>}
    </section>
  );
}

export function RemindersPage({ ctx, items }: { ctx: ViewCtx; items: Reminder[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('reminders.title')}>
      <BackLink href="/agreements" label={ctx.t('agreements.title')} />
      <h1>{ctx.t('reminders.title')}</h1>
      <ReminderList ctx={ctx} items={items} />
    </Layout>
  );
}
