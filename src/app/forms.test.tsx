// Form and table pieces as a phone user and a screen reader meet them: an optional field says so
// once, and a wide table scrolls in a named region that the keyboard can reach.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { emptyForm, TextField } from './forms.tsx';
import { registerMessages, translator } from './i18n.ts';
import { DataTable, ScrollRegion } from './list.tsx';
import type { ViewCtx } from './view.ts';

// Test-only keys: a label that carries the word itself, as some module texts do.
registerMessages({
  id: { 'test.otherParty': 'Pihak lain (opsional)', 'test.city': 'Kota' },
  en: { 'test.otherParty': 'Other party (optional)', 'test.city': 'City' },
});

function ctxIn(lang: 'id' | 'en'): ViewCtx {
  return {
    lang,
    t: translator(lang),
    user: null,
    csrf: '',
    path: '/',
    flash: null,
    zone: 'Asia/Jakarta',
    can: () => false,
    dateLong: () => '',
    dateTime: () => '',
    time: () => '',
  };
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('form labels and scrolling tables', () => {
  test('an optional field says "(opsional)" once, even when its label already says it', () => {
    for (const lang of ['id', 'en'] as const) {
      const ctx = ctxIn(lang);
      const word = lang === 'id' ? 'opsional' : 'optional';
      const own = renderToString(
        <TextField ctx={ctx} form={emptyForm()} name="other" label={'test.otherParty' as never} optional />,
      );
      assert.equal(text(own).split(`(${word})`).length - 1, 1, own);
      const plain = renderToString(
        <TextField ctx={ctx} form={emptyForm()} name="city" label={'test.city' as never} optional />,
      );
      assert.match(text(plain), new RegExp(`\\(${word}\\)`));
    }
  });

  test('a wide table scrolls inside a named region that takes keyboard focus', () => {
    const ctx = ctxIn('id');
    const html = renderToString(
      <DataTable
        ctx={ctx}
        rows={[1, 2, 3]}
        row={(n) => (
          <tr key={n}>
            <td>{n}</td>
          </tr>
        )}
        heads={['common.status']}
      />,
    );
    assert.match(html, /<section class="table-wrap" tabindex="0" aria-label="Tabel, 3 baris">/);
    const named = renderToString(
      <ScrollRegion labelledby="moves-h">
        <table />
      </ScrollRegion>,
    );
    assert.match(named, /tabindex="0"/);
    assert.match(named, /aria-labelledby="moves-h"/);
    assert.doesNotMatch(named, /aria-label=/);
  });
});
