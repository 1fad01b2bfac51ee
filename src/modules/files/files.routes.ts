// Downloads a stored file after asking the module that owns it whether this user may see it.
import { contentDisposition } from '../../app/downloads.ts';
import { AppError } from '../../app/errors.ts';
import { type App, userOf } from '../../app/http.ts';
import { IdParams } from '../../app/schema.ts';
import type { Scope } from '../../app/scope.ts';
import type { Db } from '../../db/database.ts';
import { getAgreement } from '../agreements/agreements.service.ts';
import { fileContent, fileMeta } from './files.service.ts';

/** Who may see a file is who may see its owner; a new owner type adds its check here. */
const OWNERS: Record<string, (db: Db, scope: Scope, id: string) => Promise<unknown>> = {
  agreement: getAgreement,
};

export async function filesRoutes(app: App) {
  app.get(
    '/files/:id',
    { config: { permission: 'agreements.view' }, schema: { params: IdParams } },
    async (req, reply) => {
      const meta = await fileMeta(app.db, req.params.id);
      const check = meta ? OWNERS[meta.owner_type] : undefined;
      if (!meta || !check) throw new AppError('files.not_found', 404, 'err.notFound');
      await check(app.db, userOf(req).scope, meta.owner_id);
      const content = await fileContent(app.db, meta.id);
      return reply
        .type(meta.mime)
        .header('content-disposition', contentDisposition('attachment', meta.filename))
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content);
    },
  );
}
