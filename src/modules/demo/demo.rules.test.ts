// The demo must tell a story a practitioner would not question: each rule of the register, the
// KUHAP detention limits, the risk-and-needs assessment, Magang Nasional, the TPP, NIKs and names,
// checked against the seeded database (and the demo's own timeline where the register keeps no date).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { dayInZone } from '../../app/format.ts';
import { addDays } from '../programmes/schedule.rules.ts';
import { demoRegister } from './demo.inmates.ts';
import { MONEV_DAY, monevFacts } from './demo.monev.ts';
import {
  addMonths,
  DETENTION_LIMIT_DAYS,
  type DemoPerson,
  type DetaineeClass,
  stateOn,
} from './demo.register.ts';
import { demoUnitRegisters } from './demo.units.seed.ts';
import { DEMO_UNIT_STORIES } from './demo.units.ts';

/** A few first names and family names that are only men's or only women's in Java. */
const MEN_ONLY = [
  'Agus',
  'Bambang',
  'Budi',
  'Joko',
  'Slamet',
  'Santoso',
  'Prasetyo',
  'Wibowo',
  'Hidayat',
  'Nugroho',
];
const WOMEN_ONLY = [
  'Dewi',
  'Endang',
  'Ratna',
  'Sri',
  'Rahmawati',
  'Handayani',
  'Wulandari',
  'Puspitasari',
  'Safitri',
];

/** Where each unit's people come from: Magetan, Madiun, Ngawi, Badung. */
const REGENCY: Record<string, string> = {
  'RUTAN-MGT': '3520',
  'LAPAS-MDN': '3519',
  'LAPAS-NGW': '3521',
  'LAPAS-KRB': '5103',
};

/** Every demo person's whole story (Magetan's register and the other units'), by name. */
const story = new Map<string, DemoPerson & { unit: string }>([
  ...[...demoRegister().initial, ...demoRegister().arrivals].map(
    (p) => [p.name, { ...p, unit: 'Rutan Kelas IIB Magetan' }] as const,
  ),
  ...DEMO_UNIT_STORIES.flatMap((s) =>
    (demoUnitRegisters().get(s.code) ?? []).map((p) => [p.name, { ...p, unit: s.name }] as const),
  ),
]);

describe('the demo is one a practitioner would not question', () => {
  let t: TestApp;
  let programmeId: string;
  const today = dayInZone(new Date(), 'Asia/Jakarta');
  before(async () => {
    // The demo as `npm start` seeds it (Program Aksi, then the demo), seeded once per run.
    t = await startTestApp({}, { demo: true });
    programmeId = (
      await t.db
        .selectFrom('programmes')
        .select('id')
        .where('name', '=', 'Pelatihan Merajut')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  const inmates = () => t.db.selectFrom('inmates').selectAll().execute();

  test('nobody is active past their tanggal ekspirasi', async () => {
    const past = (await inmates()).filter(
      (i) => i.status === 'active' && i.expected_release_date !== null && i.expected_release_date < today,
    );
    assert.deepEqual(
      past.map((i) => `${i.name} ${i.expected_release_date}`),
      [],
    );
    assert.ok(
      (await inmates()).some((i) => i.status === 'released'),
      'some people left during the year',
    );
  });

  test('places of people released or transferred end on that day with that reason', async () => {
    const rows = await t.db
      .selectFrom('enrolments as e')
      .innerJoin('inmates as i', 'i.id', 'e.inmate_id')
      .innerJoin('inmate_status_history as h', 'h.inmate_id', 'i.id')
      .select(['e.name', 'e.status', 'e.end_reason', 'e.ended_on', 'h.status as left_as', 'h.on_date'])
      .where('h.status', 'in', ['released', 'transferred'])
      .execute();
    assert.ok(rows.length > 0, 'some participants left during the year');
    for (const unit of ['Lapas Kelas I Madiun', 'Lapas Kelas IIA Kerobokan'])
      assert.ok(
        rows.some((r) => story.get(r.name)?.unit === unit),
        `someone of ${unit} left on their tanggal ekspirasi`,
      );
    for (const r of rows) {
      assert.equal(r.status, 'withdrawn', r.name);
      assert.equal(r.end_reason, r.left_as, r.name);
      assert.equal(r.ended_on, r.on_date, r.name);
    }
  });

  test('no mark, assessment or certificate after a person left, nor for an intern outside the internship', async () => {
    const marks = await t.db
      .selectFrom('attendance_marks as m')
      .innerJoin('programme_sessions as s', 's.id', 'm.session_id')
      .innerJoin('enrolments as e', 'e.id', 'm.enrolment_id')
      .leftJoin('inmates as i', 'i.id', 'e.inmate_id')
      .select([
        's.day',
        'e.name',
        'e.kind',
        'e.end_reason',
        'e.ended_on',
        'e.period_from',
        'e.period_to',
        'i.expected_release_date',
      ])
      .execute();
    const wrong = marks.filter(
      (m) =>
        ((m.end_reason === 'released' || m.end_reason === 'transferred') &&
          m.ended_on !== null &&
          m.day >= m.ended_on) ||
        (m.expected_release_date !== null && m.day > m.expected_release_date) ||
        (m.kind === 'intern' &&
          (m.period_from === null || m.period_to === null || m.day < m.period_from || m.day > m.period_to)),
    );
    assert.deepEqual(
      wrong.map((m) => `${m.name} ${m.day}`),
      [],
    );
    const assessed = await t.db
      .selectFrom('competency_assessments as c')
      .innerJoin('enrolments as e', 'e.id', 'c.enrolment_id')
      .select([
        'e.name',
        'e.kind',
        'e.ended_on',
        'e.end_reason',
        'e.period_from',
        'e.period_to',
        'c.assessed_on',
      ])
      .where('c.assessed_on', 'is not', null)
      .execute();
    assert.ok(assessed.length > 0);
    const late = assessed.filter(
      (a) =>
        a.assessed_on !== null &&
        ((a.ended_on !== null && a.end_reason !== null && a.assessed_on >= a.ended_on) ||
          (a.kind === 'intern' &&
            (a.assessed_on < (a.period_from ?? '') || a.assessed_on > (a.period_to ?? '')))),
    );
    assert.deepEqual(
      late.map((a) => `${a.name} ${a.assessed_on}`),
      [],
    );
  });

  test('certificates go to narapidana still inside on the issue date', async () => {
    const certs = await t.db
      .selectFrom('certificates as c')
      .innerJoin('enrolments as e', 'e.id', 'c.enrolment_id')
      .innerJoin('inmates as i', 'i.id', 'e.inmate_id')
      .select([
        'c.number',
        'c.issued_on',
        'c.programme_id',
        'i.id',
        'i.name',
        'i.register_class',
        'i.status',
        'i.entry_date',
      ])
      .execute();
    assert.equal(certs.filter((c) => c.programme_id === programmeId).length, 2);
    assert.ok(certs.length > 2, 'the other units issued some too');
    const history = await t.db.selectFrom('inmate_status_history').selectAll().execute();
    for (const c of certs) {
      const left = history.filter((h) => h.inmate_id === c.id && h.status !== 'active');
      assert.ok(
        left.every((h) => h.on_date > c.issued_on),
        `${c.name} was inside on ${c.issued_on}`,
      );
      const person = story.get(c.name);
      assert.ok(person, c.name);
      assert.match(
        stateOn(person, c.issued_on)?.register_class ?? '',
        /^B\./,
        `${c.name} was sentenced by then`,
      );
    }
  });

  test('sentences match their class: B.IIb up to 3 months, B.IIa over 3 months up to 1 year, B.I over 1 year', async () => {
    for (const i of await inmates()) {
      if (!i.register_class.startsWith('B.') || !i.expected_release_date) continue;
      const over = (months: number) => (i.expected_release_date ?? '') > addMonths(i.entry_date, months);
      const label = `${i.name} ${i.register_class} ${i.entry_date} to ${i.expected_release_date}`;
      if (i.register_class === 'B.IIb') assert.ok(!over(3), label);
      if (i.register_class === 'B.IIa') assert.ok(over(3) && !over(12), label);
      if (i.register_class === 'B.I') assert.ok(over(12), label);
    }
  });

  test("a detainee's current stage stays within its KUHAP limit (A.I 60, A.II 50, A.III 90, A.IV 90, A.V 110 days)", async () => {
    const orders = await t.db
      .selectFrom('inmate_expiry_changes')
      .select(['inmate_id', 'order_date', 'new_expiry'])
      .where('kind', '=', 'detention_extension')
      .execute();
    const held = (await inmates()).filter((i) => i.status === 'active' && i.register_class.startsWith('A.'));
    assert.ok(held.length > 0, 'the Rutan holds detainees today');
    for (const i of held) {
      // The stage began with its latest detention order, or at arrival when none was recorded.
      const order = orders
        .filter((o) => o.inmate_id === i.id && o.new_expiry === i.expected_release_date)
        .at(-1);
      const start = order?.order_date ?? i.entry_date;
      const limit = DETENTION_LIMIT_DAYS[i.register_class as DetaineeClass];
      assert.ok(
        i.expected_release_date !== null && i.expected_release_date <= addDays(start, limit),
        `${i.name} ${i.register_class} from ${start} to ${i.expected_release_date}`,
      );
    }
    // And in the whole story: every stage ends (next stage, verdict or release) within its limit.
    const { initial, arrivals } = demoRegister();
    for (const p of [...initial, ...arrivals])
      for (const [k, s] of p.states.entries()) {
        if (!s.register_class.startsWith('A.')) continue;
        const end = p.states[k + 1]?.from ?? p.exit?.on ?? s.expected_release_date;
        assert.ok(
          end < addDays(s.from, DETENTION_LIMIT_DAYS[s.register_class as DetaineeClass] + 1),
          `${p.name} ${s.reg_number}`,
        );
      }
  });

  test('only narapidana with more than a year left when sentenced have a risk level', async () => {
    const active = (await inmates()).filter((i) => i.status === 'active');
    assert.deepEqual(
      active.filter((i) => i.risk_level !== null && i.register_class !== 'B.I').map((i) => i.name),
      [],
      'no detainee and no short sentence has one',
    );
    for (const i of active) {
      const state = story.get(i.name)?.states.find((s) => s.reg_number === i.reg_number);
      assert.ok(state, i.name);
      if (i.risk_level !== null)
        assert.ok(
          addMonths(state.from, 12) < (i.expected_release_date ?? ''),
          `${i.name} sentenced ${state.from}`,
        );
    }
    assert.ok(
      active.some((i) => i.risk_level !== null),
      'long sentences were assessed',
    );
  });

  test('Magang Nasional interns are placed for 6 months', async () => {
    const interns = await t.db
      .selectFrom('enrolments')
      .select(['name', 'period_from', 'period_to'])
      .where('kind', '=', 'intern')
      .execute();
    assert.equal(interns.length, 3);
    for (const i of interns)
      assert.equal(i.period_to, addDays(addMonths(i.period_from ?? '', 6), -1), i.name);
  });

  test('the TPP of a Rutan has its KPR and no KPLP, and the Kepala who approves it is not a member', async () => {
    const tpp = await t.db.selectFrom('tpp_sessions').selectAll().executeTakeFirstOrThrow();
    const kepala = await t.db
      .selectFrom('users')
      .select(['id', 'full_name'])
      .where('username', '=', 'ari.rahmanto')
      .executeTakeFirstOrThrow();
    assert.equal(tpp.approved_by, kepala.id);
    assert.ok(!tpp.members.some((m) => /KPLP|Kepala Rutan|Ari Rahmanto/.test(m)), tpp.members.join('; '));
    assert.ok(tpp.members.some((m) => /\bKPR\b/.test(m)));
    assert.ok(tpp.members.some((m) => /Pelayanan Tahanan.*ketua/.test(m)));
  });

  test("women's NIKs carry their birth day plus 40, the unit's regency, and names match gender", async () => {
    for (const i of await t.db
      .selectFrom('inmates')
      .innerJoin('units', 'units.id', 'inmates.unit_id')
      .select(['inmates.name', 'gender', 'birth_date', 'nik', 'units.code'])
      .execute()) {
      assert.ok(i.nik, i.name);
      const day = Number(i.birth_date.slice(8, 10)) + (i.gender === 'P' ? 40 : 0);
      const born = `${String(day).padStart(2, '0')}${i.birth_date.slice(5, 7)}${i.birth_date.slice(2, 4)}`;
      assert.equal(i.nik?.slice(0, 4), REGENCY[i.code], `${i.name}: the regency of ${i.code}`);
      assert.equal(i.nik?.slice(6, 12), born, `${i.name} (${i.gender}) born ${i.birth_date}`);
      const parts = i.name.split(' ');
      const wrong = i.gender === 'L' ? WOMEN_ONLY : MEN_ONLY;
      assert.ok(!parts.some((n) => wrong.includes(n)), `${i.name} (${i.gender})`);
    }
  });

  test('no inmate shares a name with a user or another participant', async () => {
    const names = new Set((await inmates()).map((i) => i.name));
    const users = await t.db.selectFrom('users').select('full_name').execute();
    const others = await t.db.selectFrom('enrolments').select('name').where('kind', '!=', 'inmate').execute();
    assert.deepEqual(
      [...users.map((u) => u.full_name), ...others.map((o) => o.name)].filter((n) => names.has(n)),
      [],
    );
  });

  test('the monev note says what the records show on its day', async () => {
    const note = await t.db.selectFrom('agreement_evaluations').selectAll().executeTakeFirst();
    if (today <= MONEV_DAY) return assert.equal(note, undefined, 'not yet held');
    assert.ok(note);
    const f = await monevFacts(t.db, programmeId, MONEV_DAY);
    assert.match(note.findings, new RegExp(`${f.held} sesi terlaksana`));
    assert.match(note.findings, new RegExp(`${f.still} dari ${f.enrolled} peserta`));
    if (f.released > 0) assert.match(note.findings, new RegExp(`${f.released} bebas`));
    assert.doesNotMatch(note.findings, /benang sempat terlambat|13 dari 15/);
  });
});
