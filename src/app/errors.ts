// Error factories with a stable code, an HTTP status and a translated message. Anything else that
// reaches the error handler is an internal error: logged with its stack, shown without it.
import type { MessageKey } from './i18n.ts';

export interface FieldError {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(code);
  }
}

/** `entity.not_found`; a module whose codes predate that pattern passes its own code. */
export const notFound = (entity = 'resource', code = `${entity}.not_found`) =>
  new AppError(code, 404, 'err.notFound');
export const forbidden = () => new AppError('auth.forbidden', 403, 'err.forbidden');
export const unauthorized = () => new AppError('auth.unauthorized', 401, 'err.unauthorized');
export const invalidCredentials = () => new AppError('auth.invalid_credentials', 401, 'auth.invalid');
export const csrfFailed = () => new AppError('auth.csrf', 403, 'err.csrf');
export const conflict = (
  code: string,
  key: MessageKey = 'err.conflict',
  params: Record<string, string | number> = {},
) => new AppError(code, 409, key, params);
export const rateLimited = (minutes: number) =>
  new AppError('auth.rate_limited', 429, 'err.rateLimited', { n: minutes });

/** A business-rule failure on one or more fields: 400 with a message per field. */
export function invalid(fields: FieldError[], code = 'validation.failed'): AppError {
  return new AppError(code, 400, 'err.validation', {}, fields);
}

export function fieldError(
  field: string,
  key: MessageKey,
  params?: Record<string, string | number>,
): AppError {
  return invalid([{ field, key, ...(params ? { params } : {}) }]);
}

/** PostgreSQL unique violation, for turning a race on a unique key into a field message. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
