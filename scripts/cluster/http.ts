// A small HTTP client for the cluster test, on node:http so it controls what fetch hides: the
// local address a request leaves from (the proxy headers check), kept-alive connections per target,
// a request body sent slowly (an upload in flight while a node stops), and the raw bytes back.
import { randomBytes } from 'node:crypto';
import http from 'node:http';

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface SendOpts {
  form?: Record<string, string>;
  multipart?: { contentType: string; body: Buffer };
  headers?: Record<string, string>;
  /** Sends the body in this many pieces, `gapMs` apart; `onStarted` runs after the first. */
  slow?: { pieces: number; gapMs: number; onStarted?: () => void };
  timeoutMs?: number;
}

const agents = new Set<http.Agent>();

export function closeAgents() {
  for (const a of agents) a.destroy();
  agents.clear();
}

/** A browser: a cookie jar shared by whichever address (node or nginx) it sends to. */
export class Browser {
  cookies = new Map<string, string>();
  /** Its own kept-alive connections, as a browser has. */
  readonly agent: http.Agent;
  constructor(readonly opts: { localAddress?: string } = {}) {
    const { localAddress } = opts;
    this.agent = new http.Agent({
      keepAlive: true,
      maxSockets: 64,
      ...(localAddress ? { localAddress } : {}),
    });
    agents.add(this.agent);
  }

  send(base: string, method: string, url: string, opts: SendOpts = {}): Promise<Res> {
    const headers: Record<string, string> = { origin: base, 'accept-language': 'id', ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: Buffer | undefined;
    if (opts.form) {
      body = Buffer.from(new URLSearchParams(opts.form).toString());
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (opts.multipart) {
      body = opts.multipart.body;
      headers['content-type'] = opts.multipart.contentType;
    }
    if (body) headers['content-length'] = String(body.length);
    const target = new URL(url, base);
    return new Promise<Res>((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method,
          headers,
          agent: this.agent,
          timeout: opts.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            for (const c of res.headers['set-cookie'] ?? []) {
              const [pair] = c.split(';');
              const eq = pair?.indexOf('=') ?? -1;
              if (!pair || eq <= 0) continue;
              const name = pair.slice(0, eq);
              const value = pair.slice(eq + 1);
              if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            const all = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: all,
              text: all.toString('utf8'),
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      if (!body) return void req.end();
      if (!opts.slow) return void req.end(body);
      const { pieces, gapMs, onStarted } = opts.slow;
      const size = Math.ceil(body.length / pieces);
      const payload = body;
      let i = 0;
      const next = () => {
        const piece = payload.subarray(i * size, (i + 1) * size);
        i++;
        if (i >= pieces) return void req.end(piece);
        req.write(piece);
        if (i === 1) onStarted?.();
        setTimeout(next, gapMs);
      };
      next();
    });
  }

  /** The CSRF token of a page's first form. */
  static csrfOf(page: Res): string {
    return /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  }
}

/** A multipart/form-data body with text fields and one file. */
export function multipart(
  fields: Record<string, string>,
  file: { field: string; name: string; type: string; content: Buffer },
): { contentType: string; body: Buffer } {
  const boundary = `----simandiri${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

/** A PDF of about `bytes` bytes that file-type recognises (random bytes in a stream). */
export function pdfOf(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Length 0 >>\nstream\n');
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n');
  return Buffer.concat([head, randomBytes(Math.max(0, bytes - head.length - tail.length)), tail]);
}
