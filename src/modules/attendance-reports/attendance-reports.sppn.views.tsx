// The programme report's form for the SPPN evidence of a whole group (issue 14, item 5): a month
// and, where the register records them, a block; it downloads one PDF of every narapidana's month.
import type { ViewCtx } from '../../app/view.ts';

export function SppnGroupForm(p: {
  ctx: ViewCtx;
  programmeId: string;
  /** The month offered first: the latest with sessions, else this month ('YYYY-MM'). */
  month: string;
  blocks: readonly string[];
}) {
  const { ctx } = p;
  return (
    <section aria-labelledby="sppn-group" data-testid="sppn-group">
      <h2 id="sppn-group">{ctx.t('attReports.sppnGroupTitle')}</h2>
      <p class="muted">{ctx.t('attReports.sppnGroupIntro')}</p>
      <form method="get" action={`/attendance-reports/programmes/${p.programmeId}/sppn.pdf`} class="inline">
        <label for="sppn-month">{ctx.t('attReports.month')}</label>{' '}
        <input type="month" id="sppn-month" name="month" value={p.month} required />{' '}
        {p.blocks.length > 0 && (
          <>
            <label for="sppn-block">{ctx.t('attReports.sppnGroupBlock')}</label>{' '}
            <select id="sppn-block" name="block">
              <option value="">{ctx.t('attReports.sppnGroupAllBlocks')}</option>
              {p.blocks.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>{' '}
          </>
        )}
        <button type="submit" data-testid="download-sppn-group">
          {ctx.t('attReports.sppnGroupDownload')}
        </button>
      </form>
    </section>
  );
}
