// Production at scale for the synthetic-data generator (`--production`): per unit a catalogue of
// products and materials with bills of materials, participants enrolled from the unit's inmates, and
// for every generated session up to the window's end their production log, the materials it used,
// the partner's quality check every other week, monthly offtake invoices (all paid but the latest),
// direct sales of the unit's own stock, and every stock change as a movement row.
//
// Like the rest of the generator it writes straight to the tables with COPY and no audit records.
// The figures are consistent by construction: each product's and material's stock columns are the
// sums of its movements, a maker never sends more than they hold, a line's amount is passed items x
// the piece rate in the agreement's terms, and a material is received before it is used each month.
import type pg from 'pg';
import { addDays } from '../src/modules/programmes/schedule.rules.ts';
import { type Cell, copyRows } from './copy.ts';
import { int, pick, type Rand, uuid } from './generate.ts';

export interface ProductionOptions {
  /** Inmates enrolled per programme (fewer when the unit has fewer inmates left in its window). */
  participantsPerProgramme: number;
  productsPerUnit: number;
  materialsPerUnit: number;
}

export const PRODUCTION_DEFAULTS: ProductionOptions = {
  participantsPerProgramme: 25,
  productsPerUnit: 12,
  materialsPerUnit: 8,
};

export interface ProductionUnit {
  id: string;
  inmates: Array<{ id: string; name: string; release: string | null; active: boolean }>;
  programmes: Array<{ id: string; area: string; sessions: Array<{ id: string; day: string }> }>;
}

export interface ProductionResult {
  enrolments: number;
  products: number;
  materials: number;
  entries: number;
  productMovements: number;
  materialMovements: number;
  qcBatches: number;
  qcLines: number;
  invoices: number;
  sales: number;
}

/** Document series of the generated numbers (QC batch, offtake invoice, kuitansi). */
export const SERIES = { batch: 'QC', invoice: 'INV', sale: 'KW' } as const;

type Uom = 'gram' | 'gulung' | 'meter' | 'buah';
/** What each skill area makes (kind code, product, price in rupiah) and from what (material, uom, cost per uom). */
const CATALOGUE: Record<
  string,
  { products: Array<[string, string, number]>; materials: Array<[string, Uom, number, number]> }
> = {
  Garmen: {
    products: [
      ['tas', 'Tas rajut', 60000],
      ['dompet', 'Dompet rajut', 30000],
      ['aksesoris', 'Gantungan kunci rajut', 10000],
      ['pakaian', 'Kemeja batik', 120000],
      ['pakaian', 'Masker kain', 8000],
      ['lainnya', 'Sarung bantal', 35000],
    ],
    // name, uom, qty per item (typical), cost per uom (rupiah; 0 = partner's consignment)
    materials: [
      ['Benang katun', 'gram', 60, 0],
      ['Kain katun', 'meter', 2, 25000],
      ['Label merek', 'buah', 1, 500],
      ['Ritsleting', 'buah', 1, 2000],
      ['Benang jahit', 'gulung', 1, 4000],
    ],
  },
  'Pertukangan kayu': {
    products: [
      ['mebel', 'Kursi kayu', 350000],
      ['mebel', 'Meja lipat', 275000],
      ['mebel', 'Rak buku', 400000],
      ['lainnya', 'Talenan kayu', 25000],
    ],
    materials: [
      ['Papan kayu mahoni', 'meter', 3, 60000],
      ['Paku', 'buah', 20, 100],
      ['Amplas', 'buah', 2, 3000],
      ['Pernis', 'buah', 1, 45000],
    ],
  },
  Kuliner: {
    products: [
      ['makanan', 'Roti manis', 5000],
      ['makanan', 'Kue kering (toples)', 45000],
      ['makanan', 'Kopi bubuk 250 g', 40000],
    ],
    materials: [
      ['Tepung terigu', 'gram', 200, 12],
      ['Gula pasir', 'gram', 80, 16],
      ['Kemasan plastik', 'buah', 1, 700],
    ],
  },
  Kerajinan: {
    products: [
      ['aksesoris', 'Anyaman bambu', 50000],
      ['lainnya', 'Kain batik tulis', 250000],
      ['lainnya', 'Keranjang rotan', 75000],
    ],
    materials: [
      ['Bambu', 'meter', 4, 5000],
      ['Malam batik', 'gram', 150, 60],
      ['Kain mori', 'meter', 2, 30000],
    ],
  },
  other: {
    products: [
      ['pertanian', 'Sayur sawi (ikat)', 5000],
      ['pertanian', 'Ikan lele (kg)', 25000],
      ['lainnya', 'Kaos sablon', 65000],
      ['lainnya', 'Batako', 3500],
    ],
    materials: [
      ['Pupuk kompos', 'gram', 500, 2],
      ['Pakan ikan', 'gram', 800, 12],
      ['Kaos polos', 'buah', 1, 30000],
      ['Semen', 'gram', 1500, 2],
    ],
  },
};
const REASONS = ['size', 'stitching', 'colour', 'finishing', 'other'] as const;
const COLUMNS = {
  partners: ['id', 'unit_id', 'type', 'legal_name', 'city', 'contacts'],
  agreements: [
    'id',
    'unit_id',
    'partner_id',
    'kind',
    'title',
    'signed_on',
    'valid_from',
    'status',
    'parties',
  ],
  agreement_terms: [
    'agreement_id',
    'source_id',
    'effective_from',
    'materials_by',
    'pay_model',
    'piece_rates',
    'rejects_saleable',
  ],
  products: [
    'id',
    'unit_id',
    'programme_id',
    'kind_id',
    'name',
    'uom',
    'route',
    'price',
    'awaiting_check',
    'in_check',
    'on_hand',
    'reserved',
    'sold',
  ],
  materials: [
    'id',
    'unit_id',
    'name',
    'uom',
    'owner',
    'partner_id',
    'low_stock_level',
    'on_hand',
    'stock_value',
  ],
  bill_of_materials: ['product_id', 'material_id', 'qty_per_item'],
  enrolments: [
    'id',
    'programme_id',
    'kind',
    'inmate_id',
    'name',
    'status',
    'end_reason',
    'started_on',
    'ended_on',
  ],
  production_entries: [
    'id',
    'unit_id',
    'programme_id',
    'session_id',
    'day',
    'enrolment_id',
    'product_id',
    'finished',
    'in_progress',
  ],
  production_entry_materials: ['entry_id', 'material_id', 'qty'],
  qc_batches: [
    'id',
    'unit_id',
    'partner_id',
    'programme_id',
    'agreement_id',
    'number',
    'sent_on',
    'checked_on',
    'status',
  ],
  qc_batch_lines: ['id', 'batch_id', 'enrolment_id', 'product_id', 'submitted', 'passed', 'rate'],
  qc_rejects: ['line_id', 'qty', 'reason', 'reworkable', 'disposition'],
  offtake_invoices: [
    'id',
    'unit_id',
    'partner_id',
    'number',
    'issued_on',
    'due_on',
    'total',
    'paid',
    'status',
  ],
  offtake_invoice_batches: ['invoice_id', 'batch_id', 'amount'],
  offtake_payments: ['invoice_id', 'paid_on', 'amount', 'method', 'reference'],
  sales: [
    'id',
    'unit_id',
    'number',
    'sold_on',
    'channel',
    'buyer_name',
    'payment_method',
    'payment_ref',
    'total',
  ],
  sale_lines: ['sale_id', 'product_id', 'qty', 'unit_price', 'amount'],
  product_movements: [
    'unit_id',
    'product_id',
    'kind',
    'day',
    'enrolment_id',
    'd_awaiting',
    'd_in_check',
    'd_on_hand',
    'd_reserved',
    'd_sold',
    'production_entry_id',
    'qc_line_id',
    'sale_id',
  ],
  material_movements: [
    'unit_id',
    'material_id',
    'kind',
    'day',
    'qty',
    'value',
    'source',
    'document_no',
    'session_id',
    'enrolment_id',
    'production_entry_id',
  ],
  document_counters: ['unit_id', 'series', 'year', 'last'],
} as const;
type Table = keyof typeof COLUMNS;

/** Rows gathered per table and written in foreign-key order once enough have piled up. */
class Sink {
  rows = new Map<Table, Cell[][]>();
  counts = new Map<Table, number>();
  pending = 0;
  programmePartners: Array<[string, string, string]> = [];
  constructor(private readonly client: pg.PoolClient) {}
  add(table: Table, row: Cell[]) {
    const list = this.rows.get(table);
    if (list) list.push(row);
    else this.rows.set(table, [row]);
    this.pending++;
  }
  async flush() {
    for (const table of Object.keys(COLUMNS) as Table[]) {
      const list = this.rows.get(table);
      if (!list?.length) continue;
      await copyRows(this.client, table, COLUMNS[table], list);
      this.counts.set(table, (this.counts.get(table) ?? 0) + list.length);
      list.length = 0;
    }
    if (this.programmePartners.length) {
      const cols = [0, 1, 2].map((i) => this.programmePartners.map((p) => p[i]));
      await this.client.query(
        `update programmes p set partner_id = x.partner_id, agreement_id = x.agreement_id
           from unnest($1::uuid[], $2::uuid[], $3::uuid[]) as x(id, partner_id, agreement_id)
          where p.id = x.id`,
        cols,
      );
      this.programmePartners = [];
    }
    this.pending = 0;
  }
}

interface Product {
  id: string;
  programmeId: string;
  kindId: string;
  name: string;
  route: 'partner' | 'own';
  price: number;
  rate: number;
  bom: Array<{ material: Material; qty: number }>;
  stock: { awaiting: number; in_check: number; on_hand: number; sold: number };
}
interface Material {
  id: string;
  name: string;
  uom: Uom;
  /** A typical quantity per item made: the base of the bills of materials and the low-stock level. */
  perItem: number;
  owner: 'partner' | 'unit';
  cost: number;
  /** Used per month (YYYY-MM), to receive enough at the start of each month. */
  used: Map<string, number>;
  moves: Array<{ day: string; qty: number; cells: (value: number) => Cell[] }>;
}

const month = (day: string) => day.slice(0, 7);
const firstOfNextMonth = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** Fills the production tables for the given units, inside the caller's transaction. */
export async function generateProduction(
  client: pg.PoolClient,
  r: Rand,
  units: readonly ProductionUnit[],
  o: ProductionOptions & { windowTo: string },
  log: (m: string) => void = () => {},
): Promise<ProductionResult> {
  const kinds = new Map(
    (await client.query<{ code: string; id: string }>('select code, id from product_kinds')).rows.map((k) => [
      k.code,
      k.id,
    ]),
  );
  // The rows reference each other correctly by construction: where the role allows it (a superuser,
  // as on the embedded server), the foreign-key triggers are skipped for this transaction's COPYs.
  let replica = true;
  await client.query('savepoint production_fk');
  try {
    await client.query('set local session_replication_role = replica');
    await client.query('release savepoint production_fk');
  } catch {
    replica = false;
    await client.query('rollback to savepoint production_fk');
  }
  const sink = new Sink(client);
  const counters = new Map<string, number>();
  const next = (unitId: string, series: string, day: string) => {
    const key = `${unitId}/${series}/${day.slice(0, 4)}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${series}/${day.slice(0, 4)}/${String(n).padStart(4, '0')}`;
  };
  let done = 0;
  for (const unit of units) {
    unitProduction(r, unit, o, kinds, sink, next);
    done++;
    if (sink.pending > 200_000) {
      await sink.flush();
      log(`  production: ${done} / ${units.length} units`);
    }
  }
  for (const [key, last] of counters) {
    const [unitId, series, year] = key.split('/');
    sink.add('document_counters', [unitId ?? '', series ?? '', Number(year), last]);
  }
  await sink.flush();
  if (replica) await client.query('set local session_replication_role = origin');
  const n = (t: Table) => sink.counts.get(t) ?? 0;
  return {
    enrolments: n('enrolments'),
    products: n('products'),
    materials: n('materials'),
    entries: n('production_entries'),
    productMovements: n('product_movements'),
    materialMovements: n('material_movements'),
    qcBatches: n('qc_batches'),
    qcLines: n('qc_batch_lines'),
    invoices: n('offtake_invoices'),
    sales: n('sales'),
  };
}

function unitProduction(
  r: Rand,
  unit: ProductionUnit,
  o: ProductionOptions & { windowTo: string },
  kinds: Map<string, string>,
  sink: Sink,
  next: (unitId: string, series: string, day: string) => string,
) {
  const programmes = unit.programmes.filter((p) => p.sessions.some((s) => s.day <= o.windowTo));
  if (programmes.length === 0 || unit.inmates.length === 0) return;
  // A partner buys from about half of the programmes (at least one per unit), under one PKS.
  const partnerId = uuid(r);
  const agreementId = uuid(r);
  const from = programmes.flatMap((p) => p.sessions.map((s) => s.day)).sort()[0] ?? o.windowTo;
  const saleable = r() < 0.5;
  sink.add('partners', [partnerId, unit.id, 'company', `Mitra Produksi ${unit.id.slice(0, 8)}`, null, '[]']);
  sink.add('agreements', [
    agreementId,
    unit.id,
    partnerId,
    'pks',
    'PKS produksi dan pembelian hasil (data sintetis)',
    addDays(from, -7),
    addDays(from, -7),
    'active',
    '[]',
  ]);
  const bought = new Set(programmes.filter((_, i) => i === 0 || r() < 0.5).map((p) => p.id));

  // Materials and products, shared out over the programmes; names unique in the unit.
  const names = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let k = 2; names.has(name); k++) name = `${base} ${k}`;
    names.add(name);
    return name;
  };
  const materialsOf = new Map<string, Material[]>();
  const materials: Material[] = [];
  for (let i = 0; i < o.materialsPerUnit; i++) {
    const p = programmes[i % programmes.length] as (typeof programmes)[number];
    const [base, uom, perItem, cost] = pick(r, (CATALOGUE[p.area] ?? CATALOGUE.other)?.materials ?? []);
    const partner = cost === 0 && bought.has(p.id);
    const m: Material = {
      id: uuid(r),
      name: unique(base),
      uom,
      perItem,
      owner: partner ? 'partner' : 'unit',
      cost: cost === 0 ? 1 : cost,
      used: new Map(),
      moves: [],
    };
    materials.push(m);
    materialsOf.set(p.id, [...(materialsOf.get(p.id) ?? []), m]);
  }
  const productsOf = new Map<string, Product[]>();
  const products: Product[] = [];
  const rates: Array<{ product: string; unit: string; rate: number }> = [];
  for (let i = 0; i < o.productsPerUnit; i++) {
    const p = programmes[i % programmes.length] as (typeof programmes)[number];
    const [kind, base, price] = pick(r, (CATALOGUE[p.area] ?? CATALOGUE.other)?.products ?? []);
    const route = bought.has(p.id) && r() < 0.75 ? 'partner' : 'own';
    const name = unique(base);
    const rate = route === 'partner' ? Math.round((price * 0.5) / 500) * 500 : 0;
    if (route === 'partner') rates.push({ product: name, unit: 'buah', rate });
    const pool = materialsOf.get(p.id) ?? materials;
    const bom = [...new Set([pick(r, pool), ...(r() < 0.5 ? [pick(r, pool)] : [])])]
      .filter((m): m is Material => m !== undefined)
      .map((m) => ({
        material: m,
        qty: Math.max(1, Math.round(m.perItem * (0.5 + r()))),
      }));
    const prod: Product = {
      id: uuid(r),
      programmeId: p.id,
      kindId: kinds.get(kind) ?? kinds.get('lainnya') ?? '',
      name,
      route,
      price,
      rate,
      bom,
      stock: { awaiting: 0, in_check: 0, on_hand: 0, sold: 0 },
    };
    products.push(prod);
    productsOf.set(p.id, [...(productsOf.get(p.id) ?? []), prod]);
  }
  sink.add('agreement_terms', [
    agreementId,
    agreementId,
    addDays(from, -7),
    'partner',
    'piece_rate',
    JSON.stringify(rates),
    saleable,
  ]);
  for (const p of programmes)
    if (bought.has(p.id)) sink.programmePartners.push([p.id, partnerId, agreementId]);

  const productMove = (
    p: Product,
    kind: string,
    day: string,
    d: [number, number, number, number],
    refs: { enrolment?: string; entry?: string; line?: string; sale?: string },
  ) => {
    p.stock.awaiting += d[0];
    p.stock.in_check += d[1];
    p.stock.on_hand += d[2];
    p.stock.sold += d[3];
    sink.add('product_movements', [
      unit.id,
      p.id,
      kind,
      day,
      refs.enrolment ?? null,
      d[0],
      d[1],
      d[2],
      0,
      d[3],
      refs.entry ?? null,
      refs.line ?? null,
      refs.sale ?? null,
    ]);
  };

  // Participants: the unit's inmates still inside well into the window, a fresh share per programme.
  const pool = unit.inmates.filter((i) => i.active && (i.release === null || i.release > addDays(from, 14)));
  let cursor = int(r, 0, Math.max(0, pool.length - 1));
  const batches: Array<{ id: string; day: string; cells: (n: string) => Cell[] }> = [];
  const sales: Array<{ day: string; cells: (n: string) => Cell[] }> = [];
  const invoices: Array<{ day: string; cells: (n: string) => Cell[] }> = [];
  for (const prog of programmes) {
    const made = productsOf.get(prog.id) ?? [];
    if (made.length === 0 || pool.length === 0) continue;
    const sessions = prog.sessions.filter((s) => s.day <= o.windowTo);
    const first = sessions[0]?.day ?? from;
    const people = Array.from({ length: Math.min(o.participantsPerProgramme, pool.length) }, () => {
      const i = pool[cursor++ % pool.length] as (typeof pool)[number];
      const left = i.release !== null && i.release <= o.windowTo ? i.release : null;
      const e = {
        id: uuid(r),
        from: first,
        left,
        // Each maker has one or two usual products.
        makes: [...new Set([pick(r, made), ...(r() < 0.4 ? [pick(r, made)] : [])])],
        holding: new Map<Product, number>(),
      };
      sink.add('enrolments', [
        e.id,
        prog.id,
        'inmate',
        i.id,
        i.name,
        left ? 'withdrawn' : 'active',
        left ? 'released' : null,
        first,
        left,
      ]);
      return e;
    });
    let lastCheck = first;
    const checked: Array<{ id: string; day: string; amount: number }> = [];
    for (const [k, s] of sessions.entries()) {
      for (const e of people) {
        if (s.day < e.from || (e.left !== null && s.day >= e.left) || r() < 0.15) continue;
        for (const p of e.makes) {
          const finished = int(r, 0, p.price > 100000 ? 1 : 4);
          const inProgress = int(r, 0, 2);
          if (finished === 0 && inProgress === 0) continue;
          const entryId = uuid(r);
          sink.add('production_entries', [
            entryId,
            unit.id,
            prog.id,
            s.id,
            s.day,
            e.id,
            p.id,
            finished,
            inProgress,
          ]);
          if (finished === 0) continue;
          productMove(
            p,
            'produced',
            s.day,
            p.route === 'partner' ? [finished, 0, 0, 0] : [0, 0, finished, 0],
            {
              enrolment: e.id,
              entry: entryId,
            },
          );
          if (p.route === 'partner') e.holding.set(p, (e.holding.get(p) ?? 0) + finished);
          for (const b of p.bom) {
            const qty = b.qty * finished;
            sink.add('production_entry_materials', [entryId, b.material.id, qty]);
            b.material.used.set(month(s.day), (b.material.used.get(month(s.day)) ?? 0) + qty);
            b.material.moves.push({
              day: s.day,
              qty: -qty,
              cells: (value) => [
                unit.id,
                b.material.id,
                'used',
                s.day,
                -qty,
                value,
                null,
                null,
                s.id,
                e.id,
                entryId,
              ],
            });
          }
        }
      }
      // The partner's check every other week: everything its makers hold goes in one batch, checked
      // by the partner's instructor in the hall that day.
      const checkOn = s.day;
      if (bought.has(prog.id) && addDays(lastCheck, 14) <= s.day) {
        lastCheck = s.day;
        const batchId = uuid(r);
        let amount = 0;
        for (const e of people)
          for (const [p, held] of e.holding) {
            if (held <= 0) continue;
            const lineId = uuid(r);
            let passed = 0;
            for (let x = 0; x < held; x++) if (r() < 0.85) passed++;
            const failed = held - passed;
            const rework = failed > 0 && r() < 0.4 ? int(r, 1, failed) : 0;
            const rejected = failed - rework;
            sink.add('qc_batch_lines', [lineId, batchId, e.id, p.id, held, passed, p.rate]);
            productMove(p, 'sent_to_check', s.day, [-held, held, 0, 0], { enrolment: e.id, line: lineId });
            if (passed > 0)
              productMove(p, 'passed', checkOn, [0, -passed, 0, passed], { enrolment: e.id, line: lineId });
            if (rework > 0) {
              sink.add('qc_rejects', [lineId, rework, pick(r, REASONS), true, 'rework']);
              productMove(p, 'rework', checkOn, [rework, -rework, 0, 0], { enrolment: e.id, line: lineId });
            }
            if (rejected > 0) {
              sink.add('qc_rejects', [
                lineId,
                rejected,
                pick(r, REASONS),
                false,
                saleable ? 'own_stock' : 'scrap',
              ]);
              productMove(
                p,
                saleable ? 'reject_to_stock' : 'reject_scrap',
                checkOn,
                [0, -rejected, saleable ? rejected : 0, 0],
                {
                  enrolment: e.id,
                  line: lineId,
                },
              );
            }
            e.holding.set(p, rework);
            amount += passed * p.rate;
          }
        checked.push({ id: batchId, day: checkOn, amount });
        batches.push({
          id: batchId,
          day: s.day,
          cells: (number) => [
            batchId,
            unit.id,
            partnerId,
            prog.id,
            agreementId,
            number,
            s.day,
            checkOn,
            'checked',
          ],
        });
      }
      // Now and then the unit sells from its own stock (bazaar, visitors' corner).
      if (k % 4 === 3) {
        const stock = made.filter((p) => p.stock.on_hand > 0);
        if (stock.length > 0) {
          const saleId = uuid(r);
          let total = 0;
          for (const p of [...new Set([pick(r, stock), pick(r, stock)])]) {
            const qty = int(r, 1, p.stock.on_hand);
            sink.add('sale_lines', [saleId, p.id, qty, p.price, qty * p.price]);
            productMove(p, 'sold', s.day, [0, 0, -qty, qty], { sale: saleId });
            total += qty * p.price;
          }
          const method = pick(r, ['tunai', 'tunai', 'qris', 'transfer'] as const);
          const channel = pick(r, ['bazaar', 'visitor', 'order'] as const);
          sales.push({
            day: s.day,
            cells: (number) => [
              saleId,
              unit.id,
              number,
              s.day,
              channel,
              null,
              method,
              method === 'tunai' ? null : `REF${saleId.slice(0, 8).toUpperCase()}`,
              total,
            ],
          });
        }
      }
    }
    // Monthly invoices for the batches checked that month, issued on the 1st after it; paid but the latest.
    const byMonth = new Map<string, typeof checked>();
    for (const b of checked) byMonth.set(month(b.day), [...(byMonth.get(month(b.day)) ?? []), b]);
    const issued = [...byMonth.entries()].filter(([m]) => firstOfNextMonth(`${m}-01`) <= o.windowTo);
    for (const [i, [m, list]] of issued.entries()) {
      const invoiceId = uuid(r);
      const day = firstOfNextMonth(`${m}-01`);
      const total = list.reduce((a, b) => a + b.amount, 0);
      const paid = i < issued.length - 1 && addDays(day, 14) <= o.windowTo;
      invoices.push({
        day,
        cells: (number) => [
          invoiceId,
          unit.id,
          partnerId,
          number,
          day,
          addDays(day, 30),
          total,
          paid ? total : 0,
          paid ? 'paid' : 'open',
        ],
      });
      for (const b of list) sink.add('offtake_invoice_batches', [invoiceId, b.id, b.amount]);
      if (paid && total > 0)
        sink.add('offtake_payments', [
          invoiceId,
          addDays(day, 14),
          total,
          'transfer',
          `TRF-${invoiceId.slice(0, 8)}`,
        ]);
    }
    const invoiced = new Set(issued.flatMap(([, list]) => list.map((b) => b.id)));
    for (const b of batches)
      if (invoiced.has(b.id)) {
        const cells = b.cells;
        b.cells = (n) => {
          const c = cells(n);
          c[8] = 'invoiced';
          return c;
        };
      }
  }
  // Numbers in day order, gapless per unit, series and year.
  for (const b of batches.sort((a, b) => a.day.localeCompare(b.day)))
    sink.add('qc_batches', b.cells(next(unit.id, SERIES.batch, b.day)));
  for (const i of invoices.sort((a, b) => a.day.localeCompare(b.day)))
    sink.add('offtake_invoices', i.cells(next(unit.id, SERIES.invoice, i.day)));
  for (const s of sales.sort((a, b) => a.day.localeCompare(b.day)))
    sink.add('sales', s.cells(next(unit.id, SERIES.sale, s.day)));

  // Materials: received on the 1st of each month (the window's first day for the first) a little
  // more than that month uses, from the partner (consignment, no value) or bought at cost.
  for (const m of materials) {
    for (const [mo, used] of m.used) {
      const day = `${mo}-01` < from ? from : `${mo}-01`;
      const qty = Math.ceil(used * (1.1 + r() * 0.3)) + m.perItem * 10;
      const doc = `${m.owner === 'partner' ? 'SJ' : 'NOTA'}-${mo.replace('-', '')}-${m.id.slice(0, 4)}`;
      m.moves.push({
        day,
        qty,
        cells: (value) => [
          unit.id,
          m.id,
          'received',
          day,
          qty,
          value,
          m.owner === 'partner' ? 'Mitra Produksi' : 'Toko bahan',
          doc,
          null,
          null,
          null,
        ],
      });
    }
    // In day order, receipts before use on the same day; the value at average cost as moveMaterial keeps it.
    m.moves.sort((a, b) => a.day.localeCompare(b.day) || b.qty - a.qty);
    let onHand = 0;
    let value = 0;
    for (const mv of m.moves) {
      let dv = 0;
      if (m.owner === 'unit') {
        if (mv.qty > 0) dv = mv.qty * m.cost;
        else dv = -(-mv.qty >= onHand ? value : Math.floor((value * -mv.qty) / onHand));
      }
      onHand += mv.qty;
      value += dv;
      sink.add('material_movements', mv.cells(dv));
    }
    sink.add('materials', [
      m.id,
      unit.id,
      m.name,
      m.uom,
      m.owner,
      m.owner === 'partner' ? partnerId : null,
      m.perItem * 5,
      onHand,
      value,
    ]);
  }
  for (const p of products)
    sink.add('products', [
      p.id,
      unit.id,
      p.programmeId,
      p.kindId,
      p.name,
      'buah',
      p.route,
      p.price,
      p.stock.awaiting,
      p.stock.in_check,
      p.stock.on_hand,
      0,
      p.stock.sold,
    ]);
  for (const p of products)
    for (const b of p.bom) sink.add('bill_of_materials', [p.id, b.material.id, b.qty]);
}
