import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { runCli, type ServerProcess, startServerProcess, stopProcess } from '../helpers/process.js';
import { ConsoleSession, uniqueIp } from '../multinode/helpers.js';
import { runLoad, sleep, summarize } from './load.js';

// The HTTP server itself misbehaved by clients: keep-alive traffic during SIGTERM, a body
// over the limit, a client that never finishes its headers. Embedded database in a
// temporary folder, so this runs on every backend (no PostgreSQL or Redis needed).
const dataDir = mkdtempSync(join(tmpdir(), 'klipy-chaos-http-'));
const SHUTDOWN_MS = 5_000;
const env = {
  KLIPY_DATA_DIR: dataDir,
  KLIPY_TRUST_PROXY: 'true',
  KLIPY_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_MS),
  KLIPY_HEADERS_TIMEOUT_MS: '1000',
};
const started: ServerProcess[] = [];
const dirs = [dataDir];
afterAll(async () => {
  for (const s of started) await stopProcess(s, 'SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
/** A server on a data folder of its own (the first test reads its folder afterwards). */
const start = async (dir = mkdtempSync(join(tmpdir(), 'klipy-chaos-http-'))) => {
  if (!dirs.includes(dir)) dirs.push(dir);
  const s = await startServerProcess({ ...env, KLIPY_DATA_DIR: dir });
  started.push(s);
  return s;
};

/** Sends raw bytes on one socket; resolves with everything read until the server closes it. */
function rawExchange(port: number, write: (s: import('node:net').Socket) => void, capMs = 8_000) {
  return new Promise<{ text: string; closedAfterMs: number; error?: string }>((resolve) => {
    const t0 = performance.now();
    const socket = connect(port, '127.0.0.1', () => write(socket));
    let text = '';
    let error: string | undefined;
    const cap = setTimeout(() => socket.destroy(new Error('still open')), capMs);
    socket.on('data', (d) => {
      text += d.toString('latin1');
    });
    socket.on('error', (e) => {
      error = e.message;
    });
    socket.on('close', () => {
      clearTimeout(cap);
      resolve({ text, closedAfterMs: performance.now() - t0, ...(error ? { error } : {}) });
    });
  });
}

describe('HTTP server faults', () => {
  it('SIGTERM under keep-alive load: in-flight requests finish, buffered last-used times and request logs are flushed, exit 0 within the deadline', async () => {
    const s = await start(dataDir);
    const admin = await ConsoleSession.signup(s);
    const { key } = await admin.createKey(['read', 'people:write']);
    const ip = uniqueIp();
    const load = runLoad(8, (signal) =>
      fetch(`${s.url}/api/v1/authenticate`, {
        signal,
        headers: { 'x-klipy-api-key': key, 'x-forwarded-for': ip },
      }),
    );
    // A request still uploading its body when the signal arrives.
    const slow = new Promise<{ status: number; connection: string | null }>((resolve, reject) => {
      const body = JSON.stringify({ firstName: 'Slow', email: 'slow@example.com' });
      const socket = connect(s.port, '127.0.0.1', () => {
        socket.write(
          `POST /api/v1/people HTTP/1.1\r\nHost: x\r\nX-Klipy-Api-Key: ${key}\r\nX-Forwarded-For: ${ip}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
        );
        setTimeout(() => socket.write(body.slice(5)), 1_000);
      });
      let text = '';
      socket.on('data', (d) => {
        text += d;
        const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]);
        if (status && text.includes('\r\n\r\n'))
          resolve({ status, connection: /\r\nconnection: ([^\r]+)/i.exec(text)?.[1] ?? null });
      });
      socket.on('error', reject);
    });
    await sleep(500);
    const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
    const t0 = performance.now();
    s.child.kill('SIGTERM');
    const code = await exited;
    const exitMs = performance.now() - t0;
    const outcomes = await load.stop();
    const sum = summarize(outcomes);
    // After the listener closed, new connections are refused: that is the one expected error.
    const other = outcomes.filter((o) => o.status === 'error' && !/ECONNREFUSED/.test(o.error ?? ''));
    console.log(
      `[chaos] sigterm-keepalive ${JSON.stringify({ ...sum, acknowledged: undefined, exitMs: Math.round(exitMs), otherErrors: other.map((o) => o.error) })}`,
    );
    expect(s.output()).not.toContain('were cut');
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(SHUTDOWN_MS + 1_000);
    expect(await slow).toEqual({ status: 201, connection: 'close' });
    expect(sum.serverErrors).toBe(0);
    expect(sum.byStatus['200']).toBeGreaterThan(0);
    expect(other).toEqual([]);
    // The last-used time recorded in memory by those requests reached the database.
    const listed = runCli(['keys', 'list', '--org', admin.orgId, '--json'], { KLIPY_DATA_DIR: dataDir });
    expect(listed.status, listed.stderr).toBe(0);
    const keys = JSON.parse(listed.stdout) as { lastUsedAt: string | null }[];
    expect(keys.some((k) => k.lastUsedAt !== null)).toBe(true);
    // So did the key's request log (flushed on shutdown too), trimmed to its newest 50.
    const database = await openDatabase({ url: undefined, dataDir });
    try {
      const { rows } = await database.sql.query<{ n: number; routes: string[] }>(
        'select count(*)::int as n, array_agg(distinct route) as routes from api_key_requests',
      );
      expect(rows[0]?.n).toBe(50);
      // Rate-limited (429) requests too are named by their endpoint, not by `/api/v1/*`.
      expect(rows[0]?.routes).toContain('/api/v1/authenticate');
      expect(rows[0]?.routes.some((r) => r.endsWith('*'))).toBe(false);
    } finally {
      await database.close();
    }
  }, 90_000);
});

// One server for the client-side faults below (each start migrates a fresh embedded database).
describe('HTTP server faults from clients', () => {
  let s: ServerProcess;
  beforeAll(async () => {
    s = await start();
  }, 90_000);

  it('a 413 says Connection: close and the server closes the socket cleanly after it', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    // Announced length over the limit, and a chunked body that grows past it.
    for (const head of [
      `POST /api/v1/people HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`,
      'POST /api/v1/people HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    ]) {
      const chunked = head.includes('chunked');
      const r = await rawExchange(s.port, (socket) => {
        socket.write(head);
        socket.write(chunked ? `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n` : big, () => {});
      });
      expect(r.text).toMatch(/^HTTP\/1\.1 413 /);
      expect(r.text.toLowerCase()).toContain('\r\nconnection: close\r\n');
      expect(r.text).toContain('payload_too_large');
      expect(r.closedAfterMs).toBeLessThan(8_000);
    }
    // A keep-alive client's next request goes on a new connection and works.
    const res = await fetch(`${s.url}/api/v1/people`, { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('a client that never finishes its headers is disconnected after KLIPY_HEADERS_TIMEOUT_MS', async () => {
    const r = await rawExchange(
      s.port,
      (socket) => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'),
      15_000,
    );
    // 1 s timeout, checked every second: well under Node's default 60 s.
    expect(r.closedAfterMs).toBeLessThan(5_000);
    expect(r.text === '' || /^HTTP\/1\.1 408 /.test(r.text)).toBe(true);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
