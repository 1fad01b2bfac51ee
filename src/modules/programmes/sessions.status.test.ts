import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildParticipants, buildProgramme, buildSession } from '../../../test/attendance-fixtures.ts';
import { buildMark, buildPartner, buildUnit } from '../../../test/builders.ts';
import { type Ctx, systemPrincipal } from '../../app/principal.ts';
import { scopeFor } from '../../app/scope.ts';
import type { Role } from '../../db/schema.ts';
import { type SessionStatus, sessionsWithStatus } from './sessions.status.ts';

// Friday 20 March 2026, 12.00 WIB: the sessions (09.00–12.00 WIB) of that day have begun.
const NOW = new Date('2026-03-20T05:00:00Z');

describe('the status of sessions (attendance and journal)', () => {
  let t: TestApp;
  let unitId: string;
  let partnerId: string;
  let otherPartnerId: string;
  let programmeId: string;
  let otherProgrammeId: string;
  const ids: Record<string, string> = {};

  const ctxAs = (roles: Role[], partner: string | null = null): Ctx => ({
    db: t.db,
    now: NOW,
    who: {
      ...systemPrincipal('uji'),
      roles,
      unitId,
      partnerId: partner,
      scope: scopeFor({ unit_id: unitId, kanwil_id: null, roles, partner_id: partner }, []),
    },
  });
  const byDay = (rows: SessionStatus[]) => new Map(rows.map((r) => [`${r.programme_id}/${r.day}`, r]));

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    partnerId = (await buildPartner(t.db, { unit_id: unitId })).id;
    otherPartnerId = (await buildPartner(t.db, { unit_id: unitId })).id;
    programmeId = (
      await buildProgramme(t.db, { unit_id: unitId, partner_id: partnerId, name: 'Pelatihan Merajut' })
    ).id;
    otherProgrammeId = (await buildProgramme(t.db, { unit_id: unitId, name: 'Pelatihan Las' })).id;
    const [anna] = await buildParticipants(t.db, {
      programme_id: programmeId,
      n: 1,
      started_on: '2026-01-01',
    });
    assert.ok(anna);
    for (const day of ['2026-03-10', '2026-03-13', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23'])
      ids[day] = (await buildSession(t.db, { programme_id: programmeId, day })).id;
    ids.cancelled = (
      await buildSession(t.db, {
        programme_id: programmeId,
        day: '2026-03-17',
        status: 'cancelled',
        cancel_reason: 'Aula dipakai',
      })
    ).id;
    ids.other = (await buildSession(t.db, { programme_id: otherProgrammeId, day: '2026-03-19' })).id;
    await buildMark(t.db, {
      session_id: ids['2026-03-19'] as string,
      enrolment_id: anna.id,
      status: 'hadir',
    });
    await t.db
      .insertInto('session_journals')
      .values({
        session_id: ids['2026-03-19'] as string,
        topic: 'Tusuk dasar',
        materials: null,
        notes: null,
        other_instructors: null,
        created_by: null,
      })
      .execute();
  });
  after(() => t.close());

  test('held with marks is done, held without is missing, past the lock days locked, future upcoming', async () => {
    const rows = await sessionsWithStatus(ctxAs(['petugas']), { from: '2026-03-01', to: '2026-03-31' });
    const s = byDay(rows);
    const at = (day: string) => s.get(`${programmeId}/${day}`);
    assert.deepEqual(
      [at('2026-03-19')?.attendance, at('2026-03-19')?.journal],
      ['done', 'done'],
      'marks recorded and a journal written',
    );
    assert.deepEqual([at('2026-03-18')?.attendance, at('2026-03-18')?.journal], ['missing', 'missing']);
    assert.equal(at('2026-03-20')?.attendance, 'missing', 'today’s session has begun');
    assert.equal(at('2026-03-13')?.attendance, 'missing', 'seven days after: not yet locked');
    assert.deepEqual([at('2026-03-10')?.attendance, at('2026-03-10')?.journal], ['locked', 'missing']);
    assert.deepEqual([at('2026-03-23')?.attendance, at('2026-03-23')?.journal], ['upcoming', 'upcoming']);
    const c = at('2026-03-17');
    assert.equal(c?.cancelled, true);
    assert.equal(c?.attendance, 'upcoming', 'a cancelled session is never missing');
    assert.equal(c?.journal, 'upcoming');
    assert.equal(c?.cancel_reason, 'Aula dipakai');
    const done = at('2026-03-19');
    assert.equal(done?.start_time, '09:00');
    assert.equal(done?.end_time, '12:00');
    assert.equal(done?.programme_name, 'Pelatihan Merajut');
    assert.equal(done?.unit_id, unitId);
    assert.equal(s.get(`${otherProgrammeId}/2026-03-19`)?.attendance, 'missing');
  });

  test('the lock days can be given, and the query keeps order, limit, unit and programmes', async () => {
    const ctx = ctxAs(['petugas']);
    const one = await sessionsWithStatus(ctx, {
      programmeIds: [programmeId],
      from: '2026-03-01',
      to: '2026-03-31',
      lockDays: 1,
    });
    assert.equal(one.find((r) => r.day === '2026-03-18')?.attendance, 'locked');
    assert.equal(one.find((r) => r.day === '2026-03-19')?.attendance, 'done');
    const latest = await sessionsWithStatus(ctx, {
      programmeIds: [programmeId],
      from: '2026-03-01',
      to: '2026-03-20',
      order: 'desc',
      limit: 2,
    });
    assert.deepEqual(
      latest.map((r) => r.day),
      ['2026-03-20', '2026-03-19'],
    );
    assert.equal((await sessionsWithStatus(ctx, { unitId, from: '2026-03-19', to: '2026-03-19' })).length, 2);
    assert.equal(
      (
        await sessionsWithStatus(ctx, {
          unitId: (await buildUnit(t.db)).id,
          from: '2026-03-01',
          to: '2026-03-31',
        })
      ).length,
      0,
    );
    assert.deepEqual(
      await sessionsWithStatus(ctx, { programmeIds: [], from: '2026-03-01', to: '2026-03-31' }),
      [],
    );
  });

  test("a partner's instructor sees only her partner's programmes; another partner's instructor sees none", async () => {
    const hers = await sessionsWithStatus(ctxAs(['instruktur_mitra'], partnerId), {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    assert.equal(hers.length, 7);
    assert.ok(hers.every((r) => r.programme_id === programmeId));
    const other = await sessionsWithStatus(ctxAs(['instruktur_mitra'], otherPartnerId), {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    assert.deepEqual(other, []);
    const elsewhere = await sessionsWithStatus(
      {
        ...ctxAs(['petugas']),
        who: {
          ...ctxAs(['petugas']).who,
          scope: scopeFor({ unit_id: (await buildUnit(t.db)).id, kanwil_id: null, roles: ['petugas'] }, []),
        },
      },
      { from: '2026-03-01', to: '2026-03-31' },
    );
    assert.deepEqual(elsewhere, [], 'another unit’s staff see none');
  });
});
