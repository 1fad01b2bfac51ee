// Downloads of a premi run: the workbook (one row per inmate, the revenue groups) and the premi
// slips, in a batch or for one inmate. premi.view (the unit's staff); the run is read through the
// principal's scope, so another unit's run answers 404 and the regional and national offices,
// who see totals only, are refused (403).
import { Type } from 'typebox';
import { contentDisposition } from '../../app/downloads.ts';
import { type App, ctxOf, type FastifyReply } from '../../app/http.ts';
import { IdParams, uuid } from '../../app/schema.ts';
import { slipsPdf } from './premi-exports.pdf.ts';
import { runWorkbookData, slipsData } from './premi-exports.service.ts';
import { runWorkbook } from './premi-exports.xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const view = { permission: 'premi.view' as const };
const SlipParams = Type.Object({ id: uuid, inmateId: uuid });

/** "premi-rutan-kelas-iib-magetan-2026-02": names without spaces survive every download folder. */
const fileName = (unit: string, month: string, rest = '') =>
  `premi-${unit.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}-${month}${rest}`;

function send(reply: FastifyReply, type: string, name: string, body: Buffer) {
  return reply
    .type(type)
    .header('content-disposition', contentDisposition('attachment', name))
    .header('cache-control', 'private, no-store')
    .send(body);
}

export async function premiExportsRoutes(app: App) {
  app.get(
    '/premi/runs/:id/export.xlsx',
    { config: view, schema: { params: IdParams } },
    async (req, reply) => {
      const d = await runWorkbookData(ctxOf(req), req.params.id);
      const body = await runWorkbook(req.t, req.lang, d);
      return send(reply, XLSX, `${fileName(d.run.name, d.run.month)}.xlsx`, body);
    },
  );

  app.get('/premi/runs/:id/slips.pdf', { config: view, schema: { params: IdParams } }, async (req, reply) => {
    const d = await slipsData(ctxOf(req), req.params.id);
    return send(
      reply,
      'application/pdf',
      `${fileName(d.run.name, d.run.month, '-slip')}.pdf`,
      await slipsPdf(d),
    );
  });

  app.get(
    '/premi/runs/:id/slips/:inmateId.pdf',
    { config: view, schema: { params: SlipParams } },
    async (req, reply) => {
      const d = await slipsData(ctxOf(req), req.params.id, req.params.inmateId);
      const reg = d.slips[0]?.line.reg_number.replace(/[^\p{L}\p{N}]+/gu, '-') ?? '';
      return send(
        reply,
        'application/pdf',
        `${fileName(d.run.name, d.run.month, `-slip-${reg}`)}.pdf`,
        await slipsPdf(d),
      );
    },
  );
}
