// What bench/http.ts prints and writes: one table (scenario, req/s, p50, p95, p99, non-2xx, size
// on the wire, ratio to the bare Fastify route), the data sizes, the machine, the app's start and
// memory; the same as JSON for --out, so before and after runs can be compared by a script.
import os from 'node:os';
import type { Figures } from './http-load.ts';

export interface ScenarioResult {
  key: string;
  label: string;
  /** Who asked, and what. */
  as: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  /** The probe before the load: status and size of one answer, raw and as a browser gets it. */
  probe: { status: number; rawBytes: number; wireBytes: number } | null;
  figures: Figures;
  /** req/s as a share of the bare Fastify route's in the same run. */
  ratioToBare: number | null;
  note?: string;
}

export interface Report {
  harness: string;
  command: string;
  startedAt: string;
  finishedAt: string;
  size: string;
  settings: { connections: number; duration: number; warmup: number; timeout: number; saves: number };
  machine: {
    cores: number;
    cpu: string;
    memoryGb: number;
    node: string;
    platform: string;
    loadBefore: number[];
    loadAfter: number[];
  };
  app: {
    dir: string;
    commit: string;
    start: string;
    command: string;
    buildSeconds: number | null;
    readySeconds: number;
    idleRssMb: number;
    afterRssMb: number;
    peakRssMb: number;
  };
  data: Record<string, number | string>;
  bare: Figures;
  scenarios: ScenarioResult[];
}

export function machine(): Omit<Report['machine'], 'loadAfter'> {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadBefore: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const n = (x: number, d = 1) =>
  x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
const kb = (b: number) => `${n(b / 1024)} KB`;

export function table(r: Report): string {
  const head = ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx/err', 'size', 'vs bare'];
  const rows: string[][] = [
    [
      'bare Fastify GET / (own process)',
      n(r.bare.rps, 0),
      n(r.bare.p50, 2),
      n(r.bare.p95, 2),
      n(r.bare.p99, 2),
      String(r.bare.non2xx + r.bare.errors),
      kb(r.bare.bytes),
      '100%',
    ],
  ];
  for (const s of r.scenarios) {
    const f = s.figures;
    // autocannon counts a timeout among its errors too.
    const bad = f.non2xx + f.errors;
    // No answer within the window: no latency to show (the timeouts column says why).
    const ms = (x: number) => (f.requests ? n(x, 1) : '-');
    rows.push([
      s.label,
      s.method === 'POST' ? `${n(f.rps, 1)} seq` : n(f.rps, 1),
      ms(f.p50),
      ms(f.p95),
      ms(f.p99),
      bad ? `${bad}${f.timeouts ? ` (${f.timeouts} timeouts)` : ''}` : '0',
      s.probe ? `${kb(s.probe.wireBytes)} (${kb(s.probe.rawBytes)})` : kb(f.bytes),
      s.ratioToBare === null ? '-' : `${n(s.ratioToBare * 100, 2)}%`,
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const d = r.data;
  const a = r.app;
  const m = r.machine;
  for (const s of r.scenarios) if (s.note) out.push(`  ${s.label}: ${s.note}`);
  out.push(
    '',
    `size column: one answer on the wire as a browser asks for it (gzip/br accepted), raw in brackets; ` +
      `req/s of the save is sequential (1 / mean time of one request)`,
    `data (${r.size}, counted): ${d.kanwil} kanwil, ${d.units} units, ${n(Number(d.inmates), 0)} inmates, ` +
      `${d.programmes} programmes, ${n(Number(d.programme_sessions), 0)} sessions, ${n(Number(d.enrolments), 0)} enrolments, ` +
      `${n(Number(d.attendance_marks), 0)} attendance marks, ${n(Number(d.production_entries), 0)} production entries; ` +
      `the roll call: ${d.participants} participants, ${d.heldSessions} held sessions, ${d.sessionMarks} marks on ${d.sessionDay}; roll-ups of ${d.month}`,
    `app: ${a.start} start (${a.command}) from ${a.dir} at ${a.commit}` +
      (a.buildSeconds !== null ? `, build ${n(a.buildSeconds, 1)} s` : '') +
      `, ready in ${n(a.readySeconds, 2)} s; RSS idle ${n(a.idleRssMb, 0)} MB, after the run ${n(a.afterRssMb, 0)} MB, peak ${n(a.peakRssMb, 0)} MB`,
    `load: ${r.settings.connections} connections, ${r.settings.warmup} s warm-up, ${r.settings.duration} s measured, ` +
      `timeout ${r.settings.timeout} s; ${r.settings.saves} saves after 5 warm-up`,
    `machine: ${m.cores} x ${m.cpu}, ${m.memoryGb} GB, node ${m.node}, ${m.platform}; load average ${m.loadBefore.join(' ')} before, ${m.loadAfter.join(' ')} after`,
  );
  return out.join('\n');
}
