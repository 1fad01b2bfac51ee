// A typed client for the JSON API: paths, parameters, bodies and answers are checked by the compiler
// against the generated schema.d.ts. Authenticate with a personal API token (/account).
import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type ApiClient = ReturnType<typeof createClient<paths>>;

export function createApiClient(opts: { baseUrl: string; token: string; fetch?: typeof fetch }): ApiClient {
  return createClient<paths>({
    baseUrl: opts.baseUrl,
    headers: { authorization: `Bearer ${opts.token}` },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}
