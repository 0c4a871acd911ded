/**
 * Several real `klipy serve` processes on one PostgreSQL (+ Redis), driven over HTTP on
 * 127.0.0.1 the way a load balancer's clients would.
 *
 * Usage:
 *   const [a, b] = await startNodes(2, { REDIS_URL: redisUrl });
 *   const admin = await ConsoleSession.signup(a);          // cookie kept, JSON bodies
 *   const { key, id } = await admin.createKey(['people:read']);
 *   const res = await apiGet(b, '/api/v1/people', key);
 *
 * The nodes trust X-Forwarded-For so each test can use its own client IP: the per-IP
 * failed-authentication counters live in the shared Redis / PostgreSQL and would
 * otherwise leak between test files and runs. No vitest import: bench/ uses it too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { postgresUrl } from '../helpers/backend.js';
import { freePort, type ServerProcess, startServerProcess, stopProcess } from '../helpers/process.js';

export type Node = ServerProcess;

/** Starts `n` server processes on the suite's PostgreSQL with `env` added. */
export async function startNodes(n: number, env: Record<string, string | undefined>): Promise<Node[]> {
  const started = await Promise.allSettled(
    Array.from({ length: n }, () =>
      startServerProcess({ DATABASE_URL: postgresUrl, KLIPY_TRUST_PROXY: 'true', ...env }),
    ),
  );
  const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await stopNodes(nodes);
    throw failed.reason;
  }
  return nodes;
}

export const stopNodes = (nodes: Node[]) => Promise.all(nodes.map((n) => stopProcess(n)));

/** A client IP of its own (TEST-NET-ish 10.x space), sent as X-Forwarded-For. */
export const uniqueIp = () => {
  const b = randomUUID().replace(/-/g, '');
  return `10.${Number.parseInt(b.slice(0, 2), 16)}.${Number.parseInt(b.slice(2, 4), 16)}.${Number.parseInt(b.slice(4, 6), 16)}`;
};

/** POST a JSON body to an API path with a key. */
export const apiPost = (node: Node, path: string, key: string, body: unknown, ip = '10.0.0.1') =>
  fetch(`${node.url}${path}`, {
    method: 'POST',
    headers: { 'x-klipy-api-key': key, 'x-forwarded-for': ip, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** GET an API path with a key. */
export const apiGet = (node: Node, path: string, key: string, ip = '10.0.0.1') =>
  fetch(`${node.url}${path}`, { headers: { 'x-klipy-api-key': key, 'x-forwarded-for': ip } });

/** A signed-in console user on one node: keeps the session cookie, sends JSON. */
export class ConsoleSession {
  private cookie = '';
  orgId = '';
  /** Its own client address (the nodes trust X-Forwarded-For): sign-ups are throttled per IP. */
  readonly ip = uniqueIp();
  constructor(readonly node: Node) {}

  static async signup(node: Node): Promise<ConsoleSession> {
    const s = new ConsoleSession(node);
    const res = await s.request('POST', '/signup', {
      email: `multinode-${randomUUID().slice(0, 12)}@example.com`,
      password: 'correct horse battery',
      name: 'Multi Node',
      organizationName: 'Multi Node Inc',
    });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    s.orgId = res.body.data.activeOrganizationId;
    return s;
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.node.url}/console/api${path}`, {
      method,
      headers: {
        'x-forwarded-for': this.ip,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}),
      },
      ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Creates a key with no expiry; returns the plaintext and the key's id. */
  async createKey(scopes: string[], name = 'multinode'): Promise<{ key: string; id: string }> {
    const res = await this.request('POST', '/keys', { name, scopes, expiresAt: null });
    if (res.status !== 201) throw new Error(`create key failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { key: res.body.data.key, id: res.body.data.apiKey.id };
  }
}

/** Status counts of `total` GETs spread over `concurrency` clients per node. */
export async function hammer(
  nodes: Node[],
  keys: string[],
  opts: { perNode: number; concurrency: number; path?: string; ip?: string },
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  let sent = 0;
  const client = async (node: Node, budget: { left: number }) => {
    while (budget.left > 0) {
      budget.left--;
      const key = keys[sent++ % keys.length] as string;
      const res = await apiGet(node, opts.path ?? '/api/v1/authenticate', key, opts.ip);
      await res.arrayBuffer();
      counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(
    nodes.flatMap((node) => {
      const budget = { left: opts.perNode };
      return Array.from({ length: opts.concurrency }, () => client(node, budget));
    }),
  );
  return counts;
}

/** Polls until `check` is true or `ms` elapse; returns whether it became true. */
export async function waitFor(check: () => Promise<boolean>, ms: number, every = 100): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return false;
}

/** The limiter backend a node reports on /metrics (`klipy_rate_limiter_backend{backend=…} 1`). */
export async function limiterBackend(node: Node): Promise<string | undefined> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  return /klipy_rate_limiter_backend\{backend="(\w+)"\} 1\b/.exec(text)?.[1];
}

/** A throwaway `redis-server` child on its own port (kill it to simulate an outage). */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  const up = await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const s = connect(port, '127.0.0.1', () => {
          s.end();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      }),
    10_000,
    50,
  );
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${port}`);
  }
  return child;
}

/** Kills a child process and resolves once it has exited. */
export function killChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * A TCP proxy in this process in front of a real server (here PostgreSQL, which the
 * tests must never stop): `cut()` drops every connection and refuses new ones,
 * `restore()` listens again on the same port.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<this> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  restore(): Promise<this> {
    return this.start(this.port);
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `klipy serve --workers n` from the sources; resolves once every worker listens. */
export async function startCluster(
  n: number,
  env: Record<string, string | undefined>,
): Promise<ServerProcess> {
  const port = await freePort();
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--workers', String(n)], {
    cwd: root,
    env: {
      ...base,
      LOG_LEVEL: 'info',
      KLIPY_TRUST_PROXY: 'true',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const up = await waitFor(async () => out.includes(`${n} workers)`), 50_000);
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`cluster did not start:\n${out}`);
  }
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => out };
}

/** Pids of log lines with the given message. */
export const pidsOf = (out: string, msg: string) =>
  new Set(
    out
      .split('\n')
      .filter((l) => l.includes(`"msg":"${msg}"`))
      .map((l) => Number(/"pid":(\d+)/.exec(l)?.[1])),
  );

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
