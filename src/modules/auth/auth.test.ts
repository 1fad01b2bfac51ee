import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUser, TEST_PASSWORD } from '../../../test/builders.ts';

describe('sign-in, sessions and tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      SIGNIN_MAX_PER_ACCOUNT: '3',
      SIGNIN_MAX_PER_ADDRESS: '6',
      SESSION_IDLE_MINUTES: '30',
    });
  });
  after(() => t.close());

  test('a wrong password and an unknown account get the same message, in Indonesian, with 401', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.get('/login');
    const wrong = await c.postForm('/login', { username: u.username, password: 'salah-sekali-123' });
    const unknown = await c.postForm('/login', { username: 'tidak.ada', password: 'salah-sekali-123' });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /Nama pengguna atau kata sandi salah\./);
      assert.doesNotMatch(res.body, /tidak\.ada<\/|stack|Error:/);
    }
    assert.equal(c.cookies.has('sm_sid'), false);
  });

  test('a missing field is reported per field and nothing is written', async () => {
    const c = t.client();
    await c.get('/login');
    const before = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const res = await c.postForm('/login', { username: 'x' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-testid="error-password"/);
    assert.match(res.body, /Wajib diisi\./);
    const afterCount = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    assert.equal(afterCount?.n, before?.n);
  });

  test('sign-in sets a secure-by-default session cookie and records who signed in', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.get('/login');
    const res = await c.postForm('/login', {
      username: u.username.toUpperCase(),
      password: TEST_PASSWORD,
      next: '/account',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account');
    const cookie = (res.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string }>).find(
      (x) => x.name === 'sm_sid',
    );
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.signin')
      .where('entity_id', '=', u.id)
      .execute();
    assert.equal(audit.length, 1);
  });

  test('an outside address after sign-in is refused: next must be a path on this site', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.get('/login');
    const res = await c.postForm('/login', {
      username: u.username,
      password: TEST_PASSWORD,
      next: '//evil.example/x',
    });
    assert.equal(res.headers.location, '/dashboard');
  });

  // Browsers drop tabs and line breaks in a Location and read '\' as '/', so each of these would
  // leave the site (or, with CR/LF, break the header) if it were echoed back.
  const OFF_SITE = [
    '/\t/evil.example',
    '/\r\n/evil.example',
    '/x\r\nSet-Cookie: sm_sid=forged',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%2F/evil.example',
    '/%09/evil.example',
    '/%0D%0A/evil.example',
    '/%5Cevil.example',
    '/%5C/evil.example',
    'https://evil.example/',
    'http:evil.example',
    'HTTPS://evil.example',
    'javascript:alert(1)',
    ' /\\evil.example',
    '/\u3000/evil.example',
  ];

  test('after sign-in, a next address that could leave the site leads to the dashboard, never a 500', async () => {
    const u = await buildUser(t.db);
    for (const next of OFF_SITE) {
      const c = t.client();
      const form = await c.get(`/login?next=${encodeURIComponent(next)}`);
      assert.equal(form.statusCode, 200, JSON.stringify(next));
      const kept = /data-testid="signin-form"[^>]*>[\s\S]*?name="next" value="([^"]*)"/.exec(form.body)?.[1];
      assert.equal(kept, '/', JSON.stringify(next));
      const res = await c.postForm('/login', { username: u.username, password: TEST_PASSWORD, next });
      assert.equal(res.statusCode, 303, `${JSON.stringify(next)}: ${res.statusCode}`);
      assert.equal(res.headers.location, '/dashboard', JSON.stringify(next));
    }
  });

  test('the language switch goes back only to a path on this site', async () => {
    const c = t.client();
    await c.get('/login');
    for (const next of OFF_SITE) {
      const res = await c.postForm('/language', { lang: 'en', next });
      assert.equal(res.statusCode, 303, `${JSON.stringify(next)}: ${res.statusCode}`);
      assert.equal(res.headers.location, '/', JSON.stringify(next));
    }
  });

  test('a path on this site, with its query and fragment, is kept after sign-in and a language switch', async () => {
    const u = await buildUser(t.db);
    for (const next of ['/account', '/programmes?page=2&q=las%20listrik', '/holidays?year=2026#2026-03-18']) {
      const c = t.client();
      await c.get(`/login?next=${encodeURIComponent(next)}`);
      const res = await c.postForm('/login', { username: u.username, password: TEST_PASSWORD, next });
      assert.equal(res.headers.location, next);
      await c.refreshCsrf();
      assert.equal((await c.postForm('/language', { lang: 'id', next })).headers.location, next);
    }
  });

  test('after too many failures the account is locked for the window, even with the right password', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    c.ip = '10.0.0.1';
    await c.get('/login');
    for (let i = 0; i < 3; i++)
      await c.postForm('/login', { username: u.username, password: 'salah-salah-salah' });
    const res = await c.postForm('/login', { username: u.username, password: TEST_PASSWORD });
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /Terlalu banyak percobaan masuk/);
  });

  test('too many failures from one address lock that address for every account', async () => {
    const c = t.client();
    c.ip = '10.0.0.2';
    await c.get('/login');
    for (let i = 0; i < 6; i++)
      await c.postForm('/login', { username: `orang${i}`, password: 'salah-salah-salah' });
    const u = await buildUser(t.db);
    assert.equal(
      (await c.postForm('/login', { username: u.username, password: TEST_PASSWORD })).statusCode,
      429,
    );
    const elsewhere = t.client();
    elsewhere.ip = '10.0.0.3';
    await elsewhere.get('/login');
    assert.equal(
      (await elsewhere.postForm('/login', { username: u.username, password: TEST_PASSWORD })).statusCode,
      303,
    );
  });

  test('a form without the CSRF token is refused and changes nothing', async () => {
    const u = await buildUser(t.db);
    const c = await t.signedIn(u.username);
    c.csrf = 'forged';
    const res = await c.postForm('/logout');
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /kedaluwarsa/);
    assert.equal((await c.get('/account')).statusCode, 200, 'still signed in');
  });

  test('sign-out ends the session on the server, not just the cookie', async () => {
    const u = await buildUser(t.db);
    const c = await t.signedIn(u.username);
    const sid = c.cookies.get('sm_sid');
    assert.ok(sid);
    assert.equal((await c.postForm('/logout')).statusCode, 303);
    const replay = t.client();
    replay.cookies.set('sm_sid', sid);
    const res = await replay.get('/dashboard');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/login/);
  });

  test('a session idle too long, or past its absolute end, is over', async () => {
    const u = await buildUser(t.db);
    const idle = await t.signedIn(u.username);
    await sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${u.id}`.execute(
      t.db,
    );
    assert.equal((await idle.get('/api/v1/me')).statusCode, 401);
    const old = await t.signedIn(u.username);
    await sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${u.id}`.execute(
      t.db,
    );
    assert.equal((await old.get('/api/v1/me')).statusCode, 401);
  });

  test('a deactivated user is signed out everywhere at once', async () => {
    const u = await buildUser(t.db);
    const c = await t.signedIn(u.username);
    await t.db.updateTable('users').set({ active: false }).where('id', '=', u.id).execute();
    assert.equal((await c.get('/api/v1/me')).statusCode, 401);
  });

  test('a user with a one-time password must change it before anything else', async () => {
    const u = await buildUser(t.db, { must_change_password: true });
    const c = t.client();
    await c.get('/login');
    await c.postForm('/login', { username: u.username, password: TEST_PASSWORD });
    const res = await c.get('/dashboard');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/password');
    await c.get('/account/password');
    const changed = await c.postForm('/account/password', {
      current_password: TEST_PASSWORD,
      new_password: 'rajutan-baru-2026',
      confirm_password: 'rajutan-baru-2026',
    });
    assert.equal(changed.statusCode, 303);
    assert.equal((await c.get('/dashboard')).statusCode, 200);
  });

  test('changing the password checks the current one and that both new ones match', async () => {
    const u = await buildUser(t.db);
    const c = await t.signedIn(u.username);
    const wrong = await c.postForm('/account/password', {
      current_password: 'bukan-ini-123',
      new_password: 'baru-sekali-123',
      confirm_password: 'baru-sekali-123',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /data-testid="error-current_password"/);
    const mismatch = await c.postForm('/account/password', {
      current_password: TEST_PASSWORD,
      new_password: 'baru-sekali-123',
      confirm_password: 'baru-sekali-124',
    });
    assert.match(mismatch.body, /Kedua kata sandi baru tidak sama/);
    const short = await c.postForm('/account/password', {
      current_password: TEST_PASSWORD,
      new_password: 'pendek',
      confirm_password: 'pendek',
    });
    assert.match(short.body, /Minimal 10 karakter/);
  });

  test('a personal API token works without cookies and stops working once revoked', async () => {
    const u = await buildUser(t.db);
    const c = await t.signedIn(u.username);
    const created = await c.json('POST', '/api/v1/me/tokens', { name: 'laporan', expires_days: 30 });
    assert.equal(created.statusCode, 201);
    const { id, token } = JSON.parse(created.body) as { id: string; token: string };
    assert.match(token, /^smd_/);
    const api = t.client();
    const me = await api.get('/api/v1/me', { authorization: `Bearer ${token}` });
    assert.equal(me.statusCode, 200);
    assert.equal((JSON.parse(me.body) as { username: string }).username, u.username);
    const stored = await t.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, 'only a hash is stored');
    assert.equal((await c.json('DELETE', `/api/v1/me/tokens/${id}`)).statusCode, 204);
    assert.equal((await api.get('/api/v1/me', { authorization: `Bearer ${token}` })).statusCode, 401);
    assert.equal((await api.get('/api/v1/me', { authorization: 'Bearer smd_nonsense' })).statusCode, 401);
  });

  test('the API refuses a session-cookie write without the CSRF header', async () => {
    const u = await buildUser(t.db);
    const c = await t.signedIn(u.username);
    const res = await c.request('POST', '/api/v1/me/tokens', {
      json: { name: 'x' },
      headers: { 'x-csrf-token': 'wrong' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'auth.csrf');
  });
});
