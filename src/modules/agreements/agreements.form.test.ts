import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../app/errors.ts';
import { formToInput, lines, parsePieceRates } from './agreements.form.ts';

test('piece rates are read from "product; unit; rate" lines, with rupiah written the Indonesian way', () => {
  assert.deepEqual(parsePieceRates('Tas rajut; buah; 25.000\n\nDompet rajut | buah | Rp 15000\n'), {
    rates: [
      { product: 'Tas rajut', unit: 'buah', rate: 25000 },
      { product: 'Dompet rajut', unit: 'buah', rate: 15000 },
    ],
    badLine: null,
  });
  assert.equal(parsePieceRates('Tas rajut; buah').badLine, 1);
  assert.equal(parsePieceRates('Gantungan kunci; buah; murah').badLine, 1);
});

test('obligations are one per line; list numbering typed by the user is dropped', () => {
  assert.deepEqual(lines('1. Menyediakan aula\n- Menyeleksi peserta\n\n  Menjaga keamanan  '), [
    'Menyediakan aula',
    'Menyeleksi peserta',
    'Menjaga keamanan',
  ]);
});

test('a bad rate line is reported on the piece-rates field and nothing else', () => {
  assert.throws(
    () => formToInput({ title: 'PKS', valid_from: '2026-01-21', piece_rates: 'Tas' }),
    (e: unknown) => e instanceof AppError && e.fields.length === 1 && e.fields[0]?.field === 'piece_rates',
  );
});

test('parties are taken from the filled fields only', () => {
  const input = formToInput({
    title: 'PKS',
    valid_from: '2026-01-21',
    first_name: 'Rutan Kelas IIB Magetan',
    first_signatory: 'Ari Rahmanto',
    second_name: 'PT. Arta Jayendra Perkasa',
  });
  assert.deepEqual(
    input.parties?.map((p) => [p.role, p.name]),
    [
      ['first', 'Rutan Kelas IIB Magetan'],
      ['second', 'PT. Arta Jayendra Perkasa'],
    ],
  );
});
