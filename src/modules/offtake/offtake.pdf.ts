// The printable offtake invoice: the unit's letterhead, number and dates, the partner, the lines
// per batch and product (passed x rate), payments received and what is still owed, and the Kepala
// UPT's signature block.
import { formatDay, formatRupiah } from '../../app/format.ts';
import type { Translate } from '../../app/i18n.ts';
import {
  documentTitle,
  drawLetterhead,
  facts,
  footers,
  gridRow,
  type LetterheadUnit,
  letterheadOf,
  newDocument,
  signatureBlock,
  toBuffer,
} from '../../app/pdf.ts';
import type { InvoiceDetail } from './offtake.service.ts';

export async function invoicePdf(
  d: InvoiceDetail,
  o: {
    t: Translate;
    lang: 'id' | 'en';
    unit: LetterheadUnit;
    head: { full_name: string; nip: string | null } | undefined;
  },
): Promise<Buffer> {
  const { t, lang, unit } = o;
  const i = d.invoice;
  const day = (v: string) => formatDay(v, lang).replace(/^[^,]+, /, '');
  const doc = await newDocument({ title: `${t('offtake.pdfTitle')} ${i.number}`, author: unit.name });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  drawLetterhead(doc, letterheadOf(unit));
  documentTitle(doc, t('offtake.pdfTitle'), 14, `${t('offtake.number')}: ${i.number}`);
  doc.moveDown(1);
  facts(doc, [
    [t('offtake.pdfTo'), i.partner_name],
    [t('offtake.issuedOn'), day(i.issued_on)],
    ...(i.due_on ? ([[t('offtake.dueOn'), day(i.due_on)]] as [string, string][]) : []),
  ]);
  doc.moveDown(0.8);
  const cols = [
    { title: t('offtake.batch'), w: 100, align: 'left' as const },
    { title: t('offtake.product'), w: width - 100 - 60 - 100 - 110, align: 'left' as const },
    { title: t('offtake.passed'), w: 60, align: 'right' as const },
    { title: t('offtake.rate'), w: 100, align: 'right' as const },
    { title: t('offtake.amount'), w: 110, align: 'right' as const },
  ];
  const row = (cells: string[], bold: boolean) => gridRow(doc, cols, cells, bold);
  row(
    cols.map((c) => c.title),
    true,
  );
  for (const l of d.lines)
    row(
      [l.batch_number, l.product_name, String(l.passed), formatRupiah(l.rate), formatRupiah(l.amount)],
      false,
    );
  row(['', t('offtake.total'), '', '', formatRupiah(i.total)], true);
  doc.moveDown(0.8);
  facts(doc, [
    [t('offtake.paid'), formatRupiah(i.paid)],
    [t('offtake.owed'), formatRupiah(i.owed)],
    ...d.payments.map((p): [string, string] => [
      `${t('offtake.paidOn')} ${day(p.paid_on)}`,
      `${formatRupiah(p.amount)} (${t(`offtake.pm.${p.method}`)}${p.reference ? `, ${p.reference}` : ''})`,
    ]),
  ]);
  signatureBlock(doc, {
    place: unit.city ?? unit.name,
    dateText: day(i.issued_on),
    title: t('offtake.pdfSignUnit', { unit: unit.name }),
    name: o.head?.full_name ?? '....................................',
    nip: o.head?.nip ?? null,
  });
  footers(doc, (page, total) => `${i.number} · ${page}/${total}`);
  return toBuffer(doc);
}
