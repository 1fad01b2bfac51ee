// Every setting Simandiri reads, in one place: named, documented, validated at start-up.
// Development gets working defaults; production must set the values marked `production: required`.
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** PostgreSQL URL; when absent an embedded server is started with data under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** How long start-up waits for an unreachable DATABASE_URL server before giving up. */
  databaseWaitSeconds: number;
  /** A streaming read replica of DATABASE_URL for report and roll-up reads (reportDb), or undefined. */
  databaseReplicaUrl: string | undefined;
  /** From this replica lag (seconds) on, the report pages say how far behind their figures are. */
  databaseReplicaLagNoticeSeconds: number;
  /**
   * A statement of a web request running longer than this (ms) is cancelled by PostgreSQL and
   * answered 503; 0 disables. Migrations and background jobs are exempt.
   */
  databaseStatementTimeoutMs: number;
  /** Secret used to sign nothing user-visible but to derive CSRF tokens for anonymous visitors. */
  sessionSecret: string;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  seedDemo: boolean;
  adminUsername: string;
  adminPassword: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  /** A whole request must arrive within this; a socket silent this long is closed. */
  requestTimeoutSeconds: number;
  idleTimeoutSeconds: number;
  uploadMaxBytes: number;
  trustProxy: boolean;
  /** Failed sign-ins allowed per account, and per address, within the window before refusing. */
  signinMaxPerAccount: number;
  signinMaxPerAddress: number;
  signinWindowMinutes: number;
  jobs: boolean;
  /** A run of this many consecutive absences puts a participant on the unit dashboard. */
  attendanceAbsenceAlert: number;
  /** Hours after which an SDP import preview never saved is deleted by the hourly job. */
  importPreviewHours: number;
  /** Caps on an SDP import file: rows, cells per row, and (XLSX) unzipped MB, ratio and entries. */
  importMaxRows: number;
  importMaxCellsPerRow: number;
  importXlsxMaxUnzippedMb: number;
  importXlsxMaxRatio: number;
  importXlsxMaxEntries: number;
  /** Whole days after a session's day during which its attendance may still be changed. */
  attendanceLockDays: number;
  /** The address the public reaches this server at, without a trailing slash; printed in QR codes. */
  publicBaseUrl: string;
  /** Days the personal values in audit records are kept before the daily job erases them (UU 27/2022). */
  auditPersonalRetentionDays: number;
  /** Signs the audit chain's checkpoints; defaults to SESSION_SECRET. */
  auditCheckpointKey: string;
  /** Years after a released person's last follow-up (or release) before the daily job pseudonymises them (UU 27/2022). */
  retentionYears: number;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Setting ${setting}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], dflt: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
}

/** Certificates print it in their QR code, so it must be an absolute http(s) address. */
function publicBaseUrl(value: string | undefined, port: number): string {
  const raw = value || `http://localhost:${port}`;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(raw)) {
    throw new ConfigError('PUBLIC_BASE_URL', `must be an absolute http(s) address, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** Without its own key, checkpoints are signed with SESSION_SECRET (random in development). */
function checkpointKey(value: string | undefined, sessionSecret: string | undefined): string {
  if (value && value.length < 32)
    throw new ConfigError('AUDIT_CHECKPOINT_KEY', 'must be at least 32 characters');
  return value || sessionSecret || randomBytes(32).toString('hex');
}

/** Reads and validates configuration; throws ConfigError naming the first bad setting. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const databaseReplicaUrl = env.DATABASE_REPLICA_URL || undefined;
  if (databaseReplicaUrl && !/^postgres(ql)?:\/\//.test(databaseReplicaUrl)) {
    throw new ConfigError('DATABASE_REPLICA_URL', 'must start with postgres:// or postgresql://');
  }
  if (databaseReplicaUrl && !databaseUrl) {
    throw new ConfigError('DATABASE_REPLICA_URL', 'needs DATABASE_URL: it is a replica of that server');
  }
  const sessionSecret = env.SESSION_SECRET || undefined;
  if (production && (!sessionSecret || sessionSecret.length < 32)) {
    throw new ConfigError('SESSION_SECRET', 'is required in production and must be at least 32 characters');
  }
  if (sessionSecret && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters');
  }
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 10 characters');
  }
  const adminUsername = env.ADMIN_USERNAME || 'admin';
  if (!/^[a-z0-9._-]{3,40}$/.test(adminUsername)) {
    throw new ConfigError(
      'ADMIN_USERNAME',
      'must be 3-40 lowercase letters, digits, dot, dash or underscore',
    );
  }
  return {
    env: nodeEnv,
    host: env.HOST || '0.0.0.0',
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    databaseWaitSeconds: int(env, 'DATABASE_WAIT_SECONDS', 60, 0, 3600),
    databaseReplicaUrl,
    databaseReplicaLagNoticeSeconds: int(env, 'DATABASE_REPLICA_LAG_NOTICE_SECONDS', 60, 0, 86_400),
    databaseStatementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    // In development a random secret per process is fine: anonymous CSRF tokens only live minutes.
    sessionSecret: sessionSecret ?? randomBytes(32).toString('hex'),
    cookieSecure: bool(env, 'COOKIE_SECURE', production),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 60, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    seedDemo: bool(env, 'SEED_DEMO', !production),
    adminUsername,
    adminPassword,
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    requestTimeoutSeconds: int(env, 'REQUEST_TIMEOUT_SECONDS', 300, 10, 3600),
    idleTimeoutSeconds: int(env, 'IDLE_TIMEOUT_SECONDS', 60, 5, 600),
    uploadMaxBytes: int(env, 'UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    signinMaxPerAccount: int(env, 'SIGNIN_MAX_PER_ACCOUNT', 5, 1, 1000),
    signinMaxPerAddress: int(env, 'SIGNIN_MAX_PER_ADDRESS', 30, 1, 10000),
    signinWindowMinutes: int(env, 'SIGNIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    jobs: bool(env, 'JOBS', true),
    attendanceAbsenceAlert: int(env, 'ATTENDANCE_ABSENCE_ALERT', 3, 1, 100),
    importPreviewHours: int(env, 'IMPORT_PREVIEW_HOURS', 24, 1, 24 * 30),
    importMaxRows: int(env, 'IMPORT_MAX_ROWS', 20_000, 1, 1_000_000),
    importMaxCellsPerRow: int(env, 'IMPORT_MAX_CELLS_PER_ROW', 200, 20, 16_384),
    importXlsxMaxUnzippedMb: int(env, 'IMPORT_XLSX_MAX_UNZIPPED_MB', 50, 1, 2048),
    importXlsxMaxRatio: int(env, 'IMPORT_XLSX_MAX_RATIO', 100, 10, 10_000),
    importXlsxMaxEntries: int(env, 'IMPORT_XLSX_MAX_ENTRIES', 1000, 10, 100_000),
    attendanceLockDays: int(env, 'ATTENDANCE_LOCK_DAYS', 7, 0, 366),
    publicBaseUrl: publicBaseUrl(env.PUBLIC_BASE_URL, int(env, 'PORT', 3000, 0, 65535)),
    auditPersonalRetentionDays: int(env, 'AUDIT_PERSONAL_RETENTION_DAYS', 1825, 30, 36500),
    auditCheckpointKey: checkpointKey(env.AUDIT_CHECKPOINT_KEY, sessionSecret),
    retentionYears: int(env, 'RETENTION_YEARS', 5, 1, 100),
  };
}

/** The settings table for docs/configuration.md and `--help`; kept beside the parser so they agree. */
export const SETTINGS: ReadonlyArray<[name: string, dflt: string, description: string]> = [
  ['NODE_ENV', 'development', 'development, production or test'],
  ['HOST', '0.0.0.0', 'address the web server listens on'],
  ['PORT', '3000', 'port the web server listens on'],
  [
    'DATABASE_URL',
    '(embedded)',
    'PostgreSQL URL; without it an embedded PostgreSQL starts with data in DATA_DIR',
  ],
  ['DATA_DIR', './data', 'where the embedded PostgreSQL keeps its files'],
  ['EMBEDDED_PG_PORT', '54329', 'port of the embedded PostgreSQL (loopback only)'],
  [
    'DATABASE_WAIT_SECONDS',
    '60',
    'at start-up, how long to wait for an unreachable DATABASE_URL server (0: fail at once)',
  ],
  [
    'DATABASE_REPLICA_URL',
    '(none)',
    'PostgreSQL URL of a streaming read replica of DATABASE_URL; report and roll-up pages read from it (from the primary while it is unreachable)',
  ],
  [
    'DATABASE_REPLICA_LAG_NOTICE_SECONDS',
    '60',
    "from this replica lag on (seconds) the report pages' freshness stamp says how far behind the figures are",
  ],
  [
    'DATABASE_STATEMENT_TIMEOUT_MS',
    '30000',
    'a database statement of a web request running longer than this (ms) is cancelled and the request answered 503 (0: no limit); migrations and background jobs are exempt',
  ],
  ['SESSION_SECRET', '(random)', 'at least 32 characters; required in production'],
  ['COOKIE_SECURE', 'true in production', 'send cookies only over HTTPS'],
  ['SESSION_IDLE_MINUTES', '60', 'sign out after this long without activity'],
  ['SESSION_ABSOLUTE_HOURS', '12', 'sign out this long after sign-in, whatever the activity'],
  ['SEED_DEMO', 'true (false in production)', 'load the Rutan Magetan demo data into an empty database'],
  ['ADMIN_USERNAME', 'admin', 'first administrator account, created when there are no users'],
  ['ADMIN_PASSWORD', '(one-time, printed)', 'its password; when unset a one-time password is printed once'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['BODY_LIMIT_BYTES', '1048576', 'largest request body accepted (forms and JSON)'],
  ['REQUEST_TIMEOUT_SECONDS', '300', 'a whole request (an upload on a slow line) must arrive within this'],
  ['IDLE_TIMEOUT_SECONDS', '60', 'a connection silent this long is closed'],
  ['UPLOAD_MAX_BYTES', '10485760', 'largest uploaded file (scans, photos)'],
  ['TRUST_PROXY', 'false', 'trust X-Forwarded-* headers from a load balancer'],
  ['SIGNIN_MAX_PER_ACCOUNT', '5', 'failed sign-ins per account within the window'],
  ['SIGNIN_MAX_PER_ADDRESS', '30', 'failed sign-ins per network address within the window'],
  ['SIGNIN_WINDOW_MINUTES', '15', 'the sign-in rate-limit window'],
  ['JOBS', 'true', 'run background jobs (pg-boss) in this node'],
  [
    'ATTENDANCE_ABSENCE_ALERT',
    '3',
    'consecutive absences (izin, sakit, alpa) that put a participant on the unit dashboard',
  ],
  ['IMPORT_PREVIEW_HOURS', '24', 'SDP import previews never saved are deleted after this many hours'],
  ['IMPORT_MAX_ROWS', '20000', 'rows an SDP import file may hold below its heading; reading stops past it'],
  ['IMPORT_MAX_CELLS_PER_ROW', '200', 'cells one row of an SDP import XLSX may hold'],
  [
    'IMPORT_XLSX_MAX_UNZIPPED_MB',
    '50',
    'total size of an import XLSX once unzipped (declared and counted while inflating); a bigger file is refused with 413',
  ],
  [
    'IMPORT_XLSX_MAX_RATIO',
    '100',
    'largest unzipped-to-zipped ratio of an import XLSX entry over 1 MB (zip bombs)',
  ],
  ['IMPORT_XLSX_MAX_ENTRIES', '1000', 'files inside an import XLSX zip'],
  [
    'ATTENDANCE_LOCK_DAYS',
    '7',
    "days after a session's day its attendance can still be changed; after that only the Kepala UPT",
  ],
  [
    'PUBLIC_BASE_URL',
    'http://localhost:PORT',
    'public address of this server (e.g. https://simandiri.example.go.id); certificate QR codes open it, so set it in production',
  ],
  [
    'AUDIT_PERSONAL_RETENTION_DAYS',
    '1825',
    'days the personal values in audit records are kept; a daily job then erases them (the chain still verifies)',
  ],
  [
    'AUDIT_CHECKPOINT_KEY',
    '(SESSION_SECRET)',
    'signs the daily checkpoints of the audit chain; at least 32 characters; set it so rotating SESSION_SECRET keeps old checkpoints checkable',
  ],
  [
    'RETENTION_YEARS',
    '5',
    "years after a released person's last follow-up (or release when none) before the daily job pseudonymises their name, NIK, contacts and addresses (counts kept)",
  ],
];
