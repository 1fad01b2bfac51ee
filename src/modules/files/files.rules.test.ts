import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkUpload, safeFilename } from './files.rules.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb', 'hex');
const ELF = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(64)]);
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from('PE\0\0'),
  Buffer.alloc(64),
]);

describe('uploaded files are judged by their content', () => {
  test('a real PDF, PNG and JPEG are accepted with their true type', async () => {
    assert.deepEqual(await checkUpload(PDF, 'pks.pdf', 1e6), {
      ok: true,
      mime: 'application/pdf',
      ext: 'pdf',
    });
    assert.deepEqual(await checkUpload(PNG, 'foto.png', 1e6), { ok: true, mime: 'image/png', ext: 'png' });
    assert.deepEqual(await checkUpload(JPEG, 'foto.JPG', 1e6), { ok: true, mime: 'image/jpeg', ext: 'jpg' });
  });

  test('an executable named .pdf is refused as a mismatch', async () => {
    const elf = await checkUpload(ELF, 'pks.pdf', 1e6);
    assert.equal(elf.ok, false);
    assert.equal(!elf.ok && elf.key, 'docs.mismatch');
    const exe = await checkUpload(EXE, 'pks.pdf', 1e6);
    assert.equal(!exe.ok && exe.key, 'docs.mismatch');
  });

  test('a PNG named .pdf is a mismatch too; plain text is not a supported type', async () => {
    assert.equal((await checkUpload(PNG, 'pks.pdf', 1e6)).ok, false);
    const txt = await checkUpload(Buffer.from('bukan pdf'), 'pks.pdf', 1e6);
    assert.equal(!txt.ok && txt.key, 'docs.badType');
  });

  test('empty and oversized files are refused with their own message', async () => {
    assert.equal(((await checkUpload(Buffer.alloc(0), 'a.pdf', 10)) as { key: string }).key, 'docs.empty');
    assert.equal(((await checkUpload(PDF, 'a.pdf', 10)) as { key: string }).key, 'docs.tooLarge');
  });

  test('download names keep letters and digits and lose paths and quotes', () => {
    assert.equal(safeFilename('../../etc/"pks" rutan.pdf', 'pdf'), '_pks_ rutan.pdf');
    assert.equal(safeFilename('foto', 'jpg'), 'foto.jpg');
  });
});
