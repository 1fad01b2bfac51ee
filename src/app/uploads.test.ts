import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from './errors.ts';
import { fieldOf, oneUpload, uploadsOf } from './uploads.ts';

const file = (filename: string, text = filename) => ({ filename, toBuffer: async () => Buffer.from(text) });

describe('multipart uploads', () => {
  test('one file, several files of one field, and an empty input', async () => {
    assert.deepEqual(await uploadsOf({ photo: file('a.png') }, 'photo'), [
      { filename: 'a.png', content: Buffer.from('a.png') },
    ]);
    assert.equal((await uploadsOf({ photo: [file('a.png'), file('b.png')] }, 'photo')).length, 2);
    assert.deepEqual(await uploadsOf({ photo: file('') }, 'photo'), []);
    assert.deepEqual(await uploadsOf(undefined, 'photo'), []);
  });

  test('a single-file form refuses none and more than one with the field error it names', async () => {
    assert.equal((await oneUpload({ file: file('pks.pdf') }, 'file', 'docs.missing')).filename, 'pks.pdf');
    for (const body of [{}, { file: [file('a.pdf'), file('b.pdf')] }, { file: 'teks' }]) {
      await assert.rejects(oneUpload(body, 'file', 'docs.missing'), (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.status, 400);
        return true;
      });
    }
  });

  test('text fields arrive as { value } in multipart and as strings otherwise', () => {
    assert.equal(fieldOf({ kind: { value: 'photo' } }, 'kind'), 'photo');
    assert.equal(fieldOf({ kind: 'photo' }, 'kind'), 'photo');
    assert.equal(fieldOf({ kind: file('x') }, 'kind'), undefined);
  });
});
