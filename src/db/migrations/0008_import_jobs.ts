// SDP imports run as background jobs: the uploaded file is kept on the import row until a worker
// has read it, and the row carries the job's status and progress so any app node can show it.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table inmate_imports drop constraint inmate_imports_status_check`.execute(db);
  await sql`update inmate_imports set status = 'previewed' where status = 'pending'`.execute(db);
  await db.schema
    .alterTable('inmate_imports')
    .alterColumn('status', (c) => c.setDefault('queued'))
    .addColumn('content', 'bytea')
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('error', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`alter table inmate_imports add constraint inmate_imports_status_check
    check (status in ('queued', 'parsing', 'previewed', 'applying', 'applied', 'failed'))`.execute(db);
  // The hourly purge looks for old previews never saved.
  await db.schema
    .createIndex('inmate_imports_unsaved_idx')
    .on('inmate_imports')
    .column('created_at')
    .where(sql.ref('status'), '<>', 'applied')
    .execute();
}
