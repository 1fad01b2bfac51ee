import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { buildKanwil, buildUnit, buildUser } from '../../test/builders.ts';
import { createTestDb, type TestDb } from '../../test/db.ts';
import { SYSTEM, systemCtx } from '../app/principal.ts';
import { recordAudit, verifyAuditChain, writeCheckpoint } from '../modules/audit/audit.service.ts';
import { refreshDirty } from '../modules/rollups/rollups.service.ts';
import { BackupFormatError, backupDatabase, dependencyOrder, RestoreRefusedError } from './backup.ts';
import type { Db } from './database.ts';
import { MIGRATIONS } from './migrate.ts';
import { readBackupHeader, restoreDatabase } from './restore.ts';

// Values that trip up naive dump formats: COPY escapes, line breaks, our own marker words.
const AWKWARD = [
  'tab\there',
  'line\nbreak\r\nand more',
  'back\\slash \\N \\.',
  '\\.',
  'table audit_log',
  '0',
  'end 3',
  'ẞtraße – 東京 – 🧶',
  '',
];

async function fill(db: Db): Promise<void> {
  const kanwil = await buildKanwil(db, { timezone: 'Asia/Makassar' });
  const unit = await buildUnit(db, { kanwil_id: kanwil.id, name: AWKWARD[1] });
  await buildUnit(db, { kanwil_id: kanwil.id });
  const users = [
    await buildUser(db, { unit_id: unit.id }),
    await buildUser(db, { roles: ['kanwil'], unit_id: null, kanwil_id: kanwil.id }),
    await buildUser(db, { roles: ['admin', 'pusat'], unit_id: null }),
  ];
  await db
    .updateTable('users')
    .set({ position: AWKWARD[2] ?? null, email: '', nip: '198503122010011004' })
    .where('id', '=', users[0]?.id ?? '')
    .execute();
  for (const [i, u] of users.entries()) {
    await db
      .insertInto('sessions')
      .values({
        id_hash: `hash-${i}`,
        user_id: u.id,
        csrf_token: `csrf-${i}`,
        // Microseconds, which a JS Date would lose, must survive the round trip.
        expires_at: sql<Date>`'2026-03-04 05:06:07.123456+07'::timestamptz`,
        ip: '127.0.0.1',
        user_agent: AWKWARD[i] ?? null,
      })
      .execute();
    await db
      .insertInto('api_tokens')
      .values({ user_id: u.id, name: AWKWARD[i + 3] ?? 'x', token_hash: `th-${i}`, prefix: 'smd_' })
      .execute();
  }
  for (const [i, text] of AWKWARD.entries()) {
    await db
      .insertInto('signin_attempts')
      .values({ username: text, ip: `10.0.0.${i}`, success: i % 2 === 0 })
      .execute();
  }
  // A rolled-back insert still advances the sequence: restore must keep the gap, not reuse the id.
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('signin_attempts').values({ username: 'x', ip: 'x', success: false }).execute();
      throw new Error('roll back');
    })
    .catch(() => {});
  for (const [i, text] of AWKWARD.entries()) {
    await db.transaction().execute((trx) =>
      recordAudit(
        trx,
        { userId: users[0]?.id ?? null, name: text, ip: '10.1.1.1', requestId: `r${i}` },
        {
          action: 'unit.update',
          entity: 'unit',
          entityId: unit.id,
          unitId: unit.id,
          before: { name: text, n: i },
          after: { name: `${text}!`, nested: { list: [1, 2.5, null, 'a\nb'] } },
        },
      ),
    );
  }
  // An inmate's record keeps its personal values apart from the chain (audit_personal), and the
  // chain head is signed (audit_checkpoints): both must survive the round trip (decision 9).
  await db.transaction().execute((trx) =>
    recordAudit(trx, SYSTEM.actor, {
      action: 'inmates.create',
      entity: 'inmate',
      entityId: unit.id,
      unitId: unit.id,
      after: { unit_id: unit.id, name: AWKWARD[7], birth_date: '1990-01-31', block: AWKWARD[0] },
    }),
  );
  await writeCheckpoint(systemCtx(db, new Date(), AWKWARD[8] ?? ''), 'k'.repeat(40));
  await db
    .transaction()
    .execute((trx) => recordAudit(trx, SYSTEM.actor, { action: 'system.start', entity: 'system' }));
  await fillAgreements(db, unit.id, users[0]?.id ?? '');
  await fillInmates(db, unit.id, users[0]?.id ?? '');
  await fillSelection(db, users[0]?.id ?? '');
  await fillAttendance(db, users[0]?.id ?? '');
  await fillProduction(db, users[0]?.id ?? '');
  await fillPremi(db, users[0]?.id ?? '');
  await fillApprovals(db, users[0]?.id ?? '');
  await fillReports(db, unit.id, users[0]?.id ?? '');
  await fillReintegration(db, users[0]?.id ?? '');
  await fillJobs(db, users[0]?.id ?? '');
  await fillFollowUps(db, users[0]?.id ?? '');
  await fillRetention(db, users[0]?.id ?? '');
  await fillGallery(db, users[0]?.id ?? '');
  await fillNewsAndOrders(db, users[0]?.id ?? '');
  // The monthly aggregates of all the above (0027), and one unit-month still waiting for its recount.
  await refreshDirty(db);
  await sql`insert into rollup_dirty (unit_id, month) values (${unit.id}, '2026-03-01')`.execute(db);
}

/** A stored photo's thumbnail (bytea) and a published gallery entry with that photo confirmed (0033). */
async function fillGallery(db: Db, userId: string): Promise<void> {
  const product = (
    await sql<{ id: string; unit_id: string }>`select id, unit_id from products limit 1`.execute(db)
  ).rows[0];
  const content = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0x5c, 0x2e, 0x0a, 0xff, 0xd9]);
  const file = (
    await sql<{ id: string }>`
      insert into files (unit_id, owner_type, owner_id, kind, filename, mime, size, sha256, content, uploaded_by)
      values (${product?.unit_id}, 'gallery_entry', ${product?.id}, 'photo', ${AWKWARD[7]}, 'image/jpeg',
              ${content.length}, ${'a'.repeat(64)}, ${content}, ${userId})
      returning id`.execute(db)
  ).rows[0]?.id;
  await sql`insert into image_variants (file_id, size, mime, width, height, content)
    values (${file}, 'thumb', 'image/jpeg', 480, 360, ${content})`.execute(db);
  await sql`
    insert into gallery_entries (unit_id, product_id, blurb, photo_file_id, photo_confirmation, photo_consent_note,
                                 photo_confirmed_by, photo_confirmed_at, published, published_at, published_by, created_by)
    values (${product?.unit_id}, ${product?.id}, ${AWKWARD[1]}, ${file}, 'consent', ${AWKWARD[2]},
            ${userId}, '2026-02-03 10:00:00+07', true, '2026-02-03 10:05:00+07', ${userId}, ${userId})`.execute(
    db,
  );
}

/**
 * A published news item with a confirmed photo, an order inquiry confirmed into a sale, and the
 * spam guard's rows (0033).
 */
async function fillNewsAndOrders(db: Db, userId: string): Promise<void> {
  const photo = (
    await sql<{
      id: string;
      unit_id: string;
    }>`select id, unit_id from files where kind = 'photo' limit 1`.execute(db)
  ).rows[0];
  const news = (
    await sql<{ id: string }>`
      insert into news_items (unit_id, slug, event_kind, event_day, title, dateline, lead, body_html, quote, quote_by,
                              status, submitted_at, submitted_by, approved_at, approved_by, published_at, published_by, created_by)
      values (${photo?.unit_id}, '2026-01-21-penandatanganan', 'agreement', '2026-01-21', ${AWKWARD[1]}, 'Magetan',
              ${`Lead: ${AWKWARD[2]}`}, ${`<p>${AWKWARD[3]}</p>`}, ${AWKWARD[4]}, 'Kepala Rutan', 'published',
              '2026-01-21 15:00:00+07', ${userId}, '2026-01-21 19:30:00+07', ${userId}, '2026-01-22 08:30:00+07',
              ${userId}, ${userId})
      returning id`.execute(db)
  ).rows[0]?.id;
  await sql`insert into news_photos (news_id, file_id, position, caption, confirmation, consent_note, confirmed_by, confirmed_at)
    values (${news}, ${photo?.id}, 0, ${AWKWARD[5]}, 'consent', ${AWKWARD[6]}, ${userId}, '2026-01-21 16:00:00+07')`.execute(
    db,
  );
  const sale = (
    await sql<{
      id: string;
      unit_id: string;
    }>`select id, unit_id from sales where status = 'completed' limit 1`.execute(db)
  ).rows[0];
  const line = (
    await sql<{
      product_id: string;
    }>`select product_id from sale_lines where sale_id = ${sale?.id} limit 1`.execute(db)
  ).rows[0];
  await sql`
    insert into order_inquiries (unit_id, reference, product_id, qty, buyer_name, buyer_whatsapp, delivery, address, note,
                                 status, sale_id, decided_by, decided_at, address_hash)
    values (${sale?.unit_id}, 'PSN/2026/0001', ${line?.product_id}, 2, ${AWKWARD[0]}, '+6281234567890', 'delivery',
            ${AWKWARD[1]}, ${AWKWARD[2]}, 'confirmed', ${sale?.id}, ${userId}, '2026-02-04 10:00:00+07', ${'b'.repeat(64)})`.execute(
    db,
  );
  await sql`insert into public_post_attempts (address_hash, form, at) values (${'b'.repeat(64)}, 'order', '2026-02-04 09:59:00+07')`.execute(
    db,
  );
  await sql`insert into pow_solutions_used (signature, expires_at) values (${'c'.repeat(64)}, '2026-02-04 10:09:00+07')`.execute(
    db,
  );
}

/** A run of the retention job with its counts per table (jsonb), started by hand (0030). */
async function fillRetention(db: Db, userId: string): Promise<void> {
  await sql`
    insert into retention_runs (run_on, retention_years, cutoff, people, details, triggered_by)
    values ('2026-12-02', 5, '2021-12-02', 2, ${JSON.stringify({ inmates: 2, enrolments: 3 })}::jsonb, ${userId})`.execute(
    db,
  );
}

/** A follow-up after release with its answers and an awkward note (0030). */
async function fillFollowUps(db: Db, userId: string): Promise<void> {
  await sql`
    insert into follow_ups (inmate_id, unit_id, month_no, contacted_on, contact_lost, work_status, income_band,
                            in_trade, reoffended, note, recorded_by, by_bapas)
    select id, unit_id, 1, '2026-11-02', false, 'own_business', '1m_3m', true, false, ${AWKWARD[2]}, ${userId}, true
      from inmates limit 1`.execute(db);
}

/** A job offer with an application and its history, an own-business plan and its assistance (0030). */
async function fillJobs(db: Db, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const partner = await id(sql`select id from partners limit 1`);
  const inmate = await id(sql`select id from inmates limit 1`);
  const unit = await id(sql`select unit_id as id from partners where id = ${partner}`);
  const offer = await id(sql`
    insert into job_offers (unit_id, partner_id, position, place, home_based, pay_from, pay_to, pay_basis,
                            requirements, skill_area, competencies, opens_on, closes_on, created_by)
    values (${unit}, ${partner}, ${AWKWARD[7]}, ${AWKWARD[0]}, true, 1250000, 2000000, 'month', ${AWKWARD[1]},
            'Rajut', ${[AWKWARD[2] ?? '', 'R01']}::text[], '2026-11-01', '2026-12-31', ${userId}) returning id`);
  const application = await id(sql`
    insert into job_applications (offer_id, inmate_id, unit_id, partner_id, status, applied_on, status_on, note, created_by)
    values (${offer}, ${inmate}, ${unit}, ${partner}, 'wawancara', '2026-11-10', '2026-11-12', ${AWKWARD[3]}, ${userId})
    returning id`);
  await sql`
    insert into job_application_events (application_id, status, on_date, note, recorded_by)
    values (${application}, 'diajukan', '2026-11-10', null, ${userId}),
           (${application}, 'wawancara', '2026-11-12', ${AWKWARD[4]}, ${userId})`.execute(db);
  const plan = await id(sql`
    insert into business_plans (inmate_id, unit_id, business_name, trade, description, product_ids, location, capital_needed, created_by)
    values (${inmate}, ${unit}, ${AWKWARD[5]}, 'Rajut', ${AWKWARD[1]},
            array(select id from products limit 1), ${AWKWARD[6]}, 3000000, ${userId}) returning id`);
  await sql`
    insert into business_assistance (plan_id, unit_id, kind, item, value, giver, partner_id, given_on, recorded_by)
    values (${plan}, ${unit}, 'starter_kit', ${AWKWARD[7]}, 1250000, ${AWKWARD[8]}, ${partner}, '2026-11-20', ${userId})`.execute(
    db,
  );
}

/** A release case with its checklist (built-in and a unit's own item) and a withdrawn consent (0030). */
async function fillReintegration(db: Db, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const inmate = await id(sql`select id from inmates order by reg_number limit 1`);
  const unit = await id(sql`select unit_id as id from inmates where id = ${inmate}`);
  const rc = await id(sql`
    insert into reintegration_cases (inmate_id, unit_id, integrasi_kind, integrasi_date, decree_number, decree_date,
      plan, guarantor_name, guarantor_relation, guarantor_phone, address_after_release, bank_name, bank_account,
      created_by)
    values (${inmate}, ${unit}, 'PB', '2027-01-15', ${AWKWARD[3]}, '2026-11-20', 'umkm', ${AWKWARD[7]}, 'Ibu',
      '+62 812-0000-1111', ${AWKWARD[0]}, 'BRI', '0123-01-000111-50-1', ${userId}) returning id`);
  const template = await id(sql`
    insert into readiness_templates (unit_id, label, days_before, created_by)
    values (${unit}, ${AWKWARD[2]}, 10, ${userId}) returning id`);
  await sql`
    insert into readiness_items (case_id, unit_id, kind, template_id, label, owner_id, due_on, status, note, done_on, done_by)
    values (${rc}, ${unit}, 'ktp', null, null, ${userId}, '2026-12-16', 'done', ${AWKWARD[6]}, '2026-11-30', ${userId}),
           (${rc}, ${unit}, 'custom', ${template}, ${AWKWARD[2]}, null, '2027-01-05', 'open', null, null, null)`.execute(
    db,
  );
  await sql`
    insert into reintegration_consents (inmate_id, unit_id, purpose, given_on, note, recorded_by, withdrawn_on, withdrawn_by)
    values (${inmate}, ${unit}, 'cv_sharing', '2026-11-01', ${AWKWARD[2]}, ${userId}, '2026-11-25', ${userId}),
           (${inmate}, ${unit}, 'follow_up', '2026-11-01', null, ${userId}, null, null)`.execute(db);
}

/** A submitted monthly report with its frozen figures (jsonb) and its returned first version (0028). */
async function fillReports(db: Db, unitId: string, userId: string): Promise<void> {
  await sql`
    insert into monthly_reports (unit_id, month, version, status, narrative, figures, drafted_by, signed_by, signed_on, submitted_at, reviewed_by, reviewed_at, review_note)
    values (${unitId}, '2026-02-01', 1, 'returned', ${AWKWARD[1]}, ${JSON.stringify({ month: '2026-02', note: AWKWARD[7] })}::jsonb,
      ${userId}, ${userId}, '2026-03-02', now(), ${userId}, now(), ${AWKWARD[2]})`.execute(db);
  await sql`
    insert into monthly_reports (unit_id, month, version, status, narrative, revision_reason, drafted_by)
    values (${unitId}, '2026-02-01', 2, 'draft', ${AWKWARD[0]}, ${AWKWARD[3]}, ${userId})`.execute(db);
}

/** An approved attendance unlock and a pending certificate revocation request (0024). */
async function fillApprovals(db: Db, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const session = await id(sql`select id from programme_sessions limit 1`);
  const unit = await id(
    sql`select p.unit_id as id from programme_sessions s join programmes p on p.id = s.programme_id where s.id = ${session}`,
  );
  const certificate = await id(sql`select id from certificates limit 1`);
  const certUnit = await id(sql`select unit_id as id from certificates where id = ${certificate}`);
  await sql`
    insert into attendance_unlock_requests (unit_id, session_id, reason, status, requested_by, decided_by, decided_at, decision_note, unlocked_until)
    values (${unit}, ${session}, ${AWKWARD[1]}, 'approved', ${userId}, ${userId}, now(), ${AWKWARD[2]}, now() + interval '1 day')`.execute(
    db,
  );
  await sql`
    insert into certificate_revocation_requests (unit_id, certificate_id, reason, requested_by)
    values (${certUnit}, ${certificate}, ${AWKWARD[3]}, ${userId})`.execute(db);
}

/** A premi run with its breakdown, its journal entry, a withdrawal, a payout, a transfer, a PNBP deposit (0021). */
async function fillPremi(db: Db, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const line = await id(sql`select id from qc_batch_lines limit 1`);
  const inmate = await id(
    sql`select e.inmate_id as id from qc_batch_lines l join enrolments e on e.id = l.enrolment_id where l.id = ${line}`,
  );
  const product = await id(sql`select product_id as id from qc_batch_lines where id = ${line}`);
  const unit = await id(sql`select unit_id as id from inmates where id = ${inmate}`);
  const other = await id(sql`select id from units where id <> ${unit} limit 1`);
  const agreement = await id(sql`select id from agreements limit 1`);
  const run = await id(sql`
    insert into premi_runs (unit_id, month, status, revenue_offtake, premi, pnbp, capital, prepared_by)
    values (${unit}, '2026-02-01', 'draft', 10000, 5000, 1500, 3500, ${userId}) returning id`);
  const group = await id(sql`
    insert into premi_run_groups (run_id, source, agreement_id, premi_pct, pnbp_pct, capital_pct, from_agreement, revenue, material_cost, premi, pnbp, capital)
    values (${run}, 'offtake', ${agreement}, 50, 15, 35, true, 10000, 0, 5000, 1500, 3500) returning id`);
  await sql`
    insert into premi_run_lines (run_id, inmate_id, items_passed, offtake_value, offtake_premi, total, saved, spendable)
    values (${run}, ${inmate}, 2, 10000, 5000, 5000, 3750, 1250)`.execute(db);
  await sql`
    insert into premi_run_items (run_id, group_id, inmate_id, product_id, qty, rate, value, premi)
    values (${run}, ${group}, ${inmate}, ${product}, 2, 5000, 10000, 5000)`.execute(db);
  await db.transaction().execute(async (trx) => {
    const entry = await id2(
      trx,
      sql`
      insert into journal_entries (unit_id, day, kind, source_id, memo, created_by)
      values (${unit}, '2026-02-28', 'premi_run', ${run}, ${AWKWARD[2]}, ${userId}) returning id`,
    );
    await sql`
      insert into journal_lines (entry_id, unit_id, day, account, purpose, inmate_id, pocket, amount)
      values (${entry}, ${unit}, '2026-02-28', 'revenue', 'share', null, null, 5000),
             (${entry}, ${unit}, '2026-02-28', 'premi', 'share', ${inmate}, 'saved', -3750),
             (${entry}, ${unit}, '2026-02-28', 'premi', 'share', ${inmate}, 'spendable', -1250)`.execute(trx);
  });
  await sql`
    insert into premi_withdrawals (unit_id, inmate_id, number, day, amount, purpose, reason, recipient, created_by)
    values (${unit}, ${inmate}, 'PRM-TRK/2026/0001', '2026-03-02', 1000, 'canteen', ${AWKWARD[3]}, ${AWKWARD[4]}, ${userId})`.execute(
    db,
  );
  await sql`
    insert into premi_payouts (unit_id, inmate_id, number, paid_on, saved, spendable, method, reference, created_by)
    values (${unit}, ${inmate}, 'PRM-BYR/2026/0001', '2026-06-01', 3750, 250, 'tunai', ${AWKWARD[5]}, ${userId})`.execute(
    db,
  );
  await sql`
    insert into premi_transfers (from_unit_id, from_inmate_id, to_unit_id, saved, spendable, sent_on, sent_by)
    values (${unit}, ${inmate}, ${other}, 0, 0, '2026-06-01', ${userId})`.execute(db);
  await sql`
    insert into pnbp_deposits (unit_id, deposited_on, amount, billing_code, ntpn, period, note, created_by)
    values (${unit}, '2026-03-05', 1500, '820260305000001', '0A1B2C3D4E5F6789', '2026-02-01', ${AWKWARD[6]}, ${userId})`.execute(
    db,
  );
  // The national month as a job (0022): one finished, with a unit it skipped and why.
  await sql`
    insert into premi_national_jobs (month, requested_by, status, total, done, skipped, errors, started_at, finished_at)
    values ('2026-02-01', ${userId}, 'done', 2, 2, 1,
            ${JSON.stringify([{ unit_id: other, unit_name: AWKWARD[7], outcome: 'skipped', code: 'premi.month_open', key: 'premi.monthOpen', params: { month: '2026-02' } }])}::jsonb,
            now(), now())`.execute(db);
}

async function id2(trx: Db, q: ReturnType<typeof sql<{ id: string }>>) {
  return (await q.execute(trx)).rows[0]?.id ?? '';
}

/** Products, materials, the production log, quality checks, invoices, sales, both ledgers (migration 0019). */
async function fillProduction(db: Db, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const session = await id(sql`select id from programme_sessions where status = 'scheduled' limit 1`);
  const enrolment = await id(sql`select id from enrolments where kind = 'inmate' limit 1`);
  const prog = await id(sql`select programme_id as id from enrolments where id = ${enrolment}`);
  const unit = await id(sql`select unit_id as id from programmes where id = ${prog}`);
  const partner = await id(sql`select id from partners limit 1`);
  const kind = await id(sql`select id from product_kinds where code = 'aksesoris'`);
  await sql`insert into document_counters (unit_id, series, year, last) values (${unit}, 'KW', 2026, 1)`.execute(
    db,
  );
  const product = await id(sql`
    insert into products (unit_id, programme_id, kind_id, name, rate_name, route, price, description, on_hand, sold)
    values (${unit}, ${prog}, ${kind}, ${AWKWARD[0]}, 'Gantungan kunci rajut', 'own', 25000, ${AWKWARD[1]}, 2, 1)
    returning id`);
  const material = await id(sql`
    insert into materials (unit_id, name, uom, owner, partner_id, low_stock_level, on_hand)
    values (${unit}, ${AWKWARD[2]}, 'gram', 'partner', ${partner}, 100, 985) returning id`);
  await sql`insert into bill_of_materials (product_id, material_id, qty_per_item) values (${product}, ${material}, 15)`.execute(
    db,
  );
  const entry = await id(sql`
    insert into production_entries (unit_id, programme_id, session_id, day, enrolment_id, product_id, finished, in_progress, recorded_by)
    values (${unit}, ${prog}, ${session}, '2026-02-04', ${enrolment}, ${product}, 3, 1, ${userId}) returning id`);
  await sql`insert into production_entry_materials (entry_id, material_id, qty) values (${entry}, ${material}, 15)`.execute(
    db,
  );
  const adjustment = await id(sql`
    insert into stock_adjustments (unit_id, kind, day, status, note, created_by, decided_by, decided_at, decision_note)
    values (${unit}, 'stocktake', '2026-06-30', 'approved', ${AWKWARD[3]}, ${userId}, ${userId}, '2026-06-30 10:00:00+07', 'ok')
    returning id`);
  await sql`
    insert into stock_adjustment_lines (adjustment_id, material_id, expected, counted, reason)
    values (${adjustment}, ${material}, 1000, 985, ${AWKWARD[4]})`.execute(db);
  const batch = await id(sql`
    insert into qc_batches (unit_id, partner_id, programme_id, number, sent_on, checked_on, status, created_by, checked_by)
    values (${unit}, ${partner}, ${prog}, 'QC/2026/0001', '2026-02-11', '2026-02-12', 'invoiced', ${userId}, ${userId})
    returning id`);
  const line = await id(sql`
    insert into qc_batch_lines (batch_id, enrolment_id, product_id, submitted, passed, rate)
    values (${batch}, ${enrolment}, ${product}, 3, 2, 5000) returning id`);
  await sql`
    insert into qc_rejects (line_id, qty, reason, reworkable, disposition, note)
    values (${line}, 1, 'stitching', true, 'rework', ${AWKWARD[5]})`.execute(db);
  const invoice = await id(sql`
    insert into offtake_invoices (unit_id, partner_id, number, issued_on, due_on, total, paid, status, created_by)
    values (${unit}, ${partner}, 'INV/2026/0001', '2026-02-28', '2026-03-14', 10000, 10000, 'paid', ${userId}) returning id`);
  await sql`insert into offtake_invoice_batches (invoice_id, batch_id, amount) values (${invoice}, ${batch}, 10000)`.execute(
    db,
  );
  await sql`
    insert into offtake_payments (invoice_id, paid_on, amount, method, reference, created_by)
    values (${invoice}, '2026-03-10', 10000, 'transfer', ${AWKWARD[6]}, ${userId})`.execute(db);
  const sale = await id(sql`
    insert into sales (unit_id, number, sold_on, channel, buyer_name, buyer_phone, payment_method, payment_ref, total, created_by)
    values (${unit}, 'KW/2026/0001', '2026-04-27', 'bazaar', ${AWKWARD[7]}, '081234567890', 'qris', 'QRIS-1', 25000, ${userId})
    returning id`);
  await sql`insert into sale_lines (sale_id, product_id, qty, unit_price, amount) values (${sale}, ${product}, 1, 25000, 25000)`.execute(
    db,
  );
  await sql`
    insert into product_movements (unit_id, product_id, kind, day, enrolment_id, d_on_hand, production_entry_id, created_by)
    values (${unit}, ${product}, 'produced', '2026-02-04', ${enrolment}, 3, ${entry}, ${userId})`.execute(db);
  await sql`
    insert into product_movements (unit_id, product_id, kind, day, d_on_hand, d_sold, sale_id, note, created_by)
    values (${unit}, ${product}, 'sold', '2026-04-27', -1, 1, ${sale}, ${AWKWARD[8]}, ${userId})`.execute(db);
  await sql`
    insert into material_movements (unit_id, material_id, kind, day, qty, source, document_no, session_id, created_by)
    values (${unit}, ${material}, 'received', '2026-02-02', 1000, ${AWKWARD[0]}, 'SJ-001', ${session}, ${userId}),
           (${unit}, ${material}, 'counted', '2026-06-30', -15, null, null, null, ${userId})`.execute(db);
}

/** Attendance, journals, competencies and certificates (migration 0006). */
async function fillAttendance(db: Db, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const session = await id(sql`select id from programme_sessions where status = 'scheduled' limit 1`);
  const enrolment = await id(sql`select id from enrolments where kind = 'inmate' limit 1`);
  const unit = await id(sql`select id from curriculum_units limit 1`);
  const prog = await id(sql`select programme_id as id from enrolments limit 1`);
  const unitId = await id(sql`select unit_id as id from programmes where id = ${prog}`);
  const mark = await id(sql`
    insert into attendance_marks (session_id, enrolment_id, status, note, recorded_by)
    values (${session}, ${enrolment}, 'sakit', ${AWKWARD[1]}, ${userId}) returning id`);
  await sql`
    insert into attendance_corrections (mark_id, previous_status, previous_note, new_status, reason, corrected_by)
    values (${mark}, 'alpa', null, 'sakit', ${AWKWARD[2]}, ${userId})`.execute(db);
  await sql`
    insert into batch_submissions (idempotency_key, session_id, user_id, result)
    values (${AWKWARD[0]}, ${session}, ${userId}, ${JSON.stringify({ created: 1, updated: 0, unchanged: 0 })})`.execute(
    db,
  );
  await sql`
    insert into session_journals (session_id, topic, materials, notes, other_instructors, created_by)
    values (${session}, ${AWKWARD[3]}, 'benang', ${AWKWARD[0]}, 'Bu Ani', ${userId})`.execute(db);
  await sql`insert into session_journal_units (session_id, curriculum_unit_id) values (${session}, ${unit})`.execute(
    db,
  );
  await sql`insert into session_journal_instructors (session_id, user_id) values (${session}, ${userId})`.execute(
    db,
  );
  await sql`
    insert into competency_assessments (enrolment_id, curriculum_unit_id, status, assessed_on, evidence, assessed_by)
    values (${enrolment}, ${unit}, 'competent', '2026-03-04', ${AWKWARD[1]}, ${userId})`.execute(db);
  await sql`
    insert into certificates (number, verify_token, enrolment_id, programme_id, unit_id, holder_name, holder_initials,
                              issued_on, hours, attendance_rate, competencies, status, revoked_reason, revoked_at)
    values ('001/SERT/2026', 'tok1', ${enrolment}, ${prog}, ${unitId}, ${AWKWARD[0]}, 'A.B.', '2026-06-30', 42.5,
            91.67, ${JSON.stringify([{ code: null, title: AWKWARD[2], hours: 6, status: 'competent' }])}, 'revoked',
            ${AWKWARD[3]}, '2026-07-01 01:02:03+00'),
           ('002/SERT/2026', 'tok2', ${enrolment}, ${prog}, ${unitId}, ${AWKWARD[0]}, 'A.B.', '2026-07-02', 42.5,
            91.67, '[]'::jsonb, 'valid', null, null)`.execute(db);
}

/** Intakes, candidates, TPP sessions and enrolments (migration 0005): numeric, jsonb, text[]. */
async function fillSelection(db: Db, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const prog = await id(sql`select id from programmes limit 1`);
  const inmate = await id(sql`select id from inmates limit 1`);
  const intake = await id(sql`
    insert into intakes (programme_id, opened_on, criteria, created_by)
    values (${prog}, '2026-01-05', ${JSON.stringify([{ key: 'minat', label: AWKWARD[1], max: 5 }])}, ${userId})
    returning id`);
  const cand = await id(sql`
    insert into intake_candidates (intake_id, inmate_id, scores, total, consent_recorded_at, consent_note, decision,
                                   decision_reason)
    values (${intake}, ${inmate}, ${JSON.stringify({ minat: 4 })}, 4.5, '2026-01-06 01:02:03.456789+00',
            ${AWKWARD[2]}, 'accepted', ${AWKWARD[3]}) returning id`);
  await sql`
    insert into tpp_sessions (intake_id, held_on, members, notes, approved_by, approved_at)
    values (${intake}, '2026-01-10', ${[AWKWARD[0], 'Kepala KPLP']}::text[], ${AWKWARD[1]}, ${userId},
            '2026-01-11 02:00+00')`.execute(db);
  await sql`
    insert into enrolments (programme_id, kind, inmate_id, intake_candidate_id, name, started_on)
    values (${prog}, 'inmate', ${inmate}, ${cand}, ${AWKWARD[0]}, '2026-01-21'),
           (${prog}, 'intern', null, null, ${AWKWARD[4] ?? 'x'}, '2026-01-21')`.execute(db);
}

/** The inmate register (migration 0003): text[], nullable dates, jsonb import batches. */
async function fillInmates(db: Db, unitId: string, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const inmate = await id(sql`
    insert into inmates (unit_id, reg_number, register_class, name, gender, birth_date, entry_date, skills, nik)
    values (${unitId}, 'B.I 123/2025', 'B.I', ${AWKWARD[0]}, 'L', '1990-05-01', '2025-03-01',
            ${[AWKWARD[1], 'bertani']}::text[], '3520123456789012') returning id`);
  await sql`insert into inmate_status_history (inmate_id, status, on_date, reason, created_by)
    values (${inmate}, 'active', '2025-03-01', ${AWKWARD[2]}, ${userId})`.execute(db);
  await sql`insert into register_f_entries (inmate_id, entry_date, violation, created_by)
    values (${inmate}, '2025-11-04', ${AWKWARD[3]}, ${userId})`.execute(db);
  await sql`insert into inmate_access_log (unit_id, inmate_id, viewer_id, viewer_name, channel, source, request_id)
    values (${unitId}, ${inmate}, ${userId}, ${AWKWARD[5]}, 'page', '/inmates/:id', 'req-1')`.execute(db);
  await sql`insert into inmate_expiry_changes (inmate_id, kind, previous_expiry, new_expiry, reference, authority, order_date, created_by)
    values (${inmate}, 'detention_extension', '2025-04-01', '2025-05-01', ${AWKWARD[6]}, 'Pengadilan Negeri Magetan', '2025-03-28', ${userId})`.execute(
    db,
  );
  const breach = await id(sql`
    insert into privacy_breaches (unit_id, title, description, found_at, notify_due_at, categories, people_affected, measures, created_by)
    values (${unitId}, ${AWKWARD[7]}, ${AWKWARD[8]}, '2026-03-04 05:06:07.123456+07', '2026-03-07 05:06:07.123456+07',
            ${['identitas', AWKWARD[0]]}::text[], 3, 'Kata sandi diganti', ${userId}) returning id`);
  await sql`insert into privacy_breach_notifications (breach_id, recipient, notified_at, notified_to, channel, recorded_by)
    values (${breach}, 'authority', '2026-03-05 10:00:00+07', ${AWKWARD[1]}, 'surat', ${userId})`.execute(db);
  await sql`insert into inmate_imports (unit_id, filename, rows, problems, created_by)
    values (${unitId}, ${AWKWARD[4] ?? 'x.csv'}, '[]'::jsonb,
            ${JSON.stringify([{ row: 2, column: 'name', key: 'err.required' }])}::jsonb, ${userId})`.execute(
    db,
  );
}

/** Partners and agreements (migration 0002): dates, text[], jsonb, bytea and a self-reference. */
async function fillAgreements(db: Db, unitId: string, userId: string): Promise<void> {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  const pa = await id(sql`
    insert into program_aksi (number, title, description) values (1, ${AWKWARD[2]}, ${AWKWARD[1]}) returning id`);
  const partner = await id(sql`
    insert into partners (unit_id, type, legal_name, contacts)
    values (${unitId}, 'company', ${AWKWARD[7]}, ${JSON.stringify([{ name: AWKWARD[0], phone: '0812' }])})
    returning id`);
  await sql`update users set partner_id = ${partner} where id = ${userId}`.execute(db);
  const pks = await id(sql`
    insert into agreements (unit_id, partner_id, kind, title, valid_from, valid_to, status, signed_by, signed_at, parties)
    values (${unitId}, ${partner}, 'pks', 'PKS rajut', '2026-01-01', '2027-12-31', 'active', ${userId},
            '2026-01-02 03:04:05.678901+00', ${JSON.stringify([{ role: 'first', name: AWKWARD[5] }])})
    returning id`);
  const addendum = await id(sql`
    insert into agreements (unit_id, partner_id, kind, parent_id, title, valid_from)
    values (${unitId}, ${partner}, 'addendum', ${pks}, ${AWKWARD[3]}, '2026-06-01') returning id`);
  // Rewriting the parent moves its row after the addendum's, so COPY meets the child first.
  await sql`update agreements set title = title || ' (revisi)' where id = ${pks}`.execute(db);
  for (const source of [pks, addendum]) {
    await sql`
      insert into agreement_terms (agreement_id, source_id, effective_from, obligations_first, piece_rates,
                                   premi_pct, pnbp_pct, capital_pct)
      values (${pks}, ${source}, '2026-01-01', ${[AWKWARD[0], AWKWARD[2], '{}', '"']}::text[],
              ${JSON.stringify([{ item: 'syal', rate: 12500.5 }])}, 60, 10, 30)`.execute(db);
  }
  await sql`insert into agreement_program_aksi (agreement_id, program_aksi_id) values (${pks}, ${pa})`.execute(
    db,
  );
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  await sql`
    insert into files (unit_id, owner_type, owner_id, kind, filename, mime, size, sha256, content, uploaded_by)
    values (${unitId}, 'agreement', ${pks}, 'scan', ${AWKWARD[1]}, 'application/pdf', 256, 'x', ${bytes}, ${userId})`.execute(
    db,
  );
  const ev = await id(sql`
    insert into agreement_evaluations (agreement_id, evaluated_on, evaluator, findings, score, created_by)
    values (${pks}, '2026-07-01', 'Tim Monev', ${AWKWARD[1]}, 85, ${userId}) returning id`);
  await sql`
    insert into evaluation_actions (evaluation_id, action, due_on) values (${ev}, 'Tambah mesin', '2026-08-01')`.execute(
    db,
  );
  await sql`
    insert into notifications (unit_id, kind, entity, entity_id, due_on)
    values (${unitId}, 'agreement.expiring', 'agreement', ${pks}, '2027-11-30')`.execute(db);
  await fillProgrammes(db, { unitId, partner, pks, pa });
}

/** Holidays, programmes, schedules and sessions (migration 0004): integer[], time, jsonb, a partial key. */
async function fillProgrammes(db: Db, ids: { unitId: string; partner: string; pks: string; pa: string }) {
  const id = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows[0]?.id ?? '';
  await sql`insert into holidays (unit_id, day, name, kind) values (null, '2026-03-18', ${AWKWARD[3]}, 'cuti_bersama'),
    (${ids.unitId}, '2026-03-18', ${AWKWARD[0]}, 'local')`.execute(db);
  const prog = await id(sql`
    insert into programmes (unit_id, name, kind, partner_id, agreement_id, capacity, eligibility)
    values (${ids.unitId}, ${AWKWARD[7]}, 'training', ${ids.partner}, ${ids.pks}, 20,
            ${JSON.stringify({ risk_levels: ['rendah'], min_remaining_months: 6 })}) returning id`);
  await sql`insert into programme_program_aksi (programme_id, program_aksi_id) values (${prog}, ${ids.pa})`.execute(
    db,
  );
  await sql`insert into curriculum_units (programme_id, position, title, target_hours) values (${prog}, 1, ${AWKWARD[2]}, 6)`.execute(
    db,
  );
  await sql`insert into programme_instructors (programme_id, user_id)
    select ${prog}, id from users order by created_at limit 1`.execute(db);
  const sched = await id(sql`
    insert into schedules (programme_id, weekdays, starts_on, start_time, end_time)
    values (${prog}, ${[3, 5]}::int[], '2026-01-21', '09:00', '12:00') returning id`);
  await sql`
    insert into programme_sessions (programme_id, schedule_id, day, starts_at, ends_at, status, cancel_reason)
    values (${prog}, ${sched}, '2026-01-21', '2026-01-21 02:00+00', '2026-01-21 05:00+00', 'cancelled', ${AWKWARD[1]}),
           (${prog}, null, '2026-01-24', '2026-01-24 02:00+00', '2026-01-24 04:00+00', 'scheduled', null)`.execute(
    db,
  );
}

async function tableNames(db: Db): Promise<string[]> {
  const r = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' order by 1`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Every table's full contents as one hash per table, plus each sequence's exact state. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await tableNames(db)) {
    const r = await sql<{ h: string; n: string }>`
      select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*) as n
        from ${sql.table(name)} t`.execute(db);
    out[name] = `${r.rows[0]?.n} rows ${r.rows[0]?.h}`;
  }
  const seqs = await sql<{ name: string }>`
    select sequencename as name from pg_sequences where schemaname = 'public' order by 1`.execute(db);
  for (const { name } of seqs.rows) {
    const r = await sql<{ v: string; c: boolean }>`
      select last_value::text as v, is_called as c from ${sql.table(name)}`.execute(db);
    out[`sequence ${name}`] = `${r.rows[0]?.v} ${r.rows[0]?.c}`;
  }
  return out;
}

function runScript(
  script: string,
  args: string[],
  databaseUrl: string,
): Promise<{ code: number; out: string }> {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (b: Buffer) => {
    out += b.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out })));
}

describe('database backup and restore', () => {
  let src: TestDb;
  let dir: string;
  let file: string;
  let expected: Record<string, string>;
  const dbs: TestDb[] = [];
  const fresh = async (fromTemplate: boolean) => {
    const t = await createTestDb({ fromTemplate });
    dbs.push(t);
    return t;
  };

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'simandiri-backup-test-'));
    file = path.join(dir, 'all.smdb.gz');
    src = await fresh(true);
    await fill(src.db);
    expected = await fingerprint(src.db);
  });
  after(async () => {
    for (const t of dbs) await t.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('the source has rows in every table, so the round trip covers them all', () => {
    for (const [name, value] of Object.entries(expected)) {
      if (name.startsWith('sequence ')) continue;
      assert.doesNotMatch(value, /^0 rows/, `table ${name} is empty: add a row to fill() in this file`);
    }
  });

  test('a backup restored into an empty database reproduces every table and sequence exactly', async () => {
    const seen: string[] = [];
    const summary = await backupDatabase(src.url, file, (p) => {
      if (p.step === 'table') seen.push(p.table);
    });
    assert.equal(summary.tables, Object.keys(expected).filter((k) => !k.startsWith('sequence ')).length);
    assert.ok(summary.bytes > 0);
    const at = (t: string) => seen.indexOf(t);
    assert.ok(at('kanwil') < at('units') && at('units') < at('users'), `parents first: ${seen.join(', ')}`);
    assert.equal((await fs.stat(file)).mode & 0o777, 0o600, 'backups are readable by their owner only');

    const header = await readBackupHeader(file);
    assert.deepEqual(header.migrations, Object.keys(MIGRATIONS));
    const migrationRows = header.tables.find((t) => t.name === 'kysely_migration')?.rows;
    assert.equal(migrationRows, Object.keys(MIGRATIONS).length);

    const dst = await fresh(false);
    const restored = await restoreDatabase(dst.url, file);
    assert.equal(restored.tables, summary.tables);
    assert.equal(restored.rows, summary.rows);
    assert.deepEqual(await fingerprint(dst.db), expected);

    const chain = await verifyAuditChain(dst.db, { checkpointKey: 'k'.repeat(40) });
    assert.deepEqual(
      { ok: chain.ok, count: chain.count, checkpoints: chain.ok && chain.checkpoints },
      { ok: true, count: AWKWARD.length + 2, checkpoints: 1 },
    );
    // The restored database carries on: new ids follow the old ones, the chain extends.
    await dst.db
      .transaction()
      .execute((trx) => recordAudit(trx, SYSTEM.actor, { action: 'after.restore', entity: 'x' }));
    const after = await verifyAuditChain(dst.db);
    assert.deepEqual({ ok: after.ok, count: after.count }, { ok: true, count: AWKWARD.length + 3 });
    await dst.db.insertInto('signin_attempts').values({ username: 'new', ip: 'x', success: true }).execute();
    // The append-only triggers came back with the schema.
    await assert.rejects(sql`delete from audit_log`.execute(dst.db), /append-only/);
  });

  test('a migrated but empty database is accepted without --force', async () => {
    const dst = await fresh(true);
    await restoreDatabase(dst.url, file);
    assert.deepEqual(await fingerprint(dst.db), expected);
  });

  test('a database holding data is refused without --force, and left untouched', async () => {
    const dst = await fresh(true);
    await buildUser(dst.db, { roles: ['pusat'], unit_id: null });
    const before = await fingerprint(dst.db);
    await assert.rejects(restoreDatabase(dst.url, file), (err: unknown) => {
      assert.ok(err instanceof RestoreRefusedError);
      assert.match(err.message, /1 users/);
      assert.match(err.message, /--force/);
      return true;
    });
    assert.deepEqual(await fingerprint(dst.db), before);

    await restoreDatabase(dst.url, file, { force: true });
    assert.deepEqual(await fingerprint(dst.db), expected);
  });

  test('a damaged backup fails part-way and changes nothing, even with --force', async () => {
    const dst = await fresh(true);
    await buildUser(dst.db, { roles: ['pusat'], unit_id: null });
    const before = await fingerprint(dst.db);
    const whole = await fs.readFile(file);
    const cut = path.join(dir, 'cut.smdb.gz');
    await fs.writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    await assert.rejects(restoreDatabase(dst.url, cut, { force: true }), BackupFormatError);
    assert.deepEqual(await fingerprint(dst.db), before);

    // Intact to the last table, then a bad trailer: fails only after every table and sequence was
    // loaded, so this shows the whole restore is one transaction.
    const text = zlib.gunzipSync(whole);
    assert.equal(text.subarray(-5).toString(), 'done\n');
    const late = path.join(dir, 'late.smdb.gz');
    await fs.writeFile(late, zlib.gzipSync(Buffer.concat([text.subarray(0, -5), Buffer.from('dome\n')])));
    await assert.rejects(
      restoreDatabase(dst.url, late, { force: true }),
      /unexpected data after the last table/,
    );
    assert.deepEqual(await fingerprint(dst.db), before);

    const junk = path.join(dir, 'junk.smdb.gz');
    await fs.writeFile(junk, 'this is not a backup\n');
    await assert.rejects(restoreDatabase(dst.url, junk, { force: true }), /not a Simandiri backup/);
    assert.deepEqual(await fingerprint(dst.db), before);
  });

  test('a backup never overwrites an existing file', async () => {
    await assert.rejects(backupDatabase(src.url, file), /already exists/);
  });

  test('tables are ordered parents first; cycles are named', () => {
    const edges = [
      { child: 'users', parent: 'units' },
      { child: 'units', parent: 'kanwil' },
      { child: 'users', parent: 'kanwil' },
      { child: 'tree', parent: 'tree' },
    ];
    assert.deepEqual(dependencyOrder(['users', 'units', 'tree', 'kanwil'], edges), [
      'kanwil',
      'tree',
      'units',
      'users',
    ]);
    assert.throws(
      () =>
        dependencyOrder(
          ['a', 'b'],
          [
            { child: 'a', parent: 'b' },
            { child: 'b', parent: 'a' },
          ],
        ),
      /cycle between a, b/,
    );
  });

  test('`npm run db:backup` and `npm run db:restore` round-trip, refusing a non-empty target', async () => {
    const out = path.join(dir, 'cli.smdb.gz');
    const b = await runScript('scripts/db-backup.ts', [out], src.url);
    assert.equal(b.code, 0, b.out);
    assert.match(b.out, /Backup written: .*cli\.smdb\.gz \(\d+ tables, \d+ rows/);

    const dst = await fresh(false);
    const r = await runScript('scripts/db-restore.ts', [out], dst.url);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /audit_log\s+11 rows/);
    assert.deepEqual(await fingerprint(dst.db), expected);

    const again = await runScript('scripts/db-restore.ts', [out], dst.url);
    assert.equal(again.code, 1, again.out);
    assert.match(again.out, /already holds data .*--force/s);
    const forced = await runScript('scripts/db-restore.ts', [out, '--force'], dst.url);
    assert.equal(forced.code, 0, forced.out);
    assert.deepEqual(await fingerprint(dst.db), expected);
  });
});
