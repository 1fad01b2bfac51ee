// Converts between the programme form (eligibility as plain fields, curriculum as lines of text)
// and the service's input. Pure, so the parsing of "title; target hours" lines is unit-tested.
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

export function formToInput(v: Static<typeof ProgrammeForm>): ProgrammeInput {
  const { units, badLine } = parseCurriculum(v.curriculum);
  if (badLine !== null)
    throw invalid([{ field: 'curriculum', key: 'programmes.badCurriculum', params: { n: badLine } }]);
  const {
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
    curriculum: units,
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
  curriculum: ReadonlyArray<{ code: string | null; title: string; target_hours: number }>;
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
    curriculum: d.curriculum
      .map((c) => (c.code ? `${c.code}; ${c.title}; ${c.target_hours}` : `${c.title}; ${c.target_hours}`))
      .join('\n'),
  };
}
