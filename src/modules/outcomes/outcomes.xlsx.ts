// The outcome tables as an XLSX workbook (exceljs, loaded on the first export): one sheet per unit,
// one per programme; each rate as count, n and percent, the percent left empty under five people.
import type { Lang, Translate } from '../../app/i18n.ts';
import { monthLabel } from '../production-reports/production-reports.parts.tsx';
import type { Rate } from './outcomes.rules.ts';
import type { OutcomeGroup, Outcomes } from './outcomes.service.ts';

const PERCENT_FORMAT = '0.0"%"';

export async function outcomesXlsx(d: Outcomes, o: { t: Translate; lang: Lang }): Promise<Buffer> {
  const { t } = o;
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Simandiri';
  wb.created = new Date();
  const rateHeads = (what: string) => [
    `${what}: ${t('outcomes.count')}`,
    `${what}: ${t('outcomes.n')}`,
    `${what}: ${t('outcomes.pct')}`,
  ];
  const heads = [
    t('outcomes.released'),
    ...rateHeads(t('outcomes.followedUp')),
    ...rateHeads(t('outcomes.working6')),
    ...rateHeads(t('outcomes.reoffended12')),
  ];
  // A suppressed percent is written as the reason, never as a number a formula could pick up.
  const rate = (r: Rate) => [r.count, r.n, r.pct ?? t('outcomes.suppressed')];
  const cells = (g: OutcomeGroup) => [
    g.counts.released,
    ...rate(g.rates.followedUp),
    ...rate(g.rates.working6),
    ...rate(g.rates.reoffended12),
  ];

  const sheet = (name: string, first: string[], rows: Array<Array<string | number | null>>) => {
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.addRow([t('outcomes.title')]).font = { bold: true, size: 13 };
    ws.addRow([t('outcomes.period', { from: monthLabel(d.from, o.lang), to: monthLabel(d.to, o.lang) })]);
    ws.addRow([t('outcomes.intro')]);
    ws.addRow([]);
    ws.addRow([...first, ...heads]).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    first.forEach((_, i) => {
      ws.getColumn(i + 1).width = 34;
    });
    heads.forEach((h, i) => {
      const col = ws.getColumn(first.length + i + 1);
      col.width = 16;
      if (h.endsWith(t('outcomes.pct'))) col.numFmt = PERCENT_FORMAT;
    });
    return ws;
  };

  sheet(
    t('outcomes.sheetUnits'),
    [t('outcomes.unit'), t('outcomes.kanwil')],
    [
      ...d.units.map((u) => [u.unitName, u.kanwilName, ...cells(u)]),
      [t('outcomes.total'), '', ...cells(d.total)],
    ],
  );
  sheet(
    t('outcomes.sheetProgrammes'),
    [t('outcomes.programme'), t('outcomes.unit')],
    d.programmes.map((p) => [p.name, p.unitName, ...cells(p)]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
