// SQL for the audit log. Appends are serialised by a transaction-level advisory lock so the chain
// stays linear even with several app nodes writing at once.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';

const CHAIN_LOCK = 7_301_885_211; // arbitrary constant naming the audit-chain lock

export async function lockChainAndGetLastHash(conn: Conn): Promise<string | null> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(conn);
  const row = await conn
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}

export interface AuditInsert {
  at: Date;
  actor_id: string | null;
  actor_name: string;
  unit_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
  personal_digest: string | null;
}

export async function insertAudit(conn: Conn, row: AuditInsert): Promise<string> {
  const r = await conn
    .insertInto('audit_log')
    .values({ ...row, hash_version: 2 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(r.id);
}

/** A record and its personal part in one statement (one round trip fewer in every such write). */
export async function insertAuditWithPersonal(
  conn: Conn,
  row: AuditInsert,
  personal: { nonce: string; before: string | null; after: string | null },
): Promise<string> {
  const r = await conn
    .with('a', (db) =>
      db
        .insertInto('audit_log')
        .values({ ...row, hash_version: 2 })
        .returning('id'),
    )
    .insertInto('audit_personal')
    .columns(['audit_id', 'nonce', 'before', 'after'])
    .expression((eb) =>
      eb
        .selectFrom('a')
        .select([
          'a.id',
          sql<string>`${personal.nonce}::text`.as('nonce'),
          sql<string | null>`${personal.before}::jsonb`.as('before'),
          sql<string | null>`${personal.after}::jsonb`.as('after'),
        ]),
    )
    .returning('audit_id')
    .executeTakeFirstOrThrow();
  return String(r.audit_id);
}

/** Every record in order, each with its personal part (if it has one) for digest checks. */
export async function* iterateAudit(conn: Conn, batch = 5000): AsyncGenerator<ChainRow> {
  let after = '0';
  for (;;) {
    const rows = await conn
      .selectFrom('audit_log as a')
      .leftJoin('audit_personal as p', 'p.audit_id', 'a.id')
      .selectAll('a')
      .select([
        'p.audit_id as p_id',
        'p.nonce as p_nonce',
        'p.before as p_before',
        'p.after as p_after',
        'p.erased_at as p_erased_at',
      ])
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    yield* rows;
    after = String(rows[rows.length - 1]?.id);
  }
}

export interface ChainRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  unit_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
  hash_version: number;
  personal_digest: string | null;
  legacy_hash: string | null;
  p_id: string | null;
  p_nonce: string | null;
  p_before: unknown;
  p_after: unknown;
  p_erased_at: Date | null;
}

export interface AuditFilter {
  scope: Scope;
  action?: string | undefined;
  entity?: string | undefined;
  actor?: string | undefined;
  unitId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

export async function listAudit(conn: Conn, f: AuditFilter) {
  let q = base(conn).select([
    'a.id',
    'a.at',
    'a.actor_id',
    'a.actor_name',
    'a.unit_id',
    'u.name as unit_name',
    'a.action',
    'a.entity',
    'a.entity_id',
    'a.before',
    'a.after',
    'a.request_id',
    'p.audit_id as personal_id',
    'p.before as personal_before',
    'p.after as personal_after',
    'p.erased_at as personal_erased_at',
  ]);
  q = filtered(q, f);
  const [rows, count] = await Promise.all([
    q.orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows: rows.map((r) => ({ ...r, id: String(r.id) })), total: toNumber(count?.n) };
}

function base(conn: Conn) {
  return conn
    .selectFrom('audit_log as a')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('audit_personal as p', 'p.audit_id', 'a.id');
}

function filtered<Q extends ReturnType<typeof base>>(query: Q, f: Omit<AuditFilter, 'limit' | 'offset'>): Q {
  // Kysely's builder types do not survive a generic round trip; every call returns the same shape.
  let q = query as ReturnType<typeof base>;
  // Records belong to a unit (or to none: national work, seen nationally only), never a partner.
  q = q.where(scopeFilter(f.scope, { unit: 'a.unit_id', partner: null }));
  if (f.action) q = q.where('a.action', 'like', `${f.action.replace(/[%_]/g, '')}%`);
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.actor) q = q.where('a.actor_name', 'ilike', `%${f.actor.replace(/[%_]/g, '')}%`);
  if (f.unitId) q = q.where('a.unit_id', '=', f.unitId);
  if (f.from) q = q.where('a.at', '>=', f.from);
  if (f.to) q = q.where('a.at', '<', f.to);
  return q as Q;
}

/** How many records per unit and action: what regional and national offices read instead of records. */
export async function countAudit(conn: Conn, f: Omit<AuditFilter, 'limit' | 'offset' | 'actor'>) {
  const rows = await filtered(base(conn), f)
    .select((eb) => [
      'a.unit_id',
      'u.name as unit_name',
      'a.action',
      'a.entity',
      eb.fn.countAll<string>().as('n'),
    ])
    .groupBy(['a.unit_id', 'u.name', 'a.action', 'a.entity'])
    .orderBy('u.name')
    .orderBy('a.action')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    unit_id: r.unit_id,
    unit_name: r.unit_name,
    action: r.action,
    entity: r.entity,
    count: toNumber(r.n),
  }));
}

export async function recentForUnit(conn: Conn, unitId: string, limit: number) {
  return conn
    .selectFrom('audit_log')
    .select(['at', 'actor_name', 'action'])
    .where('unit_id', '=', unitId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Erases the personal part of every record older than `before`; returns the ids erased, in order. */
export async function erasePersonalBefore(conn: Conn, before: Date): Promise<string[]> {
  const rows = await conn
    .updateTable('audit_personal as p')
    .from('audit_log as a')
    .set({ nonce: null, before: null, after: null, erased_at: new Date() })
    .whereRef('a.id', '=', 'p.audit_id')
    .where('a.at', '<', before)
    .where('p.erased_at', 'is', null)
    .returning('p.audit_id')
    .execute();
  return rows.map((r) => String(r.audit_id)).sort((x, y) => Number(BigInt(x) - BigInt(y)));
}

/** Erases the personal values of the records about these entities (ids), whatever their age. */
export async function erasePersonalOf(
  conn: Conn,
  entities: readonly string[],
  entityIds: readonly string[],
): Promise<number> {
  if (entityIds.length === 0 || entities.length === 0) return 0;
  const rows = await conn
    .updateTable('audit_personal as p')
    .from('audit_log as a')
    .set({ nonce: null, before: null, after: null, erased_at: new Date() })
    .whereRef('a.id', '=', 'p.audit_id')
    // Both columns, so the (entity, entity_id) index serves it.
    .where('a.entity', 'in', [...entities])
    .where('a.entity_id', 'in', [...entityIds])
    .where('p.erased_at', 'is', null)
    .returning('p.audit_id')
    .execute();
  return rows.length;
}

export async function chainHead(conn: Conn) {
  const last = await conn
    .selectFrom('audit_log')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const n = await conn
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  return { lastId: last ? String(last.id) : null, hash: last?.hash ?? null, count: toNumber(n?.n) };
}

export interface CheckpointInsert {
  at: Date;
  last_audit_id: string | null;
  head_hash: string;
  record_count: string;
  key_id: string;
  hmac: string;
  created_by: string;
}

export async function insertCheckpoint(conn: Conn, row: CheckpointInsert): Promise<string> {
  const r = await conn.insertInto('audit_checkpoints').values(row).returning('id').executeTakeFirstOrThrow();
  return String(r.id);
}

export async function listCheckpoints(conn: Conn) {
  const rows = await conn.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    ...r,
    id: String(r.id),
    last_audit_id: r.last_audit_id === null ? null : String(r.last_audit_id),
    record_count: toNumber(r.record_count),
  }));
}

/** The records of one entity or action with their personal parts, oldest first. */
export async function recordsWithPersonal(conn: Conn, where: { entityId?: string; action?: string }) {
  let q = conn
    .selectFrom('audit_log as a')
    .leftJoin('audit_personal as p', 'p.audit_id', 'a.id')
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'a.actor_name',
      'a.unit_id',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before',
      'a.after',
      'p.audit_id as personal_id',
      'p.before as personal_before',
      'p.after as personal_after',
      'p.erased_at as personal_erased_at',
    ]);
  if (where.entityId !== undefined) q = q.where('a.entity_id', '=', where.entityId);
  if (where.action !== undefined) q = q.where('a.action', '=', where.action);
  const rows = await q.orderBy('a.id').execute();
  return rows.map((r) => ({
    ...r,
    id: String(r.id),
    personal_id: r.personal_id === null ? null : String(r.personal_id),
  }));
}
