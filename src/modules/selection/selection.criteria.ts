// The criteria an intake scores its candidates on: the defaults, and the rules a set of criteria
// must keep. Pure functions, no I/O.
import { type FieldError, invalid } from '../../app/errors.ts';
import type { Criterion } from '../../db/schema.ts';

export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { key: 'minat', label: 'Minat', max: 5 },
  { key: 'bakat', label: 'Bakat', max: 5 },
  { key: 'pengalaman', label: 'Pengalaman', max: 5 },
  { key: 'perilaku', label: 'Perilaku', max: 5 },
  { key: 'kesehatan', label: 'Kesehatan', max: 5 },
];

/** A criterion's key from its label: "Ketelitian kerja" → "ketelitian_kerja". */
export function criterionKey(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
}

/** Every criterion needs a label, a maximum from 1 to 100 and a key of its own; errors per row. */
export function checkCriteria(criteria: readonly Criterion[]): Criterion[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, c] of criteria.entries()) {
    const label = c.label.trim();
    if (!label || !/^[a-z_]{2,30}$/.test(c.key))
      errors.push({ field: `criteria.${i}.label`, key: 'selection.criterionLabel' });
    else if (seen.has(c.key))
      errors.push({ field: `criteria.${i}.label`, key: 'selection.criterionDuplicate', params: { label } });
    if (!Number.isInteger(c.max) || c.max < 1 || c.max > 100)
      errors.push({ field: `criteria.${i}.max`, key: 'selection.criterionMax' });
    seen.add(c.key);
  }
  if (criteria.length > 12) errors.push({ field: 'criteria', key: 'selection.criteriaTooMany' });
  if (errors.length) throw invalid(errors);
  return criteria.map((c) => ({ key: c.key, label: c.label.trim(), max: c.max }));
}
