// What the one-page CV says, as plain Indonesian text without I/O: the person, their programmes,
// competencies, certificates with their verification links, attendance and the work they made.
// The PDF draws exactly this, so a test reads the CV's content here.

import { formatDay, formatNumber } from '../../app/format.ts';
import type { EndReason, EnrolmentStatus, MarkStatus, ProgrammeKind } from '../../db/schema.ts';
import { attendanceRateOfCounts } from '../attendance/attendance.rules.ts';

export interface CvRecord {
  person: {
    name: string;
    gender: 'L' | 'P';
    birth_date: string;
    education: string | null;
    skills: string[];
  };
  programmes: ReadonlyArray<{
    name: string;
    kind: ProgrammeKind;
    skill_area: string | null;
    partner_name: string | null;
    status: EnrolmentStatus;
    end_reason: EndReason | null;
    started_on: string;
    ended_on: string | null;
  }>;
  competencies: ReadonlyArray<{ code: string | null; title: string; programme_name: string }>;
  certificates: ReadonlyArray<{
    number: string;
    verify_token: string;
    issued_on: string;
    programme_name: string;
  }>;
  marks: Partial<Record<MarkStatus, number>>;
  work: { made: number; passed: number; checked: number };
}

export interface CvSheet {
  name: string;
  facts: Array<[string, string]>;
  programmes: string[][];
  competencies: string[][];
  /** Competencies left off to keep the CV on one page. */
  moreCompetencies: number;
  certificates: Array<{ number: string; programme: string; issued: string; url: string }>;
  record: Array<[string, string]>;
}

/** Lists are cut to keep the CV on one A4 page; the rest is said in a line. */
export const MAX_PROGRAMMES = 5;
export const MAX_COMPETENCIES = 10;
export const MAX_CERTIFICATES = 3;

const KIND: Record<ProgrammeKind, string> = {
  training: 'Pelatihan',
  production: 'Produksi',
  apprenticeship: 'Pemagangan',
  certification: 'Sertifikasi',
};

const STATUS: Record<EnrolmentStatus, string> = {
  active: 'Sedang diikuti',
  suspended: 'Ditangguhkan',
  completed: 'Selesai',
  withdrawn: 'Tidak diselesaikan',
};

/** Without the weekday: "21 Januari 2026". */
export const dateOnly = (day: string) => formatDay(day, 'id').replace(/^[^,]+, /, '');

function outcome(p: CvRecord['programmes'][number]): string {
  // Ended by the release itself: the person left before the end, not by choice.
  if (p.status === 'withdrawn' && p.end_reason === 'released') return 'Berakhir karena bebas';
  return STATUS[p.status];
}

export function cvSheet(r: CvRecord, verifyUrl: (token: string) => string): CvSheet {
  const rate = attendanceRateOfCounts(r.marks);
  const skills = r.person.skills.filter((s) => s.trim());
  const facts: Array<[string, string]> = [
    ['Nama', r.person.name],
    ['Jenis kelamin', r.person.gender === 'L' ? 'Laki-laki' : 'Perempuan'],
    ['Tanggal lahir', dateOnly(r.person.birth_date)],
    ['Pendidikan terakhir', r.person.education ?? '—'],
  ];
  if (skills.length) facts.push(['Keterampilan', skills.join(', ')]);
  const programmes = r.programmes
    .slice(-MAX_PROGRAMMES)
    .map((p) => [
      p.name,
      [KIND[p.kind], p.skill_area, p.partner_name ? `bersama ${p.partner_name}` : null]
        .filter(Boolean)
        .join(' · '),
      `${dateOnly(p.started_on)} – ${p.ended_on ? dateOnly(p.ended_on) : 'sekarang'}`,
      outcome(p),
    ]);
  const competencies = r.competencies
    .slice(0, MAX_COMPETENCIES)
    .map((c) => [c.code ?? '—', c.title, c.programme_name]);
  const certificates = r.certificates.slice(-MAX_CERTIFICATES).map((c) => ({
    number: c.number,
    programme: c.programme_name,
    issued: dateOnly(c.issued_on),
    url: verifyUrl(c.verify_token),
  }));
  const record: Array<[string, string]> = [
    [
      'Tingkat kehadiran',
      rate.rate === null
        ? 'Belum ada sesi yang tercatat'
        : `${formatNumber(rate.rate, 'id', rate.rate % 1 ? 1 : 0)}% (hadir ${rate.present} dari ${rate.counted} sesi)`,
    ],
    ['Barang yang dibuat', `${formatNumber(r.work.made)} buah`],
    [
      'Lolos uji mutu',
      r.work.checked === 0
        ? 'Belum ada barang yang diuji mutu'
        : `${formatNumber(r.work.passed)} dari ${formatNumber(r.work.checked)} buah yang diuji`,
    ],
  ];
  return {
    name: r.person.name,
    facts,
    programmes,
    competencies,
    moreCompetencies: Math.max(0, r.competencies.length - MAX_COMPETENCIES),
    certificates,
    record,
  };
}
