import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import {
  AUDIT_ENTITIES,
  ERASED,
  PERSONAL,
  presentRecord,
  REDACTED,
  splitPersonal,
} from './audit.personal.ts';

test('every entity the app audits is classified: who may read it and which of its fields are personal', async () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const files = (await readdir(root, { recursive: true })).filter(
    (f) => /\.tsx?$/.test(f) && !f.includes('.test.'),
  );
  const used = new Set<string>();
  for (const f of files) {
    const src = await readFile(path.join(root, f), 'utf8');
    if (!src.includes('recordAudit(')) continue;
    for (const m of src.matchAll(/\bentity: '([a-z_]+)'/g)) if (m[1]) used.add(m[1]);
  }
  assert.ok(used.has('inmate') && used.has('enrolment'), 'the scan sees the real call sites');
  const missing = [...used].filter((e) => !Object.hasOwn(AUDIT_ENTITIES, e));
  assert.deepEqual(missing, [], 'add these to AUDIT_ENTITIES in audit.personal.ts');
});

test("an inmate's record keeps only ids in the chain; a new field is personal unless declared otherwise", () => {
  const { kept, personal } = splitPersonal('inmate', {
    unit_id: 'u-1',
    name: 'Agus Prasetyo',
    risk_level: 'tinggi',
    a_field_added_later: 'x',
  });
  assert.deepEqual(kept, {
    unit_id: 'u-1',
    name: PERSONAL,
    risk_level: PERSONAL,
    a_field_added_later: PERSONAL,
  });
  assert.deepEqual(personal, { name: 'Agus Prasetyo', risk_level: 'tinggi', a_field_added_later: 'x' });
  assert.deepEqual(splitPersonal('unit', { name: 'Rutan' }), { kept: { name: 'Rutan' }, personal: null });
});

test('a viewer who may not read the entity sees personal values redacted, even in records written before the split', () => {
  const legacy = { entity: 'inmate', before: null, after: { unit_id: 'u-1', name: 'Agus' }, personal: null };
  assert.deepEqual(
    presentRecord(legacy, () => false),
    { before: null, after: { unit_id: 'u-1', name: REDACTED }, personal: 'redacted' },
  );
  const split = {
    entity: 'inmate',
    before: null,
    after: { unit_id: 'u-1', name: PERSONAL },
    personal: { before: null, after: { name: 'Agus' }, erased: false },
  };
  assert.deepEqual(presentRecord(split, (p) => p === 'inmates.view').after, { unit_id: 'u-1', name: 'Agus' });
  assert.deepEqual(
    presentRecord({ ...split, personal: { before: null, after: null, erased: true } }, () => true),
    { before: null, after: { unit_id: 'u-1', name: ERASED }, personal: 'erased' },
  );
});
