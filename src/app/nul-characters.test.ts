// PostgreSQL cannot store a NUL character in text: a field holding one is refused by validation with
// a message on that field (400), before any write could fail with a 500 (found by error-bodies.test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestApp } from '../../test/app.ts';
import { buildInmate, buildUnit, buildUser } from '../../test/builders.ts';

test('a NUL character in a text field is a 400 on that field, and nothing is written', async () => {
  const t = await startTestApp();
  try {
    const u = await buildUnit(t.db);
    const i = await buildInmate(t.db, { unit_id: u.id });
    const c = await t.signedIn((await buildUser(t.db, { roles: ['petugas'], unit_id: u.id })).username);
    const base = { entry_date: '2026-11-02', violation: 'Berkelahi di blok', sanction: 'Teguran tertulis' };
    for (const field of ['violation', 'sanction']) {
      const res = await c.json('POST', `/api/v1/inmates/${i.id}/register-f`, {
        ...base,
        [field]: 'a\u0000b',
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, new RegExp(`"field":"${field}"`));
      assert.match(res.body, /karakter kendali/);
    }
    const rows = await t.db
      .selectFrom('register_f_entries')
      .select('id')
      .where('inmate_id', '=', i.id)
      .execute();
    assert.equal(rows.length, 0);
    const ok = await c.json('POST', `/api/v1/inmates/${i.id}/register-f`, base);
    assert.ok(ok.statusCode < 300, ok.body);
  } finally {
    await t.close();
  }
});
