import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formalKanwilName, formalUnitName } from './pdf.ts';

describe('the letterhead (kop surat)', () => {
  test('spells the regional office and the unit out in full, as the ministry writes them', () => {
    assert.equal(
      formalKanwilName('Kanwil Ditjenpas Jawa Timur'),
      'KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN JAWA TIMUR',
    );
    assert.equal(formalUnitName('Rutan Kelas IIB Magetan'), 'RUMAH TAHANAN NEGARA KELAS IIB MAGETAN');
    assert.equal(formalUnitName('Bapas Kelas II Madiun'), 'BALAI PEMASYARAKATAN KELAS II MADIUN');
  });
});
