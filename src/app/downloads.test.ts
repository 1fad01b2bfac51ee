// Download names in any script reach the browser intact (RFC 6266 / 5987), and the header is always
// valid Latin-1 so Node can send it.
import assert from 'node:assert/strict';
import { validateHeaderValue } from 'node:http';
import { describe, test } from 'node:test';
import { asciiFilename, contentDisposition } from './downloads.ts';

describe('download file names', () => {
  test('a Chinese name goes out as UTF-8 in filename* with an ASCII fallback', () => {
    assert.equal(
      contentDisposition('attachment', '合同.pdf'),
      `attachment; filename="berkas.pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C.pdf`,
    );
  });

  test('Turkish and Indonesian letters keep their base letter in the fallback', () => {
    assert.equal(asciiFilename('Perjanjian Ğ é.pdf'), 'Perjanjian G e.pdf');
    assert.match(
      contentDisposition('attachment', 'Perjanjian Ğ.pdf'),
      /filename\*=UTF-8''Perjanjian%20%C4%9E\.pdf$/,
    );
  });

  test('quotes, backslashes, paths and control characters cannot break the header', () => {
    for (const name of [
      'a"b.pdf',
      'x\\y.pdf',
      '../../etc/passwd',
      'a\r\nSet-Cookie: x=1.pdf',
      '\u0000.pdf',
      '',
    ]) {
      const value = contentDisposition('attachment', name);
      assert.doesNotThrow(() => validateHeaderValue('content-disposition', value), value);
      assert.doesNotMatch(value, /filename="[^"]*"[^;]*"/, value);
      assert.doesNotMatch(value, /[\r\n]|\.\.\//, value);
    }
  });

  test('inline without a name stays plain', () => {
    assert.equal(contentDisposition('inline'), 'inline');
  });
});
