import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DUMMY_HASH, hashPassword, oneTimePassword, verifyPassword } from './password.ts';

test('a password verifies against its own hash and no other', async () => {
  const h = await hashPassword('rajut setiap rabu');
  assert.match(h, /^scrypt\$/);
  assert.equal(await verifyPassword('rajut setiap rabu', h), true);
  assert.equal(await verifyPassword('rajut setiap kamis', h), false);
  assert.notEqual(await hashPassword('rajut setiap rabu'), h, 'salted');
});

test('the dummy hash and malformed hashes never verify', async () => {
  assert.equal(await verifyPassword('', DUMMY_HASH), false);
  assert.equal(await verifyPassword('x', 'plain'), false);
});

test('one-time passwords are long enough and avoid look-alike characters', () => {
  const p = oneTimePassword();
  assert.ok(p.length >= 14);
  assert.doesNotMatch(p, /[01lO]/);
});
