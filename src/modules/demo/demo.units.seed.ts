// Demo: writes the other units' year (demo.units.ts) through the services, as their staff did it on
// the day: the PKS, the classes and their sessions, the register, the places, each roll call at the
// session's end, the day's production, the partner's check every other week, the monthly invoice,
// orders for the unit's own products, assessments, certificates and the premi runs. Once per unit
// (skipped when its partner exists), nothing after `now`. The units are seeded side by side.
import { dayInZone } from '../../app/format.ts';
import { type Actor, type Ctx, systemCtx, systemPrincipal } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import { act, createAgreement } from '../agreements/agreements.service.ts';
import {
  type MarkInput,
  participantsOf,
  saveAttendance,
  sessionsOfProgramme,
} from '../attendance/attendance.service.ts';
import { completeAndIssue } from '../certificates/certificates.service.ts';
import { assessMany, type BatchItem } from '../competencies/competencies.bulk.ts';
import { competencyRecord } from '../competencies/competencies.service.ts';
import { enrolInmate } from '../enrolments/enrolments.service.ts';
import { changeStatus, createInmate } from '../inmates/inmates.service.ts';
import { createPartner, partnerIdByName } from '../partners/partners.service.ts';
import { approveRun, prepareRun, reviewRun, updatePremiSettings } from '../premi/premi.service.ts';
import type { EntryInput } from '../production/production.rules.ts';
import { saveProduction } from '../production/production.service.ts';
import { listProductKinds } from '../products/product-kinds.service.ts';
import { createProduct } from '../products/products.service.ts';
import { listProgramAksi } from '../program-aksi/program-aksi.service.ts';
import { createProgramme, programmeDetail, programmeIdByName } from '../programmes/programmes.service.ts';
import { addSchedule, cancelSession } from '../programmes/sessions.service.ts';
import { createSale, saleableProducts } from '../sales/sales.service.ts';
import { patternMark, unitRandom } from './demo.attendance.ts';
import { staff } from './demo.ctx.ts';
import { demoRegister, registerEntry } from './demo.inmates.ts';
import { demoPremiMonths, PREMI_MIN_SESSION } from './demo.premi.ts';
import { invoiceMonth, qualityCheck } from './demo.production.ts';
import {
  DEMO_UNIT_STORIES,
  type DemoClass,
  type DemoUnitStory,
  type UnitPerson,
  unitRegister,
} from './demo.units.ts';

export interface UnitStaff {
  unitId: string;
  petugas: Actor;
  kepala: Actor;
}

/** Every other unit's register, the same on every call (names never repeat Magetan's). */
export function demoUnitRegisters(): Map<string, UnitPerson[]> {
  const { initial, arrivals } = demoRegister();
  const taken = new Set([...initial, ...arrivals].map((p) => p.name));
  return new Map(DEMO_UNIT_STORIES.map((s) => [s.code, unitRegister(s, taken)]));
}

/** The instant `hh:mm` on `day` in the unit's zone. */
export function atLocal(day: string, time: string, zone: DemoUnitStory['zone']): Date {
  const offset = zone === 'Asia/Makassar' ? '+08:00' : zone === 'Asia/Jayapura' ? '+09:00' : '+07:00';
  return new Date(`${day}T${time}:00${offset}`);
}

/** Seeds each unit that has none of its story yet; returns how many records it made. */
export async function seedDemoUnits(
  db: Db,
  units: ReadonlyMap<string, UnitStaff>,
  now: Date,
): Promise<number> {
  const registers = demoUnitRegisters();
  const counts = await Promise.all(
    DEMO_UNIT_STORIES.map((s) => {
      const ids = units.get(s.code);
      return ids ? seedUnit(db, s, ids, registers.get(s.code) ?? [], now) : 0;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function seedUnit(
  db: Db,
  s: DemoUnitStory,
  ids: UnitStaff,
  people: readonly UnitPerson[],
  now: Date,
): Promise<number> {
  if (!ids.unitId || !ids.petugas.userId || !ids.kepala.userId) return 0;
  if (await partnerIdByName(db, ids.unitId, s.partner.legal_name)) return 0;
  const petugas = staff(db, ids.petugas, ['petugas']);
  const kepala = staff(db, ids.kepala, ['kepala_upt']);
  // Records the services let only the system make (a unit's register from another unit's seed).
  const system: Ctx = { db, who: { ...systemPrincipal('system:seed'), unitId: ids.unitId }, now };
  const today = dayInZone(now, s.zone);
  const signed = atLocal(s.agreement.signed_on, '10:00', s.zone);
  let created = 0;

  const partnerId = await createPartner(petugas(signed), {
    unit_id: ids.unitId,
    type: s.partner.type,
    legal_name: s.partner.legal_name,
    address: s.partner.address,
    city: s.partner.city,
    notes: s.partner.notes,
    contacts: [s.partner.contact],
  });
  const umkm = (await listProgramAksi({ db })).find((p) =>
    p.title.startsWith('Pelatihan kerja dan produksi UMKM'),
  );
  const rates = s.classes.flatMap((c) =>
    c.products
      .filter((p) => p.route === 'partner')
      .map((p) => ({ product: p.name, unit: 'buah', rate: p.rate })),
  );
  const agreementId = await createAgreement(petugas(signed), {
    partner_id: partnerId,
    kind: 'pks',
    title: s.agreement.title,
    number_first: s.agreement.number_first,
    number_second: s.agreement.number_second,
    signed_on: s.agreement.signed_on,
    signed_place: s.agreement.signed_place,
    valid_from: s.agreement.signed_on,
    parties: [
      {
        role: 'first',
        name: s.name,
        signatory_name: s.kepalaName,
        signatory_position: `Kepala ${s.name}`,
      },
      {
        role: 'second',
        name: s.partner.legal_name,
        signatory_name: s.partner.contact.name,
        signatory_position: s.partner.contact.position,
      },
    ],
    program_aksi_ids: umkm ? [umkm.id] : [],
    terms: {
      scope: s.agreement.scope,
      obligations_first: s.agreement.obligations_first,
      obligations_second: s.agreement.obligations_second,
      materials_by: 'partner',
      pay_model: 'piece_rate',
      piece_rates: rates,
      rejects_saleable: false,
    },
  });
  await act(kepala(signed), agreementId, { action: 'sign' });
  await act(petugas(signed), agreementId, { action: 'activate' });
  created += 2;

  // The register: everyone in the classes, as the unit first recorded them.
  const inmateIds = new Map<string, string>();
  for (const p of people) {
    const first = p.states[0];
    if (!first || first.from > today) continue;
    inmateIds.set(p.name, await createInmate(system, { ...registerEntry(p, first), unit_id: ids.unitId }));
    created++;
  }

  const kinds = new Map((await listProductKinds({ db }, { activeOnly: true })).map((k) => [k.code, k.id]));
  // The classes side by side (each its own sessions, places and products).
  const perClass = s.classes.map(async (cls, c) => {
    let n = 0;
    const opened = atLocal(cls.starts_on, '07:00', s.zone);
    const setup = { ...system, now: new Date(Math.min(opened.getTime(), now.getTime())) };
    const programmeId = await createProgramme(setup, {
      unit_id: ids.unitId,
      name: cls.name,
      kind: 'training',
      skill_area: cls.skill_area,
      partner_id: cls.products.some((p) => p.route === 'partner') ? partnerId : undefined,
      agreement_id: cls.products.some((p) => p.route === 'partner') ? agreementId : undefined,
      location: cls.location,
      capacity: cls.capacity,
      status: 'running',
      program_aksi_ids: umkm ? [umkm.id] : [],
      curriculum: cls.curriculum.map(({ evidence: _e, ...u }) => ({ ...u, core: true })),
    });
    await addSchedule(system, programmeId, {
      weekdays: [cls.weekday],
      every_n_weeks: 1,
      starts_on: cls.starts_on,
      start_time: cls.start_time,
      end_time: cls.end_time,
      skip_holidays: true,
    });
    const products = new Map<string, string>();
    for (const p of cls.products)
      products.set(
        p.name,
        await createProduct(setup, {
          unit_id: ids.unitId,
          programme_id: programmeId,
          kind_id: kinds.get(p.kind) ?? '',
          name: p.name,
          uom: 'buah',
          route: p.route,
          price: p.route === 'own' ? p.rate : null,
          description: p.description,
        }),
      );
    n += 2 + products.size;
    for (const p of people) {
      const id = inmateIds.get(p.name);
      const join = p.joins.find((j) => j.cls === c);
      const state = p.states[0];
      if (!id || !join || !state || join.on > today) continue;
      await enrolInmate(setup, {
        programme_id: programmeId,
        inmate: { id, name: p.name, detainee: false, expected_release_date: state.expected_release_date },
        intake_candidate_id: null,
        consent_recorded_at: null,
        started_on: join.on,
      });
      n++;
    }
    return n + (await classYear(db, s, cls, { programmeId, partnerId, products, petugas, now }));
  });
  for (const n of await Promise.all(perClass)) created += n;
  // Leaving on the tanggal ekspirasi ends the person's places on that day (after their last session).
  for (const p of people) {
    const id = inmateIds.get(p.name);
    if (!id || !p.exit || p.exit.on > today) continue;
    await changeStatus(system, id, { change: p.exit.change, on_date: p.exit.on, reason: p.exit.reason });
    created++;
  }
  for (const cls of s.classes) created += await certificates(db, cls, petugas, ids.unitId, now);
  created += await premi(s, ids.unitId, petugas, kepala, now);
  return created;
}

interface ClassIds {
  programmeId: string;
  partnerId: string;
  products: Map<string, string>;
  petugas: (now: Date) => Ctx;
  now: Date;
}

/** The class's year: cancelled days, each roll call, the production and checks, orders and assessments. */
async function classYear(db: Db, s: DemoUnitStory, cls: DemoClass, o: ClassIds): Promise<number> {
  let created = 0;
  const all = (await sessionsOfProgramme({ db }, { programmeId: o.programmeId, upTo: '9999-12-31' })).filter(
    (x) => x.status === 'scheduled',
  );
  for (const c of cls.cancelled ?? []) {
    const x = all.find((a) => a.day === c.day);
    if (!x) continue;
    await cancelSession(o.petugas(atLocal(c.day, '07:00', s.zone)), o.programmeId, x.id, c.reason);
    created++;
  }
  const cancelled = new Set((cls.cancelled ?? []).map((c) => c.day));
  const held = all.filter((x) => !cancelled.has(x.day) && x.ends_at.getTime() <= o.now.getTime());
  const people = await participantsOf({ db }, { programmeId: o.programmeId });
  const exits = new Map(
    (demoUnitRegisters().get(s.code) ?? []).map((p) => [p.name, p.exit?.on ?? '9999-12-31']),
  );
  const onRoll = (p: (typeof people)[number], day: string) =>
    p.started_on <= day && day < (exits.get(p.name) ?? '9999-12-31');
  const present = new Map<string, Set<string>>();
  for (const [j, x] of held.entries()) {
    const marks: MarkInput[] = people
      .filter((p) => onRoll(p, x.day))
      .map((p) => ({
        enrolment_id: p.id,
        ...patternMark(people.indexOf(p) + (s.seed % 97), j, cls.absence),
      }));
    if (marks.length === 0) continue;
    await saveAttendance(o.petugas(x.ends_at), { sessionId: x.id, lockDays: 7, marks });
    present.set(
      x.id,
      new Set(
        marks.filter((m) => m.status === 'hadir' || m.status === 'terlambat').map((m) => m.enrolment_id),
      ),
    );
    created++;
  }

  // Production: from the class's first producing session, what each participant present finished.
  const partnerMade = cls.products.some((p) => p.route === 'partner');
  for (const [j, x] of held.entries()) {
    if (j < cls.producesFrom) continue;
    const at = o.petugas(x.ends_at);
    const firstOfMonth = held[j - 1]?.day.slice(0, 7) !== x.day.slice(0, 7);
    if (firstOfMonth && partnerMade) created += await invoiceMonth(at, o.partnerId, x.day);
    if (firstOfMonth && s.buyers.length > 0) created += await order(at, s, cls, o, x.day, j);
    const entries: EntryInput[] = [];
    for (const id of present.get(x.id) ?? []) {
      const i = people.findIndex((p) => p.id === id);
      const skill = unitRandom(i + (s.seed % 89), 101);
      // Each maker works on the most demanding product their skill allows.
      const k = cls.products.findLastIndex((p) => p.skilled === undefined || skill >= 1 - p.skilled);
      const p = cls.products[k];
      if (!p) continue;
      const finished = Math.floor(p.perSession + unitRandom(i * 31 + k, j + 7));
      if (finished > 0)
        entries.push({ enrolment_id: id, product_id: o.products.get(p.name) ?? '', finished });
    }
    if (entries.length > 0) {
      await saveProduction(at, { sessionId: x.id }, { entries });
      created++;
    }
    if (partnerMade && j % 2 === 1) created += await qualityCheck(at, at, o.programmeId, x.day, j, cls.pass);
  }
  return created + (await assess(db, s, cls, o.programmeId, held, o.petugas));
}

/** An order of the unit's own products, paid by transfer, at the start of a month with stock. */
async function order(ctx: Ctx, s: DemoUnitStory, cls: DemoClass, o: ClassIds, day: string, j: number) {
  const own = new Set(cls.products.filter((p) => p.route === 'own').map((p) => o.products.get(p.name)));
  const lines = (await saleableProducts(ctx))
    .filter((p) => own.has(p.id) && p.on_hand - p.reserved > 0)
    .map((p) => ({ productId: p.id, qty: Math.max(1, Math.floor((p.on_hand - p.reserved) * 0.7)) }));
  if (lines.length === 0) return 0;
  const buyer = s.buyers[j % s.buyers.length] ?? null;
  await createSale(ctx, {
    soldOn: day,
    channel: buyer?.startsWith('Pengunjung') ? 'visitor' : 'order',
    buyerName: buyer?.startsWith('Pengunjung') ? null : buyer,
    paymentMethod: j % 3 === 0 ? 'tunai' : 'transfer',
    paymentRef: j % 3 === 0 ? null : `TRF-${day.replaceAll('-', '')}-${String(j).padStart(3, '0')}`,
    note: `Pesanan hasil ${cls.name.toLowerCase()}`,
    lines,
  });
  return 1;
}

/**
 * The petugas's assessments: a unit is judged on the session that completes its hours; each
 * participant present long enough reaches the units their steadiness allows (the best all of them).
 */
async function assess(
  db: Db,
  s: DemoUnitStory,
  cls: DemoClass,
  programmeId: string,
  held: ReadonlyArray<{ day: string }>,
  petugas: (now: Date) => Ctx,
): Promise<number> {
  const [h1 = 0, m1 = 0] = cls.start_time.split(':').map(Number);
  const [h2 = 0, m2 = 0] = cls.end_time.split(':').map(Number);
  const length = h2 + m2 / 60 - (h1 + m1 / 60);
  const ends: string[] = [];
  let total = 0;
  let need = 0;
  let j = 0;
  for (const u of cls.curriculum) {
    need += u.target_hours;
    while (j < held.length && total < need) {
      total += length;
      j++;
    }
    if (total < need) break;
    ends.push(held[j - 1]?.day ?? '');
  }
  const units = (await programmeDetail(systemCtx(db), programmeId)).curriculum;
  const people = await participantsOf({ db }, { programmeId });
  const exits = new Map(
    (demoUnitRegisters().get(s.code) ?? []).map((p) => [p.name, p.exit?.on ?? '9999-12-31']),
  );
  const items: BatchItem[] = [];
  for (const [i, p] of people.entries()) {
    const steady = unitRandom(i + (s.seed % 83), 5);
    const reach = i < cls.certificates + 1 ? ends.length : Math.floor(steady * (ends.length + 1));
    for (const [u, day] of ends.entries()) {
      const unit = units[u];
      const spec = cls.curriculum[u];
      if (!unit || !spec || u >= reach) break;
      // Judged after joining and while still inside.
      const on = [day, p.started_on].sort().at(-1) ?? day;
      if (on >= (exits.get(p.name) ?? '9999-12-31')) break;
      items.push({
        enrolment_id: p.id,
        unit_id: unit.id,
        status: 'competent',
        assessed_on: on,
        evidence: spec.evidence,
      });
    }
  }
  if (items.length === 0) return 0;
  // Entered on the participants' sheets the afternoon of the latest assessment.
  const last =
    items
      .map((x) => x.assessed_on ?? '')
      .sort()
      .at(-1) ?? '';
  await assessMany(
    petugas(atLocal(last, '15:00', s.zone)),
    { programmeId, items },
    (k, _x, name) => `${k}.${name}`,
  );
  return items.length;
}

/** Certificates for the class's best participants who completed every unit and are still inside. */
async function certificates(
  db: Db,
  cls: DemoClass,
  petugas: (now: Date) => Ctx,
  unitId: string,
  now: Date,
): Promise<number> {
  if (cls.certificates === 0) return 0;
  const programmeId = await programmeIdByName({ db }, unitId, cls.name);
  if (!programmeId) return 0;
  const people = (await participantsOf({ db }, { programmeId })).filter((p) => p.ended_on === null);
  const lastHeld = (await sessionsOfProgramme({ db }, { programmeId, upTo: '9999-12-31' }))
    .filter((x) => x.status === 'scheduled' && x.marked && x.ends_at.getTime() + 3_600_000 <= now.getTime())
    .at(-1);
  let issued = 0;
  for (const p of people) {
    if (issued >= cls.certificates) break;
    const record = await competencyRecord({ db }, p.id);
    if (record.length === 0 || record.some((u) => u.status !== 'competent')) continue;
    // Completed at the class's latest held session, so no mark follows the completion.
    if (
      !lastHeld ||
      (record
        .map((u) => u.assessedOn ?? '')
        .sort()
        .at(-1) ?? '') > lastHeld.day
    )
      continue;
    const on = lastHeld.day;
    const at = new Date(lastHeld.ends_at.getTime() + 3_600_000);
    try {
      await completeAndIssue(petugas(at), p.id, { issuedOn: on });
      issued++;
    } catch {
      // Below the attendance the class requires: not this one.
    }
  }
  return issued;
}

/** The monthly premi runs: prepared and reviewed by the petugas, approved by the Kepala. */
async function premi(
  s: DemoUnitStory,
  unitId: string,
  petugas: (now: Date) => Ctx,
  kepala: (now: Date) => Ctx,
  now: Date,
): Promise<number> {
  if (!s.premiFrom) return 0;
  const months = demoPremiMonths(now).filter((m) => m.month >= (s.premiFrom ?? ''));
  const first = months[0];
  if (!first) return 0;
  await updatePremiSettings(kepala(atLocal(first.postDay, '08:00', s.zone)), unitId, {
    premi_pct: 50,
    pnbp_pct: 15,
    capital_pct: 35,
    premi_min_session: PREMI_MIN_SESSION,
    premi_spendable_pct: 25,
  });
  for (const { month, postDay } of months) {
    const runId = await prepareRun(petugas(atLocal(postDay, '10:00', s.zone)), { unitId, month });
    await reviewRun(petugas(atLocal(postDay, '11:00', s.zone)), runId);
    await approveRun(kepala(atLocal(postDay, '14:00', s.zone)), runId);
  }
  return 1 + months.length;
}
