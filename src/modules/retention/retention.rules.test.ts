import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutoffOf, namePattern, pseudonymOf } from './retention.rules.ts';

test('the cut-off is the same day the given number of years earlier; 29 February falls to the 28th', () => {
  assert.equal(cutoffOf('2026-12-02', 5), '2021-12-02');
  assert.equal(cutoffOf('2028-02-29', 5), '2023-02-28');
  assert.equal(cutoffOf('2028-02-29', 4), '2024-02-29');
});

test('a pseudonym is stable per person, looks like Anonim-7F3A9C, and does not come from the NIK', () => {
  const id = '4f1c9a2e-1111-4222-8333-944455556666';
  assert.equal(pseudonymOf(id), pseudonymOf(id));
  assert.match(pseudonymOf(id), /^Anonim-[0-9A-F]{6}$/);
  assert.notEqual(pseudonymOf(id), pseudonymOf('4f1c9a2e-1111-4222-8333-944455556667'));
});

test('the name pattern matches the whole name and its parts as words, with special characters escaped', () => {
  const p = namePattern("Siti Aminah binti Ma'ruf (Alm.)");
  assert.ok(p);
  const re = new RegExp(p.replaceAll('\\m', '\\b').replaceAll('\\M', '\\b'), 'gi');
  assert.equal('Sdr. siti AMINAH hadir'.replace(re, 'X'), 'Sdr. X X hadir');
  assert.equal("Siti Aminah binti Ma'ruf (Alm.) datang".replace(re, 'X'), 'X.) datang');
  assert.equal("kiriman Ma'ruf".replace(re, 'X'), 'kiriman X');
  // Words that only contain a part of the name are left alone.
  assert.equal('Sitinjak'.replace(re, 'X'), 'Sitinjak');
  assert.equal(namePattern('  '), null);
});
