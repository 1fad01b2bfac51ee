import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  dayRefusal,
  defaultMaterials,
  type EntryInput,
  entryKey,
  isCount,
  parseCount,
  planBatch,
  type Standing,
  type Stored,
} from './production.rules.ts';

const BAG = 'p-bag';
const RING = 'p-ring';
const YARN = 'm-yarn';
const LABEL = 'm-label';
const products = new Map([
  [
    BAG,
    {
      bom: [
        { material_id: YARN, qty_per_item: 3 },
        { material_id: LABEL, qty_per_item: 1 },
      ],
    },
  ],
  [RING, { bom: [] }],
]);
const roster = new Map<string, Standing>([
  ['ani', null],
  ['budi', null],
  ['gone', 'not_enrolled'],
  ['expired', 'past_expiry'],
]);

const plan = (entries: EntryInput[], stored: Map<string, Stored> = new Map()) =>
  planBatch({ entries, roster, products, stored });

const ok = (r: ReturnType<typeof plan>) => {
  if (r.errors) assert.fail(`unexpected errors ${JSON.stringify(r.errors)}`);
  return r.plan;
};

describe('production log rules', () => {
  test('items are counted in whole numbers of zero or more', () => {
    assert.equal(isCount(0), true);
    assert.equal(isCount(12), true);
    assert.equal(isCount(1.5), false);
    assert.equal(isCount(-1), false);
    assert.equal(isCount(Number.NaN), false);
    assert.equal(isCount('3'), false);
    assert.equal(parseCount(''), undefined);
    assert.equal(parseCount(' 7 '), 7);
    assert.ok(Number.isNaN(parseCount('1,5')));
    assert.ok(Number.isNaN(parseCount('-2')));
    assert.ok(Number.isNaN(parseCount('2.0')));
  });

  test('a cancelled session or a day still to come takes no production', () => {
    assert.equal(dayRefusal({ day: '2026-03-04', cancelled: true }, '2026-03-04'), 'production.cancelled');
    assert.equal(dayRefusal({ day: '2026-03-05', cancelled: false }, '2026-03-04'), 'production.future');
    assert.equal(dayRefusal({ day: '2026-03-04', cancelled: false }, '2026-03-04'), null);
    assert.equal(dayRefusal({ day: '2026-02-20', cancelled: false }, '2026-03-04'), null);
  });

  test('material used by default is the bill of materials times the items finished', () => {
    const bom = products.get(BAG)?.bom ?? [];
    assert.deepEqual(
      [...defaultMaterials(bom, 4)],
      [
        [YARN, 12],
        [LABEL, 4],
      ],
    );
  });

  test('fractional and negative counts are refused per field, and nothing is planned', () => {
    const r = plan([
      { enrolment_id: 'ani', product_id: BAG, finished: 1.5 },
      { enrolment_id: 'budi', product_id: BAG, finished: 2, in_progress: -1 },
      { enrolment_id: 'budi', product_id: RING, finished: 1, materials: [{ material_id: YARN, qty: 2 }] },
    ]);
    assert.deepEqual(r.errors, [
      { field: `finished.ani.${BAG}`, key: 'production.wholeNumber' },
      { field: `in_progress.budi.${BAG}`, key: 'production.wholeNumber' },
      { field: `material.budi.${RING}.${YARN}`, key: 'production.materialNotInBom' },
    ]);
  });

  test('a participant not on the roster, or a product the programme does not make, is refused', () => {
    const r = plan([
      { enrolment_id: 'stranger', product_id: BAG, finished: 1 },
      { enrolment_id: 'ani', product_id: 'p-other', finished: 1 },
      { enrolment_id: 'gone', product_id: RING, finished: 2 },
      { enrolment_id: 'expired', product_id: RING, finished: 2 },
    ]);
    assert.deepEqual(
      r.errors?.map((e) => `${e.field} ${e.key}`),
      [
        `finished.stranger.${BAG} production.notOnRoster`,
        'finished.ani.p-other production.productNotMade',
        `finished.gone.${RING} production.notOnRoster`,
        `finished.expired.${RING} production.pastExpiry`,
      ],
    );
  });

  test('a new entry posts what was finished and the bill of materials; an empty one posts nothing', () => {
    const p = ok(
      plan([
        { enrolment_id: 'ani', product_id: BAG, finished: 2, in_progress: 1 },
        { enrolment_id: 'budi', product_id: BAG, finished: 0 },
        { enrolment_id: 'budi', product_id: RING, finished: 5 },
      ]),
    );
    assert.equal(p.created, 2);
    assert.equal(p.unchanged, 1);
    const bag = p.writes.find((w) => w.enrolment_id === 'ani');
    assert.equal(bag?.dFinished, 2);
    assert.deepEqual(bag?.dMaterials, [
      { material_id: YARN, qty: 6 },
      { material_id: LABEL, qty: 2 },
    ]);
    assert.deepEqual(p.writes.find((w) => w.product_id === RING)?.dMaterials, []);
  });

  test('a lowered count posts the negative difference, materials following the bill', () => {
    const stored = new Map([
      [
        entryKey('ani', BAG),
        {
          id: 'e1',
          finished: 4,
          in_progress: 0,
          materials: new Map([
            [YARN, 12],
            [LABEL, 4],
          ]),
        },
      ],
    ]);
    const p = ok(plan([{ enrolment_id: 'ani', product_id: BAG, finished: 3 }], stored));
    assert.equal(p.updated, 1);
    assert.equal(p.writes[0]?.dFinished, -1);
    assert.deepEqual(p.writes[0]?.dMaterials, [
      { material_id: YARN, qty: -3 },
      { material_id: LABEL, qty: -1 },
    ]);
  });

  test('material changed by hand is kept; an unchanged count keeps the stored materials', () => {
    const stored = new Map([
      [
        entryKey('ani', BAG),
        {
          id: 'e1',
          finished: 2,
          in_progress: 0,
          materials: new Map([
            [YARN, 7],
            [LABEL, 2],
          ]),
        },
      ],
    ]);
    // The same count sent back without materials: nothing changes (the hand-made 7 stays).
    const same = ok(plan([{ enrolment_id: 'ani', product_id: BAG, finished: 2 }], stored));
    assert.equal(same.unchanged, 1);
    assert.equal(same.writes.length, 0);
    // Only the yarn changed by hand: the labels stay.
    const edited = ok(
      plan(
        [{ enrolment_id: 'ani', product_id: BAG, finished: 2, materials: [{ material_id: YARN, qty: 8 }] }],
        stored,
      ),
    );
    assert.deepEqual(edited.writes[0]?.dMaterials, [{ material_id: YARN, qty: 1 }]);
    assert.equal(edited.writes[0]?.dFinished, 0);
  });

  test('someone the day no longer offers keeps what was recorded but takes nothing new', () => {
    const stored = new Map([
      [entryKey('gone', RING), { id: 'e9', finished: 3, in_progress: 0, materials: new Map() }],
    ]);
    const back = ok(plan([{ enrolment_id: 'gone', product_id: RING, finished: 3 }], stored));
    assert.equal(back.unchanged, 1);
    const more = plan([{ enrolment_id: 'gone', product_id: RING, finished: 4 }], stored);
    assert.deepEqual(more.errors, [{ field: `finished.gone.${RING}`, key: 'production.notOnRoster' }]);
  });

  test('the last entry for the same participant and product wins', () => {
    const p = ok(
      plan([
        { enrolment_id: 'ani', product_id: RING, finished: 1 },
        { enrolment_id: 'ani', product_id: RING, finished: 4 },
      ]),
    );
    assert.equal(p.writes.length, 1);
    assert.equal(p.writes[0]?.finished, 4);
  });
});
