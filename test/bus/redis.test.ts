import { afterAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../src/infra/bus/redis.js';
import { createLogger } from '../../src/infra/logger.js';
import { missing, redisUrl, uniquePrefix } from '../ratelimit/services.js';
import { measure, nextMessage } from './helpers.js';

describe.skipIf(missing('REDIS_URL', redisUrl, 'RedisBus'))('RedisBus', () => {
  const logger = createLogger('silent');
  const channel = uniquePrefix('bus');
  const a = new RedisBus({ url: redisUrl!, channel, logger });
  const b = new RedisBus({ url: redisUrl!, channel, logger });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('delivers a message published on one node to another, fast', async () => {
    await Promise.all([a.ready(), b.ready()]);
    expect(await measure('redis bus', a, b)).toBeLessThan(100);
  });

  it('delivers to the publisher itself exactly once', async () => {
    await a.ready();
    const seen: unknown[] = [];
    const off = a.subscribe((m) => seen.push(m));
    const other = nextMessage(b);
    await a.publish({ kind: 'org', orgId: 'o1' });
    await other; // the message went round Redis, so an echo would have arrived by now
    await new Promise((r) => setTimeout(r, 50));
    off();
    expect(seen).toEqual([{ kind: 'org', orgId: 'o1' }]);
  });

  it('resolves publish and still delivers locally when Redis is unreachable', async () => {
    const dead = new RedisBus({ url: 'redis://127.0.0.1:6390', channel, logger });
    const got = nextMessage(dead, 100);
    await dead.publish({ kind: 'key', publicId: 'k' });
    expect(await got).toEqual({ kind: 'key', publicId: 'k' });
    await dead.close();
  });
});
