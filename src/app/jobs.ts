// Background work on a PostgreSQL-backed queue (pg-boss): jobs survive restarts, and with several
// app nodes each scheduled job runs once, on whichever node takes it.
import PgBoss from 'pg-boss';
import { type Db, isDatabaseUnavailable } from '../db/database.ts';
import { recordReminders } from '../modules/agreements/agreements.reminders.ts';
import { erasePersonalData, writeCheckpoint } from '../modules/audit/audit.service.ts';
import { purgeExpired } from '../modules/auth/auth.service.ts';
import { IMPORT_QUEUE, useImportQueue } from '../modules/inmates/inmates.import.jobs.ts';
import {
  type ImportJob,
  purgeUnsavedImports,
  runImportJob,
} from '../modules/inmates/inmates.import.service.ts';
import { importLimits } from '../modules/inmates/inmates.import.xlsx.ts';
import { generateSessions } from '../modules/programmes/sessions.service.ts';
import type { Config } from './config.ts';
import { SYSTEM } from './principal.ts';

interface Log {
  info(o: object, msg: string): void;
  warn?(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

export interface Jobs {
  stop(): Promise<void>;
}

export async function startJobs(opts: { url: string; db: Db; config: Config; log: Log }): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: opts.url,
    schema: 'pgboss',
    max: 3,
    application_name: 'simandiri-jobs',
  });
  // pg-boss keeps polling through a database outage and resumes by itself; while the database is
  // away every poll fails, so that is said once a minute, not once a second.
  let lastUnavailable = 0;
  boss.on('error', (err) => {
    if (!isDatabaseUnavailable(err)) return opts.log.error({ err }, 'job queue error');
    if (Date.now() - lastUnavailable < 60_000) return;
    lastUnavailable = Date.now();
    // Called as methods: pino's need their `this`.
    if (opts.log.warn) opts.log.warn({ reason: err.message }, 'job queue waiting for the database');
    else opts.log.error({ reason: err.message }, 'job queue waiting for the database');
  });
  await boss.start();

  const purge = 'auth.purge-expired';
  await boss.createQueue(purge);
  await boss.schedule(purge, '17 * * * *', {}, { tz: 'Asia/Jakarta' });
  await boss.work(purge, async () => {
    const n = await purgeExpired(opts.db, opts.config);
    opts.log.info({ removed: n }, 'expired sessions purged');
  });

  // Daily at 06:00 WIB, before offices open in any zone of Indonesia.
  const reminders = 'agreements.reminders';
  await boss.createQueue(reminders);
  await boss.schedule(reminders, '0 6 * * *', {}, { tz: 'Asia/Jakarta' });
  await boss.work(reminders, async () => {
    const n = await recordReminders(opts.db);
    opts.log.info({ created: n }, 'agreement reminders recorded');
  });

  // Daily at 05:30 WIB: keeps every running schedule's sessions filled 8 weeks ahead.
  const sessions = 'programmes.generate-sessions';
  await boss.createQueue(sessions);
  await boss.schedule(sessions, '30 5 * * *', {}, { tz: 'Asia/Jakarta' });
  await boss.work(sessions, async () => {
    const n = await generateSessions(opts.db, { ...SYSTEM.actor, name: 'system:jobs' });
    opts.log.info({ created: n }, 'programme sessions generated');
  });

  // Daily at 00:20 WIB: personal values in audit records past AUDIT_PERSONAL_RETENTION_DAYS are
  // erased (audited), then the chain head is signed, so a cut-off tail shows in `audit:verify`.
  const audit = 'audit.retention-and-checkpoint';
  await boss.createQueue(audit);
  await boss.schedule(audit, '20 0 * * *', {}, { tz: 'Asia/Jakarta' });
  await boss.work(audit, async () => {
    const erased = await erasePersonalData(
      opts.db,
      { ...SYSTEM.actor, name: 'system:jobs' },
      {
        retentionDays: opts.config.auditPersonalRetentionDays,
      },
    );
    const c = await writeCheckpoint(opts.db, opts.config.auditCheckpointKey, 'system:jobs');
    opts.log.info({ erased, checkpoint: c.id, head: c.lastId }, 'audit retention and checkpoint');
  });

  // SDP imports: reading/checking and saving large files off the request, on whichever node is free.
  await boss.createQueue(IMPORT_QUEUE);
  await boss.work<ImportJob>(IMPORT_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await runImportJob(opts.db, job.data, opts.log, importLimits(opts.config));
  });
  useImportQueue(async (job) => {
    await boss.send(IMPORT_QUEUE, job);
  });

  // Hourly: SDP import previews never saved within IMPORT_PREVIEW_HOURS are deleted.
  const previews = 'inmates.purge-import-previews';
  await boss.createQueue(previews);
  await boss.schedule(previews, '41 * * * *', {}, { tz: 'Asia/Jakarta' });
  await boss.work(previews, async () => {
    const n = await purgeUnsavedImports(opts.db, opts.config.importPreviewHours);
    opts.log.info({ removed: n }, 'unsaved import previews purged');
  });

  return {
    async stop() {
      useImportQueue(null);
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
