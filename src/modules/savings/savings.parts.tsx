// What the tabungan premi pages share: a short day (or a dash) and the labels of every form field,
// which the error summaries name.
import { formatDayShort } from '../../app/format.ts';
import type { MessageKey } from '../../app/i18n.ts';

export const day = (d: string | null | undefined) => (d ? formatDayShort(d) : '—');

export const LABELS: Record<string, MessageKey> = {
  day: 'savings.day',
  amount: 'savings.amount',
  purpose: 'savings.purpose',
  reason: 'savings.reason',
  recipient: 'savings.recipient',
  paid_on: 'savings.paidOn',
  method: 'savings.method',
  reference: 'savings.reference',
  to_unit_id: 'savings.toUnit',
  sent_on: 'savings.sentOn',
  inmate_id: 'savings.receiveAs',
};
