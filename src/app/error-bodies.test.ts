// No error response carries an internal message. Every registered route is driven, as a signed-in
// administrator, as unit staff and as an anonymous visitor, with malformed ids, hostile query strings
// and bodies (huge numbers, wrong types, invalid JSON, wrong content types, broken multipart), and
// each answer must be a clear 4xx: no 500, no stack frame, no Node or Fastify code, no file path, no
// SQL message. Besides the systematic walk, fast-check mutates one field of a plausible body at a time.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { type Client, startTestApp, type TestApp } from '../../test/app.ts';
import { buildProgramme, buildSession, todayWib } from '../../test/attendance-fixtures.ts';
import {
  buildEnrolment,
  buildInmate,
  buildKanwil,
  buildPartner,
  buildUnit,
  buildUser,
} from '../../test/builders.ts';
import type { RegisteredRoute } from './pipeline.ts';
import { finiteNumberValidators } from './validation.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What an error body must never contain, with the reason shown when one does. */
const LEAKS: Array<[RegExp, string]> = [
  [/\bat [\w$.<>]+ \(|\bat (file|node):|\(\/[^)\s]+:\d+:\d+\)/, 'a stack frame'],
  [/ERR_/, 'a Node error code'],
  [/\b\w*Error:/, 'an "Error:" message'],
  [/\/(work|home|root|usr|tmp|opt|srv)\/|node_modules|file:\/\/|\.tsx?:\d+/, 'a file path'],
  [
    /invalid input syntax|violates|relation "|syntax error at|duplicate key|column "|out of range for type|DatabaseError|unterminated/i,
    'a SQL message',
  ],
  [
    /FST_|must have required property|must be (integer|number|string|object|array|boolean|<|>|equal)|must match |must NOT/,
    'a Fastify/ajv internal message',
  ],
  [
    /Unexpected token|Unexpected end of JSON|Multipart: |Boundary not found|is not a valid url/i,
    'a parser message',
  ],
];

/** Values that break naive code: infinities, huge and negative numbers, wrong types, odd text. */
const HOSTILE: unknown[] = [
  'Infinity',
  '-Infinity',
  'NaN',
  '1e309',
  -1,
  0,
  2 ** 53 + 2,
  1e20,
  1.5,
  '',
  ' ',
  'x'.repeat(20_000),
  '合同',
  'Ğüzel ş',
  '\u0000\u0001',
  "'; drop table users; --",
  '../../etc/passwd',
  '2026-02-30',
  '2026-13-45',
  '99:99',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  null,
  true,
  [],
  {},
  [1, 2, 3],
  { $gt: 1 },
  ['a', { b: 1 }],
];
/** Raw JSON number literals that JSON.parse turns into Infinity; put in a body as text. */
const RAW_NUMBERS = ['1e309', '-1e309'];

type Json = Record<string, unknown>;
type Schema = Record<string, unknown>;

describe('error responses carry no internal message', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  let anon: Client;
  const logins = new Map<Client, string>();
  /** A real id per table, so routes are also reached with records that exist. */
  const real = new Map<string, string>();
  const failures = new Set<string>();

  before(async () => {
    t = await startTestApp();
    const kanwil = await buildKanwil(t.db);
    const unit = await buildUnit(t.db, { kanwil_id: kanwil.id });
    const adminUser = await buildUser(t.db, { roles: ['admin'], unit_id: unit.id });
    const staffUser = await buildUser(t.db, {
      roles: ['petugas', 'kepala_upt', 'humas'],
      unit_id: unit.id,
    });
    // A second account in the unit: the one that routes with a user id act on.
    const victim = await buildUser(t.db, { roles: ['petugas'], unit_id: unit.id });
    const partner = await buildPartner(t.db, { unit_id: unit.id });
    const programme = await buildProgramme(t.db, { unit_id: unit.id, partner_id: partner.id });
    const session = await buildSession(t.db, { programme_id: programme.id, day: todayWib() });
    const inmate = await buildInmate(t.db, { unit_id: unit.id });
    const enrolment = await buildEnrolment(t.db, { programme_id: programme.id, inmate_id: inmate.id });
    admin = await t.signedIn(adminUser.username);
    staff = await t.signedIn(staffUser.username);
    logins.set(admin, adminUser.username);
    logins.set(staff, staffUser.username);
    anon = t.client();
    anon.ip = '10.9.8.99';
    await anon.get('/login');
    const created = await staff.json('POST', '/api/v1/agreements', {
      partner_id: partner.id,
      kind: 'pks',
      title: 'PKS Pelatihan Merajut',
      valid_from: '2026-01-21',
    });
    assert.equal(created.statusCode, 201, created.body);
    for (const [table, id] of Object.entries({
      kanwil: kanwil.id,
      units: unit.id,
      users: victim.id,
      partners: partner.id,
      programmes: programme.id,
      programme_sessions: session.id,
      inmates: inmate.id,
      enrolments: 'id' in enrolment ? String(enrolment.id) : '',
      agreements: (JSON.parse(created.body) as { id: string }).id,
    }))
      if (id) real.set(table, id);
  });
  after(() => t.close());

  const TABLE_OF: Record<string, string> = {
    sessions: 'programme_sessions',
    'inmate-imports': 'inmate_imports',
    'evaluation-actions': 'evaluation_actions',
    'program-aksi': 'program_aksi',
    dashboard: 'units',
    tokens: 'api_tokens',
    breaches: 'privacy_breaches',
    'legal-basis': 'privacy_legal_basis',
    candidateId: 'intake_candidates',
    scheduleId: 'schedules',
    sessionId: 'programme_sessions',
    fileId: 'files',
    actionId: 'evaluation_actions',
    unitId: 'curriculum_units',
  };

  /** The route's URL with each parameter filled: `bad` for every one, or a real id where one is known. */
  function fill(url: string, bad?: string): string {
    const parts = url.split('/');
    return parts
      .map((seg, i) => {
        if (seg === '*') return 'app.css';
        if (!seg.startsWith(':')) return seg;
        if (bad !== undefined) return encodeURIComponent(bad);
        const name = seg.slice(1);
        const prev = parts[i - 1] ?? '';
        const table = name === 'id' ? (TABLE_OF[prev] ?? prev.replace(/-/g, '_')) : TABLE_OF[name];
        return (table && real.get(table)) ?? randomUUID();
      })
      .join('/');
  }

  /** A plausible value for a schema: what a well-meaning client would send. */
  function sample(schema: unknown, key = '', depth = 0): unknown {
    const s = (schema ?? {}) as Schema;
    if (depth > 6) return null;
    if (s.const !== undefined) return s.const;
    if (Array.isArray(s.enum)) return s.enum[0];
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
      const options = s[k];
      if (Array.isArray(options)) {
        const first = options.find((o) => (o as Schema).type !== 'null') ?? options[0];
        return sample(first, key, depth + 1);
      }
    }
    const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
    switch (type) {
      case 'object': {
        const out: Json = {};
        for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, unknown>))
          out[k] = sample(v, k, depth + 1);
        return out;
      }
      case 'array': {
        const n = typeof s.minItems === 'number' && s.minItems > 0 ? s.minItems : 1;
        if (key === 'weekdays') return [3];
        return Array.from({ length: n }, () => sample(s.items, key, depth + 1));
      }
      case 'integer':
      case 'number':
        return typeof s.minimum === 'number' ? Math.max(s.minimum, 1) : 1;
      case 'boolean':
        return true;
      default:
        return sampleString(s, key);
    }
  }

  function sampleString(s: Schema, key: string): string {
    if (s.format === 'date' || /_on$|^date$|_date$|^from$|^to$/.test(key)) return '2026-01-21';
    if (s.format === 'date-time') return '2026-01-21T09:00:00Z';
    if (s.format === 'uuid' || /_id$/.test(key)) {
      const table = `${key.replace(/_id$/, '')}s`;
      return real.get(table) ?? real.get(key.replace(/_id$/, '')) ?? randomUUID();
    }
    if (s.format === 'email') return 'uji@example.org';
    const candidates = [
      '09:00',
      '2026-01-21',
      '2026-01',
      '3520014105900001',
      'B.I 123/2025',
      'Rutan Uji',
      'abc',
    ];
    if (typeof s.pattern === 'string') {
      const re = new RegExp(s.pattern, 'u');
      const hit = candidates.find((c) => re.test(c));
      if (hit) return hit;
    }
    const min = typeof s.minLength === 'number' ? s.minLength : 0;
    const base = key.includes('password') ? 'kata-sandi-uji-123' : 'Nilai uji';
    return base.padEnd(min, 'x');
  }

  const bodySchema = (r: RegisteredRoute) => (r.schema as Schema | undefined)?.body;

  function formOf(body: Json): string {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(body))
      for (const x of Array.isArray(v) ? v : [v])
        p.append(k, typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x));
    return p.toString();
  }

  function multipart(fields: Json, file: { name: string; content: Buffer } | null, boundary = 'b0undary') {
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields))
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`),
      );
    if (file)
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
        ),
        file.content,
        Buffer.from('\r\n'),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return Buffer.concat(parts);
  }

  /** Sends one request as `who` and records every way its answer breaks the rule. */
  async function probe(
    who: Client,
    method: Method,
    url: string,
    payload?: string | Buffer,
    contentType?: string,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse | null> {
    const started = performance.now();
    const sent = t.app.inject({
      method,
      url,
      headers: {
        cookie: [...who.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(method !== 'GET' && who.csrf ? { 'x-csrf-token': who.csrf } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
        ...headers,
      },
      remoteAddress: who.ip,
      ...(payload !== undefined ? { payload } : {}),
    });
    // A request that never answers is a failure too (and must not stall the walk).
    let timer: NodeJS.Timeout | undefined;
    const res = await Promise.race([
      sent,
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), 10_000);
      }),
    ]);
    clearTimeout(timer);
    if (!res) {
      failures.add(`${method} ${url.slice(0, 120)} [${contentType ?? ''}] did not answer within 10 s`);
      return null;
    }
    if (process.env.DEBUG_WALK && performance.now() - started > 300)
      console.log(
        `slow ${Math.round(performance.now() - started)} ms: ${method} ${url.slice(0, 100)} ${contentType ?? ''}`,
      );
    const label = `${logins.get(who) ? 'signed-in' : 'anonymous'} ${method} ${url.slice(0, 120)}${
      contentType ? ` [${contentType.slice(0, 40)}]` : ''
    } -> ${res.statusCode}`;
    if (res.statusCode >= 500) failures.add(`${label}: ${res.body.slice(0, 200)}`);
    if (res.statusCode >= 400) {
      for (const [re, what] of LEAKS) {
        const m = re.exec(res.body);
        if (m) failures.add(`${label}: ${what} (${res.body.slice(Math.max(0, m.index - 60), m.index + 80)})`);
      }
    }
    return res;
  }

  /** Signs a client in again if a route it was driven through (a password change, a sign-out) ended it. */
  async function keepSignedIn(c: Client) {
    const username = logins.get(c);
    if (!username) return;
    const res = await c.get('/api/v1/me');
    if (res.statusCode === 200) return;
    const fresh = await t.signedIn(username);
    c.cookies = fresh.cookies;
    c.csrf = fresh.csrf;
  }

  const routes = () =>
    t.app.registeredRoutes.filter(
      (r) =>
        r.method !== 'HEAD' && r.method !== 'OPTIONS' && r.url !== '/logout' && !r.url.startsWith('/static'),
    );

  /** Malformed ids and odd strings for a path parameter. */
  const BAD_PARAMS = ['x', '1e309', 'Infinity', '-1', '合同', "'; --", 'a'.repeat(300), '%'];
  /** Hostile query strings. */
  const BAD_QUERIES = [
    'page=Infinity',
    'page=1e309&limit=1e309&month=2026-13&on=2026-02-30&from=x&to=-1',
    'page=-5&q=%00%FF%FE',
    'page=1&page=2&q=a&q=b',
    `q=${'y'.repeat(5000)}`,
    'month=9999-99&year=1e309&status=__proto__&__proto__[x]=1',
    'on=合同&unit_id=not-a-uuid&programme_id=00000000-0000-0000-0000-000000000000',
  ];
  const BROKEN_JSON = ['{', '', '[1,2]', 'null', '1e309'];
  const WRONG_TYPES: Array<[string, string]> = [
    ['<x/>', 'application/xml'],
    ['hello', 'text/plain'],
  ];
  /** Multipart bodies that do not parse: no boundary, no parts, a file cut short, a bad JSON field. */
  const BROKEN_MULTIPART: Array<[string | Buffer, string]> = [
    ['--x\r\n', 'multipart/form-data'],
    ['garbage without parts', 'multipart/form-data; boundary=b0undary'],
    [
      '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
      'multipart/form-data; boundary=b0undary',
    ],
    [
      '--b0undary\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{bad\r\n--b0undary--\r\n',
      'multipart/form-data; boundary=b0undary',
    ],
  ];

  /**
   * Drives every route once per kind of hostile input. Which case of a kind a route gets turns with
   * the route and the identity, so the three walks together send every case of every kind while
   * each stays one request per kind per route (about 10), bounded in time.
   */
  async function walk(who: Client, turn: number) {
    const pick = <T>(cases: readonly T[], i: number): T => cases[(i + turn) % cases.length] as T;
    for (const [i, r] of routes().entries()) {
      await keepSignedIn(who);
      const method = r.method as Method;
      const url = fill(r.url);
      if (r.url.includes(':'))
        await probe(
          who,
          method,
          fill(r.url, pick(BAD_PARAMS, i)),
          method === 'GET' ? undefined : '{}',
          method === 'GET' ? undefined : 'application/json',
        );
      if (method === 'GET') {
        await probe(who, 'GET', `${url}?${pick(BAD_QUERIES, i)}`);
        await probe(who, 'GET', url, undefined, undefined, { accept: 'application/json' });
        continue;
      }
      const plausible = (sample(bodySchema(r)) ?? {}) as Json;
      const withRaw = (raw: string) => {
        const body = { ...plausible };
        for (const k of Object.keys(plausible)) body[k] = '__RAW__';
        return JSON.stringify(body).replaceAll('"__RAW__"', raw);
      };
      const nonFinite = [...RAW_NUMBERS.map(withRaw), withRaw('"Infinity"')];
      const first = Object.keys(plausible)[0] ?? 'x';
      const json = 'application/json';
      const form = 'application/x-www-form-urlencoded';
      const bodies: Array<[string | Buffer | undefined, string | undefined]> = [
        [pick(BROKEN_JSON, i), json],
        [JSON.stringify(plausible), json],
        [pick(nonFinite, i), json],
        [formOf({ ...plausible, _csrf: who.csrf }), form],
        [`${formOf({ ...plausible, _csrf: who.csrf })}&a[b]=1&%ZZ=%E0%A4%A&${first}=1e309`, form],
        pick(WRONG_TYPES, i),
        pick(BROKEN_MULTIPART, i),
        [
          multipart(
            {
              ...Object.fromEntries(Object.entries(plausible).map(([k, v]) => [k, String(v)])),
              _csrf: who.csrf,
            },
            { name: '合同.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
          ),
          'multipart/form-data; boundary=b0undary',
        ],
        [undefined, undefined],
      ];
      for (const [payload, type] of bodies) await probe(who, method, url, payload, type);
    }
  }

  test('a multipart body is checked for non-finite numbers once per part, however its parts refer to it', () => {
    // @fastify/multipart gives every part a `fields` link back to the whole body, and a file part
    // its stream (a large object graph). Walking that graph followed every cycle to depth 20: with a
    // file and a few fields, one anonymous POST /login held the event loop for 7 to 80 seconds.
    const compile = finiteNumberValidators()({}, { customOptions: {} } as never);
    const validate = compile({
      schema: { type: 'object', properties: { score: { type: 'number' } } },
      method: 'POST',
      url: '/x',
      httpPart: 'body',
    } as never) as unknown as (data: unknown) => boolean;
    let visits = 0;
    const body: Record<string, unknown> = {};
    for (let i = 0; i < 20; i++)
      body[`f${i}`] = {
        type: 'field',
        value: 'x',
        get fields() {
          visits++;
          if (visits > 1_000) throw new Error('the walk follows the cycle');
          return body;
        },
      };
    body.file = {
      type: 'file',
      file: new (class Stream {
        state = { buffer: [1, 2, 3], pipes: [] as unknown[] };
      })(),
      fields: body,
    };
    assert.equal(validate(body), true);
    assert.ok(visits <= 40, `each part is visited a bounded number of times (${visits})`);
    assert.equal(
      validate({ score: Number.POSITIVE_INFINITY }),
      false,
      'a plain non-finite number is still refused',
    );
  });

  test('a client that stops sending is cut off: the server limits a request and an idle socket', () => {
    // Fastify's default (0) turned Node's own limits off, so a declared body that never arrives
    // held its socket for ever.
    assert.ok(t.app.server.requestTimeout > 0 && t.app.server.requestTimeout <= 600_000, 'a request limit');
    assert.ok(t.app.server.timeout > 0 && t.app.server.timeout <= 120_000, 'an idle-socket limit');
  });

  test('a form takes multipart only where it takes uploads, and a malformed id in its path is a 400', async () => {
    const form = multipart(
      { username: 'siapa', password: 'kata-sandi-uji-123', _csrf: anon.csrf },
      {
        name: 'a.pdf',
        content: Buffer.from('%PDF-1.4\n%%EOF\n'),
      },
    );
    const login = await probe(anon, 'POST', '/login', form, 'multipart/form-data; boundary=b0undary');
    assert.equal(login?.statusCode, 415, 'sign-in is a text form');
    const upload = await probe(
      admin,
      'POST',
      fill('/agreements/:id/documents'),
      form,
      'multipart/form-data; boundary=b0undary',
    );
    assert.notEqual(upload?.statusCode, 415, 'a document upload still takes multipart');
    const badId = await probe(admin, 'POST', '/admin/users/x', '{}', 'application/json');
    assert.equal(badId?.statusCode, 400, 'not a database error about the id');
    assert.deepEqual([...failures], []);
  });

  test('malformed URLs get a plain 400 or 404', async () => {
    for (const url of [
      '/%',
      '/agreements/%E0%A4%A',
      '/api/v1/agreements/%',
      '/api/v1/%00',
      '/..%2f..%2fetc/passwd',
    ])
      for (const who of [admin, anon]) await probe(who, 'GET', url);
    assert.deepEqual([...failures], []);
  });

  test('every route, as a signed-in administrator', { timeout: 180_000 }, async () => {
    failures.clear();
    await walk(admin, 0);
    assert.deepEqual([...failures], []);
  });

  test('every route, as unit staff (petugas, kepala UPT, humas)', { timeout: 180_000 }, async () => {
    failures.clear();
    await walk(staff, 1);
    assert.deepEqual([...failures], []);
  });

  test('every route, as an anonymous visitor', { timeout: 180_000 }, async () => {
    failures.clear();
    await walk(anon, 2);
    assert.deepEqual([...failures], []);
  });

  test('a plausible body with any one field made hostile never gets an internal message', {
    timeout: 180_000,
  }, async () => {
    failures.clear();
    const writes = routes().filter((r) => r.method !== 'GET' && bodySchema(r));
    assert.ok(writes.length > 20, 'the walk sees the write routes');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        fc.nat(),
        fc.oneof(fc.constantFrom(...HOSTILE), fc.string(), fc.double(), fc.integer(), fc.object()),
        fc.boolean(),
        async (route, pick, value, asForm) => {
          await keepSignedIn(staff);
          const body = (sample(bodySchema(route)) ?? {}) as Json;
          const keys = Object.keys(body);
          const key = keys.length ? keys[pick % keys.length] : 'x';
          if (key !== undefined) body[key] = value;
          const url = fill(route.url);
          const method = route.method as Method;
          if (asForm)
            await probe(
              staff,
              method,
              url,
              formOf({ ...body, _csrf: staff.csrf }),
              'application/x-www-form-urlencoded',
            );
          else await probe(staff, method, url, JSON.stringify(body), 'application/json');
          return true;
        },
      ),
      { seed: 20260121, numRuns: 200 },
    );
    assert.deepEqual([...failures], []);
  });
});
