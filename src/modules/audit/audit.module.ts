// The audit log: its pages and API, its texts, and the nightly erasure of personal values past
// their retention followed by a signed checkpoint of the chain. Listed once in src/modules.ts.
import { scheduled } from '../../app/jobs.ts';
import type { AppModule } from '../../app/module.ts';
import { systemCtx } from '../../app/principal.ts';
import * as messages from './audit.messages.ts';
import { auditRoutes } from './audit.routes.ts';
import { erasePersonalData, writeCheckpoint } from './audit.service.ts';

export const auditModule: AppModule = {
  routes: [auditRoutes],
  jobs: [
    // Daily at 00:20 WIB: personal values in audit records past AUDIT_PERSONAL_RETENTION_DAYS are
    // erased (audited), then the chain head is signed, so a cut-off tail shows in `audit:verify`.
    scheduled('audit.retention-and-checkpoint', '20 0 * * *', async ({ db, config, log }) => {
      const ctx = systemCtx(db, new Date(), 'system:jobs');
      const erased = await erasePersonalData(ctx, { retentionDays: config.auditPersonalRetentionDays });
      const c = await writeCheckpoint(ctx, config.auditCheckpointKey);
      log.info({ erased, checkpoint: c.id, head: c.lastId }, 'audit retention and checkpoint');
    }),
  ],
  messages: [messages],
};
