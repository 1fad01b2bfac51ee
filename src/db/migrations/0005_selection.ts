// Assessment and selection: intakes for a programme, their candidates with scores and consent, the
// TPP session that decides, and enrolments of inmates, interns (pemagang) and staff (petugas).
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('intakes')
    .addColumn('id', 'uuid', id)
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('opened_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'decided', 'closed')`),
    )
    .addColumn('criteria', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('intakes_programme_idx').on('intakes').column('programme_id').execute();

  await db.schema
    .createTable('intake_candidates')
    .addColumn('id', 'uuid', id)
    .addColumn('intake_id', 'uuid', (c) => c.notNull().references('intakes.id').onDelete('cascade'))
    .addColumn('inmate_id', 'uuid', (c) => c.notNull().references('inmates.id'))
    .addColumn('scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('total', 'numeric', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_recorded_at', 'timestamptz')
    .addColumn('consent_note', 'text')
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('accepted', 'waitlisted', 'rejected')`))
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('intake_candidates_inmate_key', ['intake_id', 'inmate_id'])
    .execute();

  await db.schema
    .createTable('tpp_sessions')
    .addColumn('id', 'uuid', id)
    .addColumn('intake_id', 'uuid', (c) => c.notNull().references('intakes.id').onDelete('cascade'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('members', sql`text[]`, (c) => c.notNull().check(sql`cardinality(members) > 0`))
    .addColumn('notes', 'text')
    .addColumn('approved_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('tpp_sessions_approval', sql`(approved_by is null) = (approved_at is null)`)
    .execute();
  await db.schema.createIndex('tpp_sessions_intake_idx').on('tpp_sessions').column('intake_id').execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'uuid', id)
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('inmate', 'intern', 'staff')`))
    .addColumn('inmate_id', 'uuid', (c) => c.references('inmates.id'))
    .addColumn('intake_candidate_id', 'uuid', (c) => c.references('intake_candidates.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('institution', 'text')
    .addColumn('period_from', 'date')
    .addColumn('period_to', 'date')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'suspended', 'completed', 'withdrawn')`),
    )
    .addColumn('end_reason', 'text', (c) =>
      c.check(sql`end_reason in ('released', 'transferred', 'health', 'discipline', 'own_request')`),
    )
    .addColumn('status_note', 'text')
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addCheckConstraint('enrolments_inmate', sql`(kind = 'inmate') = (inmate_id is not null)`)
    .addCheckConstraint(
      'enrolments_period',
      sql`period_to is null or period_from is null or period_to >= period_from`,
    )
    .addCheckConstraint('enrolments_withdrawn_reason', sql`status <> 'withdrawn' or end_reason is not null`)
    .execute();
  // One active or suspended place per inmate per programme.
  await sql`create unique index enrolments_inmate_key on enrolments (programme_id, inmate_id)
    where inmate_id is not null and status in ('active', 'suspended')`.execute(db);
  await db.schema
    .createIndex('enrolments_inmate_idx')
    .on('enrolments')
    .columns(['inmate_id', 'status'])
    .execute();
}
