// nginx for the cluster test: deploy/nginx.conf with its addresses, ports and paths replaced (each
// replacement must find its line, so the test fails when the example changes shape), wrapped in a
// main configuration of its own in a temporary folder, and run in the foreground as a child process.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export const DEPLOY_CONF = path.resolve(import.meta.dirname, '../../deploy/nginx.conf');

/** The nginx binary: $NGINX, Debian's /usr/sbin/nginx, or the one on PATH. */
export function nginxBinary(): string {
  const candidates = [process.env.NGINX, '/usr/sbin/nginx'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('nginx is not installed (apt-get install nginx-light, or set NGINX)');
  }
}

function replaceOnce(text: string, pattern: RegExp, by: string, what: string): string {
  const hits = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
  if (hits === 0) throw new Error(`deploy/nginx.conf changed shape: no ${what} (${pattern})`);
  return text.replace(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`), by);
}

/** The site file of deploy/nginx.conf, pointed at the test's nodes, ports and folder. */
export function siteConfig(
  source: string,
  opts: { nodes: string[]; port: number; redirectPort: number; dir: string },
): string {
  let conf = source;
  conf = replaceOnce(conf, /\/var\/cache\/nginx\/simandiri/, path.join(opts.dir, 'cache'), 'cache path');
  // The upstream's servers: exactly as many as the test starts.
  const servers = conf.match(/^(\s*)server\s+[\d.]+:\d+(.*);$/gm) ?? [];
  if (servers.length !== opts.nodes.length) {
    throw new Error(
      `deploy/nginx.conf changed shape: ${servers.length} upstream servers, the test starts ${opts.nodes.length}`,
    );
  }
  let i = 0;
  conf = conf.replace(/^(\s*)server\s+[\d.]+:\d+(.*);$/gm, (_m, indent: string, rest: string) => {
    return `${indent}server ${opts.nodes[i++]}${rest};`;
  });
  conf = replaceOnce(conf, /^\s*listen \[::\]:\d+.*;$\n/m, '', 'IPv6 listen lines');
  conf = replaceOnce(conf, /listen 80;/, `listen 127.0.0.1:${opts.redirectPort};`, 'listen 80');
  // The test speaks plain HTTP to the TLS server block: no certificate to make.
  conf = replaceOnce(conf, /listen 443 ssl http2;/, `listen 127.0.0.1:${opts.port};`, 'listen 443');
  conf = replaceOnce(conf, /^\s*ssl_\w+ .*;$\n/m, '', 'ssl_ lines');
  conf = replaceOnce(
    conf,
    /access_log \/var\/log\/nginx\/simandiri\.access\.log;/,
    `access_log ${path.join(opts.dir, 'access.log')} cluster;`,
    'access_log',
  );
  conf = replaceOnce(
    conf,
    /error_log \/var\/log\/nginx\/simandiri\.error\.log/,
    `error_log ${path.join(opts.dir, 'error.log')}`,
    'error_log',
  );
  return conf;
}

/** The main configuration around the site file; the access log says which node answered. */
export function mainConfig(dir: string, site: string): string {
  const user = process.getuid?.() === 0 ? 'user nobody nogroup;\n' : '';
  return `${user}worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path ${path.join(dir, 'tmp', 'body')};
    proxy_temp_path ${path.join(dir, 'tmp', 'proxy')};
    fastcgi_temp_path ${path.join(dir, 'tmp', 'fastcgi')};
    uwsgi_temp_path ${path.join(dir, 'tmp', 'uwsgi')};
    scgi_temp_path ${path.join(dir, 'tmp', 'scgi')};
    log_format cluster '$msec $request_method $uri $status up=$upstream_addr ups=$upstream_status';
    access_log ${path.join(dir, 'access-other.log')} cluster;
    include ${site};
}
`;
}

export interface Nginx {
  child: ChildProcess;
  accessLog: string;
  stop(): Promise<void>;
}

/** Writes the configuration, checks it with `nginx -t`, and starts nginx in the foreground. */
export async function startNginx(opts: {
  dir: string;
  nodes: string[];
  port: number;
  redirectPort: number;
}): Promise<{ nginx: Nginx; test: string }> {
  const bin = nginxBinary();
  const { dir } = opts;
  for (const sub of ['tmp', 'cache']) await fs.mkdir(path.join(dir, sub), { recursive: true });
  // Workers run as nobody when the test runs as root: they write the temp and cache folders.
  await fs.chmod(dir, 0o755);
  for (const sub of ['tmp', 'cache']) await fs.chmod(path.join(dir, sub), 0o777);
  const site = path.join(dir, 'simandiri.conf');
  await fs.writeFile(site, siteConfig(await fs.readFile(DEPLOY_CONF, 'utf8'), opts));
  const main = path.join(dir, 'nginx.conf');
  await fs.writeFile(main, mainConfig(dir, site));
  const args = ['-p', dir, '-c', main, '-e', path.join(dir, 'error.log')];
  const test = execFileSync(bin, [...args, '-t'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const child = spawn(bin, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const accessLog = path.join(dir, 'access.log');
  const nginx: Nginx = {
    child,
    accessLog,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGQUIT'); // graceful: finish the requests in flight
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  // Started when it answers on its port.
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start: ${stderr}`);
    const up = await fetch(`http://127.0.0.1:${opts.port}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > until) throw new Error(`nginx did not answer within 10 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { nginx, test: `${bin} -t: ${test.trim() || 'ok'}` };
}

/** One access-log line: which node (or nodes, after a retry) answered a request. */
export interface AccessLine {
  at: number;
  method: string;
  uri: string;
  status: number;
  upstreams: string[];
  upstreamStatuses: string[];
}

export async function readAccessLog(file: string): Promise<AccessLine[]> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  const out: AccessLine[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+) (\S+) (\S+) (\d+) up=(.*) ups=(.*)$/.exec(line);
    if (!m) continue;
    out.push({
      at: Number(m[1]) * 1000,
      method: m[2] ?? '',
      uri: m[3] ?? '',
      status: Number(m[4]),
      upstreams: (m[5] ?? '').split(', ').filter((u) => u !== '-'),
      upstreamStatuses: (m[6] ?? '').split(', ').filter((s) => s !== '-'),
    });
  }
  return out;
}
