#!/usr/bin/env node
// A small round-robin HTTP reverse proxy for compose.yaml: one published port in front of
// several Klipy nodes, shipped in the Klipy image so compose needs no other image.
//
//   KLIPY_UPSTREAMS=klipy-1:3000,klipy-2:3000 PORT=3000 node scripts/container-proxy.mjs
//
// - Requests go to the upstreams in turn. A request whose upstream refuses or cannot be
//   reached (a node restarting: Klipy closes its listener first on SIGTERM) goes to the
//   next one; nothing of it has been sent yet, so this is safe for every method. An
//   upstream that failed is skipped for 2 s. When no upstream could be reached at all (both
//   restarting, or the container DNS briefly answering ENOTFOUND while one is recreated),
//   the whole round is tried again, up to 3 more times over about 1.5 s, before a 502.
// - Adds X-Forwarded-For / -Proto / -Host (set KLIPY_TRUST_PROXY=true on the nodes).
// - SIGTERM / SIGINT: stops accepting, lets in-flight requests finish (10 s at most).
// Any other load balancer (nginx, Caddy, HAProxy, a cloud LB) does the same job.
import http from 'node:http';

const upstreams = (process.env.KLIPY_UPSTREAMS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => {
    const i = s.lastIndexOf(':');
    return i > 0
      ? { host: s.slice(0, i), port: Number(s.slice(i + 1)), downUntil: 0 }
      : { host: s, port: 3000, downUntil: 0 };
  });
if (upstreams.length === 0 || upstreams.some((u) => !Number.isInteger(u.port))) {
  console.error('KLIPY_UPSTREAMS must list host:port pairs, e.g. klipy-1:3000,klipy-2:3000');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 3000);
const proto = process.env.KLIPY_PROXY_PROTO ?? 'http';
const CONNECT_TIMEOUT_MS = 2_000;
const EXTRA_ROUNDS = 3;
const ROUND_DELAY_MS = 250;
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
  'proxy-authorization',
];
const log = (msg, extra = {}) =>
  console.log(JSON.stringify({ time: Date.now(), name: 'klipy-proxy', msg, ...extra }));

let next = 0;
/** Upstreams in round-robin order, healthy ones first. */
function order() {
  const start = next++ % upstreams.length;
  const ring = upstreams.map((_, i) => upstreams[(start + i) % upstreams.length]);
  const now = Date.now();
  return [...ring.filter((u) => u.downUntil <= now), ...ring.filter((u) => u.downUntil > now)];
}

function forward(req, res, candidates, round = 0) {
  const upstream = candidates.shift();
  const headers = { ...req.headers };
  for (const h of HOP_BY_HOP) delete headers[h];
  const client = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${client}`
    : client;
  headers['x-forwarded-proto'] = proto;
  if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;

  const up = http.request({
    host: upstream.host,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers,
    agent: false,
  });
  let connected = false;
  const timer = setTimeout(() => {
    if (!connected) up.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }));
  }, CONNECT_TIMEOUT_MS);
  up.on('socket', (socket) => {
    socket.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      req.pipe(up); // the body is read only once an upstream has accepted the connection
    });
  });
  up.on('response', (upRes) => {
    const out = { ...upRes.headers };
    for (const h of HOP_BY_HOP) delete out[h];
    res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, out);
    upRes.pipe(res);
  });
  up.on('error', (err) => {
    clearTimeout(timer);
    if (!connected) {
      upstream.downUntil = Date.now() + 2_000;
      if (candidates.length > 0) {
        log('upstream unreachable, trying the next one', {
          upstream: `${upstream.host}:${upstream.port}`,
          code: err.code,
        });
        return forward(req, res, candidates, round);
      }
      if (round < EXTRA_ROUNDS && !res.headersSent && !req.destroyed) {
        log('no upstream reachable, trying them all again', { round: round + 1, code: err.code });
        return void setTimeout(() => forward(req, res, order(), round + 1), ROUND_DELAY_MS * (round + 1));
      }
    }
    log('upstream failed', { upstream: `${upstream.host}:${upstream.port}`, code: err.code, connected });
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json', connection: 'close' });
      res.end(
        JSON.stringify({
          object: 'error',
          error: { code: 'bad_gateway', message: 'No Klipy node answered. Try again shortly.' },
        }),
      );
    } else {
      res.destroy();
    }
  });
  res.on('close', () => {
    if (!res.writableFinished) up.destroy();
  });
}

const server = http.createServer((req, res) => forward(req, res, order()));
server.keepAliveTimeout = 5_000;
server.listen(port, '0.0.0.0', () =>
  log('listening', { port, upstreams: upstreams.map((u) => `${u.host}:${u.port}`) }),
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log('shutting down', { signal });
    server.close(() => {
      log('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
