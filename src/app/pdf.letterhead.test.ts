import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formalKanwilName, formalUnitName, nipLine } from './pdf.ts';

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

describe('the signature block', () => {
  test("prints a civil servant's NIP grouped as on paper, a dotted line only when there is none", () => {
    assert.equal(nipLine('197605141998031002'), 'NIP. 19760514 199803 1 002');
    assert.equal(nipLine(null), 'NIP. ....................................');
    assert.equal(nipLine(undefined), 'NIP. ....................................');
  });
});
