import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.js';

describe('createMetrics()', () => {
  it('renders every metric with its labels', async () => {
    const m = createMetrics();
    m.httpRequests.inc({ method: 'GET', route: '/api/v1/people/:id', status: 200 });
    m.httpDuration.observe({ route: '/api/v1/people/:id' }, 0.012);
    m.authFailures.inc({ reason: 'revoked' });
    m.rateLimitRejections.inc({ policy: 'org' });
    m.keyCacheLookups.inc({ result: 'hit' });
    m.keyCacheLookups.inc({ result: 'hit' });
    m.keyCacheLookups.inc({ result: 'miss' });
    m.limiterBackendState.set('fallback');
    const text = await m.render();
    expect(text).toContain(
      'klipy_http_requests_total{method="GET",route="/api/v1/people/:id",status="200"} 1',
    );
    expect(text).toContain(
      'klipy_http_request_duration_seconds_bucket{le="0.025",route="/api/v1/people/:id"} 1',
    );
    expect(text).toContain('klipy_auth_failures_total{reason="revoked"} 1');
    expect(text).toContain('klipy_rate_limit_rejections_total{policy="org"} 1');
    expect(text).toContain('klipy_key_cache_lookups_total{result="hit"} 2');
    expect(text).toContain('klipy_key_cache_lookups_total{result="miss"} 1');
    expect(text).toContain('klipy_rate_limiter_backend{backend="fallback"} 1');
    expect(text).toContain('klipy_rate_limiter_backend{backend="redis"} 0');
    expect(m.contentType).toMatch(/^text\/plain/);
  });

  it('gives each app its own registry, so several can coexist', async () => {
    const a = createMetrics();
    const b = createMetrics({ processMetrics: true });
    a.authFailures.inc({ reason: 'unknown' });
    expect(await a.render()).toContain('klipy_auth_failures_total{reason="unknown"} 1');
    const bText = await b.render();
    expect(bText).not.toContain('reason="unknown"');
    expect(bText).toContain('klipy_process_cpu_user_seconds_total');
  });

  it('starts hit/miss at zero so a ratio is defined before the first lookup', async () => {
    const text = await createMetrics().render();
    expect(text).toContain('klipy_key_cache_lookups_total{result="hit"} 0');
    expect(text).toContain('klipy_key_cache_lookups_total{result="miss"} 0');
  });
});
