import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildParticipants, buildSession, daysFromToday } from '../../../test/attendance-fixtures.ts';
import { buildEnrolment, buildUnit, buildUser } from '../../../test/builders.ts';
import { type Ctx, systemCtx } from '../../app/principal.ts';
import { scopeFor } from '../../app/scope.ts';
import type { Role } from '../../db/schema.ts';
import { act } from '../agreements/agreements.service.ts';
import { decideAdjustment } from '../materials/adjustments.service.ts';
import { decideCancellation } from '../sales/sales.service.ts';
import { approveTpp } from '../selection/selection.service.ts';
import { type ApprovalKind, ageInDays, approvalsInbox } from './approvals.service.ts';

const THREE_DAYS = sql<Date>`now() - interval '3 days'`;

describe("the Kepala UPT's approvals inbox", () => {
  let t: TestApp;
  let magetan: string;
  let programmeId: string;
  let kepala: Client;
  let petugas: Client;
  let otherKepala: Client;
  let kctx: Ctx;
  let otherCtx: Ctx;
  const ids = {} as Record<
    'intake' | 'tpp' | 'agreement' | 'run' | 'adjustment' | 'sale' | 'certificate',
    string
  >;

  async function ctxOf(username: string): Promise<Ctx> {
    const u = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const base = systemCtx(t.db);
    const roles = u.roles as Role[];
    return {
      ...base,
      who: {
        ...base.who,
        id: u.id,
        username: u.username,
        roles,
        unitId: u.unit_id,
        scope: scopeFor({ unit_id: u.unit_id, kanwil_id: u.kanwil_id, roles }, []),
        actor: { userId: u.id, name: u.username },
      },
    };
  }

  /** A session of the unit's programme held 30 days ago (locked after 7), with one participant. */
  async function lockedSession() {
    const s = await buildSession(t.db, { programme_id: programmeId, day: daysFromToday(-30) });
    const [e] = await buildParticipants(t.db, {
      programme_id: programmeId,
      n: 1,
      started_on: daysFromToday(-60),
      prefix: `Peserta ${s.id.slice(0, 4)}`,
    });
    return { sessionId: s.id, enrolmentId: e?.id ?? '' };
  }
  const save = (c: Client, s: { sessionId: string; enrolmentId: string }) =>
    c.json('POST', `/api/v1/sessions/${s.sessionId}/attendance`, {
      marks: [{ enrolment_id: s.enrolmentId, status: 'hadir' }],
    });

  const kinds = async (ctx: Ctx = kctx) =>
    (await approvalsInbox(ctx, { unitId: magetan })).map((i) => i.kind);

  before(async () => {
    t = await startTestApp({}, { demo: true });
    const k = await t.db
      .selectFrom('users')
      .select(['id', 'unit_id'])
      .where('username', '=', 'ari.rahmanto')
      .executeTakeFirstOrThrow();
    magetan = k.unit_id ?? '';
    const db = t.db;
    const prog = await db
      .selectFrom('programmes')
      .select(['id', 'partner_id'])
      .where('unit_id', '=', magetan)
      .where('partner_id', 'is not', null)
      .executeTakeFirstOrThrow();
    programmeId = prog.id;
    kepala = await t.signedIn('ari.rahmanto', 'Simandiri#2026');
    petugas = await t.signedIn('petugas.magetan', 'Simandiri#2026');
    const other = await buildUser(db, { roles: ['kepala_upt'], unit_id: (await buildUnit(db)).id });
    otherKepala = await t.signedIn(other.username);
    kctx = await ctxOf('ari.rahmanto');
    otherCtx = await ctxOf(other.username);

    // One record of every kind that waits for the head of the unit, three days old.
    const intake = await db
      .insertInto('intakes')
      .values({ programme_id: programmeId, opened_on: daysFromToday(-10), status: 'decided', criteria: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.intake = intake.id;
    ids.tpp = (
      await db
        .insertInto('tpp_sessions')
        .values({
          intake_id: intake.id,
          held_on: daysFromToday(-3),
          members: ['Ketua TPP'],
          created_at: THREE_DAYS,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.agreement = (
      await db
        .insertInto('agreements')
        .values({
          unit_id: magetan,
          partner_id: prog.partner_id ?? '',
          kind: 'pks',
          title: 'PKS Rajut 2027',
          valid_from: daysFromToday(-3),
          signed_on: daysFromToday(-3),
          parties: JSON.stringify([]),
          created_at: THREE_DAYS,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.run = (
      await db
        .insertInto('premi_runs')
        .values({
          unit_id: magetan,
          month: '2030-01-01',
          status: 'reviewed',
          reviewed_at: THREE_DAYS,
          premi: 125_000,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.adjustment = (
      await db
        .insertInto('stock_adjustments')
        .values({ unit_id: magetan, kind: 'stocktake', day: daysFromToday(-3), created_at: THREE_DAYS })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.sale = (
      await db
        .insertInto('sales')
        .values({
          unit_id: magetan,
          number: 'KW/2099/0001',
          sold_on: daysFromToday(-4),
          channel: 'bazaar',
          payment_method: 'tunai',
          total: 50_000,
          status: 'cancel_requested',
          cancel_reason: 'Salah catat',
          updated_at: THREE_DAYS,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const enrolment = await buildEnrolment(db, { programme_id: programmeId, name: 'Bagus Santoso' });
    ids.certificate = (
      await db
        .insertInto('certificates')
        .values({
          number: 'SRT/TEST/0001',
          verify_token: 'tok-approvals-test-0001-abcdefgh',
          enrolment_id: enrolment.id,
          programme_id: programmeId,
          unit_id: magetan,
          holder_name: 'Bagus Santoso',
          holder_initials: 'B.S.',
          issued_on: daysFromToday(-20),
          hours: 40,
          attendance_rate: 95,
          competencies: JSON.stringify([]),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  test('every kind waiting in the unit appears oldest first, in words and with its age', async () => {
    const locked = await lockedSession();
    const asked = await petugas.json('POST', `/api/v1/sessions/${locked.sessionId}/unlock-requests`, {
      reason: 'Presensi tertinggal di buku lapangan',
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const cert = await petugas.get(`/certificates/${ids.certificate}`);
    assert.match(cert.body, /data-testid="ask-revocation"/, 'the petugas may not revoke, only ask');
    const revoke = await petugas.json('POST', `/api/v1/certificates/${ids.certificate}/revocation-requests`, {
      reason: 'Nama pemegang salah ketik',
    });
    assert.equal(revoke.statusCode, 201, revoke.body);

    const items = await approvalsInbox(kctx, { unitId: magetan });
    const want: ApprovalKind[] = [
      'tpp',
      'agreement',
      'premi_run',
      'stock_adjustment',
      'sale_cancellation',
      'attendance_unlock',
      'certificate_revocation',
      // The demo's November report, drafted by the petugas and waiting for the Kepala's signature.
      'monthly_report',
    ];
    assert.deepEqual(new Set(items.map((i) => i.kind)), new Set(want));
    assert.deepEqual(
      items.map((i) => i.since.getTime()),
      items.map((i) => i.since.getTime()).sort((a, b) => a - b),
      'oldest first',
    );
    const madeHere = (k: ApprovalKind) =>
      !k.endsWith('unlock') && !k.endsWith('revocation') && k !== 'monthly_report';
    for (const i of items.filter((x) => madeHere(x.kind)))
      assert.equal(ageInDays(i.since, new Date(), 'Asia/Jakarta'), 3, i.kind);

    const page = await kepala.get('/approvals');
    assert.equal(page.statusCode, 200);
    for (const k of want) assert.match(page.body, new RegExp(`data-testid="group-${k}"`), k);
    assert.match(page.body, /Menunggu 3 hari/);
    assert.match(page.body, /Menunggu sejak hari ini/);
    assert.match(page.body, /PKS Rajut 2027/);
    assert.match(page.body, /Presensi tertinggal di buku lapangan/);
    assert.match(page.body, /Januari 2030/);
    assert.match(page.body, /KW\/2099\/0001 \(Rp\s?50\.000\)/);
    assert.doesNotMatch(page.body, /approvals\.(item|kind)\./, 'no raw keys');

    const api = await kepala.json('GET', '/api/v1/approvals');
    assert.equal(api.statusCode, 200, api.body);
    const body = api.json() as {
      total: number;
      counts: Record<string, number>;
      items: Array<{ kind: string; age_days: number; text: string; href: string }>;
    };
    assert.equal(body.total, body.items.length);
    assert.equal(body.total, items.length);
    for (const k of want) assert.ok((body.counts[k] ?? 0) >= 1, `${k}: ${JSON.stringify(body.counts)}`);
    assert.equal(body.items.find((i) => i.kind === 'sale_cancellation')?.age_days, 3);
    assert.equal(body.items.find((i) => i.kind === 'tpp')?.href, `/intakes/${ids.intake}`);

    // The petugas has no inbox: the page and the API are the Kepala's.
    assert.equal((await petugas.get('/approvals')).statusCode, 403);
    assert.equal((await petugas.json('GET', '/api/v1/approvals')).statusCode, 403);
  });

  test("a Kepala UPT of another unit sees none of Magetan's items", async () => {
    assert.deepEqual(await approvalsInbox(otherCtx, { unitId: magetan }), []);
    const api = await otherKepala.json('GET', '/api/v1/approvals');
    assert.equal((api.json() as { total: number }).total, 0);
    const page = await otherKepala.get('/approvals');
    assert.match(page.body, /data-testid="approvals-none"/);
    const [unlock] = await t.db.selectFrom('attendance_unlock_requests').select('id').execute();
    assert.ok(unlock);
    assert.equal((await otherKepala.get(`/approvals/unlocks/${unlock.id}`)).statusCode, 404);
    const decide = await otherKepala.json('POST', `/api/v1/approvals/unlocks/${unlock.id}/decision`, {
      approve: true,
    });
    assert.equal(decide.statusCode, 404);
  });

  test('petugas asks, the Kepala approves, and the petugas can then save the locked attendance', async () => {
    const s = await lockedSession();
    const refused = await save(petugas, s);
    assert.equal(refused.statusCode, 409, 'locked after 7 days');
    const roll = await petugas.get(`/sessions/${s.sessionId}/attendance`);
    assert.match(roll.body, /data-testid="ask-unlock"/);
    assert.match(
      (await petugas.get(`/sessions/${s.sessionId}/unlock-request`)).body,
      /data-testid="ask-form"/,
    );

    const noReason = await petugas.json('POST', `/api/v1/sessions/${s.sessionId}/unlock-requests`, {});
    assert.equal(noReason.statusCode, 400);
    const err = noReason.json() as { error: { fields: Array<{ field: string; message: string }> } };
    assert.deepEqual(
      err.error.fields.map((f) => f.field),
      ['reason'],
    );
    assert.ok(err.error.fields[0]?.message);
    const form = await petugas.postForm(`/sessions/${s.sessionId}/unlock-request`, { reason: '' });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-reason"/);

    const asked = await petugas.postForm(`/sessions/${s.sessionId}/unlock-request`, {
      reason: 'Dua peserta belum tercatat',
    });
    assert.equal(asked.statusCode, 303);
    const again = await petugas.json('POST', `/api/v1/sessions/${s.sessionId}/unlock-requests`, {
      reason: 'Sekali lagi, mohon dibuka',
    });
    assert.equal(again.statusCode, 409, 'one request waits at a time');

    const r = await t.db
      .selectFrom('attendance_unlock_requests')
      .select('id')
      .where('session_id', '=', s.sessionId)
      .executeTakeFirstOrThrow();
    assert.ok((await approvalsInbox(kctx, { unitId: magetan })).some((i) => i.id === r.id));
    // The petugas may read the request but not decide it.
    assert.equal((await petugas.get(`/approvals/unlocks/${r.id}`)).statusCode, 200);
    assert.equal(
      (await petugas.json('POST', `/api/v1/approvals/unlocks/${r.id}/decision`, { approve: true }))
        .statusCode,
      403,
    );
    const ok = await kepala.postForm(`/approvals/unlocks/${r.id}/decision`, {
      decision: 'approve',
      note: '',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.ok(!(await approvalsInbox(kctx, { unitId: magetan })).some((i) => i.id === r.id), 'decided: gone');

    assert.match(
      (await petugas.get(`/sessions/${s.sessionId}/attendance`)).body,
      /Dibuka oleh Kepala UPT sampai/,
    );
    const saved = await save(petugas, s);
    assert.equal(saved.statusCode, 200, saved.body);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', r.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['attendance_unlocks.request', 'attendance_unlocks.approve'],
    );
    const twice = await kepala.json('POST', `/api/v1/approvals/unlocks/${r.id}/decision`, {
      approve: false,
      note: 'x',
    });
    assert.equal(twice.statusCode, 409);
  });

  test('a rejected request leaves the attendance locked, and rejecting needs a note', async () => {
    const s = await lockedSession();
    const asked = await petugas.json('POST', `/api/v1/sessions/${s.sessionId}/unlock-requests`, {
      reason: 'Salah pilih status peserta',
    });
    const { id } = asked.json() as { id: string };
    const bare = await kepala.json('POST', `/api/v1/approvals/unlocks/${id}/decision`, { approve: false });
    assert.equal(bare.statusCode, 400);
    assert.deepEqual(
      (bare.json() as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field),
      ['note'],
    );
    const no = await kepala.json('POST', `/api/v1/approvals/unlocks/${id}/decision`, {
      approve: false,
      note: 'Sudah benar menurut jurnal',
    });
    assert.equal(no.statusCode, 200, no.body);
    assert.equal((no.json() as { unlocked_until: string | null }).unlocked_until, null);
    assert.equal((await save(petugas, s)).statusCode, 409);
    assert.ok(!(await approvalsInbox(kctx, { unitId: magetan })).some((i) => i.id === id), 'decided: gone');
    const page = await petugas.get(`/approvals/unlocks/${id}`);
    assert.match(page.body, /Ditolak/);
    assert.match(page.body, /Sudah benar menurut jurnal/);
  });

  test('a revocation asked by the petugas is carried out by the Kepala, or rejected', async () => {
    const r = await t.db
      .selectFrom('certificate_revocation_requests')
      .select('id')
      .where('certificate_id', '=', ids.certificate)
      .executeTakeFirstOrThrow();
    const ok = await kepala.json('POST', `/api/v1/approvals/revocations/${r.id}/decision`, { approve: true });
    assert.equal(ok.statusCode, 200, ok.body);
    const c = await t.db
      .selectFrom('certificates')
      .select(['status', 'revoked_reason'])
      .where('id', '=', ids.certificate)
      .executeTakeFirstOrThrow();
    assert.deepEqual(c, { status: 'revoked', revoked_reason: 'Nama pemegang salah ketik' });
    assert.ok(!(await kinds()).includes('certificate_revocation'));
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [r.id, ids.certificate])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['certificate_revocations.request', 'certificates.revoke', 'certificate_revocations.approve'],
    );
    // A revoked certificate cannot be asked again; no reason is a 400 on the field.
    const bad = await petugas.json('POST', `/api/v1/certificates/${ids.certificate}/revocation-requests`, {
      reason: '  ',
    });
    assert.equal(bad.statusCode, 400);
    const again = await petugas.json('POST', `/api/v1/certificates/${ids.certificate}/revocation-requests`, {
      reason: 'Sudah dicabut sebelumnya',
    });
    assert.equal(again.statusCode, 409);
  });

  test("each of the modules' kinds leaves the inbox once decided", async () => {
    await approveTpp(kctx, ids.intake);
    await act(kctx, ids.agreement, { action: 'sign' });
    await decideAdjustment(kctx, ids.adjustment, { approve: false, note: 'Hitung ulang' });
    await decideCancellation(kctx, ids.sale, { approve: false, note: 'Penjualan sah' });
    // Approving a run posts it to the journal (premi.test.ts); here it leaves 'reviewed' as posting would.
    await t.db.updateTable('premi_runs').set({ status: 'draft' }).where('id', '=', ids.run).execute();
    const left = await kinds();
    for (const k of ['tpp', 'agreement', 'stock_adjustment', 'sale_cancellation', 'premi_run'] as const)
      assert.ok(!left.includes(k), `${k} still waits: ${left.join(', ')}`);
  });
});
