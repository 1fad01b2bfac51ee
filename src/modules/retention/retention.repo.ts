// The retention job's SQL. Like the reporting modules it reaches into other modules' tables, here
// to WRITE: it is the one place that knows every column holding a released person's name, NIK,
// contacts, addresses or bank details (docs/privacy.md lists them), so nothing is missed because a
// module forgot. Rows are never deleted and no count-bearing column changes.
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../app/scope.ts';
import { scopeFilter } from '../../app/scope.ts';
import type { Conn, Db } from '../../db/database.ts';

/**
 * A released person's last contact: their last follow-up, else their release (the case's release,
 * else the register's last 'released' status, else the tanggal ekspirasi). `i` is the inmate row.
 */
const lastContact = sql<string | null>`coalesce(
  (select max(f.contacted_on) from follow_ups f where f.inmate_id = i.id),
  (select rc.released_on from reintegration_cases rc where rc.inmate_id = i.id),
  (select max(h.on_date) from inmate_status_history h where h.inmate_id = i.id and h.status = 'released'),
  i.expected_release_date
)`;

const pastPeriod = (cutoff: string): Expression<SqlBool> =>
  sql<SqlBool>`i.status = 'released' and ${lastContact} < ${cutoff}::date`;

export interface Person {
  id: string;
  unit_id: string;
  name: string;
  reg_number: string;
}

/**
 * The next people past the period not yet pseudonymised, locked for this transaction; a run on
 * another node skips them (SKIP LOCKED), so two runs never work on the same person.
 */
export async function nextPeople(trx: Conn, cutoff: string, limit: number): Promise<Person[]> {
  const r = await sql<Person>`select i.id, i.unit_id, i.name, i.reg_number from inmates i
    where i.pseudonymised_at is null and ${pastPeriod(cutoff)}
    order by i.id limit ${limit} for update of i skip locked`.execute(trx);
  return r.rows;
}

/** Rows changed per table (only tables where something changed are kept). */
export type TableCounts = Record<string, number>;

function add(counts: TableCounts, table: string, n: number | bigint | undefined): void {
  const v = Number(n ?? 0);
  if (v > 0) counts[table] = (counts[table] ?? 0) + v;
}

/** Nulls the columns where any is set, on the rows the condition picks; counts the rows. */
async function nullColumns(
  trx: Conn,
  counts: TableCounts,
  table: string,
  columns: readonly string[],
  where: RawBuilder<unknown>,
): Promise<void> {
  const set = sql.join(columns.map((c) => sql`${sql.ref(c)} = null`));
  const any = sql.join(
    columns.map((c) => sql`${sql.ref(c)} is not null`),
    sql` or `,
  );
  const r = await sql`update ${sql.table(table)} set ${set} where (${where}) and (${any})`.execute(trx);
  add(counts, table, r.numAffectedRows);
}

/** Replaces the person's name in free-text columns (whole words, any case) with the pseudonym. */
async function scrubColumns(
  trx: Conn,
  counts: TableCounts,
  table: string,
  columns: readonly string[],
  where: RawBuilder<unknown>,
  pattern: string,
  pseudonym: string,
): Promise<void> {
  const set = sql.join(
    columns.map((c) => sql`${sql.ref(c)} = regexp_replace(${sql.ref(c)}, ${pattern}, ${pseudonym}, 'gi')`),
  );
  const any = sql.join(
    columns.map((c) => sql`${sql.ref(c)} ~* ${pattern}`),
    sql` or `,
  );
  const r = await sql`update ${sql.table(table)} set ${set} where (${where}) and (${any})`.execute(trx);
  add(counts, table, r.numAffectedRows);
}

/** Every id the audit log may name the person's records by: the person, and their records. */
export async function recordIdsOf(trx: Conn, inmateId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select ${inmateId}::text as id
    union all select e.id::text from enrolments e where e.inmate_id = ${inmateId}
    union all select c.id::text from certificates c join enrolments e on e.id = c.enrolment_id where e.inmate_id = ${inmateId}
    union all select ic.id::text from intake_candidates ic where ic.inmate_id = ${inmateId}
    union all select rc.id::text from reintegration_cases rc where rc.inmate_id = ${inmateId}
    union all select ri.id::text from readiness_items ri join reintegration_cases rc on rc.id = ri.case_id where rc.inmate_id = ${inmateId}
    union all select co.id::text from reintegration_consents co where co.inmate_id = ${inmateId}
    union all select f.id::text from follow_ups f where f.inmate_id = ${inmateId}
    union all select ja.id::text from job_applications ja where ja.inmate_id = ${inmateId}
    union all select bp.id::text from business_plans bp where bp.inmate_id = ${inmateId}
    union all select w.id::text from premi_withdrawals w where w.inmate_id = ${inmateId}
    union all select p.id::text from premi_payouts p where p.inmate_id = ${inmateId}
    union all select t.id::text from premi_transfers t where t.from_inmate_id = ${inmateId} or t.to_inmate_id = ${inmateId}
    union all select x.id::text from inmate_expiry_changes x where x.inmate_id = ${inmateId}
    union all select rf.id::text from register_f_entries rf where rf.inmate_id = ${inmateId}`.execute(trx);
  return r.rows.map((x) => x.id);
}

/**
 * Replaces one person's identifying data everywhere it is held, inside the caller's transaction:
 * names become the pseudonym, NIK, contacts, addresses and bank details become null, free-text
 * notes lose the name. Returns the rows changed per table.
 */
export async function pseudonymisePerson(
  trx: Conn,
  p: Person,
  pseudonym: string,
  pattern: string | null,
  at: Date,
): Promise<TableCounts> {
  const counts: TableCounts = {};
  const id = p.id;
  const enrolmentsOf = sql`select e.id from enrolments e where e.inmate_id = ${id}`;

  // The register: the name and NIK; block and room say where they lived inside.
  const inmate = await sql`update inmates set name = ${pseudonym}, nik = null, block = null, room = null,
    pseudonymised_at = ${at}, updated_at = ${at} where id = ${id}`.execute(trx);
  add(counts, 'inmates', inmate.numAffectedRows);
  // Programme places carry a copy of the name; certificates print it (and its initials publicly).
  const enr = await sql`update enrolments set name = ${pseudonym}, status_note = null
    where inmate_id = ${id} and (name <> ${pseudonym} or status_note is not null)`.execute(trx);
  add(counts, 'enrolments', enr.numAffectedRows);
  const cert = await sql`update certificates set holder_name = ${pseudonym}, holder_initials = 'A.'
    where enrolment_id in (${enrolmentsOf}) and holder_name <> ${pseudonym}`.execute(trx);
  add(counts, 'certificates', cert.numAffectedRows);

  // Contacts, address and bank account after release; the case's pseudonymised_at says so.
  const rc = await sql`update reintegration_cases set guarantor_name = null, guarantor_relation = null,
    guarantor_phone = null, address_after_release = null, bank_name = null, bank_account = null,
    pseudonymised_at = ${at}, updated_at = ${at} where inmate_id = ${id} and pseudonymised_at is null`.execute(
    trx,
  );
  add(counts, 'reintegration_cases', rc.numAffectedRows);
  // Where an own business is run, and its trade name (often the owner's name).
  await nullColumns(trx, counts, 'business_plans', ['location', 'business_name'], sql`inmate_id = ${id}`);
  // The person's family member who received premi money.
  await nullColumns(trx, counts, 'premi_withdrawals', ['recipient'], sql`inmate_id = ${id}`);

  // Free-text notes written about this one person: gone (they may hold anything).
  await nullColumns(
    trx,
    counts,
    'intake_candidates',
    ['consent_note', 'decision_reason'],
    sql`inmate_id = ${id}`,
  );
  await nullColumns(trx, counts, 'attendance_marks', ['note'], sql`enrolment_id in (${enrolmentsOf})`);
  await nullColumns(
    trx,
    counts,
    'attendance_corrections',
    ['previous_note', 'new_note'],
    sql`mark_id in (select m.id from attendance_marks m where m.enrolment_id in (${enrolmentsOf}))`,
  );
  await nullColumns(trx, counts, 'competency_assessments', ['note'], sql`enrolment_id in (${enrolmentsOf})`);
  await nullColumns(
    trx,
    counts,
    'readiness_items',
    ['note'],
    sql`case_id in (select rc.id from reintegration_cases rc where rc.inmate_id = ${id})`,
  );
  await nullColumns(trx, counts, 'reintegration_consents', ['note'], sql`inmate_id = ${id}`);
  await nullColumns(trx, counts, 'follow_ups', ['note'], sql`inmate_id = ${id}`);
  await nullColumns(trx, counts, 'job_applications', ['note'], sql`inmate_id = ${id}`);
  await nullColumns(
    trx,
    counts,
    'job_application_events',
    ['note'],
    sql`application_id in (select ja.id from job_applications ja where ja.inmate_id = ${id})`,
  );

  // Required texts, and notes shared with other people: the name is replaced, the sense kept.
  if (pattern) {
    const scrub = (table: string, cols: readonly string[], where: RawBuilder<unknown>) =>
      scrubColumns(trx, counts, table, cols, where, pattern, pseudonym);
    await scrub(
      'attendance_corrections',
      ['reason'],
      sql`mark_id in (select m.id from attendance_marks m where m.enrolment_id in (${enrolmentsOf}))`,
    );
    await scrub('competency_assessments', ['evidence'], sql`enrolment_id in (${enrolmentsOf})`);
    await scrub('business_plans', ['description'], sql`inmate_id = ${id}`);
    await scrub('premi_withdrawals', ['reason'], sql`inmate_id = ${id}`);
    await scrub('inmate_status_history', ['reason'], sql`inmate_id = ${id}`);
    await scrub('register_f_entries', ['violation', 'sanction'], sql`inmate_id = ${id}`);
    await scrub('inmate_expiry_changes', ['basis'], sql`inmate_id = ${id}`);
    await scrub(
      'tpp_sessions',
      ['notes'],
      sql`intake_id in (select ic.intake_id from intake_candidates ic where ic.inmate_id = ${id})`,
    );
    await scrub(
      'session_journals',
      ['notes'],
      sql`session_id in (select s.id from programme_sessions s where s.programme_id in
        (select e.programme_id from enrolments e where e.inmate_id = ${id}))`,
    );
  }

  return counts;
}

/**
 * SDP import files keep every row as read (name, NIK) and the absent people's names. Done once per
 * unit and batch, not per person: a unit's imports may hold tens of thousands of rows each. A row
 * is the person's by its inmate id (an update) or, for a new person, by the registration number.
 */
export async function scrubImports(
  trx: Conn,
  people: ReadonlyArray<Person & { pseudonym: string }>,
): Promise<number> {
  let changed = 0;
  for (const unitId of new Set(people.map((p) => p.unit_id))) {
    const map = JSON.stringify(
      people
        .filter((p) => p.unit_id === unitId)
        .map((p) => ({ id: p.id, reg: p.reg_number, pseudonym: p.pseudonym })),
    );
    const r = await sql`update inmate_imports set
      rows = (select coalesce(jsonb_agg(case when m.pseudonym is null then x.r
          else jsonb_set(jsonb_set(x.r, '{values,name}', to_jsonb(m.pseudonym)), '{values,nik}', 'null'::jsonb)
          end order by x.n), '[]'::jsonb)
        from jsonb_array_elements(rows) with ordinality as x(r, n)
        left join lateral (select p->>'pseudonym' as pseudonym from jsonb_array_elements(${map}::jsonb) p
          where p->>'id' = x.r->>'inmate_id'
            or (coalesce(x.r->>'inmate_id', '') = '' and p->>'reg' = x.r->'values'->>'reg_number')
          limit 1) m on true),
      absent = (select coalesce(jsonb_agg(case when m.pseudonym is null then y.a
          else jsonb_set(y.a, '{name}', to_jsonb(m.pseudonym)) end order by y.n), '[]'::jsonb)
        from jsonb_array_elements(absent) with ordinality as y(a, n)
        left join lateral (select p->>'pseudonym' as pseudonym from jsonb_array_elements(${map}::jsonb) p
          where p->>'id' = y.a->>'id' limit 1) m on true)
      where unit_id = ${unitId} and exists (select 1 from jsonb_array_elements(${map}::jsonb) p
        where rows @> jsonb_build_array(jsonb_build_object('inmate_id', p->>'id'))
          or rows @> jsonb_build_array(jsonb_build_object('values', jsonb_build_object('reg_number', p->>'reg')))
          or absent @> jsonb_build_array(jsonb_build_object('id', p->>'id')))`.execute(trx);
    changed += Number(r.numAffectedRows ?? 0);
  }
  return changed;
}

// ---- the runs ----

export async function insertRun(
  trx: Conn,
  v: { run_on: string; retention_years: number; cutoff: string; triggered_by: string | null },
): Promise<string> {
  const r = await trx
    .insertInto('retention_runs')
    .values({ ...v, people: 0, details: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateRun(trx: Conn, id: string, people: number, details: TableCounts): Promise<void> {
  await trx
    .updateTable('retention_runs')
    .set({ people, details: JSON.stringify(details) })
    .where('id', '=', id)
    .execute();
}

export async function recentRuns(db: Db, limit: number) {
  return db
    .selectFrom('retention_runs as r')
    .leftJoin('users as u', 'u.id', 'r.triggered_by')
    .select([
      'r.id',
      'r.run_on',
      'r.retention_years',
      'r.cutoff',
      'r.people',
      'r.details',
      'r.created_at',
      'u.full_name as triggered_by_name',
    ])
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Per unit in scope: released people pseudonymised so far, and those past the period still waiting. */
export async function unitCounts(db: Db, scope: Scope, cutoff: string) {
  const r = await sql<{ unit_id: string; unit_name: string; pseudonymised: number; due: number }>`
    select u.id as unit_id, u.name as unit_name,
      count(*) filter (where i.pseudonymised_at is not null)::int as pseudonymised,
      count(*) filter (where i.pseudonymised_at is null and ${pastPeriod(cutoff)})::int as due
    from inmates i join units u on u.id = i.unit_id
    where i.status = 'released' and ${scopeFilter(scope, { unit: 'i.unit_id', partner: null })}
    group by u.id, u.name
    having count(*) filter (where i.pseudonymised_at is not null or ${pastPeriod(cutoff)}) > 0
    order by u.name`.execute(db);
  return r.rows;
}
