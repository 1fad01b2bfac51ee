// Downloads a stored file after asking the module that owns it whether this user may see it.
import { contentDisposition } from '../../app/downloads.ts';
import { notFound } from '../../app/errors.ts';
import { type App, ctxOf } from '../../app/http.ts';
import type { Ctx } from '../../app/principal.ts';
import { IdParams } from '../../app/schema.ts';
import { fileContent, fileMeta } from './files.service.ts';

/**
 * Who may see a file is who may see its owner: per owner type, a check that throws (404) when the
 * owner is not the principal's to see. The owners depend on files, not the other way round, so
 * the composition root passes their checks in (src/modules.ts); a new owner type adds one there.
 */
export type FileOwners = Record<string, (ctx: Ctx, ownerId: string) => Promise<unknown>>;

export function filesRoutes(owners: FileOwners) {
  return async (app: App) => {
    app.get(
      '/files/:id',
      { config: { permission: 'agreements.view' }, schema: { params: IdParams } },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const meta = await fileMeta(ctx.db, req.params.id);
        const check = meta ? owners[meta.owner_type] : undefined;
        if (!meta || !check) throw notFound('files');
        await check(ctx, meta.owner_id);
        const content = await fileContent(ctx.db, meta.id);
        return reply
          .type(meta.mime)
          .header('content-disposition', contentDisposition('attachment', meta.filename))
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(content);
      },
    );
  };
}
