// Applies the forward-only migrations at start-up. Kysely's PostgreSQL adapter takes an advisory
// lock, so two app nodes starting together never both migrate; the second waits, then finds none.
import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './database.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_partners_agreements.ts';
import * as m0003 from './migrations/0003_inmates.ts';
import * as m0004 from './migrations/0004_programmes.ts';
import * as m0005 from './migrations/0005_selection.ts';
import * as m0006 from './migrations/0006_attendance.ts';
import * as m0007 from './migrations/0007_programme_changes.ts';
import * as m0008 from './migrations/0008_import_jobs.ts';
import * as m0009 from './migrations/0009_selection.ts';
import * as m0013 from './migrations/0013_attendance_reports.ts';
import * as m0014 from './migrations/0014_audit_privacy.ts';
import * as m0015 from './migrations/0015_register_release.ts';
import * as m0016 from './migrations/0016_unit_class_ii.ts';
import * as m0018 from './migrations/0018_privacy.ts';
import * as m0019 from './migrations/0019_production.ts';
import * as m0020b from './migrations/0020_batch_day.ts';
import * as m0020r from './migrations/0020_production_reports.ts';
import * as m0021 from './migrations/0021_premi.ts';
import * as m0022p from './migrations/0022_premi_national.ts';
import * as m0023 from './migrations/0023_premi_payout_rest.ts';
import * as m0024 from './migrations/0024_approvals.ts';
import * as m0025 from './migrations/0025_user_nip.ts';
import * as m0026 from './migrations/0026_competency_notes.ts';
import * as m0027 from './migrations/0027_rollups.ts';
import * as m0028 from './migrations/0028_monthly_reports.ts';
import * as m0029 from './migrations/0029_report_indexes.ts';
import * as m0030 from './migrations/0030_reintegration.ts';
import * as m0031 from './migrations/0031_outcome_rollups.ts';
import * as m0032 from './migrations/0032_release_from_register.ts';
import * as m0033 from './migrations/0033_humas.ts';

/** Every migration in order; a new one is added here and never edited once released. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_partners_agreements': m0002,
  '0003_inmates': m0003,
  '0004_programmes': m0004,
  '0005_selection': m0005,
  '0006_attendance': m0006,
  '0007_programme_changes': m0007,
  '0008_import_jobs': m0008,
  '0009_selection': m0009,
  '0013_attendance_reports': m0013,
  '0014_audit_privacy': m0014,
  '0015_register_release': m0015,
  '0016_unit_class_ii': m0016,
  '0018_privacy': m0018,
  '0019_production': m0019,
  '0020_batch_day': m0020b,
  '0020_production_reports': m0020r,
  '0021_premi': m0021,
  '0022_premi_national': m0022p,
  '0023_premi_payout_rest': m0023,
  '0024_approvals': m0024,
  '0025_user_nip': m0025,
  '0026_competency_notes': m0026,
  '0027_rollups': m0027,
  '0028_monthly_reports': m0028,
  '0029_report_indexes': m0029,
  '0030_reintegration': m0030,
  '0031_outcome_rollups': m0031,
  '0032_release_from_register': m0032,
  '0033_humas': m0033,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrate(db: Db): Promise<string[]> {
  // On one connection with no statement timeout (DATABASE_STATEMENT_TIMEOUT_MS is for the web's
  // requests): building an index over millions of marks takes minutes at national size.
  const { error, results } = await db.connection().execute(async (conn) => {
    await sql`set statement_timeout = 0`.execute(conn);
    try {
      return await new Migrator({ db: conn, provider: new StaticProvider() }).migrateToLatest();
    } finally {
      await sql`reset statement_timeout`.execute(conn);
    }
  });
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt).map((m) => m.name);
}
