// Demo: what the knitting class makes, through the services as the people of the story did on the
// day. From its third session (Wednesday 4 February 2026) each participant present finishes a few
// key rings a week, wallets from March and bags from May; coasters and brooches from leftover yarn
// for the unit's own sale from April. Yarn comes from PT. Arta Jayendra Perkasa on delivery notes
// (consignment), needles and labels are bought by the unit; the partner's instructor checks a batch
// every other week (about 85% pass; rejects with their reasons, some reworked), the petugas
// invoices each month's checks at the start of the next and the partner pays by transfer (the
// latest invoice still open); a bazaar on Hari Bakti Pemasyarakatan (Monday 27 April 2026) sells
// sound rejects and the unit's own items; one stock-take finds 2 labels missing, approved by the
// Kepala UPT. Deterministic, only people on the roll that day, nothing after `now`.
import { dayInZone } from '../../app/format.ts';
import type { Actor, Ctx } from '../../app/principal.ts';
import type { Db } from '../../db/database.ts';
import type { RejectReason } from '../../db/schema.ts';
import { participantMarks, participantsOf, sessionsOfProgramme } from '../attendance/attendance.service.ts';
import { listAdjustments } from '../materials/adjustments.service.ts';
import {
  createAdjustment,
  createMaterial,
  decideAdjustment,
  issueMaterial,
  listMaterials,
  receiveMaterial,
} from '../materials/materials.service.ts';
import {
  createInvoice,
  invoiceableBatches,
  listInvoices,
  recordPayment,
} from '../offtake/offtake.service.ts';
import type { EntryInput } from '../production/production.rules.ts';
import { productionLog, saveProduction } from '../production/production.service.ts';
import { listProductKinds } from '../products/product-kinds.service.ts';
import { createProduct, productsOfProgramme, setBillOfMaterials } from '../products/products.service.ts';
import { programme } from '../programmes/programmes.policy.ts';
import { programmeIdByName } from '../programmes/programmes.service.ts';
import { awaitingCheck, batchDetail, createBatch, recordCheck } from '../quality/quality.service.ts';
import { createSale, listSales, saleableProducts } from '../sales/sales.service.ts';
import { unitRandom } from './demo.attendance.ts';
import { staff } from './demo.ctx.ts';
import { DEMO_PROGRAMME } from './demo.programmes.ts';

/** The first day the class produced: its third session. */
export const PRODUCTION_FROM = '2026-02-04';
export const BAZAAR_DAY = '2026-04-27';
export const STOCKTAKE_DAY = '2026-06-30';
const WALLETS_FROM = '2026-03-01';
const BAGS_FROM = '2026-05-01';
const OWN_FROM = '2026-04-01';

export const DEMO_PRODUCTS = {
  bag: 'Tas rajut',
  wallet: 'Dompet rajut',
  keyRing: 'Gantungan kunci rajut',
  coaster: 'Tatakan gelas rajut',
  brooch: 'Bros bunga rajut',
} as const;
type ProductKey = keyof typeof DEMO_PRODUCTS;

export const DEMO_MATERIALS = {
  yarn: 'Benang rajut katun',
  leftover: 'Benang sisa produksi',
  needle: 'Jarum rajut (hakpen)',
  label: 'Label merek',
} as const;
type MaterialKey = keyof typeof DEMO_MATERIALS;

const CATALOGUE: ReadonlyArray<{
  key: ProductKey;
  kind: string;
  route: 'partner' | 'own';
  /** The unit's own sale price (for a partner's product: its sound rejects at the bazaar). */
  price: number;
  description: string;
  bom: Array<[MaterialKey, number]>;
}> = [
  {
    key: 'bag',
    kind: 'tas',
    route: 'partner',
    price: 45000,
    description:
      'Tas jinjing rajut tangan, benang katun, ± 30 × 25 cm, dibeli mitra per buah yang lolos uji mutu.',
    bom: [
      ['yarn', 250],
      ['label', 1],
    ],
  },
  {
    key: 'wallet',
    kind: 'dompet',
    route: 'partner',
    price: 20000,
    description: 'Dompet rajut dengan ritsleting, ± 18 × 10 cm.',
    bom: [
      ['yarn', 60],
      ['label', 1],
    ],
  },
  {
    key: 'keyRing',
    kind: 'aksesoris',
    route: 'partner',
    price: 7500,
    description: 'Gantungan kunci rajut bentuk bunga atau karakter kecil.',
    bom: [
      ['yarn', 15],
      ['label', 1],
    ],
  },
  {
    key: 'coaster',
    kind: 'lainnya',
    route: 'own',
    price: 10000,
    description: 'Tatakan gelas rajut dari benang sisa produksi, dijual di bazar dan pojok kunjungan.',
    bom: [['leftover', 20]],
  },
  {
    key: 'brooch',
    kind: 'aksesoris',
    route: 'own',
    price: 8000,
    description: 'Bros bunga rajut dari benang sisa produksi.',
    bom: [['leftover', 10]],
  },
];

/** 15:00 WIB on a day: when the day's paperwork is done. */
const afternoon = (day: string) => new Date(`${day}T15:00:00+07:00`);
const REASONS: readonly RejectReason[] = ['stitching', 'size', 'finishing', 'colour', 'stitching', 'other'];

export interface ProductionDemoIds {
  unitId: string;
  petugas: Actor;
  kepala: Actor;
  instructor: Actor;
}

/**
 * Seeds (or, on later starts, tops up) the production of the demo programme up to `now`. Returns
 * how many records it created (sessions logged, batches, invoices, sales and the like).
 */
export async function seedDemoProduction(
  db: Db,
  ids: ProductionDemoIds,
  now: Date = new Date(),
): Promise<number> {
  const programmeId = ids.unitId ? await programmeIdByName({ db }, ids.unitId, DEMO_PROGRAMME) : undefined;
  if (!programmeId || !ids.petugas.userId || !ids.kepala.userId || !ids.instructor.userId) return 0;
  if (now.getTime() < afternoon(PRODUCTION_FROM).getTime()) return 0;
  const petugas = staff(db, ids.petugas, ['petugas']);
  const kepala = staff(db, ids.kepala, ['kepala_upt']);
  const seed = petugas(now);
  const prog = await programme(seed, programmeId);
  if (!prog.partner_id) return 0;
  const instructor = staff(db, ids.instructor, ['instruktur_mitra'], prog.partner_id);
  let created = 0;

  const catalogue = await ensureCatalogue(seed, {
    unitId: ids.unitId,
    programmeId,
    partnerId: prog.partner_id,
  });
  created += catalogue.created;
  const { products, materials } = catalogue;
  const stock = new Map<string, number>();
  for (const m of (await listMaterials(seed, { q: '' })).rows)
    if (m.unit_id === ids.unitId) stock.set(m.id, m.on_hand);

  const sessions = (await sessionsOfProgramme(seed, { programmeId, upTo: '9999-12-31' })).filter(
    (s) =>
      s.status === 'scheduled' &&
      s.marked &&
      s.day >= PRODUCTION_FROM &&
      s.ends_at.getTime() <= now.getTime(),
  );
  // Where an earlier start stopped: the latest session with a production log.
  let done = -1;
  for (let k = sessions.length - 1; k >= 0; k--) {
    const s = sessions[k];
    if (s && (await productionLog(seed, { sessionId: s.id })).entries.size > 0) {
      done = k;
      break;
    }
  }
  const people = (await participantsOf(seed, { programmeId })).filter((p) => p.kind === 'inmate');
  const marks = await participantMarks(seed, { programmeId, enrolmentIds: people.map((p) => p.id) });
  const present = new Set(
    marks
      .filter((m) => m.status === 'hadir' || m.status === 'terlambat')
      .map((m) => `${m.session_id}/${m.enrolment_id}`),
  );
  const lastDone = sessions[done]?.day ?? '';
  const events: Array<{ day: string; run: () => Promise<number> }> = [];
  for (const [k, s] of sessions.entries()) {
    if (k <= done) continue;
    events.push({
      day: s.day,
      run: async () => {
        const at = petugas(s.ends_at);
        let n = 0;
        // The first session of a month: the previous months' checked batches are invoiced, and
        // after the bazaar the visitors' corner sells some of the unit's own stock.
        if (k === 0 || sessions[k - 1]?.day.slice(0, 7) !== s.day.slice(0, 7)) {
          n += await invoiceMonth(at, prog.partner_id as string, s.day);
          if (s.day > BAZAAR_DAY) n += await visitorsCorner(at, ids.unitId, products, k);
        }
        const entries = planEntries(
          people
            .filter((p) => present.has(`${s.id}/${p.id}`))
            .map((p) => ({ id: p.id, i: people.indexOf(p) })),
          k,
          s.day,
          products,
        );
        n += await supply(at, {
          day: s.day,
          entries,
          products,
          materials,
          stock,
          firstSession: k === 0,
          sessionId: s.id,
        });
        if (entries.length > 0) {
          await saveProduction(at, { sessionId: s.id }, { entries });
          n++;
        }
        // The partner's check every other week, in the hall on the day.
        if (k % 2 === 1)
          n += await qualityCheck(petugas(s.ends_at), instructor(s.ends_at), programmeId, s.day, k);
        return n;
      },
    });
  }
  if (BAZAAR_DAY > lastDone)
    events.push({ day: BAZAAR_DAY, run: () => bazaar(petugas(afternoon(BAZAAR_DAY)), ids.unitId, products) });
  if (STOCKTAKE_DAY > lastDone)
    events.push({
      day: STOCKTAKE_DAY,
      run: () => stockTake(petugas, kepala, { unitId: ids.unitId, materials, stock }),
    });
  events.sort((a, b) => a.day.localeCompare(b.day));
  for (const e of events) if (afternoon(e.day).getTime() <= now.getTime()) created += await e.run();
  return created;
}

/** The five products with their bills of materials and the four materials, made once. */
async function ensureCatalogue(ctx: Ctx, o: { unitId: string; programmeId: string; partnerId: string }) {
  let created = 0;
  const existing = new Map((await productsOfProgramme(ctx, o.programmeId)).map((p) => [p.name, p.id]));
  const mats = new Map(
    (await listMaterials(ctx, { q: '' })).rows
      .filter((m) => m.unit_id === o.unitId)
      .map((m) => [m.name, m.id]),
  );
  const materials = {} as Record<MaterialKey, string>;
  const spec: Record<MaterialKey, { uom: 'gram' | 'buah'; owner: 'partner' | 'unit'; low: number }> = {
    yarn: { uom: 'gram', owner: 'partner', low: 2000 },
    leftover: { uom: 'gram', owner: 'unit', low: 0 },
    needle: { uom: 'buah', owner: 'unit', low: 3 },
    label: { uom: 'buah', owner: 'unit', low: 50 },
  };
  for (const [key, name] of Object.entries(DEMO_MATERIALS) as Array<[MaterialKey, string]>) {
    let id = mats.get(name);
    if (!id) {
      const s = spec[key];
      id = await createMaterial(ctx, {
        unit_id: o.unitId,
        name,
        uom: s.uom,
        owner: s.owner,
        ...(s.owner === 'partner' ? { partner_id: o.partnerId } : {}),
        low_stock_level: s.low,
      });
      created++;
    }
    materials[key] = id;
  }
  const kinds = new Map((await listProductKinds(ctx, { activeOnly: true })).map((k) => [k.code, k.id]));
  const products = {} as Record<ProductKey, string>;
  for (const c of CATALOGUE) {
    const name = DEMO_PRODUCTS[c.key];
    let id = existing.get(name);
    if (!id) {
      id = await createProduct(ctx, {
        unit_id: o.unitId,
        programme_id: o.programmeId,
        kind_id: kinds.get(c.kind) ?? '',
        name,
        uom: 'buah',
        route: c.route,
        price: c.price,
        description: c.description,
      });
      await setBillOfMaterials(
        ctx,
        id,
        c.bom.map(([m, qty]) => ({ material_id: materials[m], qty_per_item: qty })),
      );
      created++;
    }
    products[c.key] = id;
  }
  return { created, products, materials };
}

/**
 * What each participant present finishes at the `k`-th production session: a few key rings; a
 * wallet most weeks from March for the more skilled; a bag over two sessions from May for the best;
 * coasters and brooches from leftover yarn from April for some.
 */
export function planEntries(
  present: ReadonlyArray<{ id: string; i: number }>,
  k: number,
  day: string,
  products: Record<ProductKey, string>,
): EntryInput[] {
  const out: EntryInput[] = [];
  for (const { id, i } of present) {
    const skill = unitRandom(i, 101);
    const r = (n: number) => unitRandom(i * 31 + n, k);
    const add = (key: ProductKey, finished: number, inProgress = 0) => {
      if (finished > 0 || inProgress > 0)
        out.push({ enrolment_id: id, product_id: products[key], finished, in_progress: inProgress });
    };
    const bags = day >= BAGS_FROM && skill > 0.55;
    add('keyRing', bags ? 1 : 1 + Math.floor(r(1) * 3));
    if (day >= WALLETS_FROM && skill > 0.3) add('wallet', r(2) < 0.65 ? 1 : 0, r(2) >= 0.65 ? 1 : 0);
    if (bags) add('bag', (k + i) % 2 === 0 ? 1 : 0, (k + i) % 2 === 0 ? 0 : 1);
    // The unit's own items: a stock for the bazaar in April, then now and then for the visitors' corner.
    const own = day >= OWN_FROM && skill <= 0.3 && (day < BAZAAR_DAY || r(5) < 0.25);
    if (own) add(r(3) < 0.5 ? 'coaster' : 'brooch', 1 + Math.floor(r(4) * 3));
  }
  return out;
}

/**
 * Materials before the session's work: needles and labels bought by the unit (needles handed out
 * at the first session), yarn delivered by the partner in 5 kg lots on its delivery notes, leftover
 * yarn given by the partner to the unit for its own products (no cost).
 */
async function supply(
  ctx: Ctx,
  o: {
    day: string;
    sessionId: string;
    firstSession: boolean;
    entries: readonly EntryInput[];
    products: Record<ProductKey, string>;
    materials: Record<MaterialKey, string>;
    stock: Map<string, number>;
  },
): Promise<number> {
  let n = 0;
  const need = new Map<string, number>();
  for (const e of o.entries) {
    const c = CATALOGUE.find((x) => o.products[x.key] === e.product_id);
    for (const [m, qty] of c?.bom ?? [])
      need.set(o.materials[m], (need.get(o.materials[m]) ?? 0) + qty * e.finished);
  }
  const receive = async (
    m: MaterialKey,
    qty: number,
    rest: { cost?: number; source: string; documentNo: string },
  ) => {
    const id = o.materials[m];
    await receiveMaterial(ctx, { materialId: id, day: o.day, qty, ...rest });
    o.stock.set(id, (o.stock.get(id) ?? 0) + qty);
    n++;
  };
  const onHand = (m: MaterialKey) => o.stock.get(o.materials[m]) ?? 0;
  const needOf = (m: MaterialKey) => need.get(o.materials[m]) ?? 0;
  const ddmm = o.day.slice(8, 10) + o.day.slice(5, 7);
  if (o.firstSession && onHand('needle') === 0) {
    await receive('needle', 20, {
      cost: 20 * 12500,
      source: 'Toko Benang Sumber Rejeki, Magetan',
      documentNo: `NOTA-${ddmm}-017`,
    });
    const handed = new Set(o.entries.map((e) => e.enrolment_id)).size;
    if (handed > 0) {
      await issueMaterial(ctx, {
        materialId: o.materials.needle,
        day: o.day,
        qty: handed,
        sessionId: o.sessionId,
      });
      o.stock.set(o.materials.needle, onHand('needle') - handed);
      n++;
    }
  }
  if (onHand('label') < needOf('label') + 20)
    await receive('label', 250, {
      cost: 250 * 400,
      source: 'Percetakan Sinar Jaya, Magetan',
      documentNo: `INV-SJ/${o.day.slice(0, 4)}/${ddmm}`,
    });
  if (onHand('yarn') < needOf('yarn') + 1000) {
    const lots = Math.ceil((needOf('yarn') + 3000 - onHand('yarn')) / 5000);
    await receive('yarn', lots * 5000, {
      source: 'PT. Arta Jayendra Perkasa',
      documentNo: `SJ/AJP/${o.day.slice(0, 4)}/${o.day.slice(5, 7)}${o.day.slice(8, 10)}`,
    });
  }
  if (needOf('leftover') > 0 && onHand('leftover') < needOf('leftover') + 100)
    await receive('leftover', 2000, {
      cost: 0,
      source: 'PT. Arta Jayendra Perkasa (hibah benang sisa produksi)',
      documentNo: `BAST/AJP/${o.day.slice(0, 4)}/${ddmm}`,
    });
  for (const [id, qty] of need) o.stock.set(id, (o.stock.get(id) ?? 0) - qty);
  return n;
}

/**
 * The batch of the day: everything the makers hold awaiting the check (reworked items with it),
 * checked by the partner's instructor the same day; each item passes with probability `pass`
 * (0.85 for the knitting class), a failed one is reworkable two times in five, with a reason.
 */
export async function qualityCheck(
  petugas: Ctx,
  instructor: Ctx,
  programmeId: string,
  day: string,
  k: number,
  pass = 0.85,
) {
  // Nothing awaiting the check (everyone absent since the last batch): no batch this week.
  if ((await awaitingCheck(petugas, programmeId)).rows.every((r) => r.awaiting <= 0)) return 0;
  const batchId = await createBatch(petugas, { programmeId, sentOn: day });
  const { lines } = await batchDetail(instructor, batchId, { for: 'check' });
  const checked = lines.map((l, x) => {
    let passed = 0;
    let rework = 0;
    let scrap = 0;
    for (let item = 0; item < l.submitted; item++) {
      const r = unitRandom(k * 97 + x, item + 1);
      if (r < pass) passed++;
      else if (r < pass + (1 - pass) * 0.4) rework++;
      else scrap++;
    }
    const reason = (n: number) => REASONS[Math.floor(unitRandom(x + n, k) * REASONS.length)] ?? 'other';
    return {
      lineId: l.id,
      passed,
      rejects: [
        ...(rework > 0
          ? [
              {
                qty: rework,
                reason: reason(1),
                reworkable: true,
                note: 'Dikembalikan ke perajin untuk diperbaiki',
              },
            ]
          : []),
        ...(scrap > 0 ? [{ qty: scrap, reason: reason(2), reworkable: false }] : []),
      ],
    };
  });
  await recordCheck(instructor, batchId, { checkedOn: day, lines: checked });
  return 2;
}

/**
 * At the first session of a month: an invoice for the batches checked in earlier months, and the
 * payment of the invoice before it, three weeks after it was issued (the latest stays open).
 */
export async function invoiceMonth(ctx: Ctx, partnerId: string, day: string): Promise<number> {
  const { batches } = await invoiceableBatches(ctx, partnerId);
  const ids = batches
    .filter((b) => b.checked_on !== null && b.checked_on < `${day.slice(0, 7)}-01`)
    .map((b) => b.id);
  if (ids.length === 0) return 0;
  const open = (await listInvoices(ctx, { partnerId, status: 'open' })).rows;
  await createInvoice(ctx, { partnerId, batchIds: ids, issuedOn: day, dueOn: addDaysIso(day, 30) });
  let n = 1;
  for (const inv of open) {
    const paidOn = addDaysIso(inv.issued_on, 21) < day ? addDaysIso(inv.issued_on, 21) : day;
    await recordPayment(ctx, inv.id, {
      paidOn,
      amount: inv.total - inv.paid,
      method: 'transfer',
      reference: `BRI ${paidOn.replaceAll('-', '')}-${inv.number.slice(-4)}`,
    });
    n++;
  }
  return n;
}

const addDaysIso = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The bazaar of Hari Bakti Pemasyarakatan: sound rejects and the unit's own items, cash and QRIS. */
async function bazaar(ctx: Ctx, unitId: string, products: Record<ProductKey, string>): Promise<number> {
  const day = BAZAAR_DAY;
  const sold = await listSales(ctx, { from: day, to: day, page: 1 });
  if (sold.rows.some((s) => s.unit_id === unitId)) return 0;
  const ours = new Set(Object.values(products));
  const left = new Map(
    (await saleableProducts(ctx))
      .filter((p) => ours.has(p.id))
      .map((p) => [p.id, Math.floor((p.on_hand - p.reserved) * 0.8)]),
  );
  const buyers = ['Ibu Sulastri', 'Bapak Wiyono', 'Ibu Endah', null, 'Ibu Marsini', null, 'Bapak Hartono'];
  let n = 0;
  for (const [k, buyer] of buyers.entries()) {
    const lines = [...left.entries()]
      .filter(([, q]) => q > 0)
      .filter((_, x) => (x + k) % 2 === 0)
      .slice(0, 2)
      .map(([id, q]) => ({ productId: id, qty: Math.min(q, 1 + (k % 3)) }));
    if (lines.length === 0) continue;
    for (const l of lines) left.set(l.productId, (left.get(l.productId) ?? 0) - l.qty);
    const qris = k % 3 === 1;
    await createSale(ctx, {
      soldOn: day,
      channel: 'bazaar',
      buyerName: buyer,
      paymentMethod: qris ? 'qris' : 'tunai',
      paymentRef: qris ? `QRIS-${day.replaceAll('-', '')}-${String(k + 1).padStart(4, '0')}` : null,
      note: 'Bazar Hari Bakti Pemasyarakatan ke-62',
      lines,
    });
    n++;
  }
  return n;
}

/** A visitor buys a few of the unit's own items at the visitors' corner (cash, or QRIS now and then). */
async function visitorsCorner(ctx: Ctx, unitId: string, products: Record<ProductKey, string>, k: number) {
  const own = new Set([products.coaster, products.brooch]);
  const lines = (await saleableProducts(ctx))
    .filter((p) => p.unit_id === unitId && own.has(p.id) && p.on_hand - p.reserved >= 2)
    .map((p) => ({ productId: p.id, qty: Math.min(p.on_hand - p.reserved, 2 + (k % 4)) }));
  if (lines.length === 0) return 0;
  const qris = k % 3 === 0;
  const day = dayInZone(ctx.now, 'Asia/Jakarta');
  await createSale(ctx, {
    soldOn: day,
    channel: 'visitor',
    paymentMethod: qris ? 'qris' : 'tunai',
    paymentRef: qris ? `QRIS-${day.replaceAll('-', '')}-${String(k).padStart(4, '0')}` : null,
    note: 'Pojok kunjungan (ruang tunggu layanan kunjungan)',
    lines,
  });
  return 1;
}

/** The half-year stock-take: 2 labels missing; the Kepala UPT approves it the same afternoon. */
async function stockTake(
  petugas: (now: Date) => Ctx,
  kepala: (now: Date) => Ctx,
  o: { unitId: string; materials: Record<MaterialKey, string>; stock: Map<string, number> },
): Promise<number> {
  const ctx = petugas(afternoon(STOCKTAKE_DAY));
  if ((await listAdjustments(ctx, { kind: 'stocktake' })).rows.some((a) => a.day === STOCKTAKE_DAY)) return 0;
  const on = (m: MaterialKey) => o.stock.get(o.materials[m]) ?? 0;
  const id = await createAdjustment(ctx, {
    unitId: o.unitId,
    kind: 'stocktake',
    day: STOCKTAKE_DAY,
    note: 'Stock opname bahan semester I 2026',
    lines: [
      { material_id: o.materials.yarn, counted: on('yarn') },
      { material_id: o.materials.needle, counted: on('needle') },
      { material_id: o.materials.label, counted: on('label') - 2, reason: 'hilang/rusak' },
    ],
  });
  await decideAdjustment(kepala(afternoon(STOCKTAKE_DAY)), id, {
    approve: true,
    note: 'Disetujui; label disimpan di lemari terkunci Giatja.',
  });
  o.stock.set(o.materials.label, on('label') - 2);
  return 2;
}
