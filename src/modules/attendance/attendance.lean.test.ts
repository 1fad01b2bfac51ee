// The attendance page of a 200-person session stays light: its compressed size and the number of
// SQL statements one request sends are bounded here, so a heavier row or an extra round trip fails
// a test instead of slowing the hall's phones. Prints the figures (docs/performance.md quotes them).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildProgramme, buildSession, daysFromToday } from '../../../test/attendance-fixtures.ts';
import { buildPartner, buildUnit, buildUser } from '../../../test/builders.ts';
import { queriesDuring } from '../../../test/query-count.ts';

const PEOPLE = 200;
const FIRST = ['Ahmad', 'Budi', 'Slamet', 'Agus', 'Eko', 'Joko', 'Dwi', 'Rudi', 'Hendra', 'Wahyu'];
const LAST = ['Santoso', 'Prasetyo', 'Wibowo', 'Saputra', 'Hidayat', 'Nugroho', 'Setiawan', 'Kurniawan'];
const STATUSES = ['hadir', 'hadir', 'hadir', 'terlambat', 'izin', 'sakit', 'alpa', 'dispensasi'] as const;

describe('the attendance page of a 200-person session', () => {
  let t: TestApp;
  let petugas: Client;
  let marked: string;
  let unmarked: string;

  before(async () => {
    t = await startTestApp();
    const unit = await buildUnit(t.db);
    const partner = await buildPartner(t.db, { unit_id: unit.id });
    const programme = await buildProgramme(t.db, {
      unit_id: unit.id,
      partner_id: partner.id,
      capacity: PEOPLE,
    });
    // Inmates as in a hall: a name of two or three words and a registration number beside it.
    const inmates = await t.db
      .insertInto('inmates')
      .values(
        Array.from({ length: PEOPLE }, (_, i) => ({
          unit_id: unit.id,
          reg_number: `B.I ${String(1000 + i)}/2025`,
          register_class: 'B.I' as const,
          name: `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 8]}${i % 3 === 0 ? ' bin Sulaiman' : ''}`,
          gender: 'L' as const,
          birth_date: '1990-05-01',
          entry_date: '2025-03-01',
          expected_release_date: '2028-03-01',
          block: 'A',
          room: '3',
          education: 'SMA',
          risk_level: 'rendah' as const,
          nik: null,
          status: 'active' as const,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    const people = await t.db
      .insertInto('enrolments')
      .values(
        inmates.map((m) => ({
          programme_id: programme.id,
          kind: 'inmate' as const,
          inmate_id: m.id,
          intake_candidate_id: null,
          name: m.name,
          institution: null,
          period_from: null,
          period_to: null,
          status: 'active' as const,
          end_reason: null,
          status_note: null,
          started_on: daysFromToday(-60),
          ended_on: null,
        })),
      )
      .returning('id')
      .execute();
    marked = (await buildSession(t.db, { programme_id: programme.id, day: daysFromToday(-1) })).id;
    unmarked = (await buildSession(t.db, { programme_id: programme.id, day: daysFromToday(0) })).id;
    await t.db
      .insertInto('attendance_marks')
      .values(
        people.map((p, i) => ({
          session_id: marked,
          enrolment_id: p.id,
          status: STATUSES[i % STATUSES.length] ?? 'hadir',
          note: i % 20 === 0 ? 'Kembali dari sidang pukul 10.00' : null,
        })),
      )
      .execute();
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id })).username);
  });
  after(() => t.close());

  for (const which of ['marked', 'unmarked'] as const) {
    test(`a ${which} roster of ${PEOPLE} is under 40 KB gzipped, in a bounded number of queries`, async () => {
      const id = which === 'marked' ? marked : unmarked;
      await petugas.get(`/sessions/${id}/attendance`); // warm: the session's last-seen write is done
      const { result: res, queries } = await queriesDuring(() => petugas.get(`/sessions/${id}/attendance`));
      assert.equal(res.statusCode, 200);
      assert.equal(res.body.match(/class="att-row"/g)?.length, PEOPLE);
      const raw = Buffer.byteLength(res.body);
      // LEAN_DUMP=/tmp/x keeps the page and its statements for a look (/tmp/x.marked.html, .sql).
      const dump = process.env.LEAN_DUMP;
      if (dump) {
        writeFileSync(`${dump}.${which}.html`, res.body);
        writeFileSync(`${dump}.${which}.sql`, queries.join('\n\n'));
      }
      const gz = gzipSync(res.body).length;
      const zipped = await petugas.get(`/sessions/${id}/attendance`, { 'accept-encoding': 'gzip' });
      const sent = zipped.rawPayload.length;
      console.log(
        `[lean] ${which} roster of ${PEOPLE}: ${raw} B raw (${(raw / PEOPLE).toFixed(0)} B a row), ` +
          `${gz} B gzip, ${sent} B sent (${String(zipped.headers['content-encoding'] ?? 'identity')}), ` +
          `${queries.length} queries`,
      );
      assert.ok(gz < 40_000, `${gz} B gzipped`);
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      // The same page but for its fresh idempotency key (one per rendered form).
      const key = /name="idempotency_key" value="[^"]+"/;
      assert.equal(gunzipSync(zipped.rawPayload).toString().replace(key, ''), res.body.replace(key, ''));
      assert.ok(queries.length <= 3, `${queries.length} queries:\n${queries.join('\n')}`);
    });
  }
});
