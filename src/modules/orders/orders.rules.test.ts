import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseWhatsapp, throttled } from './orders.rules.ts';

test('an Indonesian mobile number is written +62… whichever way it was typed', () => {
  assert.equal(normaliseWhatsapp('0812-3456-7890'), '+6281234567890');
  assert.equal(normaliseWhatsapp('62 812 3456 7890'), '+6281234567890');
  assert.equal(normaliseWhatsapp('+62 (812) 3456.789'), '+628123456789');
  assert.equal(normaliseWhatsapp('0812345678'), '+62812345678');
});

test('a number that is not an Indonesian mobile is refused', () => {
  for (const bad of [
    '',
    '12345',
    '0212345678',
    '+1 555 123 4567',
    '08123',
    '081234567',
    '0812345678901234',
    '08x2345678',
    '+62 21 1234567',
  ])
    assert.equal(normaliseWhatsapp(bad), null, bad);
});

test('the sixth post in the window is one too many', () => {
  assert.equal(throttled(5), false);
  assert.equal(throttled(6), true);
});
