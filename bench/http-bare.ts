// The bare Fastify route that bench/http.ts measures beside the app, in its own process: GET /
// answers a small JSON object, nothing else (no plugins, no logging, no database). Its req/s is
// the ceiling of the framework on this machine in the same run; the app's figures are ratios to it.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world', at: 'bare-fastify' }));
const port = Number(process.env.PORT ?? 0);
await app.listen({ host: '127.0.0.1', port });
const addr = app.server.address();
process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : port}\n`);
for (const s of ['SIGINT', 'SIGTERM'] as const)
  process.once(s, () => {
    void app.close().then(() => process.exit(0));
  });
