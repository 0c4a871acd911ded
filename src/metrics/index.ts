import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PolicyName } from '../ratelimit/types.js';

/** Why an authentication failed (`details.reason` of the 401/403, or the per-IP block). */
export type AuthFailureReason =
  | 'missing'
  | 'malformed'
  | 'unknown'
  | 'expired'
  | 'revoked'
  | 'scope'
  | 'plan'
  | 'api_disabled'
  | 'ip_not_allowed'
  | 'ip_limited';

/** Which limiter answers: the active one is 1, the others 0. */
export type LimiterBackendLabel = 'redis' | 'fallback' | 'postgres' | 'memory';

const LIMITER_BACKENDS: readonly LimiterBackendLabel[] = ['redis', 'fallback', 'postgres', 'memory'];

/**
 * The app's metrics, on a registry of its own (never prom-client's global one, so
 * several apps can live in one test process). Label values are typed enums or route
 * *patterns* — never a raw path, header or anything that could hold an API key.
 */
export interface Metrics {
  readonly registry: Registry;
  /** `Content-Type` of `render()`'s output. */
  readonly contentType: string;
  /** `route` is the matched pattern (`/api/v1/people/:id`), not the URL. */
  httpRequests: { inc(labels: { method: string; route: string; status: number }): void };
  /** Seconds per request, by route pattern. */
  httpDuration: { observe(labels: { route: string }, seconds: number): void };
  authFailures: { inc(labels: { reason: AuthFailureReason }): void };
  rateLimitRejections: { inc(labels: { policy: PolicyName }): void };
  /** Set the active limiter: it reads 1, the others 0. */
  limiterBackendState: { set(active: LimiterBackendLabel): void };
  /** Key cache hits and misses; hit ratio = hit / (hit + miss). */
  keyCacheLookups: { inc(labels: { result: 'hit' | 'miss' }): void };
  /** 1 while the invalidation bus delivers; 0 while keys are verified against the database. */
  invalidationBusHealthy: { set(healthy: boolean): void };
  /** Batch upserts by how they were written: `set` (a few statements) or `exact` (item by item, the fallback). */
  batchWrites: { inc(labels: { resource: 'people' | 'companies'; path: 'set' | 'exact' }): void };
  /** The Prometheus text exposition for `/metrics`. */
  render(): Promise<string>;
}

export interface MetricsOptions {
  /** Also export Node process metrics (CPU, memory, event loop). Off by default for tests. */
  processMetrics?: boolean;
}

/** Creates a fresh registry with every Klipy metric registered on it. */
export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (opts.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'klipy_' });

  const requests = new Counter({
    name: 'klipy_http_requests_total',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'klipy_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern.',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const authFailures = new Counter({
    name: 'klipy_auth_failures_total',
    help: 'Failed API authentications by reason.',
    labelNames: ['reason'] as const,
    registers,
  });
  const rejections = new Counter({
    name: 'klipy_rate_limit_rejections_total',
    help: 'Requests rejected with 429, by the policy that fired.',
    labelNames: ['policy'] as const,
    registers,
  });
  const backend = new Gauge({
    name: 'klipy_rate_limiter_backend',
    help: 'The rate limiter answering requests (1) and the others (0); "fallback" means Redis is unreachable.',
    labelNames: ['backend'] as const,
    registers,
  });
  const cache = new Counter({
    name: 'klipy_key_cache_lookups_total',
    help: 'API key cache lookups by result (hit, miss).',
    labelNames: ['result'] as const,
    registers,
  });
  const busHealthy = new Gauge({
    name: 'klipy_invalidation_bus_healthy',
    help: 'The cross-node invalidation bus delivers (1); 0: it is down and every API key is verified against the database.',
    registers,
  });
  busHealthy.set(1);
  const batches = new Counter({
    name: 'klipy_batch_writes_total',
    help: 'Batch upserts by resource and path: "set" (one statement per table) or "exact" (item by item, after the database refused the set plan).',
    labelNames: ['resource', 'path'] as const,
    registers,
  });
  // Zero-initialise the closed label sets so ratios and absent-alerts work from the start.
  for (const result of ['hit', 'miss'] as const) cache.inc({ result }, 0);
  for (const b of LIMITER_BACKENDS) backend.set({ backend: b }, 0);

  return {
    registry,
    contentType: registry.contentType,
    httpRequests: {
      inc: ({ method, route, status }) => requests.inc({ method, route, status: String(status) }),
    },
    httpDuration: { observe: (labels, seconds) => duration.observe(labels, seconds) },
    authFailures: { inc: (labels) => authFailures.inc(labels) },
    rateLimitRejections: { inc: (labels) => rejections.inc(labels) },
    limiterBackendState: {
      set: (active) => {
        for (const b of LIMITER_BACKENDS) backend.set({ backend: b }, b === active ? 1 : 0);
      },
    },
    keyCacheLookups: { inc: (labels) => cache.inc(labels) },
    invalidationBusHealthy: { set: (healthy) => busHealthy.set(healthy ? 1 : 0) },
    batchWrites: { inc: (labels) => batches.inc(labels) },
    render: () => registry.metrics(),
  };
}
