import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser, TEST_PASSWORD } from '../../../test/builders.ts';

describe('user administration', () => {
  let t: TestApp;
  let admin: Client;
  let unitId: string;
  let adminId: string;
  const auditCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp();
    unitId = (await buildUnit(t.db)).id;
    const a = await buildUser(t.db, { roles: ['admin'], unit_id: unitId });
    adminId = a.id;
    admin = await t.signedIn(a.username);
  });
  after(() => t.close());

  test('creating a user without a password shows a one-time password once, which must be changed at sign-in', async () => {
    await admin.get('/admin/users/new');
    const res = await admin.postForm('/admin/users', {
      username: 'sri.wahyuni',
      full_name: 'Sri Wahyuni',
      roles: 'petugas',
      unit_id: unitId,
    });
    assert.equal(res.statusCode, 201);
    const m = /data-testid="one-time-password"[\s\S]*?<code class="secret">([^<]+)<\/code>/.exec(res.body);
    assert.ok(m?.[1]);
    assert.equal(res.headers['cache-control'], 'no-store');
    const c = t.client();
    await c.get('/login');
    assert.equal((await c.postForm('/login', { username: 'sri.wahyuni', password: m[1] })).statusCode, 303);
    assert.equal((await c.get('/dashboard')).headers.location, '/account/password');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'users.create')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(audit.unit_id, unitId);
    assert.doesNotMatch(JSON.stringify(audit.after), /password_hash|scrypt/);
  });

  test('bad answers come back per field, in Indonesian, with the answers kept and nothing saved', async () => {
    const before = await auditCount();
    const res = await admin.postForm('/admin/users', {
      username: 'Bukan Valid!',
      full_name: 'Coba',
      email: 'bukan-email',
      roles: 'petugas',
      unit_id: unitId,
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-testid="error-summary"/);
    assert.match(res.body, /data-testid="error-username"/);
    assert.match(res.body, /Alamat email tidak valid/);
    assert.match(res.body, /value="Coba"/);
    assert.equal(await auditCount(), before);
    assert.equal(
      await t.db.selectFrom('users').select('id').where('full_name', '=', 'Coba').executeTakeFirst(),
      undefined,
    );
  });

  test('the same messages come in English for an English user', async () => {
    admin.cookies.set('sm_lang', 'en');
    const res = await admin.postForm('/admin/users', {
      username: 'x',
      full_name: '',
      roles: 'petugas',
      unit_id: unitId,
    });
    admin.cookies.delete('sm_lang');
    assert.match(res.body, /Not in the expected format|Required/);
  });

  test('a username is unique regardless of letter case', async () => {
    await buildUser(t.db, { username: 'dimas.p', unit_id: unitId });
    const res = await admin.json('POST', '/api/v1/users', {
      username: 'dimas.p',
      full_name: 'Dimas',
      roles: ['petugas'],
      unit_id: unitId,
      password: 'panjang-sekali-1',
    });
    assert.equal(res.statusCode, 400);
    const body = JSON.parse(res.body) as { error: { fields: Array<{ field: string; message: string }> } };
    assert.deepEqual(
      body.error.fields.map((f) => f.field),
      ['username'],
    );
    assert.match(body.error.fields[0]?.message ?? '', /sudah dipakai/);
  });

  test('unit staff roles need a unit, and a unit admin cannot place users in another unit', async () => {
    const other = await buildUnit(t.db);
    const res = await admin.json('POST', '/api/v1/users', {
      username: 'orang.lain',
      full_name: 'Orang Lain',
      roles: ['petugas'],
      unit_id: other.id,
    });
    assert.equal(res.statusCode, 400);
    const noUnit = await admin.json('POST', '/api/v1/users', {
      username: 'tanpa.unit',
      full_name: 'Tanpa Unit',
      roles: ['petugas'],
    });
    assert.equal(noUnit.statusCode, 400);
    assert.match(noUnit.body, /Pilih unit/);
  });

  test('a probation officer (pembimbing_kemasyarakatan) account belongs to a Bapas, refused on the unit otherwise', async () => {
    const national = await t.signedIn((await buildUser(t.db, { roles: ['admin'], unit_id: null })).username);
    const bapas = await t.db
      .insertInto('units')
      .values({
        kanwil_id: (
          await t.db
            .selectFrom('units')
            .select('kanwil_id')
            .where('id', '=', unitId)
            .executeTakeFirstOrThrow()
        ).kanwil_id,
        code: 'BAPAS-UJI-PK',
        type: 'bapas',
        class: 'II',
        name: 'Bapas Kelas II Uji',
        timezone: 'Asia/Jakarta',
        address: null,
        city: null,
        phone: null,
        email: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pk = (unit: string, roles = ['pembimbing_kemasyarakatan'], username = 'pk.uji') =>
      national.json('POST', '/api/v1/users', { username, full_name: 'PK Uji', roles, unit_id: unit });
    const before = await auditCount();
    const inRutan = await pk(unitId);
    assert.equal(inRutan.statusCode, 400);
    assert.match(inRutan.body, /"field":"unit_id"/);
    assert.match(inRutan.body, /pilih unit berjenis Bapas/);
    const twoRoles = await pk(bapas.id, ['pembimbing_kemasyarakatan', 'petugas']);
    assert.equal(twoRoles.statusCode, 400);
    assert.match(twoRoles.body, /"field":"roles"/);
    assert.equal(await auditCount(), before, 'nothing saved');
    assert.equal((await pk(bapas.id)).statusCode, 201);
  });

  test('roles can be changed, and the change is audited with before and after', async () => {
    const u = await buildUser(t.db, { roles: ['petugas'], unit_id: unitId });
    const res = await admin.json('PUT', `/api/v1/users/${u.id}`, {
      full_name: 'Nama Baru',
      roles: ['petugas', 'humas'],
      unit_id: unitId,
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual((JSON.parse(res.body) as { roles: string[] }).roles, ['petugas', 'humas']);
    const a = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'users.update')
      .where('entity_id', '=', u.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual((a.before as { roles: string[] }).roles, ['petugas']);
    assert.deepEqual((a.after as { roles: string[] }).roles, ['petugas', 'humas']);
  });

  test('deactivating a user ends their sessions; an admin cannot deactivate themselves', async () => {
    const u = await buildUser(t.db, { unit_id: unitId });
    const c = await t.signedIn(u.username);
    // It asks first; without scripts on a page of its own, and nothing changes until yes.
    const asked = await admin.postForm(`/admin/users/${u.id}/deactivate`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /data-testid="confirm-question">Anda yakin menonaktifkan akun /);
    assert.equal((await c.get('/api/v1/me')).statusCode, 200);
    assert.match(
      (await admin.get(`/admin/users/${u.id}`)).body,
      /data-confirm="Anda yakin menonaktifkan akun /,
    );
    assert.equal(
      (await admin.postForm(`/admin/users/${u.id}/deactivate`, { confirmed: '1' })).statusCode,
      303,
    );
    assert.equal((await c.get('/api/v1/me')).statusCode, 401);
    const self = await admin.postForm(`/admin/users/${adminId}/deactivate`, { confirmed: '1' });
    assert.equal(self.statusCode, 400);
    assert.equal((await admin.postForm(`/admin/users/${u.id}/activate`)).statusCode, 303);
  });

  test('an NIP is 18 digits with a real birth date, month of appointment and gender digit, and unique', async () => {
    const u = await buildUser(t.db, { unit_id: unitId });
    const base = { full_name: 'Sri Wahyuni', roles: ['petugas'], unit_id: unitId };
    const put = (nip: string) => admin.json('PUT', `/api/v1/users/${u.id}`, { ...base, nip });
    assert.equal((await put('19880921201012200')).statusCode, 400);
    const birth = await put('198813212010122003');
    assert.equal(birth.statusCode, 400);
    assert.match(birth.body, /"field":"nip".*tanggal lahir/);
    assert.match(
      (await put('198809212010123003')).body,
      /jenis kelamin: 1 \(laki-laki\) atau 2 \(perempuan\)/,
    );
    assert.match((await put('198809212030122003')).body, /bulan pengangkatan CPNS/);
    const ok = await put('198809212010122003');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((ok.json() as { nip: string }).nip, '198809212010122003');
    // Typed in its four groups, as printed, it is kept as 18 digits.
    const grouped = await put('19880921 201012 2 003');
    assert.equal(grouped.statusCode, 200, grouped.body);
    assert.equal((grouped.json() as { nip: string }).nip, '198809212010122003');
    // The form: a message on the field; another account cannot take the same NIP.
    const other = await buildUser(t.db, { unit_id: unitId });
    await admin.get(`/admin/users/${other.id}`);
    const taken = await admin.postForm(`/admin/users/${other.id}`, {
      full_name: 'Dimas Prasetyo',
      nip: '198809212010122003',
      roles: 'petugas',
      unit_id: unitId,
    });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /data-testid="error-nip"[^>]*>[^<]*NIP ini sudah dipakai akun lain/);
    // Empty is no NIP.
    const none = await admin.postForm(`/admin/users/${other.id}`, {
      full_name: 'Dimas Prasetyo',
      nip: '',
      roles: 'petugas',
      unit_id: unitId,
    });
    assert.equal(none.statusCode, 303, none.body);
  });

  test('a civil servant sets their own NIP on their account page, checked like the admin form', async () => {
    const u = await buildUser(t.db, { unit_id: unitId });
    const me = await t.signedIn(u.username);
    assert.match((await me.get('/account')).body, /data-testid="nip-form"/);
    const bad = await me.postForm('/account/nip', { nip: '199302172019033005' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /data-testid="error-nip"/);
    const ok = await me.postForm('/account/nip', { nip: '199302172019031005' });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.match((await me.get('/account')).body, /value="199302172019031005"/);
    const row = await t.db.selectFrom('users').select('nip').where('id', '=', u.id).executeTakeFirstOrThrow();
    assert.equal(row.nip, '199302172019031005');
  });

  test('resetting a password issues a one-time password and signs the user out', async () => {
    const u = await buildUser(t.db, { unit_id: unitId });
    const c = await t.signedIn(u.username);
    const res = await admin.json('POST', `/api/v1/users/${u.id}/reset-password`);
    assert.equal(res.statusCode, 200);
    const { one_time_password } = JSON.parse(res.body) as { one_time_password: string };
    assert.ok(one_time_password.length >= 14);
    assert.equal((await c.get('/api/v1/me')).statusCode, 401);
    const again = t.client();
    await again.get('/login');
    assert.equal(
      (await again.postForm('/login', { username: u.username, password: one_time_password })).statusCode,
      303,
    );
  });

  /** A personal API token for the user, and whether the API still accepts it (401: it does not). */
  async function tokenOf(c: Client) {
    const res = await c.json('POST', '/api/v1/me/tokens', { name: 'skrip laporan' });
    assert.equal(res.statusCode, 201, res.body);
    const { id, token } = res.json() as { id: string; token: string };
    const works = async () =>
      (await t.client().request('GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } }))
        .statusCode !== 401;
    assert.equal(await works(), true);
    return { id, works };
  }
  const revocationReason = async (tokenId: string) => {
    const [audit] = await revocations(tokenId);
    assert.ok(audit, 'the revocation is in the audit log');
    return (audit.after as { reason: string }).reason;
  };
  const revocations = (tokenId: string) =>
    t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'tokens.revoke')
      .where('entity_id', '=', tokenId)
      .execute();

  test("changing one's own password revokes one's API tokens, and the revocation is audited", async () => {
    const u = await buildUser(t.db, { unit_id: unitId });
    const c = await t.signedIn(u.username);
    const token = await tokenOf(c);
    const res = await c.json('POST', '/api/v1/me/password', {
      current_password: TEST_PASSWORD,
      new_password: 'kata-sandi-baru-456',
      confirm_password: 'kata-sandi-baru-456',
    });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal(await token.works(), false, 'a token made with the old password no longer works');
    const [audit] = await revocations(token.id);
    assert.ok(audit, 'the revocation is in the audit log');
    assert.equal((audit.after as { reason: string }).reason, 'password_changed');
  });

  test("an administrator's password reset revokes the user's API tokens", async () => {
    const u = await buildUser(t.db, { unit_id: unitId });
    const token = await tokenOf(await t.signedIn(u.username));
    assert.equal((await admin.json('POST', `/api/v1/users/${u.id}/reset-password`)).statusCode, 200);
    assert.equal(await token.works(), false);
    assert.equal(await revocationReason(token.id), 'password_reset');
  });

  test('a deactivated account does not get its API tokens back when it is reactivated', async () => {
    const u = await buildUser(t.db, { unit_id: unitId });
    const token = await tokenOf(await t.signedIn(u.username));
    assert.equal(
      (await admin.postForm(`/admin/users/${u.id}/deactivate`, { confirmed: '1' })).statusCode,
      303,
    );
    assert.equal(await token.works(), false);
    assert.equal((await admin.json('POST', `/api/v1/users/${u.id}/activate`)).statusCode, 200);
    assert.equal(await token.works(), false, 'reactivation does not bring the token back');
    assert.equal(await revocationReason(token.id), 'deactivated');
    const again = await t.signedIn(u.username);
    assert.equal(
      (await again.get('/api/v1/me')).statusCode,
      200,
      'the person signs in again and may make a new one',
    );
  });

  test('the user list searches by name and filters by role', async () => {
    await buildUser(t.db, { username: 'kartika.sari', roles: ['humas'], unit_id: unitId });
    const res = await admin.get('/admin/users?q=kartika&role=humas');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /kartika\.sari/);
    const none = await admin.get('/admin/users?q=kartika&role=kanwil');
    assert.doesNotMatch(none.body, /kartika\.sari/);
  });
});
