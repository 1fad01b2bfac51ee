// `npm run api:types`: builds the app (no database is contacted), reads its API document and writes
// src/api-client/schema.d.ts, the types of the typed client.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { apiTypes, SCHEMA_FILE } from '../src/api-client/generate.ts';
import { loadConfig } from '../src/app/config.ts';
import { createDb } from '../src/db/database.ts';
import { buildApp } from '../src/server.ts';

// Never connected: building the routes and the document needs no database.
const db = createDb('postgres://127.0.0.1:1/none', { max: 1 });
const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
const app = await buildApp({ db, config });
await app.ready();
const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as object;
await app.close();
await db.destroy();
await writeFile(SCHEMA_FILE, await apiTypes(document));
console.log(`wrote ${fileURLToPath(SCHEMA_FILE)}`);
