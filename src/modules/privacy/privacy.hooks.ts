// The one call other modules make when they show a person's record: it writes the access-log row
// (viewer, time, route) before the record leaves the server. See privacy.service recordInmateView.
import { type FastifyRequest, isApi } from '../../app/http.ts';
import type { Db } from '../../db/database.ts';
import { recordInmateView } from './privacy.service.ts';

export async function inmateViewed(
  db: Db,
  req: FastifyRequest,
  inmateId: string,
  channel: 'page' | 'api' | 'export' = isApi(req) ? 'api' : 'page',
): Promise<void> {
  await recordInmateView(db, {
    inmateId,
    viewerId: req.user?.id ?? null,
    viewerName: req.user?.username ?? 'anonymous',
    channel,
    // The route pattern, never the query string.
    source: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
    requestId: req.id,
  });
}
