// The CV stays on one A4 page even at its longest: the most programmes, competencies and
// certificates the sheet keeps, each with long names and partner names that wrap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cvPdfOf } from './cv.pdf.ts';
import { type CvSheet, MAX_CERTIFICATES, MAX_COMPETENCIES, MAX_PROGRAMMES } from './cv.sheet.ts';

const LONG = 'Pelatihan Keterampilan Merajut Tingkat Lanjut untuk Produksi Mitra';

test('a CV with the most programmes, competencies and certificates it keeps is one page', async () => {
  const sheet: CvSheet = {
    name: 'Siti Aminah Binti Abdullah Rahman',
    facts: [
      ['Nama', 'Siti Aminah Binti Abdullah Rahman'],
      ['Jenis kelamin', 'Perempuan'],
      ['Tanggal lahir', '1 Mei 1990'],
      ['Pendidikan terakhir', 'SMA'],
      ['Keterampilan', 'Menjahit, merajut, membatik, menyulam, memasak, tata boga, tata rias'],
    ],
    programmes: Array.from({ length: MAX_PROGRAMMES }, () => [
      LONG,
      'Pelatihan · Rajut · bersama PT. Arta Jayendra Perkasa',
      '21 September 2026 – 30 Desember 2026',
      'Berakhir karena bebas',
    ]),
    competencies: Array.from({ length: MAX_COMPETENCIES }, (_, i) => [
      `RJT.0${i}`,
      'Membuat pola rajutan dengan tusuk rantai ganda dan tusuk tunggal',
      LONG,
    ]),
    moreCompetencies: 4,
    certificates: Array.from({ length: MAX_CERTIFICATES }, (_, i) => ({
      number: `SERT/RTN-MGT/2026/00${i}`,
      programme: LONG,
      issued: '30 Desember 2026',
      url: 'https://simandiri.ditjenpas.go.id/verify/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd',
    })),
    record: [
      ['Tingkat kehadiran', '92,5% (hadir 37 dari 40 sesi)'],
      ['Barang yang dibuat', '1.234 buah'],
      ['Lolos uji mutu', '1.100 dari 1.200 buah yang diuji'],
    ],
  };
  const pdf = await cvPdfOf(
    sheet,
    {
      kanwilName: 'Kanwil Ditjenpas Jawa Timur',
      unitName: 'Rutan Kelas IIB Magetan',
      unitType: 'rutan',
      address: 'Jl. Karya Dharma No. 1',
      city: 'Magetan',
      phone: '0351-895123',
      email: 'rutan.magetan@kemenkumham.go.id',
    },
    '2 Desember 2026',
  );
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? [];
  assert.equal(pages.length, 1);
});
