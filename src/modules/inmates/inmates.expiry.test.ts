// Issue 9 item 12: people still active after their tanggal ekspirasi are flagged (list, person
// page, API, dashboard), and the date moves only through a recorded extension or correction.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { daysFromToday } from '../../../test/attendance-fixtures.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import { SYSTEM } from '../../app/principal.ts';
import type { Scope } from '../../app/scope.ts';
import type { TimeZone } from '../../db/schema.ts';
import { countPastExpiry, listInmates } from './inmates.service.ts';

interface Out {
  id: string;
  name: string;
  past_expiry: boolean;
}

describe('people past their tanggal ekspirasi', () => {
  let t: TestApp;
  let petugas: Client;
  let kanwil: Client;
  let unitId: string;
  let serial = 0;

  const person = async (o: {
    name: string;
    expiry: string | null;
    status?: 'active' | 'released';
    reg?: string;
    unit?: string;
  }) => {
    serial++;
    const reg = o.reg ?? `B.I ${700 + serial}/2025`;
    const r = await t.db
      .insertInto('inmates')
      .values({
        unit_id: o.unit ?? unitId,
        reg_number: reg,
        register_class: reg.startsWith('A.') ? 'A.II' : 'B.I',
        name: o.name,
        gender: 'L',
        birth_date: '1990-01-01',
        entry_date: '2024-06-01',
        expected_release_date: o.expiry,
        status: o.status ?? 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  };

  let lewat: string;
  before(async () => {
    t = await startTestApp();
    const kw = await buildKanwil(t.db);
    unitId = (await buildUnit(t.db, { kanwil_id: kw.id })).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
    kanwil = await t.signedIn(
      (await buildUser(t.db, { roles: ['kanwil'], unit_id: null, kanwil_id: kw.id })).username,
    );
    lewat = await person({ name: 'Hadi Lewat Ekspirasi', expiry: daysFromToday(-1) });
    await person({ name: 'Iwan Lewat Lama', expiry: '2024-11-04' });
    await person({ name: 'Joko Hari Ini', expiry: daysFromToday(0) });
    await person({ name: 'Kusno Sudah Bebas', expiry: daysFromToday(-30), status: 'released' });
    await person({ name: 'Lukman Masih Lama', expiry: daysFromToday(200) });
  });
  after(() => t.close());

  test('the list flags anyone still active after their ekspirasi, and its filter shows only them', async () => {
    const all = await petugas.get('/inmates');
    assert.equal(all.statusCode, 200);
    assert.equal((all.body.match(/data-testid="past-expiry"/g) ?? []).length, 2);
    const past = await petugas.get('/inmates?expiry=past');
    assert.match(past.body, /Hadi Lewat Ekspirasi/);
    assert.match(past.body, /Iwan Lewat Lama/);
    assert.doesNotMatch(past.body, /Joko Hari Ini|Kusno Sudah Bebas|Lukman Masih Lama/);
    assert.match(past.body, /<option value="past" selected>Lewat tanggal ekspirasi<\/option>/);
  });

  test('the API carries the flag and the same filter', async () => {
    const res = await petugas.get('/api/v1/inmates');
    const items = (res.json() as { items: Out[] }).items;
    const flagged = items.filter((i) => i.past_expiry).map((i) => i.name);
    assert.deepEqual(flagged.sort(), ['Hadi Lewat Ekspirasi', 'Iwan Lewat Lama']);
    const past = (await petugas.get('/api/v1/inmates?expiry=past')).json() as { items: Out[]; total: number };
    assert.equal(past.total, 2);
    const one = (await petugas.get(`/api/v1/inmates/${lewat}`)).json() as { inmate: Out };
    assert.equal(one.inmate.past_expiry, true);
  });

  test('the person’s page shows the flag with what to do', async () => {
    const page = await petugas.get(`/inmates/${lewat}`);
    assert.match(page.body, /data-testid="past-expiry"/);
    assert.match(page.body, /tidak dipanggil dalam presensi/);
    assert.match(page.body, /data-testid="expiry-form"/);
  });

  test('the dashboard counts them, with a link for unit staff and the count only for the Kanwil', async () => {
    const own = await petugas.get('/dashboard');
    assert.match(own.body, /data-testid="past-expiry-count">2</);
    assert.match(own.body, /href="\/inmates\?expiry=past"/);
    const office = await kanwil.get(`/dashboard/${unitId}`);
    assert.equal(office.statusCode, 200);
    assert.match(office.body, /data-testid="past-expiry-count">2</);
    assert.doesNotMatch(office.body, /past-expiry-link|Hadi Lewat Ekspirasi/);
    const overview = await kanwil.get('/dashboard');
    assert.match(
      overview.body,
      new RegExp(`data-testid="past-expiry-${unitId}">Lewat tanggal ekspirasi: 2 orang<`),
    );
    assert.doesNotMatch(overview.body, /Hadi Lewat Ekspirasi/);
  });

  test('the unit’s own local date decides: late evening in WIB is already the next day in WIT', async () => {
    const zoned = async (timezone: TimeZone) => {
      const unit = (await buildUnit(t.db, { timezone })).id;
      await person({ name: `Zona ${timezone}`, expiry: '2026-03-10', unit });
      return unit;
    };
    const wib = await zoned('Asia/Jakarta');
    const wita = await zoned('Asia/Makassar');
    const wit = await zoned('Asia/Jayapura');
    // 15:30 UTC: 22.30 WIB and 23.30 WITA on 10 March, but 00.30 WIT on 11 March.
    const now = new Date('2026-03-10T15:30:00Z');
    assert.equal(await countPastExpiry({ db: t.db, now }, wib), 0);
    assert.equal(await countPastExpiry({ db: t.db, now }, wita), 0);
    assert.equal(await countPastExpiry({ db: t.db, now }, wit), 1);
    const scope: Scope = { all: false, unitIds: [wib, wita, wit] };
    const list = await listInmates({ db: t.db, who: { ...SYSTEM, scope } }, { page: 1, expiry: 'past', now });
    assert.deepEqual(
      list.rows.map((r) => r.name),
      ['Zona Asia/Jayapura'],
    );
  });
});

describe('recording an extension or a corrected tanggal ekspirasi', () => {
  let t: TestApp;
  let petugas: Client;
  let unitId: string;

  const newInmate = async (reg: string, expiry: string) =>
    (
      await t.db
        .insertInto('inmates')
        .values({
          unit_id: unitId,
          reg_number: reg,
          register_class: reg.startsWith('A.') ? 'A.III' : 'B.I',
          name: `Warga ${reg}`,
          gender: 'L',
          birth_date: '1990-01-01',
          entry_date: daysFromToday(-60),
          expected_release_date: expiry,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    petugas = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: unitId })).username);
  });
  after(() => t.close());

  test('a new detention order moves the date, is kept in the history with its audit record, and clears the flag', async () => {
    const id = await newInmate('A.III 12/2026', daysFromToday(-2));
    const page = await petugas.get(`/inmates/${id}`);
    assert.match(page.body, /data-testid="past-expiry"/);
    const res = await petugas.postForm(`/inmates/${id}/expiry`, {
      kind: 'detention_extension',
      new_expiry: daysFromToday(28),
      reference: 'PEN-45/Pid.B/2026/PN Mgt',
      authority: 'Ketua Pengadilan Negeri Magetan',
      order_date: daysFromToday(-3),
      basis: '',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const after = await petugas.get(`/inmates/${id}`);
    assert.doesNotMatch(after.body, /data-testid="past-expiry"/);
    assert.match(after.body, /data-testid="expiry-history"[\s\S]*PEN-45\/Pid.B\/2026\/PN Mgt/);
    const row = await t.db
      .selectFrom('inmates')
      .select('expected_release_date')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.expected_release_date, daysFromToday(28));
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', id)
      .where('action', '=', 'inmates.expiry_detention_extension')
      .execute();
    assert.equal(audit.length, 1);
  });

  test('a detention order without its number, authority and date is refused field by field', async () => {
    const id = await newInmate('A.III 13/2026', daysFromToday(-2));
    const form = await petugas.postForm(`/inmates/${id}/expiry`, {
      kind: 'detention_extension',
      new_expiry: daysFromToday(28),
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /data-testid="error-summary"/);
    for (const f of ['reference', 'authority', 'order_date'])
      assert.match(form.body, new RegExp(`error-${f}`));
    const api = await petugas.json('POST', `/api/v1/inmates/${id}/expiry-changes`, {
      kind: 'detention_extension',
      new_expiry: daysFromToday(-5),
      reference: 'X-1',
      authority: 'Kejari',
      order_date: daysFromToday(-3),
    });
    assert.equal(api.statusCode, 400);
    assert.match(api.body, /harus sesudah tanggal ekspirasi/);
    const n = await t.db
      .selectFrom('inmate_expiry_changes')
      .select('id')
      .where('inmate_id', '=', id)
      .execute();
    assert.equal(n.length, 0);
  });

  test('a sentenced person’s date is corrected with its basis; a detention order for them is refused', async () => {
    const id = await newInmate('B.I 88/2025', daysFromToday(100));
    const wrong = await petugas.json('POST', `/api/v1/inmates/${id}/expiry-changes`, {
      kind: 'detention_extension',
      new_expiry: daysFromToday(200),
      reference: 'X-1',
      authority: 'Kejari',
      order_date: daysFromToday(-3),
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /hanya untuk tahanan/);
    const ok = await petugas.json('POST', `/api/v1/inmates/${id}/expiry-changes`, {
      kind: 'correction',
      new_expiry: daysFromToday(70),
      basis: 'SK Remisi Umum 17 Agustus, pengurangan 1 bulan',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const body = ok.json() as { inmate: { expected_release_date: string }; expiry_changes: unknown[] };
    assert.equal(body.inmate.expected_release_date, daysFromToday(70));
    assert.equal(body.expiry_changes.length, 1);
  });

  test('the edit form cannot move a recorded date; a first date may still be entered', async () => {
    const id = await newInmate('B.I 89/2025', daysFromToday(-1));
    const edit = await petugas.json('PUT', `/api/v1/inmates/${id}`, {
      reg_number: 'B.I 89/2025',
      name: 'Warga B.I 89/2025',
      gender: 'L',
      birth_date: '1990-01-01',
      entry_date: daysFromToday(-60),
      expected_release_date: daysFromToday(365),
    });
    assert.equal(edit.statusCode, 400);
    assert.match(edit.body, /hanya dapat diubah melalui/);
    const kept = await petugas.json('PUT', `/api/v1/inmates/${id}`, {
      reg_number: 'B.I 89/2025',
      name: 'Warga B.I 89/2025 Diperbaiki',
      gender: 'L',
      birth_date: '1990-01-01',
      entry_date: daysFromToday(-60),
    });
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal((kept.json() as { expected_release_date: string }).expected_release_date, daysFromToday(-1));
    const first = await newInmate('B.I 90/2025', daysFromToday(30));
    await t.db.updateTable('inmates').set({ expected_release_date: null }).where('id', '=', first).execute();
    const set = await petugas.json('PUT', `/api/v1/inmates/${first}`, {
      reg_number: 'B.I 90/2025',
      name: 'Warga B.I 90/2025',
      gender: 'L',
      birth_date: '1990-01-01',
      entry_date: daysFromToday(-60),
      expected_release_date: daysFromToday(300),
    });
    assert.equal(set.statusCode, 200, set.body);
  });
});
