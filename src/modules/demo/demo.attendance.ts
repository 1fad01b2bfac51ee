// Demo: the roll call of every held session of "Pelatihan Merajut" up to today, recorded through the
// attendance service as the petugas did on the day. Deterministic: a fixed pseudo-random pattern per
// (participant, session) — mostly present, some late, sick or excused, a few absent without reason —
// plus a tahanan called to a court hearing (dispensasi), one later correction with its reason, and
// one participant absent for the three latest sessions (the dashboard's absence alert). Nobody is
// marked on or after the day they left the Rutan, nor an intern outside the internship.

import { type Actor, type Ctx, systemCtx, systemPrincipal } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { MarkStatus } from '../../db/schema.ts';
import {
  type MarkInput,
  participantsOf,
  saveAttendance,
  sessionsOfProgramme,
} from '../attendance/attendance.service.ts';
import { listEnrolments } from '../enrolments/enrolments.service.ts';
import { programmeIdByName } from '../programmes/programmes.service.ts';
import { demoRegister } from './demo.inmates.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';
import { stateOn } from './demo.register.ts';

/** A small deterministic hash of two numbers into [0, 1) (mulberry32 of a mixed seed). */
export function unitRandom(a: number, b: number): number {
  let t = (Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const NOTES: Partial<Record<MarkStatus, readonly string[]>> = {
  terlambat: ['Apel pagi selesai terlambat', 'Antre di klinik sebelum sesi'],
  sakit: ['Demam, istirahat di kamar hunian', 'Diperiksa di klinik rutan', 'Sakit gigi, rujukan klinik'],
  izin: ['Kunjungan keluarga', 'Dipanggil wali pemasyarakatan', 'Pemeriksaan berkas di registrasi'],
};

/**
 * The mark of participant `i` at session `j` in the fixed pattern (before the story's exceptions);
 * `scale` makes a class more (above 1) or less often late or absent than the knitting class.
 */
export function patternMark(i: number, j: number, scale = 1): { status: MarkStatus; note?: string } {
  const r = unitRandom(i, j) / scale;
  const status: MarkStatus =
    r < 0.06 ? 'terlambat' : r < 0.1 ? 'sakit' : r < 0.13 ? 'izin' : r < 0.145 ? 'alpa' : 'hadir';
  const notes = NOTES[status];
  return notes ? { status, note: notes[Math.floor(unitRandom(j, i) * notes.length)] } : { status };
}

const COURT = 'Sidang di Pengadilan Negeri Magetan';
/** The run of absences: the three latest sessions at seeding, with their reasons. */
const RUN: ReadonlyArray<{ status: MarkStatus; note?: string }> = [
  { status: 'sakit', note: 'Sakit, dirawat di klinik rutan' },
  { status: 'alpa' },
  { status: 'alpa' },
];

/**
 * Records the attendance of every held, unmarked session of the demo programme that has ended by
 * `now`. Returns how many sessions it recorded (0 when all are recorded already).
 */
export async function seedDemoAttendance(
  db: Db,
  ids: { unitId: string; recorder: Actor },
  now: Date = new Date(),
): Promise<number> {
  const programmeId = ids.unitId ? await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.recorder.userId) return 0;
  const sessions = (await sessionsOfProgramme({ db }, { programmeId, upTo: '9999-12-31' })).filter(
    (s) => s.status === 'scheduled' && s.ends_at.getTime() <= now.getTime(),
  );
  const todo = sessions.filter((s) => !s.marked);
  if (todo.length === 0) return 0;
  // Enrolments are read now, not assumed: whoever the selection enrolled is on the roll.
  const people = await participantsOf({ db }, { programmeId });
  const places = new Map((await listEnrolments(systemCtx(db), programmeId)).map((e) => [e.id, e]));
  const register = demoRegister();
  const story = new Map([...register.initial, ...register.arrivals].map((p) => [p.name, p]));
  /** On the roll that day: within the place's dates, not on the day of leaving, interns in their period. */
  const onRoll = (p: (typeof people)[number], day: string) => {
    const e = places.get(p.id);
    if (p.started_on > day || (p.ended_on !== null && p.ended_on < day)) return false;
    if (p.ended_on === day && (e?.end_reason === 'released' || e?.end_reason === 'transferred')) return false;
    if (p.kind === 'intern' && (!e?.period_from || !e.period_to || day < e.period_from || day > e.period_to))
      return false;
    const person = story.get(p.name);
    return p.kind !== 'inmate' || !person || stateOn(person, day) !== undefined;
  };
  const detaineeOn = (p: (typeof people)[number], day: string) => {
    const person = story.get(p.name);
    return p.kind === 'inmate' && !!person && !!stateOn(person, day)?.register_class.startsWith('A.');
  };
  const inmates = people.filter((p) => p.kind === 'inmate');
  const lastDay = sessions.at(-1)?.day ?? '';
  // The run of absences and the correction fall on people still in the class on those days.
  const absentee = inmates.filter((p) => onRoll(p, lastDay)).at(3) ?? inmates[3];
  const corrected = inmates.filter((p) => onRoll(p, sessions[2]?.day ?? '')).at(1) ?? inmates[1];
  // A detainee at the court stage is called to hearings: the first and fourth sessions with one.
  const withDetainee = sessions.filter((s) => people.some((p) => onRoll(p, s.day) && detaineeOn(p, s.day)));
  const hearings = new Set([withDetainee[0]?.id, withDetainee[3]?.id ?? withDetainee.at(-1)?.id]);
  // A petugas of the unit recording on the day: the session's end is "now" for its roll call.
  const who = {
    ...systemPrincipal(ids.recorder.name),
    id: ids.recorder.userId,
    roles: ['petugas' as const],
    actor: ids.recorder,
  };
  const onDay = (now: Date): Ctx => ({ db, who, now });
  const last = sessions.length - 1;
  let recorded = 0;
  for (const s of todo) {
    const j = sessions.indexOf(s);
    const active = people.filter((p) => onRoll(p, s.day));
    const tahanan = hearings.has(s.id) ? active.find((p) => detaineeOn(p, s.day)) : undefined;
    const marks: MarkInput[] = active.map((p) => {
      const i = people.indexOf(p);
      let m = patternMark(i, j);
      if (p.id === tahanan?.id) m = { status: 'dispensasi', note: COURT };
      const fromEnd = last - j;
      if (p.id === absentee?.id && fromEnd >= 0 && fromEnd < RUN.length)
        m = RUN[RUN.length - 1 - fromEnd] ?? m;
      if (p.id === corrected?.id && j === 2) m = { status: 'alpa' };
      return { enrolment_id: p.id, ...m };
    });
    if (marks.length === 0) continue;
    const at = { sessionId: s.id, lockDays: 7 };
    await saveAttendance(onDay(s.ends_at), { ...at, marks });
    if (j === 2 && corrected && marks.some((m) => m.enrolment_id === corrected.id))
      await saveAttendance(onDay(s.ends_at), {
        ...at,
        marks: [
          {
            enrolment_id: corrected.id,
            status: 'izin',
            note: 'Kunjungan keluarga',
            reason: 'Surat izin kunjungan keluarga diserahkan sesudah sesi',
          },
        ],
      });
    recorded++;
  }
  return recorded;
}
