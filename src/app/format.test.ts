import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  compareNames,
  dateTimeFormat,
  dayInZone,
  formatDateLong,
  formatDateShort,
  formatDateTime,
  formatDay,
  formatDayShort,
  formatMonth,
  formatRupiah,
  formatTime,
  numberFormat,
} from './format.ts';

describe('Indonesian formats', () => {
  test('the first knitting session reads "Rabu, 21 Januari 2026"', () => {
    assert.equal(formatDay('2026-01-21'), 'Rabu, 21 Januari 2026');
    assert.equal(formatDay('2026-01-21', 'en'), 'Wednesday, 21 January 2026');
  });

  test('an instant is shown on the day and hour of the unit, with its zone', () => {
    const at = new Date('2026-01-21T02:00:00Z');
    assert.equal(formatDateLong(at, 'Asia/Jakarta'), 'Rabu, 21 Januari 2026');
    assert.equal(formatTime(at, 'Asia/Jakarta'), '09.00 WIB');
    assert.equal(formatTime(at, 'Asia/Makassar'), '10.00 WITA');
    assert.equal(formatTime(at, 'Asia/Jayapura'), '11.00 WIT');
    assert.equal(formatDateTime(at, 'Asia/Jakarta'), '21/01/2026 09.00 WIB');
  });

  test('in tables a date is written dd/mm/yyyy, on the day of the unit', () => {
    assert.equal(formatDayShort('2026-01-21'), '21/01/2026');
    assert.equal(formatDateShort(new Date('2026-01-20T16:30:00Z'), 'Asia/Jakarta'), '20/01/2026');
    assert.equal(formatDateShort(new Date('2026-01-20T16:30:00Z'), 'Asia/Jayapura'), '21/01/2026');
  });

  test('late evening UTC is already the next day in Papua', () => {
    const at = new Date('2026-01-20T16:30:00Z');
    assert.equal(dayInZone(at, 'Asia/Jakarta'), '2026-01-20');
    assert.equal(dayInZone(at, 'Asia/Jayapura'), '2026-01-21');
  });

  test("the day in a zone agrees with Intl around each zone's midnight all year", () => {
    const zones = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 60_000) {
      const at = new Date(t);
      for (const zone of zones) {
        const intl = new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(at);
        assert.equal(dayInZone(at, zone), intl, `${at.toISOString()} ${zone}`);
      }
    }
  });

  test('rupiah has a dot for thousands and no decimals', () => {
    assert.equal(formatRupiah(1_250_000), 'Rp 1.250.000');
    assert.equal(formatRupiah(0), 'Rp 0');
    assert.equal(formatRupiah(-5000), '-Rp 5.000');
  });
});

describe('formatters are made once', () => {
  test('a month reads "Maret 2026" / "March 2026"; names sort the Indonesian way', () => {
    assert.equal(formatMonth('2026-03'), 'Maret 2026');
    assert.equal(formatMonth('2026-03', 'en'), 'March 2026');
    assert.deepEqual(['Zainal', 'ahmad', 'Budi'].sort(compareNames), ['ahmad', 'Budi', 'Zainal']);
  });

  test('the same options give the same formatter object, made once', () => {
    const opts = { month: 'short', year: '2-digit', timeZone: 'UTC' } as const;
    assert.equal(dateTimeFormat('id-ID', opts), dateTimeFormat('id-ID', { ...opts }));
    assert.notEqual(dateTimeFormat('id-ID', opts), dateTimeFormat('en-GB', opts));
    assert.equal(numberFormat('id-ID'), numberFormat('id-ID', {}));
  });

  // A formatter or a collator built per call was a few percent of the CPU of a busy page (#15):
  // new ones are made through format.ts, which keeps them; the files listed keep their own.
  test('no code outside format.ts makes an Intl formatter on each call', () => {
    const own = new Set([
      'src/app/format.ts',
      'src/modules/rollups/rollups.words.ts', // keeps one per language and unit in a Map
      'src/modules/demo/demo.monev.ts', // one, at module level
    ]);
    const root = path.resolve(import.meta.dirname, '../..');
    const offenders: string[] = [];
    for (const e of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/\.tsx?$/.test(e.name) || /\.test\.tsx?$/.test(e.name)) continue;
      const file = path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      const text = readFileSync(path.join(root, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        const perCall = /new Intl\./.test(line) && !own.has(file);
        const collatorPerCall = /\.localeCompare\([^)]*,\s*'/.test(line) && !file.includes('/demo/');
        if (perCall || collatorPerCall) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(offenders, []);
  });
});
