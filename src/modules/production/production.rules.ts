// The rules of the production log, without I/O: whole counts, who and what may be recorded on a
// day, the material used by default (the bill of materials times the items finished), and what a
// batch changes — which entries are new, changed or the same, and the differences the stock
// ledgers receive (a count lowered posts a negative movement).
import type { FieldError } from '../../app/errors.ts';
import type { MessageKey } from '../../app/i18n.ts';

/** A count of whole items or whole units of a material: an integer, zero or more. */
export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * A form's answer as a count: undefined when left empty, NaN when not a whole number of zero or
 * more (so the rule reports it on its field), else the number. Accepts "12" and " 12 ", not "1,5".
 */
export function parseCount(s: unknown): number | undefined {
  if (s === undefined || s === null) return undefined;
  const t = String(s).trim();
  if (t === '') return undefined;
  return /^\d{1,9}$/.test(t) ? Number(t) : Number.NaN;
}

/** Form fields and API error fields: `finished.<enrolment>.<product>`, `material.<e>.<p>.<material>`. */
export const fieldOf = {
  finished: (e: string, p: string) => `finished.${e}.${p}`,
  inProgress: (e: string, p: string) => `in_progress.${e}.${p}`,
  material: (e: string, p: string, m: string) => `material.${e}.${p}.${m}`,
};

/** Why a day's log cannot be recorded now, or null: a cancelled session, a day still to come. */
export function dayRefusal(s: { day: string; cancelled: boolean }, today: string): MessageKey | null {
  if (s.cancelled) return 'production.cancelled';
  if (s.day > today) return 'production.future';
  return null;
}

export interface BomLine {
  material_id: string;
  qty_per_item: number;
}

/** Material used by default: each material of the bill of materials times the items finished. */
export function defaultMaterials(bom: readonly BomLine[], finished: number): Map<string, number> {
  return new Map(bom.map((b) => [b.material_id, b.qty_per_item * finished]));
}

export interface EntryInput {
  enrolment_id: string;
  product_id: string;
  finished: number;
  in_progress?: number | undefined;
  /** Only those the user changed; the others follow the bill of materials. */
  materials?: ReadonlyArray<{ material_id: string; qty: number }> | undefined;
}

/** Why the day does not offer a participant (attendance's rule), or null when it does. */
export type Standing = 'not_enrolled' | 'past_expiry' | 'outside_period' | null;

export interface Stored {
  id: string;
  finished: number;
  in_progress: number;
  materials: ReadonlyMap<string, number>;
}

export interface PlannedEntry {
  enrolment_id: string;
  product_id: string;
  finished: number;
  in_progress: number;
  materials: Map<string, number>;
  /** The stored entry this changes, if any. */
  stored: Stored | undefined;
  /** What the stock ledgers receive: the change of items finished and of each material used. */
  dFinished: number;
  dMaterials: Array<{ material_id: string; qty: number }>;
}

export interface Plan {
  writes: PlannedEntry[];
  created: number;
  updated: number;
  unchanged: number;
}

const NOT_OFFERED: Record<Exclude<Standing, null>, MessageKey> = {
  not_enrolled: 'production.notOnRoster',
  past_expiry: 'production.pastExpiry',
  outside_period: 'production.outsidePeriod',
};

export const entryKey = (e: string, p: string) => `${e}|${p}`;

const sameMaterials = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => {
  for (const k of new Set([...a.keys(), ...b.keys()])) if ((a.get(k) ?? 0) !== (b.get(k) ?? 0)) return false;
  return true;
};

/**
 * What a batch of entries does to a day's log, or the errors (one per field, nothing written):
 * - counts are whole numbers of zero or more;
 * - the participant is on the day's roster (the roll call's rule; someone the day no longer offers
 *   may only be sent back unchanged), and the product is one the programme makes;
 * - a material changed by hand must be in the product's bill of materials; the others follow it
 *   (bill x finished) when the count changes, and stay as stored when it does not;
 * - an entry equal to what is stored (or an empty new one) is unchanged and posts nothing.
 * The last entry for the same participant and product wins.
 */
export function planBatch(input: {
  entries: readonly EntryInput[];
  roster: ReadonlyMap<string, Standing>;
  products: ReadonlyMap<string, { bom: readonly BomLine[] }>;
  stored: ReadonlyMap<string, Stored>;
}): { errors: FieldError[] } | { errors: null; plan: Plan } {
  const wanted = new Map<string, EntryInput>();
  for (const e of input.entries) wanted.set(entryKey(e.enrolment_id, e.product_id), e);
  const errors: FieldError[] = [];
  const plan: Plan = { writes: [], created: 0, updated: 0, unchanged: 0 };
  for (const e of wanted.values()) {
    const en = e.enrolment_id;
    const pr = e.product_id;
    const before = errors.length;
    if (!isCount(e.finished)) errors.push({ field: fieldOf.finished(en, pr), key: 'production.wholeNumber' });
    if (e.in_progress !== undefined && !isCount(e.in_progress))
      errors.push({ field: fieldOf.inProgress(en, pr), key: 'production.wholeNumber' });
    const product = input.products.get(pr);
    if (!product) errors.push({ field: fieldOf.finished(en, pr), key: 'production.productNotMade' });
    const explicit = new Map<string, number>();
    for (const m of e.materials ?? []) {
      const field = fieldOf.material(en, pr, m.material_id);
      if (!isCount(m.qty)) errors.push({ field, key: 'production.wholeNumber' });
      else if (product && !product.bom.some((b) => b.material_id === m.material_id))
        errors.push({ field, key: 'production.materialNotInBom' });
      else explicit.set(m.material_id, m.qty);
    }
    const standing = input.roster.get(en);
    if (standing === undefined)
      errors.push({ field: fieldOf.finished(en, pr), key: 'production.notOnRoster' });
    if (errors.length > before || !product || standing === undefined) continue;

    const stored = input.stored.get(entryKey(en, pr));
    const inProgress = e.in_progress ?? 0;
    // The bill of materials follows the count; a count left as it was keeps the materials stored.
    const keep = stored !== undefined && stored.finished === e.finished;
    const materials = keep ? new Map(stored.materials) : defaultMaterials(product.bom, e.finished);
    if (keep) for (const b of product.bom) if (!materials.has(b.material_id)) materials.set(b.material_id, 0);
    for (const [m, q] of explicit) materials.set(m, q);
    for (const [m, q] of materials) if (q === 0) materials.delete(m);

    const same = stored
      ? stored.finished === e.finished &&
        stored.in_progress === inProgress &&
        sameMaterials(stored.materials, materials)
      : e.finished === 0 && inProgress === 0 && materials.size === 0;
    if (same) {
      plan.unchanged++;
      continue;
    }
    // Someone the day no longer offers (no place on the day, past their tanggal ekspirasi, outside
    // an internship period) keeps what was recorded, but nothing new is taken for them.
    if (standing !== null) {
      errors.push({ field: fieldOf.finished(en, pr), key: NOT_OFFERED[standing] });
      continue;
    }
    const dMaterials: Array<{ material_id: string; qty: number }> = [];
    const old = stored?.materials ?? new Map<string, number>();
    for (const m of new Set([...old.keys(), ...materials.keys()])) {
      const d = (materials.get(m) ?? 0) - (old.get(m) ?? 0);
      if (d !== 0) dMaterials.push({ material_id: m, qty: d });
    }
    plan.writes.push({
      enrolment_id: en,
      product_id: pr,
      finished: e.finished,
      in_progress: inProgress,
      materials,
      stored,
      dFinished: e.finished - (stored?.finished ?? 0),
      dMaterials,
    });
    if (stored) plan.updated++;
    else plan.created++;
  }
  return errors.length ? { errors } : { errors: null, plan };
}
