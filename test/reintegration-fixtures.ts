// Builders for the release pipeline: a Bapas with a probation officer (PK), and a person's release
// case (with the inmate and unit when not given), optionally planned for integrasi or released.
import type { Db } from '../src/db/database.ts';
import type { IntegrasiKind, ReleaseKind, ReleasePlan } from '../src/db/schema.ts';
import { buildInmate, buildUnit, buildUser } from './builders.ts';

/** A Bapas in a regional office, with one active PK account (role pembimbing_kemasyarakatan). */
export async function buildBapas(db: Db, o: { kanwil_id: string; name?: string }) {
  const code = `BPS${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
  const unit = await db
    .insertInto('units')
    .values({
      kanwil_id: o.kanwil_id,
      code,
      type: 'bapas',
      class: 'II',
      name: o.name ?? `Bapas Kelas II ${code}`,
      timezone: 'Asia/Jakarta',
      address: null,
      city: null,
      phone: null,
      email: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const pk = await buildUser(db, { roles: ['pembimbing_kemasyarakatan'], unit_id: unit.id });
  return { unit, pk };
}

export interface CaseSpec {
  unit_id?: string;
  inmate_id?: string;
  expected_release_date?: string;
  integrasi?: { kind: IntegrasiKind; date: string; decree_number?: string };
  plan?: ReleasePlan;
  bapas_unit_id?: string;
  pk_user_id?: string;
  released?: { on: string; kind: ReleaseKind };
}

/**
 * A release case straight in the database (no checklist: the service makes that on its first
 * write). A released case marks the inmate released too, as the release does.
 */
export async function buildCase(db: Db, o: CaseSpec = {}) {
  const unit_id = o.unit_id ?? (await buildUnit(db)).id;
  const inmate =
    o.inmate_id !== undefined
      ? await db.selectFrom('inmates').selectAll().where('id', '=', o.inmate_id).executeTakeFirstOrThrow()
      : await buildInmate(db, {
          unit_id,
          ...(o.expected_release_date ? { expected_release_date: o.expected_release_date } : {}),
          ...(o.released ? { status: 'released' as const } : {}),
        });
  const row = await db
    .insertInto('reintegration_cases')
    .values({
      inmate_id: inmate.id,
      unit_id: inmate.unit_id,
      integrasi_kind: o.integrasi?.kind ?? null,
      integrasi_date: o.integrasi?.date ?? null,
      decree_number: o.integrasi ? (o.integrasi.decree_number ?? 'PAS-1234.PK.05.04/2026') : null,
      decree_date: null,
      plan: o.plan ?? null,
      bapas_unit_id: o.bapas_unit_id ?? null,
      pk_user_id: o.pk_user_id ?? null,
      released_on: o.released?.on ?? null,
      release_kind: o.released?.kind ?? null,
      created_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { case: row, inmate };
}
