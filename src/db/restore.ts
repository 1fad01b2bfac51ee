// Restore of a backup written by backup.ts: rebuilds the schema with the app's own migrations, then
// loads the rows with COPY FROM, in one transaction, so a failed restore changes nothing.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFormatError,
  type BackupHeader,
  beginWithFormat,
  type Catalog,
  columnList,
  MAX_FRAME_BYTES,
  MAX_HEADER_BYTES,
  MIGRATOR_TABLES,
  NEWLINE,
  qualified,
  type RestoreOptions,
  RestoreRefusedError,
  readCatalog,
  SCHEMA,
  SEEDED_BY_MIGRATIONS,
} from './backup.ts';
import { knownMigrations, migrateToInOpenTransaction } from './migrate-to.ts';
import type { Database } from './schema.ts';

// ---------------------------------------------------------------------------------------------
// Reading a backup file

/** Reads lines and exact byte counts from a stream of chunks, holding only what it was asked for. */
class ByteReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.source.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    this.chunks.push(r.value);
    this.size += r.value.length;
    return true;
  }

  private joined(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private take(n: number, skip: number): Buffer {
    const all = this.joined();
    const out = all.subarray(0, n);
    const rest = all.subarray(n + skip);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
    return out;
  }

  async line(max: number): Promise<string> {
    let scanned = 0;
    for (;;) {
      const all = this.joined();
      const i = all.indexOf(NEWLINE, scanned);
      if (i !== -1) return this.take(i, 1).toString('utf8');
      scanned = all.length;
      if (scanned > max) throw new BackupFormatError('the file is damaged (a marker line is too long)');
      if (!(await this.fill())) throw new BackupFormatError('the file ends early (is it complete?)');
    }
  }

  async exact(n: number): Promise<Buffer> {
    while (this.size < n) {
      if (!(await this.fill())) throw new BackupFormatError('the file ends early (is it complete?)');
    }
    return this.take(n, 0);
  }

  async atEnd(): Promise<boolean> {
    return this.size === 0 && !(await this.fill());
  }
}

function openBackupFile(file: string): { reader: ByteReader; close(): void } {
  const input = createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  return {
    reader: new ByteReader(gunzip[Symbol.asyncIterator]()),
    close() {
      input.destroy();
      gunzip.destroy();
    },
  };
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

function parseHeader(line: string): BackupHeader {
  let h: unknown;
  try {
    h = JSON.parse(line);
  } catch {
    throw new BackupFormatError('it does not start with a Simandiri backup header');
  }
  const o = (typeof h === 'object' && h !== null ? h : {}) as Record<string, unknown>;
  if (o.format !== BACKUP_FORMAT)
    throw new BackupFormatError('it does not start with a Simandiri backup header');
  if (o.version !== BACKUP_VERSION) {
    throw new BackupFormatError(
      `it is format version ${String(o.version)}; this app reads version ${BACKUP_VERSION}`,
    );
  }
  const tablesOk =
    Array.isArray(o.tables) &&
    o.tables.every((t: unknown) => {
      const x = (t ?? {}) as Record<string, unknown>;
      return typeof x.name === 'string' && isStringArray(x.columns) && Number.isSafeInteger(x.rows);
    });
  const sequencesOk =
    Array.isArray(o.sequences) &&
    o.sequences.every((s: unknown) => {
      const x = (s ?? {}) as Record<string, unknown>;
      return (
        typeof x.name === 'string' &&
        typeof x.value === 'string' &&
        /^-?\d+$/.test(x.value) &&
        typeof x.is_called === 'boolean'
      );
    });
  if (!isStringArray(o.migrations) || !tablesOk || !sequencesOk) {
    throw new BackupFormatError('its header is damaged');
  }
  return o as unknown as BackupHeader;
}

/** Reads just the header, e.g. to show what a backup holds before restoring it. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const f = openBackupFile(file);
  try {
    return parseHeader(await f.reader.line(MAX_HEADER_BYTES));
  } catch (err) {
    throw asFormatError(file, err);
  } finally {
    f.close();
  }
}

function asFormatError(file: string, err: unknown): unknown {
  if (err instanceof BackupFormatError)
    return new BackupFormatError(`${file} cannot be restored: ${err.message}`);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
    return new BackupFormatError(
      `${file} is not a Simandiri backup, or is damaged (${(err as Error).message})`,
    );
  }
  return err;
}

async function* sectionData(reader: ByteReader): AsyncGenerator<Buffer> {
  for (;;) {
    const line = await reader.line(32);
    if (!/^\d+$/.test(line)) throw new BackupFormatError('the file is damaged (bad frame length)');
    const n = Number(line);
    if (n === 0) return;
    if (n > MAX_FRAME_BYTES) throw new BackupFormatError('the file is damaged (frame too large)');
    yield await reader.exact(n);
  }
}

// ---------------------------------------------------------------------------------------------
// Restore

/** A Kysely instance that runs on one client whose transaction is already open. */
function kyselyOnClient(client: pg.Client): Kysely<Database> {
  const conn = Object.assign(client, { release: () => {} });
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => conn, end: async () => {} } }),
  });
}

async function tablesHoldingData(client: pg.Client): Promise<Array<{ name: string; rows: number }>> {
  const catalog = await readCatalog(client);
  const held: Array<{ name: string; rows: number }> = [];
  for (const name of catalog.columns.keys()) {
    if (MIGRATOR_TABLES.has(name) || SEEDED_BY_MIGRATIONS.has(name)) continue;
    const r = await client.query<{ n: string }>(`select count(*) as n from ${qualified(client, name)}`);
    const rows = Number(r.rows[0]?.n ?? 0);
    if (rows > 0) held.push({ name, rows });
  }
  return held;
}

/** Drops every object in schema public, keeping the schema's owner and grants as they were. */
async function recreatePublicSchema(client: pg.Client): Promise<void> {
  const before = await client.query<{ owner: string; acl: string[] | null }>(
    `select pg_get_userbyid(nspowner) as owner, nspacl::text[] as acl
       from pg_namespace where nspname = $1`,
    [SCHEMA],
  );
  const schema = client.escapeIdentifier(SCHEMA);
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.query(`create schema ${schema}`);
  const old = before.rows[0];
  if (!old) return;
  // Best effort: a role allowed to drop the schema may still not be allowed to give it away.
  await client.query('savepoint schema_rights');
  try {
    await client.query(`alter schema ${schema} owner to ${client.escapeIdentifier(old.owner)}`);
    for (const item of old.acl ?? []) {
      const m = /^("(?:[^"]|"")*"|[^=]*)=([A-Za-z*]*)\//.exec(item);
      if (!m) continue;
      const grantee = m[1] ?? '';
      if (grantee === old.owner || grantee === client.escapeIdentifier(old.owner)) continue;
      const privs = [...(m[2] ?? '')].flatMap((p) => (p === 'U' ? ['usage'] : p === 'C' ? ['create'] : []));
      if (privs.length === 0) continue;
      // aclitem text already quotes names that need it; an empty grantee means PUBLIC.
      await client.query(
        `grant ${privs.join(', ')} on schema ${schema} to ${grantee === '' ? 'public' : grantee}`,
      );
    }
    await client.query('release savepoint schema_rights');
  } catch {
    await client.query('rollback to savepoint schema_rights');
  }
}

function checkMigrations(header: BackupHeader): string {
  const known = knownMigrations();
  const last = header.migrations[header.migrations.length - 1];
  if (last === undefined) throw new BackupFormatError('it records no migrations, so its schema is unknown');
  header.migrations.forEach((name, i) => {
    if (!known.includes(name)) {
      throw new BackupFormatError(
        `it was made by a newer Simandiri (migration ${name} is unknown here); update the app first`,
      );
    }
    if (known[i] !== name)
      throw new BackupFormatError(`its migrations are not in the order this app applies them`);
  });
  return last;
}

/** The schema the migrations built must be the one the backup was taken from, table for table. */
function checkSchemaMatches(header: BackupHeader, target: Catalog): void {
  const differ = (what: string) =>
    new BackupFormatError(`its tables do not match the schema its migrations build here (${what})`);
  const inBackup = new Set(header.tables.map((t) => t.name));
  for (const name of target.columns.keys())
    if (!inBackup.has(name)) throw differ(`no data for table ${name}`);
  for (const t of header.tables) {
    const cols = target.columns.get(t.name);
    if (!cols) throw differ(`table ${t.name} does not exist`);
    if ([...cols].sort().join(',') !== [...t.columns].sort().join(',')) throw differ(`columns of ${t.name}`);
  }
  const position = new Map(header.tables.map((t, i) => [t.name, i]));
  for (const e of target.edges) {
    if (e.child === e.parent) continue;
    if ((position.get(e.parent) ?? -1) > (position.get(e.child) ?? -1)) {
      throw differ(`${e.child} comes before ${e.parent}, which it references`);
    }
  }
  const seqs = new Set(target.sequences);
  for (const s of header.sequences) if (!seqs.has(s.name)) throw differ(`sequence ${s.name} does not exist`);
}

async function rollbackWithin(client: pg.Client, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.query('rollback').catch(() => {}),
    new Promise((r) => {
      timer = setTimeout(r, ms);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * Replaces the database's contents with the backup's, in one transaction: if anything fails, the
 * database is left exactly as it was. Without `force`, refuses a database that already holds data.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  opts: RestoreOptions = {},
): Promise<{ tables: number; rows: number; migrations: string[] }> {
  await fs.access(file);
  const source = openBackupFile(file);
  const client = new pg.Client({ connectionString: url, application_name: 'simandiri-restore' });
  let connected = false;
  try {
    const header = parseHeader(await source.reader.line(MAX_HEADER_BYTES));
    const last = checkMigrations(header);

    await client.connect();
    connected = true;
    await beginWithFormat(client, 'begin');
    // A running app holds locks on the tables; fail with a clear message rather than wait forever.
    await client.query("set local lock_timeout = '15s'");
    // Journal entries are loaded with the lines other transactions wrote (migration 0021); each
    // entry is still checked to balance at commit.
    await client.query("set local simandiri.restoring = 'on'");
    if (!opts.force) {
      const held = await tablesHoldingData(client);
      if (held.length > 0) {
        const users = held.find((h) => h.name === 'users')?.rows ?? 0;
        throw new RestoreRefusedError(
          `The target database already holds data (${users} users; rows in ${held.map((h) => h.name).join(', ')}). ` +
            'A restore replaces everything in it: run again with --force if that is what you want.',
        );
      }
    }

    await recreatePublicSchema(client);
    const kdb = kyselyOnClient(client);
    await migrateToInOpenTransaction(kdb, last);
    await kdb.destroy();
    opts.onProgress?.({ step: 'schema', migrations: header.migrations });

    const target = await readCatalog(client);
    checkSchemaMatches(header, target);
    // Migrations may write rows of their own (the migrator's bookkeeping, reference data); the
    // backup holds those rows as they were, so the fresh ones make way, children first.
    // (Were a migration ever to write audit records, the append-only trigger would refuse this.)
    for (const t of [...header.tables].reverse()) {
      await client.query(`delete from ${qualified(client, t.name)}`);
    }

    // Tables load parents first, so foreign keys are checked row by row as usual. The audit log's
    // append-only triggers stay on: they refuse updates and deletes, not inserts.
    let rows = 0;
    for (const t of header.tables) {
      if ((await source.reader.line(1024)) !== `table ${t.name}`) {
        throw new BackupFormatError(`the file is damaged (expected the data of table ${t.name})`);
      }
      const ingest = client.query(
        copyFrom(`copy ${qualified(client, t.name)} (${columnList(client, t.columns)}) from stdin`),
      );
      await pipeline(Readable.from(sectionData(source.reader)), ingest);
      const end = await source.reader.line(64);
      if (end !== `end ${t.rows}` || ingest.rowCount !== t.rows) {
        throw new BackupFormatError(
          `the file is damaged (table ${t.name}: header says ${t.rows} rows, loaded ${ingest.rowCount})`,
        );
      }
      rows += t.rows;
      opts.onProgress?.({ step: 'table', table: t.name, rows: t.rows });
    }

    for (const s of header.sequences) {
      await client.query('select setval($1::regclass, $2::bigint, $3)', [
        qualified(client, s.name),
        s.value,
        s.is_called,
      ]);
    }
    opts.onProgress?.({ step: 'sequences', count: header.sequences.length });

    // Reading to the very end also makes gunzip check the file's checksum before anything commits.
    if ((await source.reader.line(16)) !== 'done' || !(await source.reader.atEnd())) {
      throw new BackupFormatError('the file is damaged (unexpected data after the last table)');
    }
    await client.query('commit');
    return { tables: header.tables.length, rows, migrations: header.migrations };
  } catch (err) {
    // Nothing was committed, so nothing changed; the rollback only frees the connection promptly
    // (and is bounded, since closing the connection rolls back just the same).
    if (connected) await rollbackWithin(client, 5000);
    if ((err as { code?: string }).code === '55P03') {
      throw new Error(
        'The database is in use (its tables are locked by another connection). Stop the Simandiri app, then restore.',
      );
    }
    throw asFormatError(file, err);
  } finally {
    source.close();
    if (connected) await client.end();
  }
}
