// A photo is stored at web size and as a thumbnail with nothing the camera recorded (EXIF, GPS,
// XMP); a file that is not a photo, a damaged one or one too large is refused and nothing is written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { buildUnit, buildUser } from '../../../test/builders.ts';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { AppError } from '../../app/errors.ts';
import { imageBytes, storeImage } from './images.ts';

/** A 2400×1800 photo from a phone held upright (orientation 6), with its GPS position and author. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#3a7' } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'X1' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '7/1 38/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '111/1 20/1 0/1',
      },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Budi Santoso</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .toBuffer();
}

describe('stored photos', () => {
  let tdb: TestDb;
  let unitId: string;
  let fctx: Parameters<typeof storeImage>[0];
  const counts = async () => ({
    files: Number(
      (
        await tdb.db
          .selectFrom('files')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    variants: Number(
      (
        await tdb.db
          .selectFrom('image_variants')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const store = (content: Buffer, filename = 'foto.jpg', maxBytes = 10 * 1024 * 1024) =>
    storeImage(fctx, {
      unitId,
      ownerType: 'gallery_entry',
      ownerId: unitId,
      kind: 'photo',
      upload: { filename, content },
      maxBytes,
      field: 'photo',
    });
  async function refusal(p: Promise<unknown>): Promise<string> {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof AppError, `expected a refusal, got ${String(err)}`);
    assert.equal(err.status, 400);
    assert.equal(err.fields[0]?.field, 'photo');
    return err.fields[0]?.key ?? '';
  }

  before(async () => {
    tdb = await createTestDb();
    unitId = (await buildUnit(tdb.db)).id;
    const user = await buildUser(tdb.db, { roles: ['humas'], unit_id: unitId });
    fctx = { db: tdb.db, who: { actor: { userId: user.id, name: user.username } } };
  });
  after(() => tdb.drop());

  test('the camera’s EXIF, GPS position and XMP are gone; the photo is upright, web size, with a 480-px thumbnail', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    assert.ok(before.exif && before.xmp, 'the test photo carries EXIF and XMP');
    assert.equal(before.orientation, 6);
    assert.ok(original.includes('Exif') && original.includes('PhoneCo') && original.includes('Budi'));

    const id = await store(original, 'IMG_2031.JPG');
    const web = await imageBytes(tdb.db, id, 'web');
    assert.ok(web);
    assert.equal(web.mime, 'image/jpeg');
    const m = await sharp(web.content).metadata();
    assert.equal(m.exif, undefined);
    assert.equal(m.xmp, undefined);
    assert.equal(m.icc, undefined);
    assert.equal(m.orientation, undefined);
    for (const marker of ['Exif', 'GPS', 'PhoneCo', 'Budi', 'xmpmeta', 'http://ns.adobe.com'])
      assert.ok(!web.content.includes(marker), `no ${marker} in the stored bytes`);
    // Orientation 6 (turned 90°): stored upright, so portrait, fitting 1600×1600.
    assert.equal(m.width, 1200);
    assert.equal(m.height, 1600);

    const thumb = await imageBytes(tdb.db, id, 'thumb');
    assert.ok(thumb);
    const tm = await sharp(thumb.content).metadata();
    assert.equal(tm.width, 480);
    assert.equal(tm.exif, undefined);
    assert.ok(!thumb.content.includes('GPS') && !thumb.content.includes('Exif'));
    assert.notEqual(thumb.etag, web.etag);

    const row = await tdb.db
      .selectFrom('files')
      .select(['filename', 'mime', 'size'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.filename, 'IMG_2031.jpg');
    assert.equal(row.size, web.content.length);
    const audit = await tdb.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['files.upload'],
    );
  });

  test('a small PNG with transparency is not enlarged and is flattened on white', async () => {
    const png = await sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const id = await store(png, 'logo.png');
    const web = await imageBytes(tdb.db, id, 'web');
    assert.ok(web);
    const { data, info } = await sharp(web.content).raw().toBuffer({ resolveWithObject: true });
    assert.equal(info.width, 300);
    assert.equal(info.channels, 3);
    assert.ok(
      [...data.subarray(0, 3)].every((c) => c > 250),
      'transparent became white',
    );
    const thumb = await imageBytes(tdb.db, id, 'thumb');
    assert.equal((await sharp(thumb?.content).metadata()).width, 300, 'the thumbnail is not enlarged either');
  });

  test('a text file named .jpg, a damaged JPEG, an oversized file and a huge canvas are refused; nothing is written', async () => {
    const start = await counts();
    assert.equal(
      await refusal(store(Buffer.from('not a photo at all, just text'), 'holiday.jpg')),
      'images.badType',
    );
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
    assert.equal(await refusal(store(pdf, 'scan.pdf')), 'images.badType');
    const good = await phonePhoto();
    assert.equal(await refusal(store(good.subarray(0, 400), 'cut.jpg')), 'images.corrupt');
    assert.equal(await refusal(store(good, 'big.jpg', 1024)), 'docs.tooLarge');
    assert.equal(await refusal(store(Buffer.alloc(0), 'empty.jpg')), 'docs.empty');
    // 10000×8000 = 80 megapixels of one colour: a few kilobytes as PNG, hundreds of MB decoded.
    const bomb = await sharp({ create: { width: 10000, height: 8000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: false });
    assert.equal(await refusal(store(bomb, 'bomb.png')), 'images.tooManyPixels');
    assert.deepEqual(await counts(), start);
  });

  test('a photo stored before thumbnails existed is served at web size for both', async () => {
    const id = await store(await phonePhoto());
    await tdb.db.deleteFrom('image_variants').where('file_id', '=', id).execute();
    const thumb = await imageBytes(tdb.db, id, 'thumb');
    const web = await imageBytes(tdb.db, id, 'web');
    assert.ok(thumb && web);
    assert.ok(thumb.content.equals(web.content));
    assert.equal(thumb.etag, web.etag);
    assert.equal(await imageBytes(tdb.db, '00000000-0000-4000-8000-000000000000', 'web'), null);
  });
});
