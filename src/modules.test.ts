import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Dictionary, type MessageKey, registerMessages, translator } from './app/i18n.ts';
import { MODULES } from './modules.ts';

const modulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'modules');
const messageFiles = readdirSync(modulesDir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.messages.ts'));

describe('the module list', () => {
  test('every messages file beside a module is registered, in both languages', async () => {
    const registered = new Set(MODULES.flatMap((m) => m.messages ?? []));
    for (const file of messageFiles) {
      const texts = (await import(path.join(modulesDir, file))) as Dictionary;
      assert.ok(
        [...registered].some((d) => d.id === texts.id),
        `${file} is listed in its module`,
      );
      for (const lang of ['id', 'en'] as const) {
        const t = translator(lang);
        for (const [key, text] of Object.entries(texts[lang])) assert.equal(t(key as MessageKey), text);
      }
    }
  });

  test('a text has one owner: a second module cannot give a key another text', () => {
    assert.throws(
      () => registerMessages({ id: { 'nav.dashboard': 'Lain' }, en: { 'nav.dashboard': 'Other' } }),
      /nav\.dashboard is defined twice/,
    );
  });
});
