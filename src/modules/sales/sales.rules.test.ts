import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bookTotals, reversalLines, rupiahInWords, saleTotal, terbilang } from './sales.rules.ts';

describe('terbilang: the amount of a kuitansi in Indonesian words', () => {
  test('small numbers, the teens and the tens', () => {
    assert.equal(terbilang(0), 'nol');
    assert.equal(terbilang(1), 'satu');
    assert.equal(terbilang(10), 'sepuluh');
    assert.equal(terbilang(11), 'sebelas');
    assert.equal(terbilang(12), 'dua belas');
    assert.equal(terbilang(19), 'sembilan belas');
    assert.equal(terbilang(20), 'dua puluh');
    assert.equal(terbilang(99), 'sembilan puluh sembilan');
  });

  test('one hundred and one thousand are "seratus" and "seribu"', () => {
    assert.equal(terbilang(100), 'seratus');
    assert.equal(terbilang(101), 'seratus satu');
    assert.equal(terbilang(115), 'seratus lima belas');
    assert.equal(terbilang(250), 'dua ratus lima puluh');
    assert.equal(terbilang(1000), 'seribu');
    assert.equal(terbilang(1001), 'seribu satu');
    assert.equal(terbilang(1100), 'seribu seratus');
    assert.equal(terbilang(2000), 'dua ribu');
    assert.equal(terbilang(11_000), 'sebelas ribu');
    assert.equal(terbilang(100_000), 'seratus ribu');
    assert.equal(terbilang(101_000), 'seratus satu ribu');
  });

  test('millions and beyond skip empty groups', () => {
    assert.equal(terbilang(1_250_000), 'satu juta dua ratus lima puluh ribu');
    assert.equal(terbilang(1_001_000), 'satu juta seribu');
    assert.equal(terbilang(2_000_015), 'dua juta lima belas');
    assert.equal(terbilang(1_000_000_000), 'satu miliar');
    assert.equal(terbilang(7_500_000_000_000), 'tujuh triliun lima ratus miliar');
    assert.equal(terbilang(1_000_001_000_000), 'satu triliun satu juta');
  });

  test('a negative amount (a reversal) reads "minus"; fractions are refused', () => {
    assert.equal(terbilang(-25_000), 'minus dua puluh lima ribu');
    assert.throws(() => terbilang(1.5), RangeError);
  });

  test('the receipt line ends in "rupiah"', () => {
    assert.equal(rupiahInWords(1_250_000), 'satu juta dua ratus lima puluh ribu rupiah');
    assert.equal(rupiahInWords(15_000), 'lima belas ribu rupiah');
  });
});

describe('sale totals and reversals', () => {
  test('the total is the sum of qty x unit price', () => {
    assert.equal(
      saleTotal([
        { qty: 2, unitPrice: 25_000 },
        { qty: 3, unitPrice: 10_000 },
      ]),
      80_000,
    );
  });

  test('a reversal negates the quantities and so the amounts', () => {
    const r = reversalLines([{ qty: 2, unitPrice: 25_000, productId: 'p' }]);
    assert.deepEqual(r, [{ qty: -2, unitPrice: 25_000, productId: 'p' }]);
    assert.equal(saleTotal(r), -50_000);
  });

  test('the book nets a cancelled sale with its reversal to zero', () => {
    const t = bookTotals([
      { status: 'completed', payment_method: 'tunai', total: 50_000 },
      { status: 'cancelled', payment_method: 'qris', total: 80_000 },
      { status: 'reversal', payment_method: 'qris', total: -80_000 },
    ]);
    assert.deepEqual(t, {
      receipts: 2,
      gross: 130_000,
      reversed: -80_000,
      net: 50_000,
      byMethod: { tunai: 50_000, transfer: 0, qris: 0 },
    });
  });
});
