// Read-only SQL behind the dashboards: active participants per unit and the imports still running
// (the events worth a news item are the newsroom's one query, news.repo.ts). The month's figures
// are the maintained aggregates (rollups.service.ts, issue 14), never a scan of attendance or
// production rows.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Scope, scopeFilter } from '../../app/scope.ts';
import { type Conn, toNumber } from '../../db/database.ts';
import type { ImportStatus } from '../../db/schema.ts';

type Num = string | number | bigint | null;

const and = (cond: RawBuilder<unknown> | false | undefined) => (cond ? sql`and ${cond}` : sql``);
/** Unit records (certificates, sales): no partner column. */
const inUnits = (scope: Scope, unit: string): RawBuilder<SqlBool> =>
  scopeFilter(scope, { unit, partner: null });
/** A programme's records: an instructor's scope narrows them to her partner. */
const inProgrammes = (scope: Scope): RawBuilder<SqlBool> =>
  scopeFilter(scope, { unit: 'pr.unit_id', partner: 'pr.partner_id' });

export interface Range {
  /** First and last day, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Only this unit (still within the scope). */
  unitId?: string | undefined;
}

/** Active participants now, per unit. */
export async function activeParticipants(conn: Conn, scope: Scope, unitId?: string) {
  const res = await sql<{ unit_id: string; n: Num }>`
    select pr.unit_id, count(*) as n
      from enrolments e join programmes pr on pr.id = e.programme_id
     where e.status = 'active' and ${inProgrammes(scope)}
       ${and(unitId !== undefined && sql`pr.unit_id = ${unitId}`)}
     group by 1`.execute(conn);
  return new Map(res.rows.map((r) => [r.unit_id, toNumber(r.n)]));
}

/** An import still under way: not yet applied, not failed. */
export type RunningImport = Exclude<ImportStatus, 'applied' | 'failed'>;

export interface ImportRow {
  id: string;
  filename: string;
  status: RunningImport;
  progress_done: number;
  progress_total: number | null;
  created_at: Date;
}

/** The unit's register imports not yet applied or failed: queued, being read, waiting to be confirmed, applying. */
export async function importsInProgress(conn: Conn, scope: Scope, unitId: string): Promise<ImportRow[]> {
  return conn
    .selectFrom('inmate_imports as i')
    .select(['i.id', 'i.filename', 'i.status', 'i.progress_done', 'i.progress_total', 'i.created_at'])
    .where('i.unit_id', '=', unitId)
    .where('i.status', 'in', ['queued', 'parsing', 'previewed', 'applying'])
    .where(inUnits(scope, 'i.unit_id'))
    .$narrowType<{ status: RunningImport }>()
    .orderBy('i.created_at', 'desc')
    .limit(5)
    .execute();
}
