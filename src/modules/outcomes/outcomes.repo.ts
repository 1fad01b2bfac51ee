// The names the outcome tables print beside the aggregates' counts: programmes and their units, in
// the reader's scope (one query for a whole region). The counts themselves are the roll-ups'.
import { type Scope, scopeFilter } from '../../app/scope.ts';
import type { Conn } from '../../db/database.ts';

/** A uuid no row has: `in ()` is not valid SQL. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

export async function programmeNames(conn: Conn, scope: Scope, ids: readonly string[]) {
  return conn
    .selectFrom('programmes as pr')
    .select(['pr.id', 'pr.name', 'pr.unit_id'])
    .where('pr.id', 'in', ids.length ? ids : [NO_ID])
    .where(scopeFilter(scope, { unit: 'pr.unit_id', partner: null }))
    .execute();
}
