// Composition root: read settings, open (or start) PostgreSQL, migrate, create the first admin,
// seed the demo, start jobs and the web server; on SIGINT/SIGTERM finish requests and stop cleanly.
import net from 'node:net';
import { ConfigError, loadConfig } from './app/config.ts';
import { systemCtx } from './app/principal.ts';
import { createPool, dbOver, isDatabaseUnavailable, waitForDatabase } from './db/database.ts';
import {
  EmbeddedPgError,
  type EmbeddedServer,
  startEmbeddedPostgres,
  takeOverShutdownSignals,
} from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { openReplica } from './db/replica.ts';
import { underStartupLock } from './db/startup-lock.ts';
import { type Jobs, startJobs } from './jobs.ts';
import { seedDemoInto } from './modules/demo/demo.seed.ts';
import { seedHolidays } from './modules/holidays/holidays.service.ts';
import { seedProgramAksi } from './modules/program-aksi/program-aksi.service.ts';
import { ensureFirstAdmin } from './modules/users/users.service.ts';
import { buildApp } from './server.ts';

const t0 = performance.now();
/** At a stop, how long requests on connections already open are still answered. */
const DRAIN_MS = 1_000;
let embedded: EmbeddedServer | undefined;

async function main() {
  takeOverShutdownSignals();
  let stopRequested: string | undefined;
  const early = (signal: string) => {
    stopRequested = signal;
  };
  process.on('SIGINT', early).on('SIGTERM', early).on('SIGHUP', early);
  const config = loadConfig();
  const say = (msg: string) => process.stdout.write(`[simandiri] ${msg}\n`);
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      log: { info: say, warn: (m) => say(`WARNING: ${m}`) },
      restart: true,
    });
    url = embedded.url;
    say(`embedded PostgreSQL ${embedded.initialised ? 'created' : 'started'} (${config.dataDir}/pg)`);
  }
  // While the database is away every pooled connection reports its loss: one line per minute.
  let lastLost = 0;
  // The web's statements are cancelled past DATABASE_STATEMENT_TIMEOUT_MS (answered 503).
  const statementTimeoutMs = config.databaseStatementTimeoutMs;
  const onConnectionError = (err: Error) => {
    if (Date.now() - lastLost < 60_000) return;
    lastLost = Date.now();
    say(`WARNING: database connection lost (${err.message}); requests get 503 until it is back`);
  };
  const pool = createPool(url, { statementTimeoutMs, onConnectionError });
  const db = dbOver(pool);
  // Reports read from the replica when there is one; while it is away, from the primary's pool.
  let lastFallback = 0;
  const replica = config.databaseReplicaUrl
    ? openReplica(config.databaseReplicaUrl, pool, {
        lagNoticeSeconds: config.databaseReplicaLagNoticeSeconds,
        statementTimeoutMs,
        onFallback: (err) => {
          if (Date.now() - lastFallback < 60_000) return;
          lastFallback = Date.now();
          say(`WARNING: read replica unreachable (${err.message}); reports read from the primary meanwhile`);
        },
      })
    : null;
  // A server started together with the app may not answer yet: wait for it rather than exit.
  let saidAt = Number.NEGATIVE_INFINITY;
  await waitForDatabase(db, {
    timeoutMs: config.databaseWaitSeconds * 1000,
    onWait: (err, waited) => {
      if (waited - saidAt < 15_000) return;
      saidAt = waited;
      say(`waiting for the database (${err.message}); giving up after ${config.databaseWaitSeconds} s`);
    },
  });
  const applied = await migrate(db);
  if (applied.length) say(`migrations applied: ${applied.join(', ')}`);

  // Two nodes started together on an empty database take turns (each seed checks what is there).
  await underStartupLock(db, async () => {
    const first = await ensureFirstAdmin(db, config.adminUsername, config.adminPassword);
    if (first.created && first.oneTimePassword) {
      // Printed once, to the console only: the admin must change it at first sign-in.
      say(
        `first administrator "${config.adminUsername}" created with one-time password: ${first.oneTimePassword}`,
      );
    } else if (first.created) {
      say(`first administrator "${config.adminUsername}" created from ADMIN_PASSWORD`);
    }
    const reference = await seedProgramAksi(systemCtx(db, new Date(), 'system:seed'));
    if (reference) say(`reference data: ${reference} Program Aksi items added`);
    const holidays = await seedHolidays(systemCtx(db, new Date(), 'system:seed'));
    if (holidays) say(`reference data: ${holidays} national holidays and cuti bersama added`);
    if (config.seedDemo) {
      const r = await seedDemoInto(url);
      if (r.created) say(`demo data: ${r.created} records added`);
    }
  });

  const app = await buildApp({ db, replica, config });
  // Once stopping, /readyz answers 503 and every answer closes its connection: a load balancer
  // stops sending here, and never reuses a kept-alive connection this node is about to close.
  let stopping = false;
  app.addHook('onRequest', async (req, reply) => {
    if (stopping && req.url === '/readyz') return reply.code(503).send({ status: 'stopping' });
  });
  app.addHook('onSend', async (_req, reply) => {
    if (stopping) reply.header('connection', 'close');
  });
  let jobs: Jobs | undefined;
  // Jobs (recounts, imports, the national premi run) may run long statements: with a statement
  // timeout set, they get a small pool of their own without it.
  const jobsDb =
    config.jobs && statementTimeoutMs
      ? dbOver(createPool(url, { max: 4, applicationName: 'simandiri-jobs', onConnectionError }))
      : db;
  if (config.jobs) jobs = await startJobs({ url, db: jobsDb, config, log: app.log });
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  say(`ready at http://${shownHost}:${port} in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      // Stop taking connections now, but answer for a moment what arrives on those already open:
      // a request nginx has just sent on a kept-alive connection is served, not cut off (Node's
      // http close would drop the idle ones at once). Then finish what is in flight, and stop.
      net.Server.prototype.close.call(app.server);
      await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
      await app.close();
      await jobs?.stop();
      if (jobsDb !== db) await jobsDb.destroy();
      await replica?.db.destroy();
      await db.destroy();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.off('SIGINT', early).off('SIGTERM', early).off('SIGHUP', early);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  // A signal that arrived while starting is honoured now that everything can be stopped in order.
  if (stopRequested) void stop(stopRequested);
}

main().catch(async (err) => {
  if (err instanceof ConfigError || err instanceof EmbeddedPgError) {
    process.stderr.write(`[simandiri] cannot start: ${err.message}\n`);
  } else if (isDatabaseUnavailable(err)) {
    process.stderr.write(
      `[simandiri] cannot start: the database does not answer (${(err as Error).message}); ` +
        'check DATABASE_URL, or give it longer with DATABASE_WAIT_SECONDS\n',
    );
  } else {
    process.stderr.write(
      `[simandiri] cannot start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  await embedded?.stop().catch(() => {});
  process.exit(1);
});
