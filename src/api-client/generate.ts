// Turns the API document (/api/openapi.json) into the TypeScript types of schema.d.ts, with the
// openapi-typescript generator; `npm run api:types` writes them, a test checks they are current.
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

export const SCHEMA_FILE = new URL('./schema.d.ts', import.meta.url);

export async function apiTypes(document: object): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3);
  return `${COMMENT_HEADER}// Regenerate with \`npm run api:types\` after changing a route schema under /api/v1.\n\n${astToString(ast)}`;
}
