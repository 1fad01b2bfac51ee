// Read-only SQL behind the dashboards: active participants per unit, the imports still running,
// and the events worth a news item. The month's figures are the maintained aggregates
// (rollups.service.ts, issue 14), never a scan of attendance or production rows.
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

export type NewsEvent =
  | { kind: 'agreement'; day: string; id: string; title: string; partner: string }
  | { kind: 'programme'; day: string; id: string; programme: string }
  | { kind: 'certificates'; day: string; id: string; programme: string; n: number }
  | { kind: 'bazaar'; day: string; n: number; total: number };

/** Since a day: agreements signed, programmes whose first session was held, certificates issued, bazaar sales. */
export async function newsEvents(
  conn: Conn,
  scope: Scope,
  r: { unitId: string; since: string; today: string },
): Promise<NewsEvent[]> {
  const [signed, started, certs, bazaar] = await Promise.all([
    sql<{ id: string; title: string; partner: string; day: string }>`
      select a.id, a.title, p.legal_name as partner, a.signed_on::text as day
        from agreements a join partners p on p.id = a.partner_id
       where a.unit_id = ${r.unitId} and a.signed_on between ${r.since} and ${r.today}
         and ${scopeFilter(scope, { unit: 'a.unit_id', partner: 'a.partner_id' })}
       order by a.signed_on desc limit 5`.execute(conn),
    sql<{ id: string; programme: string; day: string }>`
      select pr.id, pr.name as programme, min(s.day)::text as day
        from programmes pr join programme_sessions s on s.programme_id = pr.id
       where pr.unit_id = ${r.unitId} and s.status <> 'cancelled' and ${inProgrammes(scope)}
       group by pr.id, pr.name
      having min(s.day) between ${r.since} and ${r.today}
       order by 3 desc limit 5`.execute(conn),
    sql<{ id: string; programme: string; day: string; n: Num }>`
      select pr.id, pr.name as programme, c.issued_on::text as day, count(*) as n
        from certificates c join programmes pr on pr.id = c.programme_id
       where c.unit_id = ${r.unitId} and c.status = 'valid' and c.issued_on between ${r.since} and ${r.today}
         and ${inProgrammes(scope)}
       group by pr.id, pr.name, c.issued_on
       order by 3 desc limit 5`.execute(conn),
    sql<{ day: string; n: Num; total: Num }>`
      select s.sold_on::text as day, count(*) as n, sum(s.total) as total
        from sales s
       where s.unit_id = ${r.unitId} and s.channel = 'bazaar' and s.status = 'completed'
         and s.sold_on between ${r.since} and ${r.today} and ${inUnits(scope, 's.unit_id')}
       group by s.sold_on
       order by 1 desc limit 5`.execute(conn),
  ]);
  const events: NewsEvent[] = [
    ...signed.rows.map((a) => ({ kind: 'agreement' as const, ...a })),
    ...started.rows.map((p) => ({ kind: 'programme' as const, ...p })),
    ...certs.rows.map((c) => ({ kind: 'certificates' as const, ...c, n: toNumber(c.n) })),
    ...bazaar.rows.map((b) => ({
      kind: 'bazaar' as const,
      day: b.day,
      n: toNumber(b.n),
      total: toNumber(b.total),
    })),
  ];
  return events.sort((a, b) => b.day.localeCompare(a.day)).slice(0, 8);
}
