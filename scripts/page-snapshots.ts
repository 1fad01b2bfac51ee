// `npm run snapshots`: the rendered HTML of a fixed list of pages, as evidence that a refactor did
// not change what users see. The app runs in-process on a private embedded PostgreSQL, on a fresh
// copy of the demo data seeded as `npm test` seeds it (migrated template, Program Aksi, demo).
//   npm run snapshots -- --out <dir>                 write <dir>/<name>.html for every page
//   npm run snapshots -- --compare <dirA> <dirB>     same/different per page; exit 1 on a difference
//   --more                   28 more pages: forms (new/edit), second-level pages, other roles' views
//   --seed-from <checkout>   seed the demo with another checkout's code (e.g. the commit before a
//                            refactor), so only the rendering is compared, or while the seeding is broken
// Each page is signed in as a demo role and normalised so that two runs on the same tree (the same
// day, in the unit's time zone: the demo is seeded relative to today) give identical files:
// UUIDs (record ids, the roll call's idempotency key) become uuid-1, uuid-2... in order of first
// appearance, the audit log's 8-digit short ids id8-1..., and the CSRF token, the certificate's
// random verification token (and a QR code drawn from it), <time> elements holding an instant
// written by the run itself (the seeding's and the sign-ins' audit records), the dashboard's
// clock and a form's default local "now" (--more: a breach's found_at) become placeholders. Tags are put one per line so that a difference reads as a small diff.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../test/ports.ts';

const root = path.resolve(import.meta.dirname, '..');
const USAGE = 'Usage: npm run snapshots -- --out <dir> [--seed-from <checkout>] | --compare <dirA> <dirB>';

/** Who signs in for the pages; every demo account has the documented demo password. */
type Who =
  | 'ari.rahmanto'
  | 'petugas.magetan'
  | 'humas.magetan'
  | 'admin.magetan'
  | 'kanwil.jatim'
  | 'ditjenpas'
  | 'instruktur.arta';

/** The ids the pages need, found in the demo by stable names (never hard-coded). */
interface Ids {
  partner: string;
  agreement: string;
  programme: string;
  rollCallSession: string;
  journalSession: string;
  certificate: string;
  inmate: string;
  intake: string;
  enrolment: string;
  user: string;
}

/**
 * The 26 pages: together they cover every module. The four start pages are the four shapes of the
 * dashboard (a unit's head, a unit's staff, a regional office, the national office); the other
 * roles appear on the pages they use (admin: users, legal basis; humas: account; instructor: journal).
 */
const PAGES: ReadonlyArray<{ name: string; as: Who; url: (ids: Ids) => string; status?: number }> = [
  { name: 'dashboard-kepala', as: 'ari.rahmanto', url: () => '/dashboard' },
  { name: 'dashboard-petugas', as: 'petugas.magetan', url: () => '/dashboard' },
  { name: 'dashboard-kanwil', as: 'kanwil.jatim', url: () => '/dashboard' },
  { name: 'dashboard-pusat', as: 'ditjenpas', url: () => '/dashboard' },
  { name: 'units', as: 'ditjenpas', url: () => '/units' },
  { name: 'users', as: 'admin.magetan', url: () => '/admin/users' },
  { name: 'audit', as: 'ari.rahmanto', url: () => '/admin/audit' },
  { name: 'partners', as: 'petugas.magetan', url: () => '/partners' },
  { name: 'partner', as: 'petugas.magetan', url: (i) => `/partners/${i.partner}` },
  { name: 'agreements', as: 'ari.rahmanto', url: () => '/agreements' },
  { name: 'agreement', as: 'ari.rahmanto', url: (i) => `/agreements/${i.agreement}` },
  { name: 'programmes', as: 'petugas.magetan', url: () => '/programmes' },
  { name: 'programme', as: 'petugas.magetan', url: (i) => `/programmes/${i.programme}` },
  { name: 'programme-calendar', as: 'petugas.magetan', url: (i) => `/programmes/${i.programme}/calendar` },
  { name: 'roll-call', as: 'petugas.magetan', url: (i) => `/sessions/${i.rollCallSession}/attendance` },
  { name: 'journal', as: 'instruktur.arta', url: (i) => `/sessions/${i.journalSession}/journal` },
  { name: 'competencies', as: 'petugas.magetan', url: (i) => `/programmes/${i.programme}/competencies` },
  { name: 'certificate', as: 'petugas.magetan', url: (i) => `/certificates/${i.certificate}` },
  { name: 'inmates', as: 'petugas.magetan', url: () => '/inmates' },
  { name: 'inmate', as: 'petugas.magetan', url: (i) => `/inmates/${i.inmate}` },
  { name: 'intake', as: 'ari.rahmanto', url: (i) => `/intakes/${i.intake}` },
  {
    name: 'attendance-report',
    as: 'petugas.magetan',
    url: (i) => `/attendance-reports/programmes/${i.programme}`,
  },
  { name: 'privacy-breaches', as: 'ari.rahmanto', url: () => '/privacy/breaches' },
  { name: 'privacy-legal-basis', as: 'admin.magetan', url: () => '/privacy/legal-basis' },
  { name: 'holidays', as: 'petugas.magetan', url: () => '/holidays' },
  { name: 'account', as: 'humas.magetan', url: () => '/account' },
];

/**
 * With --more: the forms and second-level pages as well (new/edit forms, completion, a participant's
 * competencies and attendance, reminders, the regional and intake lists, the import upload page).
 * National-only pages (units, Program Aksi, legal basis forms) are left out: no demo account may
 * open them.
 */
const MORE: typeof PAGES = [
  { name: 'more-partner-new', as: 'petugas.magetan', url: () => '/partners/new' },
  { name: 'more-partner-edit', as: 'petugas.magetan', url: (i) => `/partners/${i.partner}/edit` },
  { name: 'more-agreement-new', as: 'ari.rahmanto', url: () => '/agreements/new' },
  // The demo's agreement is signed: its edit form answers 409 (the error page is the snapshot).
  {
    name: 'more-agreement-edit',
    as: 'ari.rahmanto',
    url: (i) => `/agreements/${i.agreement}/edit`,
    status: 409,
  },
  { name: 'more-agreement-reminders', as: 'ari.rahmanto', url: () => '/agreements/reminders' },
  { name: 'more-programme-new', as: 'petugas.magetan', url: () => '/programmes/new' },
  { name: 'more-programme-edit', as: 'petugas.magetan', url: (i) => `/programmes/${i.programme}/edit` },
  { name: 'more-programmes-calendar', as: 'petugas.magetan', url: () => '/programmes/calendar' },
  { name: 'more-completion', as: 'petugas.magetan', url: (i) => `/programmes/${i.programme}/completion` },
  { name: 'more-enrolments', as: 'petugas.magetan', url: (i) => `/programmes/${i.programme}/enrolments` },
  {
    name: 'more-enrolment-competencies',
    as: 'instruktur.arta',
    url: (i) => `/enrolments/${i.enrolment}/competencies`,
  },
  { name: 'more-intakes', as: 'petugas.magetan', url: () => '/intakes' },
  { name: 'more-intake-new', as: 'petugas.magetan', url: (i) => `/programmes/${i.programme}/intakes/new` },
  { name: 'more-inmate-new', as: 'petugas.magetan', url: () => '/inmates/new' },
  { name: 'more-inmate-edit', as: 'petugas.magetan', url: (i) => `/inmates/${i.inmate}/edit` },
  { name: 'more-inmates-import', as: 'petugas.magetan', url: () => '/inmates/import' },
  {
    name: 'more-attendance-inmate',
    as: 'petugas.magetan',
    url: (i) => `/attendance-reports/inmates/${i.inmate}`,
  },
  { name: 'more-attendance-reports', as: 'petugas.magetan', url: () => '/attendance-reports' },
  {
    name: 'more-session-summary',
    as: 'petugas.magetan',
    url: (i) => `/sessions/${i.rollCallSession}/summary`,
  },
  { name: 'more-breach-new', as: 'ari.rahmanto', url: () => '/privacy/breaches/new' },
  { name: 'more-user-new', as: 'admin.magetan', url: () => '/admin/users/new' },
  { name: 'more-user', as: 'admin.magetan', url: (i) => `/admin/users/${i.user}` },
  { name: 'more-kanwil', as: 'ditjenpas', url: () => '/units/kanwil' },
  { name: 'more-account-password', as: 'humas.magetan', url: () => '/account/password' },
  { name: 'more-dashboard-instruktur', as: 'instruktur.arta', url: () => '/dashboard' },
  { name: 'more-dashboard-admin', as: 'admin.magetan', url: () => '/dashboard' },
  { name: 'more-dashboard-humas', as: 'humas.magetan', url: () => '/dashboard' },
  { name: 'more-programmes-instruktur', as: 'instruktur.arta', url: () => '/programmes' },
];

// ---------------------------------------------------------------------------------------------
// Normalisation

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The span of one run: instants inside it were written by the run itself (sign-ins, seeding). */
export interface RunWindow {
  from: Date;
  to: Date;
}

/** Everything that legitimately differs between two runs, replaced by stable placeholders. */
export function normalise(html: string, run?: RunWindow): string {
  let out = html;
  // One tag per line: a changed attribute or text then shows as a line of its own in a diff.
  out = out.replace(/>\s*</g, '>\n<');
  // Record ids: uuid-1, uuid-2... in order of first appearance on the page.
  const seen = new Map<string, string>();
  out = out.replace(UUID, (u) => {
    const key = u.toLowerCase();
    let name = seen.get(key);
    if (!name) {
      name = `uuid-${seen.size + 1}`;
      seen.set(key, name);
    }
    return name;
  });
  // The audit log's short record ids ("enrolment 233f5850", the first 8 hex digits): id8-1, ...
  const short = new Map<string, string>();
  out = out.replace(
    /(<small>[a-z_]+ )([0-9a-f]{8})(<\/small>)/g,
    (_m, pre: string, id: string, post: string) => {
      let name = short.get(id);
      if (!name) {
        name = `id8-${short.size + 1}`;
        short.set(id, name);
      }
      return `${pre}${name}${post}`;
    },
  );
  // The session's CSRF token (hidden form fields and anywhere else it is echoed).
  out = out.replace(/(name="_csrf"\s+value=")[^"]*"/g, '$1CSRF"');
  out = out.replace(/(name="csrf-token"\s+content=")[^"]*"/g, '$1CSRF"');
  // A certificate's verification token is random per issue: the link and the QR code drawn from it.
  out = out.replace(/(\/verify\/)[A-Za-z0-9_-]+/g, '$1VERIFY-TOKEN');
  out = out.replace(/data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/=]+/g, (m) =>
    m.length > 200 ? 'data:image/QR' : m,
  );
  // The dashboard's clock ("Waktu setempat: 01.17 WIB").
  out = out.replace(/((?:Waktu setempat|Local time): <strong>)[^<]*(<\/strong>)/g, '$1NOW$2');
  // Instants written during the run (audit records of the seeding and the sign-ins, in the audit
  // log and the dashboard's recent activity): the element's instant and its text become NOW.
  if (run) {
    const from = run.from.getTime() - 1000;
    const to = run.to.getTime() + 1000;
    // A form's default "now" in a unit's local time (datetime-local, e.g. a breach's found_at).
    const local = new Set<string>();
    for (const timeZone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
      const f = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
      for (let t = from - 60_000; t <= to + 60_000; t += 30_000) local.add(f.format(t).replace(' ', 'T'));
    }
    out = out.replace(/(type="datetime-local" value=")([^"]+)"/g, (m, pre: string, v: string) =>
      local.has(v) ? `${pre}NOW"` : m,
    );
    out = out.replace(/<time datetime="([^"]+)">([^<]*)<\/time>/g, (m, iso: string) => {
      const at = Date.parse(iso);
      return /T/.test(iso) && at >= from && at <= to ? '<time datetime="NOW">NOW</time>' : m;
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Compare mode

function lines(s: string): string[] {
  return s.split('\n');
}

/** A unified diff of two texts (context 3), cut to `max` lines. */
export function unifiedDiff(a: string, b: string, nameA: string, nameB: string, max = 60): string {
  const A = lines(a);
  const B = lines(b);
  let pre = 0;
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf])
    suf++;
  const a1 = A.slice(pre, A.length - suf);
  const b1 = B.slice(pre, B.length - suf);
  // Edit script of the middle part by longest common subsequence (or, if huge, all removed/added).
  type Op = { t: ' ' | '-' | '+'; s: string; ai: number; bi: number };
  const ops: Op[] = [];
  const n = a1.length;
  const m = b1.length;
  if (n * m <= 16_000_000) {
    const w = m + 1;
    const L = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        L[i * w + j] =
          a1[i] === b1[j]
            ? (L[(i + 1) * w + j + 1] ?? 0) + 1
            : Math.max(L[(i + 1) * w + j] ?? 0, L[i * w + j + 1] ?? 0);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a1[i] === b1[j]) {
        ops.push({ t: ' ', s: a1[i] ?? '', ai: i, bi: j });
        i++;
        j++;
      } else if (i < n && (j === m || (L[(i + 1) * w + j] ?? 0) >= (L[i * w + j + 1] ?? 0))) {
        ops.push({ t: '-', s: a1[i] ?? '', ai: i, bi: j });
        i++;
      } else {
        ops.push({ t: '+', s: b1[j] ?? '', ai: i, bi: j });
        j++;
      }
    }
  } else {
    for (const [i, s] of a1.entries()) ops.push({ t: '-', s, ai: i, bi: 0 });
    for (const [j, s] of b1.entries()) ops.push({ t: '+', s, ai: n, bi: j });
  }
  // Hunks: changed lines with three lines of context either side (from the common prefix too).
  const full: Op[] = [
    ...A.slice(0, pre).map((s, k) => ({ t: ' ' as const, s, ai: k - pre, bi: k - pre })),
    ...ops,
    ...A.slice(A.length - suf).map((s, k) => ({ t: ' ' as const, s, ai: n + k, bi: m + k })),
  ];
  const out: string[] = [`--- ${nameA}`, `+++ ${nameB}`];
  const changed = full.map((o, k) => (o.t === ' ' ? -1 : k)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const first = changed[k] ?? 0;
    let last = first;
    while (k + 1 < changed.length && (changed[k + 1] ?? 0) - last <= 7) last = changed[++k] ?? last;
    k++;
    const from = Math.max(0, first - 3);
    const to = Math.min(full.length - 1, last + 3);
    const hunk = full.slice(from, to + 1);
    const aStart = pre + (hunk[0]?.ai ?? 0) + 1;
    const bStart = pre + (hunk[0]?.bi ?? 0) + 1;
    out.push(
      `@@ -${aStart},${hunk.filter((o) => o.t !== '+').length} +${bStart},${hunk.filter((o) => o.t !== '-').length} @@`,
    );
    for (const o of hunk) out.push(`${o.t}${o.s.length > 300 ? `${o.s.slice(0, 300)}…` : o.s}`);
  }
  if (out.length > max) return [...out.slice(0, max), `... (${out.length - max} more diff lines)`].join('\n');
  return out.join('\n');
}

async function compare(dirA: string, dirB: string): Promise<number> {
  const names = new Set<string>();
  for (const d of [dirA, dirB]) {
    if (!existsSync(d)) {
      console.error(`No such directory: ${d}`);
      return 2;
    }
    for (const f of await fs.readdir(d)) if (f.endsWith('.html')) names.add(f);
  }
  let different = 0;
  for (const f of [...names].sort()) {
    const pa = path.join(dirA, f);
    const pb = path.join(dirB, f);
    const a = existsSync(pa) ? await fs.readFile(pa, 'utf8') : null;
    const b = existsSync(pb) ? await fs.readFile(pb, 'utf8') : null;
    const name = f.replace(/\.html$/, '');
    if (a === null || b === null) {
      different++;
      console.log(`${name}: different (only in ${a === null ? dirB : dirA})`);
    } else if (a === b) {
      console.log(`${name}: same`);
    } else {
      different++;
      console.log(`${name}: different`);
      console.log(
        unifiedDiff(a, b, pa, pb)
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n'),
      );
    }
  }
  console.log(
    different === 0 ? `All ${names.size} pages are the same.` : `${different} of ${names.size} pages differ.`,
  );
  return different === 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Snapshot mode

type Seeder = (...args: unknown[]) => Promise<unknown>;

/** The name of a function's first parameter, as written in its source. */
function firstParam(fn: Seeder): string {
  return /^[^(]*\(\s*([A-Za-z_$][\w$]*)/.exec(fn.toString())?.[1] ?? '';
}

/**
 * What scripts/test.ts does for the demo template: the Program Aksi list, then the demo. Issue 10
 * moves services from (db, actor, ...) to (ctx, input), so this calls whichever shape the tree at
 * hand has (the script must run on the trees before and after the refactor to compare them).
 */
async function seedLikeNpmTest(
  db: import('../src/db/database.ts').Db,
  now: Date,
  seedRoot: string,
): Promise<void> {
  const load = (file: string) => import(pathToFileURL(path.join(seedRoot, file)).href);
  const seedActor = { userId: null, name: 'system:seed' };
  const ctx = async () => {
    const { systemCtx } = await load('src/app/principal.ts');
    return systemCtx(db, now, 'system:seed');
  };
  const pa = (await load('src/modules/program-aksi/program-aksi.service.ts')).seedProgramAksi as Seeder;
  if (firstParam(pa) === 'ctx') await pa(await ctx());
  else await pa(db, seedActor);
  const demo = (await load('src/modules/demo/demo.seed.ts')).seedDemo as Seeder;
  if (firstParam(demo) === 'ctx') await demo(await ctx());
  else await demo(db, now);
}

async function snapshot(outDir: string, seedRoot: string, more: boolean): Promise<number> {
  const t0 = performance.now();
  const runStart = new Date();
  // Loaded here, so the compare mode works without the app (and on a tree where it does not build).
  const pg = (await import('pg')).default;
  const { sql } = await import('kysely');
  const { createDb } = await import('../src/db/database.ts');
  const { startEmbeddedPostgres } = await import('../src/db/embedded.ts');
  const { migrate } = await import('../src/db/migrate.ts');
  const { DEMO_PASSWORD } = await import('../src/modules/demo/demo.accounts.ts');
  const { DEMO_TEMPLATE_DB, TEMPLATE_DB } = await import('../test/db.ts');
  const { startTestApp } = await import('../test/app.ts');

  // A private PostgreSQL (or SNAPSHOT_DATABASE_URL: a server to create databases on; not one that
  // `npm test` is using, the template names are the same), with the two templates scripts/test.ts
  // builds: migrated, then demo.
  let adminUrl = process.env.SNAPSHOT_DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dataDir = path.join(root, 'tmp', `snapshots-pg-${process.pid}`);
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
      log: { info: () => {}, warn: (m) => console.warn(m) },
    });
    adminUrl = server.url;
    stopEmbedded = async () => {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    };
  }
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  const dbUrl = (name: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  let code = 0;
  let written = 0;
  let demoDay = '';
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    // A failure below stops the server under this client: that is not the error to report.
    admin.on('error', () => {});
    await admin.connect();
    await admin.query(`drop database if exists ${DEMO_TEMPLATE_DB} with (force)`);
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    const tdb = createDb(dbUrl(TEMPLATE_DB), { max: 2 });
    await migrate(tdb);
    await tdb.destroy();
    // As `npm start` seeds a new database: the Program Aksi reference list, then the demo, at the
    // real clock (the demo is written relative to today; the pages read the real clock too).
    const demoNow = new Date();
    demoDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(demoNow);
    process.env.TEST_DEMO_NOW = demoNow.toISOString();
    await admin.query(`create database ${DEMO_TEMPLATE_DB} template ${TEMPLATE_DB}`);
    const ddb = createDb(dbUrl(DEMO_TEMPLATE_DB), { max: 4 });
    try {
      await seedLikeNpmTest(ddb, demoNow, seedRoot);
    } finally {
      await ddb.destroy();
    }
    await admin.end();
    console.log(`Demo seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const t = await startTestApp({}, { demo: true });
    try {
      const one = async (q: string, what: string): Promise<string> => {
        const r = await sql<{ id: string }>`${sql.raw(q)}`.execute(t.db);
        const id = r.rows[0]?.id;
        if (!id) throw new Error(`The demo has no ${what} (${q})`);
        return id;
      };
      const programme = await one(
        `select id from programmes where name = 'Pelatihan Merajut' order by created_at limit 1`,
        'knitting class',
      );
      const ids: Ids = {
        partner: await one(
          `select id from partners where legal_name = 'PT. Arta Jayendra Perkasa' limit 1`,
          'partner',
        ),
        agreement: await one(
          `select a.id from agreements a join partners p on p.id = a.partner_id
            where p.legal_name = 'PT. Arta Jayendra Perkasa' order by a.created_at, a.id limit 1`,
          'agreement',
        ),
        programme,
        // The latest session of the class with a roll call, and the latest with a journal.
        rollCallSession: await one(
          `select s.id from programme_sessions s where s.programme_id = '${programme}'
             and exists (select 1 from attendance_marks m where m.session_id = s.id)
           order by s.starts_at desc limit 1`,
          'session with a roll call',
        ),
        journalSession: await one(
          `select s.id from programme_sessions s join session_journals j on j.session_id = s.id
            where s.programme_id = '${programme}' order by s.starts_at desc limit 1`,
          'session with a journal',
        ),
        certificate: await one(`select id from certificates order by number limit 1`, 'certificate'),
        // The class's participant with the lowest register number.
        inmate: await one(
          `select i.id from inmates i join enrolments e on e.inmate_id = i.id
            where e.programme_id = '${programme}' order by i.reg_number limit 1`,
          'enrolled inmate',
        ),
        intake: await one(
          `select id from intakes where programme_id = '${programme}' order by opened_on, created_at limit 1`,
          'intake',
        ),
        // The enrolment of that participant in the class, and the unit's staff account.
        enrolment: await one(
          `select e.id from enrolments e join inmates i on i.id = e.inmate_id
            where e.programme_id = '${programme}' order by i.reg_number, e.created_at limit 1`,
          'enrolment',
        ),
        user: await one(`select id from users where username = 'petugas.magetan'`, 'petugas.magetan'),
      };

      // The directory holds this run's pages only (a page left from an older list would compare).
      await fs.mkdir(outDir, { recursive: true });
      for (const f of await fs.readdir(outDir)) if (f.endsWith('.html')) await fs.rm(path.join(outDir, f));
      const clients = new Map<Who, Awaited<ReturnType<typeof t.signedIn>>>();
      for (const page of more ? [...PAGES, ...MORE] : PAGES) {
        let c = clients.get(page.as);
        if (!c) {
          c = await t.signedIn(page.as, DEMO_PASSWORD);
          clients.set(page.as, c);
        }
        const url = page.url(ids);
        const res = await c.get(url);
        // The demo's day heads every page: snapshots of different days differ in dates anyway, and
        // this line says why.
        const head = `<!-- snapshot ${page.name}: GET ${url} as ${page.as} -> ${res.statusCode}${
          res.headers.location ? ` ${res.headers.location}` : ''
        }; demo day ${demoDay} WIB -->\n`;
        if (res.statusCode !== (page.status ?? 200)) code = 1;
        const run = { from: runStart, to: new Date() };
        await fs.writeFile(path.join(outDir, `${page.name}.html`), normalise(head + res.body, run));
        written++;
        console.log(`${page.name.padEnd(28)} ${res.statusCode}  ${url}`);
      }
    } finally {
      await t.close();
    }
  } catch (err) {
    // Reported before the server stops, so the cause is not hidden by dropped connections.
    console.error('Snapshots failed:', err);
    code = 2;
  } finally {
    await stopEmbedded?.();
  }
  const took = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  if (code === 2) console.error(`Stopped after ${written} pages (${took}).`);
  else
    console.log(
      `${written} pages written to ${outDir} in ${took}${code ? ' (some did not answer as expected: see above)' : ''}`,
    );
  return code;
}

// ---------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
// npm runs scripts from the package folder; paths given on the command line are the caller's.
const here = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
const outAt = args.indexOf('--out');
const cmpAt = args.indexOf('--compare');
let exitCode: number;
if (cmpAt >= 0 && args[cmpAt + 1] && args[cmpAt + 2]) {
  exitCode = await compare(here(args[cmpAt + 1] ?? ''), here(args[cmpAt + 2] ?? ''));
} else if (outAt >= 0 && args[outAt + 1]) {
  const seedAt = args.indexOf('--seed-from');
  exitCode = await snapshot(
    here(args[outAt + 1] ?? ''),
    seedAt >= 0 ? here(args[seedAt + 1] ?? '.') : root,
    args.includes('--more'),
  );
} else {
  console.error(USAGE);
  exitCode = 2;
}
process.exit(exitCode);
