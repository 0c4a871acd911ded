/**
 * `npm run bench`: the multi-node benchmarks in one go (about 10–11 minutes on 2 cores;
 * the RSS figures need `npm run build:server` first),
 * each figure a ratio against a baseline measured in the same run on the same machine.
 * Writes bench/results/<name>.{json,md} per benchmark and bench/results/bench-summary.{json,md}.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npm run bench
 *
 * Without DATABASE_URL / REDIS_URL only the embedded (memory limiter) row runs. The
 * heavier single-purpose benchmarks run on their own: bench/cold-start.ts (needs a build),
 * bench/verify-key.ts, bench/crm-latency.ts (seeds a million people).
 */
import { authOverhead } from './auth-overhead.js';
import { ingest } from './ingest.js';
import { ingestNewOrg } from './ingest-new-org.js';
import type { Row } from './lib/nodes.js';
import { writeResults } from './lib/results.js';
import { limiterExactness } from './limiter-exactness.js';
import { revocation } from './revocation.js';
import { rss } from './rss.js';
import { sortedQueries } from './sorted-queries.js';

const started = performance.now();
const summary: Row[] = [];
const add = (benchmark: string, variant: string, figure: string, baseline: string, ratio: string) =>
  summary.push({ benchmark, variant, figure, baseline, ratio });

console.log('\n== auth overhead: /api/v1/authenticate vs /healthz ==');
for (const r of await authOverhead(3, 20, 5)) {
  if (r.note) add('auth overhead', String(r.limiter), String(r.note), '', '');
  else {
    const healthz = `${r['healthz req/s']} req/s (/healthz)`;
    add(
      '/healthz vs bare node:http (req/s, 20 connections)',
      `${r.limiter} limiter`,
      healthz.replace(' (/healthz)', ''),
      `${r['bare node:http req/s']} req/s (bare)`,
      String(r['healthz / bare']),
    );
    add(
      'auth overhead (req/s, 20 connections)',
      `${r.limiter} limiter`,
      `${r['authenticate req/s']} req/s`,
      healthz,
      String(r['authenticate / healthz']),
    );
    add(
      'GET /people/{id} (req/s, 20 connections)',
      `${r.limiter} limiter`,
      `${r['people/{id} req/s']} req/s, p99 ${r['people/{id} p99 ms']} ms`,
      healthz,
      String(r['people/{id} / healthz']),
    );
  }
}

console.log('\n== ingest: POST /people/batch, 100 people per request ==');
for (const r of await ingest(10)) {
  if (r.note) add('ingest', String(r.backend), String(r.note), '', '');
  else {
    add('ingest, 1 client (people/s)', String(r.backend), String(r['people/s, 1 client']), '', '');
    add('ingest, 4 clients (people/s)', String(r.backend), String(r['people/s, 4 clients']), '', '');
  }
}

console.log('\n== ingest for an organization the statistics have not seen ==');
for (const r of await ingestNewOrg(10, 4, 4)) {
  if (r.note) add('ingest, new organization', String(r.backend), String(r.note), '', '');
  else {
    add(
      'ingest, an organization newer than the statistics (people/s, 1 client)',
      String(r.backend),
      `last window ${r['B, last window people/s']}`,
      `first window ${r['B, first window people/s']}`,
      String(r['B, last / first window']),
    );
    add(
      'list page 2 newest first, the new organization vs the analyzed one (median ms)',
      String(r.backend),
      `B ${r['list page 2 ms, B']} ms`,
      `A ${r['list page 2 ms, A']} ms`,
      String(r['list page 2, B / A']),
    );
  }
}

console.log('\n== sorted queries: page 1 and a deep page, every order ==');
for (const r of await sortedQueries(20_000, 200)) {
  if (r.note) add('sorted query', String(r.backend), String(r.note), '', '');
  else
    add(
      `sorted query p99, ${r.people} people`,
      `${r.backend}, ${r.sort}`,
      `deep page ${r['deep p99 ms']} ms`,
      `page 1 ${r['page 1 p99 ms']} ms`,
      String(r['deep / first p99']),
    );
}

console.log('\n== resident memory ==');
for (const r of await rss()) {
  add('RSS (MiB)', String(r.server), `idle 3 s after start ${r['idle MiB, 3 s (median, range)']}`, '', '');
  add('RSS (MiB)', String(r.server), `idle, settled ${r['idle MiB, settled (median, range)']}`, '', '');
  add('RSS (MiB)', String(r.server), `after 2,000 requests ${r['after 2,000 requests MiB']}`, '', '');
  add('start to healthy (ms)', String(r.server), String(r['start to healthy ms (median)']), '', '');
}

console.log('\n== revocation propagation across two nodes ==');
for (const r of await revocation(100)) {
  if (r.note) add('revocation propagation', String(r.bus), String(r.note), '', '');
  else {
    const base = `${r['baseline RTT p50 ms']} ms (one request to B)`;
    add(
      'revoke on A → first 401 on B, p50',
      String(r.bus),
      `${r['revoke → 401 p50 ms']} ms`,
      base,
      String(r['p50 / baseline']),
    );
    add(
      'revoke on A → first 401 on B, p99',
      String(r.bus),
      `${r['revoke → 401 p99 ms']} ms`,
      base,
      String(r['p99 / baseline']),
    );
  }
}

console.log('\n== limiter exactness under load ==');
for (const r of await limiterExactness(300, 3)) {
  if (r.note) add('limiter exactness', String(r.limiter), String(r.note), '', '');
  else
    add(
      'limiter exactness (2 nodes × 50 connections)',
      `${r.limiter} limiter`,
      `${r.admitted} admitted of ${r.requests}`,
      `limit ${r.limit}`,
      String(r['admitted / limit']),
    );
}

console.log('\n== summary ==');
writeResults('bench-summary', summary, { seconds: Math.round((performance.now() - started) / 1000) });
