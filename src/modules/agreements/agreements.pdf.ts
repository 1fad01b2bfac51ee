// The printable summary of an agreement: letterhead, particulars, the terms in force on the chosen
// date, addenda, evaluations, and the Kepala UPT's signature block.
import { formatDay, formatRupiah } from '../../app/format.ts';
import type { Translate } from '../../app/i18n.ts';
import {
  bullets,
  drawLetterhead,
  FONT,
  facts,
  footers,
  heading,
  newDocument,
  signatureBlock,
  toBuffer,
} from '../../app/pdf.ts';
import type { AgreementDetail } from './agreements.service.ts';

export async function agreementSummaryPdf(
  d: AgreementDetail,
  opts: {
    t: Translate;
    lang: 'id' | 'en';
    today: string;
    head: { full_name: string; nip: string | null; position: string | null } | undefined;
  },
): Promise<Buffer> {
  const { t, lang } = opts;
  const a = d.agreement;
  const doc = await newDocument({ title: `${t('pdf.summaryTitle')} — ${a.title}`, author: d.unit.name });
  drawLetterhead(doc, {
    kanwilName: d.unit.kanwil_name,
    unitName: d.unit.name,
    unitType: d.unit.type,
    address: d.unit.address,
    city: d.unit.city,
    phone: d.unit.phone,
    email: d.unit.email,
  });
  doc.font(FONT.bold).fontSize(12).text(t('pdf.summaryTitle'), { align: 'center' });
  doc.moveDown(0.8);
  const day = (v: string | null) => (v ? formatDay(v, lang) : '—');
  const parties = a.parties.map((p) => {
    const role =
      p.role === 'first'
        ? t('agreements.partyFirst')
        : p.role === 'second'
          ? t('agreements.partySecond')
          : t('agreements.partyOther');
    const sign = p.signatory_name
      ? ` (${p.signatory_name}${p.signatory_position ? `, ${p.signatory_position}` : ''}${p.signatory_nip ? `, NIP ${p.signatory_nip}` : ''})`
      : '';
    return `${role}: ${p.name}${sign}`;
  });
  facts(doc, [
    [t('agreements.titleField'), a.title],
    [t('agreements.kind'), t(`kind.${a.kind}`)],
    [t('agreements.numberFirst'), a.number_first ?? '—'],
    [t('agreements.numberSecond'), a.number_second ?? '—'],
    [t('agreements.partner'), a.partner_name],
    [t('agreements.parties'), parties.join('\n') || '—'],
    [t('agreements.signedOn'), `${day(a.signed_on)}${a.signed_place ? `, ${a.signed_place}` : ''}`],
    [t('agreements.validFrom'), day(a.valid_from)],
    [t('agreements.validTo'), d.inForce?.valid_to ? day(d.inForce.valid_to) : t('agreements.openEnded')],
    [
      t('agreements.status'),
      t(`status.${a.status}`) + (a.terminated_reason ? ` — ${a.terminated_reason}` : ''),
    ],
    [t('agreements.programAksi'), d.programAksi.map((p) => p.title).join('; ') || '—'],
  ]);

  heading(doc, `${t('agreements.termsOn')} ${day(d.on)}`);
  const terms = d.inForce;
  if (!terms) {
    doc.text(t('agreements.noTerms'));
  } else {
    facts(doc, [
      [t('agreements.scope'), terms.scope ?? '—'],
      [t('agreements.materialsBy'), terms.materials_by ? t(`materials.${terms.materials_by}`) : '—'],
      [t('agreements.payModel'), t(`payModel.${terms.pay_model}`)],
      [
        t('agreements.split'),
        `${d.split.premi}/${d.split.pnbp}/${d.split.capital}${d.split.fromAgreement ? '' : ` (${t('agreements.splitDefault')})`}`,
      ],
    ]);
    if (terms.piece_rates.length) {
      doc.moveDown(0.3).font(FONT.bold).text(t('agreements.pieceRates'));
      doc.font(FONT.regular);
      bullets(
        doc,
        terms.piece_rates.map((r) => `${r.product}: ${formatRupiah(r.rate)} / ${r.unit}`),
      );
    }
    doc.moveDown(0.3).font(FONT.bold).text(t('agreements.obligationsFirst'));
    doc.font(FONT.regular);
    bullets(doc, terms.obligations_first);
    doc.moveDown(0.3).font(FONT.bold).text(t('agreements.obligationsSecond'));
    doc.font(FONT.regular);
    bullets(doc, terms.obligations_second);
  }

  if (d.addenda.length) {
    heading(doc, t('agreements.addenda'));
    bullets(
      doc,
      d.addenda.map((x) => `${x.title} — ${day(x.valid_from)} (${t(`status.${x.status}`)})`),
    );
  }

  heading(doc, t('eval.title'));
  if (d.evaluations.length === 0) doc.text(t('common.none'));
  for (const e of d.evaluations) {
    doc.font(FONT.bold).text(`${day(e.evaluated_on)} — ${e.evaluator} — ${t('eval.score')}: ${e.score}`);
    doc.font(FONT.regular).text(e.findings);
    if (e.actions.length)
      bullets(
        doc,
        e.actions.map((x) => `${x.action} (${t(`eval.actionStatus.${x.status}`)})`),
      );
    doc.moveDown(0.4);
  }

  signatureBlock(doc, {
    place: d.unit.city ?? d.unit.name,
    dateText: formatDay(opts.today, lang).replace(/^[^,]+, /, ''),
    title: opts.head?.position ?? `Kepala ${d.unit.name}`,
    name: opts.head?.full_name ?? '....................................',
    nip: opts.head?.nip ?? null,
  });
  footers(
    doc,
    (n, total) =>
      `${t('pdf.printed', { date: formatDay(opts.today, lang) })} · ${t('pdf.page', { n, total })}`,
  );
  return toBuffer(doc);
}
