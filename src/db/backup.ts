// Logical backup of the app's data as one gzip file, through COPY: the embedded server ships no
// pg_dump. The file format and catalog helpers shared with restore.ts live here too.
//
// File layout (after gunzip):
//   <header JSON>\n
//   per table, in foreign-key order:  table <name>\n  { <n>\n <n bytes of COPY text> }*  0\n  end <rows>\n
//   done\n
// Row data is framed by length, so no value, whatever it contains, can be mistaken for a marker.
// The pgboss schema (the job queue) is not included: queued jobs are transient and the app
// recreates its schedules at start. A restore leaves whatever pgboss holds untouched.
import { createWriteStream, existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export const BACKUP_FORMAT = 'simandiri-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  serverVersion: string;
  database: string;
  /** Applied migrations, in order; restore rebuilds exactly this schema. */
  migrations: string[];
  /** In foreign-key dependency order: every table comes after the tables it references. */
  tables: Array<{ name: string; columns: string[]; rows: number }>;
  /** Values as strings: a bigint sequence may pass 2^53. */
  sequences: Array<{ name: string; value: string; is_called: boolean }>;
  /** Schemas present in the database but deliberately left out (the pgboss job queue). */
  notIncluded: string[];
}

export type BackupProgress =
  | { step: 'table'; table: string; rows: number }
  | { step: 'schema'; migrations: string[] }
  | { step: 'sequences'; count: number };

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
}

export interface RestoreOptions {
  /** Replace a database that already holds data. */
  force?: boolean;
  onProgress?: (p: BackupProgress) => void;
}

/** The file is not a (readable) Simandiri backup, or does not fit this version of the app. */
export class BackupFormatError extends Error {}
/** The target holds data and --force was not given; nothing was changed. */
export class RestoreRefusedError extends Error {}

export const SCHEMA = 'public';
export const NOT_BACKED_UP = ['pgboss'];
/** Tables the migrator fills itself; they never count as "the database holds data". */
export const MIGRATOR_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
/** Reference tables whose first rows a migration writes: a freshly migrated database has them. */
export const SEEDED_BY_MIGRATIONS = new Set(['privacy_legal_basis', 'product_kinds']);
const FRAME_BYTES = 1 << 20;
export const MAX_FRAME_BYTES = 64 << 20;
export const MAX_HEADER_BYTES = 64 << 20;
export const NEWLINE = 0x0a;

// COPY's text output of dates, times and floats depends on session settings; fixing them on both
// sides makes every value read back as exactly what was written, whatever the server's defaults.
export const SESSION_FORMAT = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 3',
  "set local bytea_output = 'hex'",
  "set local client_encoding = 'UTF8'",
];

// ---------------------------------------------------------------------------------------------
// Catalog

export interface Catalog {
  columns: Map<string, string[]>;
  edges: Array<{ child: string; parent: string }>;
  sequences: string[];
}

export async function readCatalog(client: pg.Client): Promise<Catalog> {
  // Generated columns are computed by the server and cannot be loaded by COPY, so they are left out.
  const tables = await client.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array(select a.attname::text from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                   order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind = 'r'
      order by c.relname`,
    [SCHEMA],
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `select distinct ch.relname as child, pa.relname as parent
       from pg_constraint k
       join pg_class ch on ch.oid = k.conrelid join pg_namespace chn on chn.oid = ch.relnamespace
       join pg_class pa on pa.oid = k.confrelid join pg_namespace pan on pan.oid = pa.relnamespace
      where k.contype = 'f' and chn.nspname = $1 and pan.nspname = $1`,
    [SCHEMA],
  );
  const sequences = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind = 'S' order by c.relname`,
    [SCHEMA],
  );
  return {
    columns: new Map(tables.rows.map((r) => [r.name, r.columns])),
    edges: edges.rows,
    sequences: sequences.rows.map((r) => r.name),
  };
}

/** Tables ordered so each follows those it references (alphabetical among equals, for stable files). */
export function dependencyOrder(tables: string[], edges: Array<{ child: string; parent: string }>): string[] {
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) {
    // A self-reference needs no ordering: foreign keys are checked at the end of the COPY
    // statement, when all of the table's rows are in.
    if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables
      .filter(
        (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p) || !parents.has(p)),
      )
      .sort();
    const next = ready[0];
    if (next === undefined) {
      const stuck = tables.filter((t) => !placed.has(t)).join(', ');
      throw new Error(
        `Foreign keys form a cycle between ${stuck}; such a schema cannot be restored table by table.`,
      );
    }
    order.push(next);
    placed.add(next);
  }
  return order;
}

export function qualified(client: pg.Client, table: string): string {
  return `${client.escapeIdentifier(SCHEMA)}.${client.escapeIdentifier(table)}`;
}

export function columnList(client: pg.Client, columns: string[]): string {
  return columns.map((c) => client.escapeIdentifier(c)).join(', ');
}

export async function beginWithFormat(client: pg.Client, begin: string): Promise<void> {
  await client.query(begin);
  for (const s of SESSION_FORMAT) await client.query(s);
}

// ---------------------------------------------------------------------------------------------
// Backup

async function buildHeader(client: pg.Client): Promise<BackupHeader> {
  const catalog = await readCatalog(client);
  if (!catalog.columns.has('kysely_migration')) {
    throw new Error(
      'This database has no Simandiri schema (no migrations were ever applied): nothing to back up.',
    );
  }
  const info = await client.query<{ version: string; database: string }>(
    'select current_setting($1) as version, current_database() as database',
    ['server_version'],
  );
  const migrations = await client.query<{ name: string }>(
    `select name from ${qualified(client, 'kysely_migration')} order by timestamp, name`,
  );
  const skipped = await client.query<{ nspname: string }>(
    'select nspname from pg_namespace where nspname = any($1::text[]) order by nspname',
    [NOT_BACKED_UP],
  );
  const order = dependencyOrder([...catalog.columns.keys()], catalog.edges);
  const tables: BackupHeader['tables'] = [];
  for (const name of order) {
    const n = await client.query<{ n: string }>(`select count(*) as n from ${qualified(client, name)}`);
    tables.push({ name, columns: catalog.columns.get(name) ?? [], rows: Number(n.rows[0]?.n ?? 0) });
  }
  const sequences: BackupHeader['sequences'] = [];
  for (const name of catalog.sequences) {
    // Sequences are not covered by the snapshot; a value read now is at least the one any row in
    // the snapshot used, so a restored database never hands out an id twice.
    const r = await client.query<{ value: string; is_called: boolean }>(
      `select last_value::text as value, is_called from ${qualified(client, name)}`,
    );
    const row = r.rows[0];
    if (row) sequences.push({ name, value: row.value, is_called: row.is_called });
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    serverVersion: info.rows[0]?.version ?? '',
    database: info.rows[0]?.database ?? '',
    migrations: migrations.rows.map((r) => r.name),
    tables,
    sequences,
    notIncluded: skipped.rows.map((r) => r.nspname),
  };
}

function frame(data: Buffer): Buffer[] {
  return [Buffer.from(`${data.length}\n`), data];
}

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(NEWLINE); i !== -1; i = b.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

async function* backupContent(
  client: pg.Client,
  header: BackupHeader,
  onProgress?: (p: BackupProgress) => void,
): AsyncGenerator<Buffer> {
  yield Buffer.from(`${JSON.stringify(header)}\n`);
  for (const t of header.tables) {
    yield Buffer.from(`table ${t.name}\n`);
    const out = client.query(
      copyTo(`copy ${qualified(client, t.name)} (${columnList(client, t.columns)}) to stdout`),
    );
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    // Text-format COPY escapes newlines inside values, so each newline ends exactly one row.
    let rows = 0;
    for await (const chunk of out as AsyncIterable<Buffer>) {
      rows += countNewlines(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= FRAME_BYTES) {
        yield* frame(Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pendingBytes > 0) yield* frame(Buffer.concat(pending, pendingBytes));
    if (rows !== t.rows) {
      throw new Error(`Table ${t.name}: counted ${t.rows} rows but COPY produced ${rows}`);
    }
    yield Buffer.from(`0\nend ${rows}\n`);
    onProgress?.({ step: 'table', table: t.name, rows });
  }
  yield Buffer.from('done\n');
}

/** Writes a consistent snapshot of the database to `file` (gzip). Never overwrites an existing file. */
export async function backupDatabase(
  url: string,
  file: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<BackupSummary> {
  if (existsSync(file)) throw new Error(`${file} already exists; choose another name.`);
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  // Written under a temporary name and renamed at the end, so a failed backup never looks complete.
  const partial = `${file}.partial`;
  const client = new pg.Client({ connectionString: url, application_name: 'simandiri-backup' });
  await client.connect();
  try {
    // One snapshot for every table: rows that reference each other are always saved together.
    await beginWithFormat(client, 'begin isolation level repeatable read read only');
    const header = await buildHeader(client);
    await pipeline(
      Readable.from(backupContent(client, header, onProgress)),
      zlib.createGzip({ level: 6 }),
      // Backups hold password hashes and personal data: readable by the owner only.
      createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
    );
    await client.query('commit');
    await fs.rename(partial, file);
    const { size } = await fs.stat(file);
    return {
      file,
      bytes: size,
      tables: header.tables.length,
      rows: header.tables.reduce((s, t) => s + t.rows, 0),
    };
  } catch (err) {
    // No rollback needed: the transaction only read, and closing the connection ends it.
    await fs.rm(partial, { force: true });
    throw err;
  } finally {
    await client.end();
  }
}
