// Converts between the programme form (eligibility as plain fields, the existing curriculum as
// rows keeping their ids, new units as lines of text) and the service's input. Pure, so the parsing of "title; target hours" lines is unit-tested.
import type { Static } from 'typebox';
import { invalid } from '../../app/errors.ts';
import type { ProgrammeForm } from './programmes.schema.ts';
import type { CurriculumInput, ProgrammeInput } from './programmes.service.ts';

/**
 * "Rantai dan tusuk tunggal; 12" or "K-02; Rantai dan tusuk tunggal; 12" -> a curriculum unit.
 * Returns the first bad line (1-based) so the form can say which one.
 */
export function parseCurriculum(text: string | undefined): {
  units: CurriculumInput[];
  badLine: number | null;
} {
  const units: CurriculumInput[] = [];
  const rows = (text ?? '').split(/\r?\n/).map((l) => l.trim());
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const parts = row.split(/[;|]/).map((p) => p.trim());
    const [code, title, hours] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
    const n = Number((hours ?? '').replace(/\s*(jam|hours?|j)$/i, '').replace(',', '.'));
    if (parts.length < 2 || parts.length > 3 || !title || !hours || !Number.isInteger(n) || n < 0 || n > 2000)
      return { units, badLine: i + 1 };
    units.push({ ...(code ? { code } : {}), title: title.slice(0, 200), target_hours: n });
  }
  return { units, badLine: null };
}

const list = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/**
 * The existing units as edited in their rows: in the order of their order numbers (ties keep the
 * page's order), without the ones ticked for removal. A row's empty code is no code.
 */
export function existingUnits(v: {
  cu_id?: unknown;
  cu_position?: unknown;
  cu_code?: unknown;
  cu_title?: unknown;
  cu_hours?: unknown;
  cu_remove?: unknown;
}): { units: CurriculumInput[]; badRow: number | null } {
  const ids = list(v.cu_id);
  const [pos, code, title, hours] = [v.cu_position, v.cu_code, v.cu_title, v.cu_hours].map(list) as [
    string[],
    string[],
    string[],
    string[],
  ];
  const remove = new Set(list(v.cu_remove));
  const rows: Array<{ order: number; i: number; unit: CurriculumInput }> = [];
  for (const [i, id] of ids.entries()) {
    if (remove.has(id)) continue;
    const t = (title[i] ?? '').trim();
    const h = Number((hours[i] ?? '').trim());
    const o = Number((pos[i] ?? '').trim() || i + 1);
    if (!t || !Number.isInteger(h) || h < 0 || h > 2000 || !Number.isFinite(o))
      return { units: [], badRow: i + 1 };
    const c = (code[i] ?? '').trim();
    rows.push({ order: o, i, unit: { id, ...(c ? { code: c } : {}), title: t, target_hours: h } });
  }
  rows.sort((a, b) => a.order - b.order || a.i - b.i);
  return { units: rows.map((r) => r.unit), badRow: null };
}

export function formToInput(v: Static<typeof ProgrammeForm>): ProgrammeInput {
  const existing = existingUnits(v);
  if (existing.badRow !== null)
    throw invalid([
      { field: 'cu_title', key: 'programmes.badCurriculumRow', params: { n: existing.badRow } },
    ]);
  const { units, badLine } = parseCurriculum(v.curriculum);
  if (badLine !== null)
    throw invalid([{ field: 'curriculum', key: 'programmes.badCurriculum', params: { n: badLine } }]);
  const {
    cu_id: _id,
    cu_position: _pos,
    cu_code: _code,
    cu_title: _title,
    cu_hours: _hours,
    cu_remove: _remove,
    min_remaining_months,
    no_register_f_months,
    risk_levels,
    gender,
    allow_health_restriction,
    curriculum: _c,
    ...rest
  } = v;
  return {
    ...rest,
    eligibility: {
      ...(min_remaining_months !== undefined ? { min_remaining_months } : {}),
      ...(no_register_f_months !== undefined ? { no_register_f_months } : {}),
      ...(risk_levels?.length ? { risk_levels } : {}),
      ...(gender ? { gender } : {}),
      allow_health_restriction: allow_health_restriction ?? false,
    },
    curriculum: [...existing.units, ...units],
    instructor_ids: v.instructor_ids ?? [],
  };
}

/** The form prefilled from a stored programme, for editing. */
export function formFromProgramme(d: {
  programme: {
    unit_id: string;
    name: string;
    kind: string;
    skill_area: string | null;
    partner_id: string | null;
    agreement_id: string | null;
    location: string | null;
    capacity: number;
    status: string;
    eligibility: ProgrammeInput['eligibility'];
  };
  program_aksi_ids: string[];
  curriculum: ReadonlyArray<{ id: string; code: string | null; title: string; target_hours: number }>;
  instructors: ReadonlyArray<{ id: string }>;
}): Record<string, unknown> {
  const p = d.programme;
  const e = p.eligibility ?? {};
  return {
    unit_id: p.unit_id,
    name: p.name,
    kind: p.kind,
    skill_area: p.skill_area ?? '',
    partner_id: p.partner_id ?? '',
    agreement_id: p.agreement_id ?? '',
    location: p.location ?? '',
    capacity: p.capacity,
    status: p.status,
    program_aksi_ids: d.program_aksi_ids,
    min_remaining_months: e.min_remaining_months ?? '',
    no_register_f_months: e.no_register_f_months ?? '',
    risk_levels: e.risk_levels ?? [],
    gender: e.gender ?? '',
    allow_health_restriction: e.allow_health_restriction ? 'true' : '',
    instructor_ids: d.instructors.map((u) => u.id),
    cu_id: d.curriculum.map((c) => c.id),
    cu_position: d.curriculum.map((_, i) => String(i + 1)),
    cu_code: d.curriculum.map((c) => c.code ?? ''),
    cu_title: d.curriculum.map((c) => c.title),
    cu_hours: d.curriculum.map((c) => String(c.target_hours)),
    curriculum: '',
  };
}
