// Reads the quality-check pages' forms (one field per maker and product, per line and reject row)
// into the service's input. Pure, so a malformed row's message lands on its own field.
import { type FieldError, invalid } from '../../app/errors.ts';
import type { RejectReason } from '../../db/schema.ts';
import type { CheckLineInput, RejectInput } from './quality.rules.ts';
import { REJECT_REASONS } from './quality.rules.ts';
import type { BatchLineInput } from './quality.service.ts';
import { REJECT_ROWS } from './quality.views.tsx';

type Values = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const wholeOrNull = (s: string) => (/^\d{1,7}$/.test(s) ? Number(s) : null);

/** `qty.<enrolment id>.<product id>` fields as batch lines (0 kept: the service leaves it out). */
export function batchLinesFromForm(v: Values): BatchLineInput[] {
  const lines: BatchLineInput[] = [];
  const errors: FieldError[] = [];
  for (const [k, raw] of Object.entries(v)) {
    const m = /^qty\.([0-9a-f-]{36})\.([0-9a-f-]{36})$/i.exec(k);
    if (!m?.[1] || !m[2]) continue;
    const s = text(raw);
    if (s === '') continue;
    const qty = wholeOrNull(s);
    if (qty === null) errors.push({ field: k, key: 'stock.badQuantity' });
    else lines.push({ enrolmentId: m[1], productId: m[2], qty });
  }
  if (errors.length) throw invalid([{ field: 'lines', key: 'stock.badQuantity' }, ...errors]);
  return lines;
}

/** The check form's fields for the batch's lines as the service's check lines. */
export function checkLinesFromForm(v: Values, lineIds: readonly string[]): CheckLineInput[] {
  const out: CheckLineInput[] = [];
  const errors: FieldError[] = [];
  for (const id of lineIds) {
    const passedText = text(v[`passed.${id}`]);
    if (passedText === '') continue; // the service names the missing line
    const passed = wholeOrNull(passedText);
    if (passed === null) {
      errors.push({ field: `passed.${id}`, key: 'stock.badQuantity' });
      continue;
    }
    const rejects: RejectInput[] = [];
    for (let i = 0; i < REJECT_ROWS; i++) {
      const k = `${id}.${i}`;
      const q = text(v[`rq.${k}`]);
      const reason = text(v[`rr.${k}`]);
      const rw = text(v[`rw.${k}`]);
      const note = text(v[`rn.${k}`]);
      if ((q === '' || q === '0') && !reason && !rw) continue;
      const qty = wholeOrNull(q);
      if (qty === null || qty === 0) {
        errors.push({ field: `rq.${k}`, key: q === '' ? 'err.required' : 'stock.badQuantity' });
        continue;
      }
      if (!REJECT_REASONS.includes(reason as RejectReason)) {
        errors.push({ field: `rr.${k}`, key: reason ? 'err.enum' : 'err.required' });
        continue;
      }
      if (rw !== 'yes' && rw !== 'no') {
        errors.push({ field: `rw.${k}`, key: 'err.required' });
        continue;
      }
      rejects.push({ qty, reason: reason as RejectReason, reworkable: rw === 'yes', note: note || null });
    }
    out.push({ lineId: id, passed, rejects });
  }
  if (errors.length) throw invalid(errors);
  return out;
}
