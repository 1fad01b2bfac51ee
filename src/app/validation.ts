// Turns schema validation failures into one message per field, in the user's language.
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
    default:
      return { key: 'err.invalid' };
  }
}
