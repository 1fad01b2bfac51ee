// The OpenAPI document of /api/v1: where the API lives (PUBLIC_BASE_URL), how to authenticate, and
// what every operation gets centrally: a readable operationId and the standard error responses.
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { Config } from './config.ts';

type Operation = {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
};
type Document = {
  servers?: Array<{ url: string; description?: string }>;
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown> | undefined>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Names that read better than what the rule in operationIdFor would give; keyed by "METHOD path". */
const NAMED: Record<string, string> = {
  'GET /api/v1/audit': 'listAuditEntries',
  'POST /api/v1/me/password': 'changeMyPassword',
  'POST /api/v1/agreements/{id}/actions': 'changeAgreementStatus',
  'POST /api/v1/sessions/{id}/attendance': 'recordSessionAttendance',
  'POST /api/v1/intakes/{id}/candidates/{candidateId}/consent': 'recordIntakeCandidateConsent',
  'POST /api/v1/enrolments/{id}/status': 'changeEnrolmentStatus',
  'POST /api/v1/inmates/{id}/status': 'changeInmateStatus',
  'POST /api/v1/inmate-imports/{id}/absent': 'markAbsentFromInmateImport',
  'POST /api/v1/enrolments/{id}/certificate': 'issueEnrolmentCertificate',
  'POST /api/v1/inmates/{id}/register-f': 'createInmateRegisterFEntry',
};

/** A POST whose last path word is one of these acts on the record before it: /agreements/{id}/sign. */
const ACTIONS = new Set([
  'activate',
  'approve',
  'cancel',
  'close',
  'confirm',
  'deactivate',
  'end',
  'enrol',
  'reschedule',
  'reset',
  'revoke',
  'sign',
  'withdraw',
]);

const pascal = (word: string) =>
  word
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** The singular of an English path word (the last part of a hyphenated one): schedules, addenda. */
export function singular(word: string): string {
  if (word.endsWith('addenda')) return `${word.slice(0, -1)}um`;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (/[^siu]s$/.test(word)) return word.slice(0, -1);
  return word;
}

const isPlural = (word: string) => singular(word) !== word;

const isParam = (segment: string) => segment.startsWith('{');

/**
 * The operationId of an /api/v1 operation, from its method and path: listProgrammes,
 * getProgramme, createAgreement, updateProgrammeSchedule, deleteHoliday, signAgreement,
 * resetUserPassword, listMyTokens. `collections` holds the paths that also have an item path
 * (/kanwil has /kanwil/{id}), so that a GET on them is a list even when the word is not plural.
 */
export function operationIdFor(method: string, path: string, collections: ReadonlySet<string>): string {
  const named = NAMED[`${method.toUpperCase()} ${path}`];
  if (named) return named;
  const segments = path.replace(/^\/api\/v1\//, '').split('/');
  const words: string[] = [];
  segments.forEach((s, i) => {
    if (isParam(s)) return;
    // Every word but the last names one thing: programmes/{id}/sessions, agreements/reminders.
    if (s === 'me') words.push(i === segments.length - 1 ? 'Me' : 'My');
    else words.push(pascal(i < segments.length - 1 ? singular(s) : s));
  });
  const last = segments[segments.length - 1] ?? '';
  const m = method.toLowerCase();
  const chain = (ws: string[]) => ws.join('');
  if (isParam(last)) {
    const verb = { get: 'get', put: 'update', patch: 'update', delete: 'delete' }[m];
    if (verb) return verb + chain(words);
  } else if (m === 'get') {
    return (collections.has(path) || isPlural(last) ? 'list' : 'get') + chain(words);
  } else if (m === 'put' || m === 'patch') {
    return `update${chain(words)}`;
  } else if (m === 'post') {
    const [verb, ...rest] = last.split('-');
    if (verb && ACTIONS.has(verb)) return verb + chain(words.slice(0, -1)) + chain(rest.map(pascal));
    if (collections.has(path) || isPlural(last)) {
      return `create${chain(words.slice(0, -1))}${pascal(singular(last))}`;
    }
  }
  // No rule fits: the method and every word, unique because method and path are.
  return m + segments.map((s) => (isParam(s) ? `By${pascal(s.slice(1, -1))}` : pascal(s))).join('');
}

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. agreements.not_found' },
        message: { type: 'string', description: "In the caller's language (Accept-Language: id or en)" },
        requestId: { type: 'string', description: 'Also in the X-Request-Id header and the server log' },
        fields: {
          type: 'array',
          description: 'On a 400 or 409 about particular fields: one message per field',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const ERRORS = {
  400: ['BadRequest', 'The input is invalid: a message per field in error.fields'],
  401: ['Unauthorized', 'No valid API token or session'],
  403: ['Forbidden', "The caller's role may not do this (or the CSRF token of a browser session is missing)"],
  404: ['NotFound', 'No such record within what the caller may see'],
  409: ['Conflict', "The record's current state does not allow this change"],
} as const;

/** Which standard errors an operation can answer, from what it takes and whether it writes. */
function errorsOf(method: string, path: string, op: Operation): Array<keyof typeof ERRORS> {
  const out: Array<keyof typeof ERRORS> = [];
  if (op.parameters?.length || op.requestBody || method !== 'get') out.push(400);
  if (op.security === undefined || op.security.length > 0) out.push(401, 403);
  if (path.includes('{')) out.push(404);
  if (method === 'post' || method === 'put' || method === 'patch') out.push(409);
  return out;
}

/** Adds servers, operationIds and the standard error responses to the document fastify-swagger built. */
export function completeDocument<T extends Document>(doc: T, publicBaseUrl: string): T {
  doc.servers = [{ url: publicBaseUrl, description: 'This installation (PUBLIC_BASE_URL)' }];
  doc.components ??= {};
  const components = doc.components;
  components.schemas = { ...(components.schemas ?? {}), Error: errorBody };
  components.responses = {
    ...(components.responses ?? {}),
    ...Object.fromEntries(
      Object.values(ERRORS).map(([name, description]) => [
        name,
        { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      ]),
    ),
  };
  const paths = doc.paths ?? {};
  const collections = new Set(Object.keys(paths).filter((p) => Object.keys(paths).some((q) => itemOf(p, q))));
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.operationId ??= operationIdFor(method, path, collections);
      const where = `${method.toUpperCase()} ${path}`;
      const clash = seen.get(op.operationId);
      if (clash) throw new Error(`OpenAPI: ${where} and ${clash} share the operationId ${op.operationId}`);
      seen.set(op.operationId, where);
      op.responses ??= {};
      const responses = op.responses;
      for (const status of errorsOf(method, path, op)) {
        responses[status] ??= { $ref: `#/components/responses/${ERRORS[status][0]}` };
      }
    }
  }
  return doc;
}

/** Is q an item path of p (p + '/{param}')? */
function itemOf(p: string, q: string): boolean {
  return q.startsWith(`${p}/{`) && !q.slice(p.length + 1).includes('/');
}

export function swaggerOptions(config: Config): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Simandiri API',
        version: '1',
        description:
          'JSON API of Simandiri. Authenticate with a personal API token (Authorization: Bearer smd_...) ' +
          'or the browser session (writes then need the X-CSRF-Token header). Errors answer ' +
          '{ error: { code, message, requestId, fields? } } with the status that says what went wrong.',
        // The project has not chosen a licence yet; until it does, none is granted.
        license: {
          name: 'No licence yet: all rights reserved',
          url: 'https://choosealicense.com/no-permission/',
        },
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'sm_sid' },
        },
      },
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
    // Only the JSON API is documented; pages, forms and downloads for the browser are not.
    transform: ({ schema, url }) =>
      url.startsWith('/api/v1/') ? { schema, url } : { schema: { ...(schema ?? {}), hide: true }, url },
    transformObject: (built) =>
      'openapiObject' in built
        ? completeDocument(built.openapiObject as Document, config.publicBaseUrl)
        : built.swaggerObject,
  };
}
