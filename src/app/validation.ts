// Turns schema validation failures into one message per field, in the user's language, and makes
// every number the app accepts a finite one (ajv lets "Infinity" and "1e309" through when coercing).
import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { FieldError } from './errors.ts';
import type { MessageKey } from './i18n.ts';

export function fieldErrorsFrom(errors: readonly FastifySchemaValidationError[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    let field = e.instancePath.replace(/^\//, '').split('/')[0] ?? '';
    if (e.keyword === 'required' && typeof params.missingProperty === 'string')
      field = params.missingProperty;
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      field = params.additionalProperty;
    }
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field: field || '_', ...messageFor(e.keyword, params) });
  }
  return out;
}

function messageFor(
  keyword: string,
  params: Record<string, unknown>,
): { key: MessageKey; params?: Record<string, number> } {
  const limit = typeof params.limit === 'number' ? params.limit : 0;
  switch (keyword) {
    case 'required':
      return { key: 'err.required' };
    case 'minLength':
      return limit <= 1 ? { key: 'err.required' } : { key: 'err.minLength', params: { n: limit } };
    case 'maxLength':
      return { key: 'err.maxLength', params: { n: limit } };
    case 'pattern':
      return { key: 'err.pattern' };
    case 'format':
      if (params.format === 'email') return { key: 'err.format.email' };
      if (params.format === 'uuid') return { key: 'err.format.uuid' };
      if (params.format === 'date') return { key: 'err.format.date' };
      return { key: 'err.format' };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { key: 'err.enum' };
    case 'type':
      return { key: 'err.type' };
    case 'minimum':
      return { key: 'err.minimum', params: { n: limit } };
    case 'maximum':
      return { key: 'err.maximum', params: { n: limit } };
    case 'minItems':
      return { key: 'err.minItems', params: { n: limit } };
    case 'additionalProperties':
      return { key: 'err.additional' };
    case 'finite':
      return { key: 'err.finite' };
    case 'nul':
      return { key: 'err.nul' };
    default:
      return { key: 'err.invalid' };
  }
}

interface Problem {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

/**
 * Paths (JSON pointers) of every non-finite number in a request part, after coercion, and of every
 * string holding a NUL character (PostgreSQL cannot store one in text: the write would fail with a
 * 500). Only plain data is walked, each object once: a multipart body's parts each link back to the
 * whole body and a file part carries its stream, and following those cycles held the event loop for
 * seconds.
 */
function nonFinitePaths(
  value: unknown,
  path = '',
  out: Array<{ path: string; keyword: 'finite' | 'nul' }> = [],
  depth = 0,
  seen = new WeakSet<object>(),
): Array<{ path: string; keyword: 'finite' | 'nul' }> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push({ path, keyword: 'finite' });
  } else if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ path, keyword: 'nul' });
  } else if (value && typeof value === 'object' && depth < 20 && isPlainData(value) && !seen.has(value)) {
    seen.add(value);
    for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${path}/${k}`, out, depth + 1, seen);
  }
  return out;
}

/** Arrays and plain records (a parsed query string's prototype-less record too), not class instances. */
function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

type ValidatorFactory = ReturnType<typeof AjvCompiler>;

/**
 * Fastify's ajv validators, each followed by one check: no number in the validated (and coerced)
 * input may be NaN or infinite. ajv coerces the query string "Infinity" or "1e309" to Infinity and
 * then skips minimum/maximum for it; JSON.parse reads 1e309 as Infinity. Such a field fails with
 * its own `finite` error, so forms re-render with a message and the API answers 400.
 * Each is compiled on the route's first request rather than at start-up, where compiling the
 * schemas of every route was half of the start's CPU time (issue 15); routes.test.ts and
 * error-bodies.test.ts send requests to every route, so a schema ajv cannot compile fails them.
 */
export function finiteNumberValidators(): ValidatorFactory {
  const factory = AjvCompiler();
  return (externalSchemas, options) => {
    const compile = factory(externalSchemas, options);
    return (route) => {
      let compiled: ReturnType<typeof compile> | undefined;
      const checked = (data: unknown) => {
        compiled ??= compile(route);
        const validate = compiled;
        const raw = nonFinitePaths(data);
        const ok = validate(data);
        const bad = raw.length ? raw : nonFinitePaths(data);
        if (bad.length === 0) {
          checked.errors = validate.errors;
          return ok;
        }
        const finite: Problem[] = bad.map(({ path: instancePath, keyword }) => ({
          instancePath,
          schemaPath: `#/${keyword}`,
          keyword,
          params: {},
          message: keyword === 'finite' ? 'must be a finite number' : 'must not contain a NUL character',
        }));
        const others = (validate.errors ?? []).filter(
          (e) => !bad.some(({ path: p }) => e.instancePath === p || e.instancePath.startsWith(`${p}/`)),
        );
        checked.errors = [...finite, ...others];
        return false;
      };
      checked.errors = null as unknown;
      return checked as unknown as ReturnType<typeof compile>;
    };
  };
}
