// Which photo a gallery card shows and what stands in the way of publishing it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmationProblems, publishProblems, shownPhoto, tidyBlurb } from './gallery.rules.ts';

const base = {
  photo_file_id: null,
  photo_confirmation: null,
  product_photo_file_id: null,
  price: 45000,
  active: true,
};

test("Humas's own photo is shown before the product's; the product's photo is never confirmed as such", () => {
  assert.equal(shownPhoto(base), null);
  assert.deepEqual(shownPhoto({ ...base, product_photo_file_id: 'p' }), {
    source: 'product',
    fileId: 'p',
    confirmed: false,
  });
  assert.deepEqual(
    shownPhoto({ ...base, product_photo_file_id: 'p', photo_file_id: 'g', photo_confirmation: 'consent' }),
    {
      source: 'own',
      fileId: 'g',
      confirmed: true,
    },
  );
});

test('an entry is published only with a price, while active, and with its shown photo confirmed (or no photo)', () => {
  assert.deepEqual(publishProblems(base), []);
  const keys = (v: Parameters<typeof publishProblems>[0]) => publishProblems(v).map((p) => p.key);
  assert.deepEqual(keys({ ...base, price: null }), ['gallery.noPrice']);
  assert.deepEqual(keys({ ...base, price: 0 }), ['gallery.noPrice']);
  assert.deepEqual(keys({ ...base, active: false }), ['gallery.inactive']);
  assert.deepEqual(keys({ ...base, product_photo_file_id: 'p' }), ['gallery.photoUnconfirmed']);
  assert.deepEqual(keys({ ...base, photo_file_id: 'g' }), ['gallery.photoUnconfirmed']);
  assert.deepEqual(keys({ ...base, photo_file_id: 'g', photo_confirmation: 'no_identifiable' }), []);
});

test('consent needs a note; "nobody identifiable" does not', () => {
  assert.deepEqual(confirmationProblems({ confirmation: 'no_identifiable', consentNote: null }), []);
  assert.equal(
    confirmationProblems({ confirmation: 'consent', consentNote: null })[0]?.field,
    'consent_note',
  );
  assert.deepEqual(
    confirmationProblems({ confirmation: 'consent', consentNote: 'Surat persetujuan 3/2' }),
    [],
  );
  assert.equal(
    confirmationProblems({ confirmation: 'consent', consentNote: 'x'.repeat(501) })[0]?.key,
    'gallery.consentNoteTooLong',
  );
});

test('a blurb is trimmed, its line ends made plain, and an empty one is none', () => {
  assert.equal(tidyBlurb('  Tas rajut\r\nbenang katun  '), 'Tas rajut\nbenang katun');
  assert.equal(tidyBlurb('   '), null);
  assert.equal(tidyBlurb(undefined), null);
});
