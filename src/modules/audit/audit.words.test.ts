// Events in words (issue 13): every action code the code base records has a label in Indonesian
// and English, and so has every action in the demo's log; pages never fall back to the code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { translator } from '../../app/i18n.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { ENROLMENT_STATUSES } from '../enrolments/enrolments.schema.ts';
import { EXPIRY_CHANGE_KINDS, STATUS_CHANGES } from '../inmates/inmates.rules.ts';
import { en, id } from './audit.messages.ts';
import { actionLabel, entityLabel } from './audit.words.ts';

const SRC = path.resolve(import.meta.dirname, '../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !/\.(test|e2e)\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** The codes an action written as a template can take. */
const TEMPLATES: Record<string, readonly string[]> = {
  'enrolments.': ENROLMENT_STATUSES,
  'agreements.': ['sign', 'activate', 'expire', 'terminate'],
  'inmates.': Object.keys(STATUS_CHANGES),
  'inmates.expiry_': EXPIRY_CHANGE_KINDS,
  'inmates.import_absent_': ['release', 'transfer'],
};

/** Action codes written by the code: literals, both sides of a conditional, and the two templates. */
function recordedActions(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(SRC)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/\baction: /.test(line)) continue;
      for (const m of line.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) if (m[1]) codes.add(m[1]);
      for (const m of line.matchAll(/`([a-z_.]+)\$\{/g)) {
        const prefix = m[1] ?? '';
        const tails = TEMPLATES[prefix];
        assert.ok(tails, `${path.relative(SRC, file)}: list the codes of \`${prefix}\${...}\` in TEMPLATES`);
        for (const tail of tails) codes.add(`${prefix}${tail}`);
      }
    }
  }
  return codes;
}

const keys = new Set(Object.keys(id));

describe('audit events in words', () => {
  test('every action code recorded anywhere in src has a label in Indonesian and English', () => {
    const codes = recordedActions();
    assert.ok(codes.has('auth.signin') && codes.size > 80, `found ${codes.size} codes`);
    const missing = [...codes].filter((c) => !keys.has(`audit.do.${c}`));
    assert.deepEqual(missing, [], 'add a label per code to audit.messages.ts');
    for (const c of codes) {
      const key = `audit.do.${c}` as keyof typeof id;
      assert.ok(id[key] && en[key] && id[key] !== en[key] && !id[key].includes(c), c);
    }
  });

  test('an unknown code reads as words, never as the code', () => {
    assert.equal(actionLabel(translator('id'), 'auth.signin'), 'Masuk ke Simandiri');
    assert.equal(actionLabel(translator('en'), 'auth.signin'), 'Signed in to Simandiri');
    assert.equal(actionLabel(translator('id'), 'nothing.known'), 'Tindakan lain yang tercatat');
    assert.equal(entityLabel(translator('id'), 'inmate'), 'Warga binaan');
    assert.equal(entityLabel(translator('en'), 'no_such'), 'Other record');
  });
});

describe('the demo log in words', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({}, { demo: true });
  });
  after(() => t.close());

  test("every action and record kind in the demo's log has a label", async () => {
    const rows = await t.db.selectFrom('audit_log').select(['action', 'entity']).distinct().execute();
    assert.ok(rows.length > 10);
    assert.deepEqual(
      rows.filter((r) => !keys.has(`audit.do.${r.action}`)).map((r) => r.action),
      [],
      'actions without a label',
    );
    assert.deepEqual(
      [...new Set(rows.filter((r) => !keys.has(`audit.what.${r.entity}`)).map((r) => r.entity))],
      [],
      'record kinds without a label',
    );
  });

  test('the audit page shows the Kepala each action in words, never its code', async () => {
    const c = await t.signedIn('ari.rahmanto', DEMO_PASSWORD);
    const page = await c.get('/admin/audit');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Masuk ke Simandiri/);
    assert.doesNotMatch(page.body, /<code>/);
    const text = page.body.replace(/<[^>]*>/g, ' ');
    assert.doesNotMatch(text, /\b(auth\.signin|inmates\.create|attendance\.save)\b/);
  });
});
