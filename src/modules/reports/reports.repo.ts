// SQL of the units' monthly reports: one row per version of a unit-month, the list of a scope's
// latest versions, and the names the frozen snapshot keeps (programmes, Program Aksi items). Every
// read of a unit's rows goes through scopeFilter; a report belongs to a unit, never to a partner.
import { sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';
import type { MonthlyReportStatus } from '../../db/schema.ts';

const REPORT = { unit: 'r.unit_id', partner: null };

function base(conn: Conn) {
  return conn
    .selectFrom('monthly_reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('kanwil as k', 'k.id', 'u.kanwil_id')
    .leftJoin('users as db', 'db.id', 'r.drafted_by')
    .leftJoin('users as sb', 'sb.id', 'r.signed_by')
    .leftJoin('users as rb', 'rb.id', 'r.reviewed_by')
    .select([
      'r.id',
      'r.unit_id',
      'u.name as unit_name',
      'u.kanwil_id',
      'k.name as kanwil_name',
      'u.timezone',
      'r.month',
      'r.version',
      'r.status',
      'r.narrative',
      'r.revision_reason',
      'r.figures',
      'r.drafted_by',
      'db.full_name as drafted_by_name',
      'r.signed_by',
      'sb.full_name as signed_by_name',
      'sb.nip as signed_by_nip',
      'sb.position as signed_by_position',
      'r.signed_on',
      'r.submitted_at',
      'r.reviewed_by',
      'rb.full_name as reviewed_by_name',
      'r.reviewed_at',
      'r.review_note',
      'r.created_at',
      'r.updated_at',
    ]);
}

export async function findReport(conn: Conn, scope: Scope, id: string) {
  return base(conn).where('r.id', '=', id).where(scopeFilter(scope, REPORT)).executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** The report's row under lock: two submissions (or reviews) of one report queue here. */
export async function lockReport(conn: Conn, id: string) {
  return conn.selectFrom('monthly_reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Every version of a unit-month, newest first. */
export async function versionsOf(conn: Conn, scope: Scope, unitId: string, month: string) {
  return base(conn)
    .where('r.unit_id', '=', unitId)
    .where('r.month', '=', month)
    .where(scopeFilter(scope, REPORT))
    .orderBy('r.version', 'desc')
    .execute();
}

/** The highest version of a unit-month (0 when none), read under lock of the unit-month's rows. */
export async function latestVersion(conn: Conn, unitId: string, month: string) {
  const rows = await conn
    .selectFrom('monthly_reports')
    .select(['id', 'version', 'status'])
    .where('unit_id', '=', unitId)
    .where('month', '=', month)
    .orderBy('version', 'desc')
    .forUpdate()
    .execute();
  return rows[0];
}

export interface ListFilter {
  unitIds?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  statuses?: readonly MonthlyReportStatus[] | undefined;
}

/**
 * The latest version of each unit-month in the scope (months as 'YYYY-MM-01'), newest month first,
 * with the first time any version was submitted (a revision does not make a unit late).
 */
export async function latestReports(conn: Conn, scope: Scope, f: ListFilter) {
  let q = base(conn)
    .select((eb) =>
      eb
        .selectFrom('monthly_reports as f')
        .select((e) => e.fn.min('f.submitted_at').as('m'))
        .whereRef('f.unit_id', '=', 'r.unit_id')
        .whereRef('f.month', '=', 'r.month')
        .as('first_submitted_at'),
    )
    .where(scopeFilter(scope, REPORT))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('monthly_reports as n')
            .select('n.id')
            .whereRef('n.unit_id', '=', 'r.unit_id')
            .whereRef('n.month', '=', 'r.month')
            .whereRef('n.version', '>', 'r.version'),
        ),
      ),
    );
  if (f.unitIds) q = q.where('r.unit_id', '=', sql<string>`any(${[...f.unitIds]}::uuid[])`);
  if (f.from) q = q.where('r.month', '>=', f.from);
  if (f.to) q = q.where('r.month', '<=', f.to);
  if (f.statuses) q = q.where('r.status', 'in', f.statuses.length ? [...f.statuses] : ['none' as never]);
  return q.orderBy('r.month', 'desc').orderBy('u.name').execute();
}
export type LatestReportRow = Awaited<ReturnType<typeof latestReports>>[number];

export interface ReportValues {
  unit_id: string;
  month: string;
  version: number;
  narrative: string;
  revision_reason: string | null;
  drafted_by: string | null;
}

export async function insertReport(conn: Conn, v: ReportValues): Promise<string> {
  const r = await conn.insertInto('monthly_reports').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateReport(
  conn: Conn,
  id: string,
  v: {
    narrative?: string;
    status?: MonthlyReportStatus;
    figures?: string;
    signed_by?: string | null;
    signed_on?: string;
    submitted_at?: Date;
    reviewed_by?: string | null;
    reviewed_at?: Date;
    review_note?: string | null;
  },
): Promise<void> {
  await conn
    .updateTable('monthly_reports')
    .set({ ...v, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Drafts with a narrative, waiting for the head of the unit to sign (the approvals inbox). */
export async function draftsToSign(conn: Conn, scope: Scope) {
  return conn
    .selectFrom('monthly_reports as r')
    .select(['r.id', 'r.unit_id', 'r.month', 'r.version', 'r.updated_at'])
    .where('r.status', '=', 'draft')
    .where(sql<boolean>`btrim(r.narrative) <> ''`)
    .where(scopeFilter(scope, REPORT))
    .orderBy('r.updated_at')
    .execute();
}

/** Names the snapshot keeps of the programmes it counts (programmes of the report's unit). */
export async function programmeNames(conn: Conn, unitId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return conn
    .selectFrom('programmes as p')
    .leftJoin('partners as pa', 'pa.id', 'p.partner_id')
    .select(['p.id', 'p.name', 'p.kind', 'pa.legal_name as partner_name'])
    .where('p.unit_id', '=', unitId)
    .where('p.id', 'in', [...ids])
    .execute();
}

/** The Program Aksi items the given programmes are tagged with, in their national order. */
export async function programAksiOf(conn: Conn, programmeIds: readonly string[]) {
  if (programmeIds.length === 0) return [];
  return conn
    .selectFrom('programme_program_aksi as ppa')
    .innerJoin('program_aksi as pa', 'pa.id', 'ppa.program_aksi_id')
    .select(['pa.id', 'pa.number', 'pa.title'])
    .select((eb) => eb.fn.count<string>('ppa.programme_id').distinct().as('programmes'))
    .where('ppa.programme_id', 'in', [...programmeIds])
    .groupBy(['pa.id', 'pa.number', 'pa.title'])
    .orderBy('pa.number')
    .orderBy('pa.title')
    .execute();
}
