// COPY helpers of the synthetic-data generators: rows streamed into a table in COPY's text format.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value in COPY's text format: \N for null, backslash escapes, arrays as {"a","b"}. */
export function cell(v: string | number | boolean | null | string[] | number[]): string {
  if (v === null) return '\\N';
  if (Array.isArray(v))
    return `{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`.replace(/\\/g, '\\\\');
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export type Cell = Parameters<typeof cell>[0];

/** Streams rows into a table with COPY, in chunks of text so memory stays flat. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
  onChunk?: (n: number) => void,
): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    let buf: string[] = [];
    for (const row of rows) {
      buf.push(`${row.map(cell).join('\t')}\n`);
      count++;
      if (buf.length >= 5000) {
        yield buf.join('');
        buf = [];
        onChunk?.(count);
      }
    }
    if (buf.length) yield buf.join('');
    onChunk?.(count);
  }
  const sink = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(chunks()), sink);
  return count;
}
