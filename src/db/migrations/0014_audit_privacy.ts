// Issue 9 items 2 and 9: personal values leave the append-only audit chain for `audit_personal`,
// which the retention job can erase (the chain keeps a salted digest), and signed checkpoints of
// the chain head make a cut-off tail detectable. Existing records are re-sealed in format v2 once
// their v1 chain has been checked; each keeps its old hash (`legacy_hash`, itself sealed by v2) and
// a closing record names the old and new heads. See docs/decisions/0009-audit-personal-data.md.
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import stringify from 'safe-stable-stringify';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type AnyDb = Kysely<any>;

const BATCH = 1000;

// Frozen copies of the audit code this migration runs (modules/audit/audit.chain.ts and
// audit.personal.ts as they stood when 0014 was written). A migration must do the same on every
// later version of the app, so it depends on no feature code: never edit these to follow the module.

const GENESIS = '0'.repeat(64);

interface ChainedContent {
  at: Date;
  actorId: string | null;
  actorName: string;
  unitId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

/** Format v1 (records written before this migration). */
function hashRecord(prevHash: string, c: ChainedContent): string {
  const canonical = stringify([
    prevHash,
    c.at.toISOString(),
    c.actorId,
    c.actorName,
    c.unitId,
    c.action,
    c.entity,
    c.entityId,
    c.before ?? null,
    c.after ?? null,
    c.requestId,
    c.ip,
  ]);
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

interface ChainedContentV2 extends ChainedContent {
  personalDigest: string | null;
  legacyHash: string | null;
}

/** Format v2: before/after hold PERSONAL markers, the personal values are covered by their digest. */
function hashRecordV2(prevHash: string, c: ChainedContentV2): string {
  const canonical = stringify([
    'v2',
    prevHash,
    c.at.toISOString(),
    c.actorId,
    c.actorName,
    c.unitId,
    c.action,
    c.entity,
    c.entityId,
    c.before ?? null,
    c.after ?? null,
    c.requestId,
    c.ip,
    c.personalDigest,
    c.legacyHash,
  ]);
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

function newNonce(): string {
  return randomBytes(16).toString('hex');
}

function personalDigest(nonce: string, before: unknown, after: unknown): string {
  return createHash('sha256')
    .update(stringify([nonce, before ?? null, after ?? null]) ?? '')
    .digest('hex');
}

/** The personal fields of each audited entity (entities not listed have none). */
const PERSONAL_FIELDS: Readonly<Record<string, readonly string[] | { allBut: readonly string[] }>> = {
  inmate: { allBut: ['unit_id', 'inmate_id', 'created_by'] },
  inmate_import: ['filename', 'created', 'updated', 'reg_numbers', 'reason'],
  enrolment: ['name', 'institution', 'period_from', 'period_to', 'status_note', 'note', 'evidence'],
  intake_candidate: ['scores', 'total', 'consent_note', 'note', 'reasons'],
  tpp_session: ['decisions', 'notes', 'minutes'],
  session: ['changes'],
  certificate: ['hours', 'attendance_rate', 'reason'],
  user: ['full_name', 'nip', 'email', 'phone'],
  file: ['filename'],
  partner: ['contacts'],
  privacy_breach: ['description', 'measures', 'notified_to', 'closing_note'],
};

function isPersonal(entity: string, key: string): boolean {
  const p = Object.hasOwn(PERSONAL_FIELDS, entity) ? (PERSONAL_FIELDS[entity] ?? []) : [];
  return 'allBut' in p ? !p.allBut.includes(key) : (p as readonly string[]).includes(key);
}

/** Stored in the chained record in place of a personal value that lives in `audit_personal`. */
const PERSONAL = '[personal]';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Splits a before/after value into what the chain keeps and the personal values (or null). */
function splitPersonal(entity: string, value: unknown): { kept: unknown; personal: Obj | null } {
  if (!isObj(value)) return { kept: value ?? null, personal: null };
  const kept: Obj = {};
  const personal: Obj = {};
  let any = false;
  for (const [k, v] of Object.entries(value)) {
    if (isPersonal(entity, k) && v !== null && v !== undefined) {
      kept[k] = PERSONAL;
      personal[k] = v;
      any = true;
    } else kept[k] = v;
  }
  return { kept, personal: any ? personal : null };
}

interface OldRow {
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
}

async function* rows(db: AnyDb): AsyncGenerator<OldRow> {
  let after = '0';
  for (;;) {
    const batch = (await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as OldRow[];
    if (batch.length === 0) return;
    yield* batch;
    after = String(batch[batch.length - 1]?.id);
  }
}

const content = (r: OldRow) => ({
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  unitId: r.unit_id,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  requestId: r.request_id,
  ip: r.ip,
});

/** True when every existing record links and matches its v1 hash. */
async function v1ChainIntact(db: AnyDb): Promise<boolean> {
  let prev = GENESIS;
  for await (const r of rows(db)) {
    if (r.prev_hash !== prev) return false;
    if (hashRecord(prev, { ...content(r), before: r.before, after: r.after }) !== r.hash) return false;
    prev = r.hash;
  }
  return true;
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('audit_log')
    .addColumn('hash_version', 'smallint', (c) => c.notNull().defaultTo(1))
    .addColumn('personal_digest', 'text')
    .addColumn('legacy_hash', 'text')
    .execute();
  // New records are v2; the default 1 above only labels the rows that exist now.
  await sql`alter table audit_log alter column hash_version set default 2`.execute(db);
  // Offices' counts and the retention job select by time.
  await sql`create index audit_log_at_idx on audit_log (at)`.execute(db);

  await db.schema
    .createTable('audit_personal')
    .addColumn('audit_id', 'bigint', (c) => c.primaryKey().references('audit_log.id'))
    .addColumn('nonce', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('erased_at', 'timestamptz')
    .addCheckConstraint(
      'audit_personal_erased_is_empty',
      sql`erased_at is null and nonce is not null or erased_at is not null and nonce is null and before is null and after is null`,
    )
    .execute();
  // The only change ever allowed is erasure; removing the row would hide what was erased.
  await sql`
    create function audit_personal_erase_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.erased_at is null and new.erased_at is not null
         and new.audit_id = old.audit_id then
        return new;
      end if;
      raise exception 'audit_personal only allows erasure (% refused)', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_personal_erase_only before update or delete on audit_personal
    for each row execute function audit_personal_erase_only()`.execute(db);
  await sql`create trigger audit_personal_no_truncate before truncate on audit_personal
    for each statement execute function audit_personal_erase_only()`.execute(db);

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_audit_id', 'bigint')
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('record_count', 'bigint', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('hmac', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await sql`create trigger audit_checkpoints_no_update before update or delete on audit_checkpoints
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function audit_log_append_only()`.execute(db);

  // A broken v1 chain is left exactly as it is (still v1, still reported by audit:verify): re-sealing
  // it would launder the tampering. Its personal values stay until someone investigates.
  if (!(await v1ChainIntact(db))) return;

  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  let prev = GENESIS;
  let legacyHead: { id: string; hash: string } | null = null;
  let count = 0;
  // One insert and one update per batch (not per row): a national log of millions re-seals in minutes.
  let batch: Array<{
    id: string;
    before: string | null;
    after: string | null;
    digest: string | null;
    prev: string;
    hash: string;
    legacy: string;
  }> = [];
  let personal: Array<{ audit_id: string; nonce: string; before: string | null; after: string | null }> = [];
  const flush = async () => {
    if (personal.length) await db.insertInto('audit_personal').values(personal).execute();
    if (batch.length)
      await sql`update audit_log as a set hash_version = 2, before = v.before::jsonb, after = v.after::jsonb,
          personal_digest = v.digest, legacy_hash = v.legacy, prev_hash = v.prev, hash = v.hash
        from (values ${sql.join(
          batch.map(
            (r) =>
              sql`(${r.id}::bigint, ${r.before}::text, ${r.after}::text, ${r.digest}::text, ${r.legacy}::text, ${r.prev}::text, ${r.hash}::text)`,
          ),
        )}) as v(id, before, after, digest, legacy, prev, hash)
        where a.id = v.id`.execute(db);
    batch = [];
    personal = [];
  };
  for await (const r of rows(db)) {
    const b = splitPersonal(r.entity, r.before);
    const a = splitPersonal(r.entity, r.after);
    let digest: string | null = null;
    if (b.personal || a.personal) {
      const nonce = newNonce();
      digest = personalDigest(nonce, b.personal, a.personal);
      personal.push({
        audit_id: String(r.id),
        nonce,
        before: b.personal ? JSON.stringify(b.personal) : null,
        after: a.personal ? JSON.stringify(a.personal) : null,
      });
    }
    const hash = hashRecordV2(prev, {
      ...content(r),
      before: b.kept,
      after: a.kept,
      personalDigest: digest,
      legacyHash: r.hash,
    });
    batch.push({
      id: String(r.id),
      before: b.kept === null ? null : JSON.stringify(b.kept),
      after: a.kept === null ? null : JSON.stringify(a.kept),
      digest,
      prev,
      hash,
      legacy: r.hash,
    });
    if (batch.length >= 500) await flush();
    prev = hash;
    legacyHead = { id: String(r.id), hash: r.hash };
    count++;
  }
  await flush();
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  if (!legacyHead) return;

  // The closing record: anyone holding the old head (from `audit:verify` before this release) can
  // match it here, and the new chain seals this statement like any other record.
  const at = new Date();
  const after = {
    records: count,
    legacy_head_id: legacyHead.id,
    legacy_head_hash: legacyHead.hash,
    new_head_hash: prev,
  };
  const row = {
    at,
    actorId: null,
    actorName: 'system:migration',
    unitId: null,
    action: 'audit.reseal',
    entity: 'audit',
    entityId: null,
    before: null,
    after,
    requestId: null,
    ip: null,
    personalDigest: null,
    legacyHash: null,
  };
  await db
    .insertInto('audit_log')
    .values({
      at,
      actor_id: null,
      actor_name: row.actorName,
      unit_id: null,
      action: row.action,
      entity: row.entity,
      entity_id: null,
      before: null,
      after: JSON.stringify(after),
      request_id: null,
      ip: null,
      prev_hash: prev,
      hash: hashRecordV2(prev, row),
      hash_version: 2,
    })
    .execute();
}
