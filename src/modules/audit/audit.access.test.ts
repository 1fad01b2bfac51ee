// Audit-log reads per role (issue 9 item 1): the log shows a viewer only what that viewer may see
// elsewhere. Offices above the units read counts; unit-level readers read records, with personal
// fields redacted for entities they may not read themselves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildKanwil, buildUnit, buildUser } from '../../../test/builders.ts';
import type { Role } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { demoInmates } from '../demo/demo.inmates.ts';

type Listed = {
  view: 'records' | 'counts';
  items: Array<{
    unit_id: string;
    entity: string;
    actor_name: string;
    before: unknown;
    after: unknown;
    personal: string;
  }>;
  counts: Array<{ unit_id: string; action: string; entity: string; count: number }>;
  total: number;
};

describe('who reads what in the audit log', () => {
  let t: TestApp;
  const people = demoInmates().slice(0, 4);
  const clients = new Map<string, Client>();
  let unitId = '';
  let otherUnitId = '';
  let petugasName = '';
  let staffName = '';

  before(async () => {
    t = await startTestApp();
    const kanwil = await buildKanwil(t.db, { name: 'Kanwil Ditjenpas Jawa Timur' });
    const unit = await buildUnit(t.db, { kanwil_id: kanwil.id, name: 'Rutan Kelas IIB Magetan' });
    const other = await buildUnit(t.db);
    unitId = unit.id;
    otherUnitId = other.id;
    const petugas = await buildUser(t.db, {
      roles: ['petugas'],
      unit_id: unit.id,
      username: 'petugas.uji.magetan',
    });
    petugasName = petugas.username;
    const p = await t.signedIn(petugas.username);
    // Real writes through the API, as the demo makes them: create, correct, Register F, release.
    for (const [i, person] of people.entries()) {
      const res = await p.json('POST', '/api/v1/inmates', person);
      assert.equal(res.statusCode, 201, res.body);
      const id = (JSON.parse(res.body) as { id: string }).id;
      if (i === 0) {
        const put = await p.json('PUT', `/api/v1/inmates/${id}`, {
          ...person,
          block: 'C',
          room: '7',
          risk_level: 'tinggi',
        });
        assert.equal(put.statusCode, 200, put.body);
        const f = await p.json('POST', `/api/v1/inmates/${id}/register-f`, {
          entry_date: '2026-01-05',
          violation: 'Menyimpan telepon genggam',
          sanction: 'Tutupan sunyi 6 hari',
        });
        assert.ok([200, 201].includes(f.statusCode), f.body);
      }
    }
    // Another unit's record, which no one of this unit or region may count or read.
    const elsewhere = await buildUser(t.db, { roles: ['petugas'], unit_id: other.id });
    const e = await t.signedIn(elsewhere.username);
    assert.equal(
      (await e.json('POST', '/api/v1/inmates', { ...people[0], reg_number: 'B.I 999/2025' })).statusCode,
      201,
    );
    // A staff account's details change: personal data of staff, readable by user managers only.
    const staff = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    staffName = 'Sulastri Wulandari';
    const nationalAdmin = await buildUser(t.db, { roles: ['admin'], unit_id: null });
    const na = await t.signedIn(nationalAdmin.username);
    const upd = await na.json('PUT', `/api/v1/users/${staff.id}`, {
      full_name: staffName,
      roles: ['petugas'],
      unit_id: unit.id,
      phone: '081234567890',
    });
    assert.equal(upd.statusCode, 200, upd.body);
    clients.set('admin (national)', na);
    const homes: Array<[string, Role, { unit_id: string | null; kanwil_id?: string | null }]> = [
      ['admin (unit)', 'admin', { unit_id: unit.id }],
      ['kepala_upt', 'kepala_upt', { unit_id: unit.id }],
      ['petugas', 'petugas', { unit_id: unit.id }],
      ['instruktur_mitra', 'instruktur_mitra', { unit_id: unit.id }],
      ['humas', 'humas', { unit_id: unit.id }],
      ['kanwil', 'kanwil', { unit_id: null, kanwil_id: kanwil.id }],
      ['pusat', 'pusat', { unit_id: null }],
    ];
    for (const [label, role, home] of homes)
      clients.set(label, await t.signedIn((await buildUser(t.db, { roles: [role], ...home })).username));
  });
  after(() => t.close());

  const client = (label: string) => {
    const c = clients.get(label);
    assert.ok(c, label);
    return c;
  };
  const personalOf = (p: (typeof people)[number]) => [
    p.name,
    p.reg_number,
    p.birth_date,
    p.expected_release_date,
  ];

  for (const office of ['kanwil', 'pusat']) {
    test(`${office} reads counts per unit and action: no inmate's name, registration number, birth or release date, and no staff name`, async () => {
      const c = client(office);
      const api = await c.get('/api/v1/audit?entity=inmate');
      assert.equal(api.statusCode, 200);
      const body = JSON.parse(api.body) as Listed;
      assert.equal(body.view, 'counts');
      assert.deepEqual(body.items, []);
      const mine = body.counts.filter((x) => x.unit_id === unitId);
      assert.deepEqual(
        mine.map((x) => [x.action, x.count]),
        [
          ['inmates.create', 4],
          ['inmates.register_f', 1],
          ['inmates.update', 1],
        ],
      );
      if (office === 'kanwil')
        assert.ok(!body.counts.some((x) => x.unit_id === otherUnitId), 'another region is not counted');
      const page = await c.get('/admin/audit');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-testid="audit-counts"/);
      const all = await c.get('/api/v1/audit');
      const dashboard = await c.get(`/dashboard/${unitId}`);
      for (const text of [api.body, page.body, all.body, dashboard.body]) {
        for (const p of people)
          for (const v of personalOf(p)) assert.ok(!text.includes(v), `${office} must not see ${v}`);
        for (const v of [
          'Menyimpan telepon genggam',
          'Tutupan sunyi',
          staffName,
          '081234567890',
          petugasName,
        ])
          assert.ok(!text.includes(v), `${office} must not see ${v}`);
      }
    });
  }

  test("the national administrator reads every unit's records in full; a unit administrator only its own unit", async () => {
    const national = JSON.parse(
      (await client('admin (national)').get('/api/v1/audit?entity=inmate')).body,
    ) as Listed;
    assert.equal(national.view, 'records');
    assert.deepEqual(new Set(national.items.map((i) => i.unit_id)), new Set([unitId, otherUnitId]));
    const text = JSON.stringify(national.items);
    for (const p of people) assert.ok(text.includes(p.name), 'the administrator may read inmates');
    assert.ok(national.items.every((i) => i.personal === 'shown'));
    const unitAdmin = await client('admin (unit)').get('/api/v1/audit?entity=inmate');
    const own = JSON.parse(unitAdmin.body) as Listed;
    assert.deepEqual(new Set(own.items.map((i) => i.unit_id)), new Set([unitId]));
    assert.ok(unitAdmin.body.includes('Menyimpan telepon genggam'));
  });

  test("the Kepala UPT reads the unit's inmate records, but not staff accounts' personal details", async () => {
    const c = client('kepala_upt');
    const inmates = await c.get('/api/v1/audit?entity=inmate');
    for (const p of people) assert.ok(inmates.body.includes(p.name));
    const users = JSON.parse((await c.get('/api/v1/audit?entity=user&action=users.update')).body) as Listed;
    const change = users.items[0];
    assert.ok(change, 'the staff change is listed');
    assert.equal(change.personal, 'redacted');
    assert.deepEqual(
      {
        name: (change.after as Record<string, unknown>).full_name,
        phone: (change.after as Record<string, unknown>).phone,
      },
      { name: '[redacted]', phone: '[redacted]' },
    );
    const page = await c.get('/admin/audit?action=users.update');
    assert.ok(!page.body.includes(staffName) && !page.body.includes('081234567890'));
    assert.match(page.body, /disembunyikan: data pribadi/);
    // The national administrator manages users and reads the same record in full.
    const admin = await client('admin (national)').get('/api/v1/audit?entity=user&action=users.update');
    assert.ok(admin.body.includes(staffName) && admin.body.includes('081234567890'));
  });

  test('petugas, partner instructors and Humas have no audit log at all', async () => {
    for (const label of ['petugas', 'instruktur_mitra', 'humas']) {
      assert.equal((await client(label).get('/api/v1/audit?entity=inmate')).statusCode, 403, label);
      assert.equal((await client(label).get('/admin/audit')).statusCode, 403, label);
    }
  });
});

describe('the audit log on the Rutan Magetan demo', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({}, { demo: true });
  });
  after(() => t.close());

  test('kanwil.jatim and ditjenpas read no demo inmate in /api/v1/audit or /admin/audit; admin.magetan and the Kepala read them', async () => {
    const people = await t.db.selectFrom('inmates').select(['name', 'reg_number', 'birth_date']).execute();
    assert.ok(people.length >= 15);
    const values = people.flatMap((p) => [p.name, p.reg_number, p.birth_date]);
    for (const username of ['kanwil.jatim', 'ditjenpas']) {
      const c = await t.signedIn(username, DEMO_PASSWORD);
      const api = await c.get('/api/v1/audit?entity=inmate');
      assert.equal(api.statusCode, 200);
      const body = JSON.parse(api.body) as Listed;
      assert.equal(body.view, 'counts');
      assert.ok(body.total >= people.length, 'the creations are counted');
      const texts = [
        api.body,
        (await c.get('/admin/audit')).body,
        (await c.get('/api/v1/audit?entity=enrolment')).body,
      ];
      for (const text of texts)
        for (const v of values)
          assert.ok(!text.includes(v), `${username} must not read ${v} in the audit log`);
    }
    for (const username of ['admin.magetan', 'ari.rahmanto']) {
      const c = await t.signedIn(username, DEMO_PASSWORD);
      const body = JSON.parse((await c.get('/api/v1/audit?entity=inmate')).body) as Listed;
      assert.equal(body.view, 'records');
      assert.ok(
        body.items.some((i) => i.personal === 'shown'),
        `${username} reads the unit's records`,
      );
    }
  });
});
