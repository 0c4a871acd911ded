import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';
import { createLimiter } from '../../src/ratelimit/factory.js';
import { ResilientLimiter } from '../../src/ratelimit/resilient.js';
import { missing, redisUrl, uniquePrefix } from './services.js';

const logger = createLogger('silent');

describe('createLimiter()', () => {
  it('prefers Redis (with fallback) when a URL is given', async () => {
    const l = await createLimiter({ redisUrl: 'redis://127.0.0.1:6390', logger });
    expect(l).toBeInstanceOf(ResilientLimiter);
    expect(l.backend).toBe('redis');
    // Even a dead Redis answers through the fallback.
    expect((await l.check([{ name: 'key', id: 'k', limit: 1, windowMs: 1000 }])).allowed).toBe(true);
    await l.close();
  });

  it.skipIf(missing('REDIS_URL', redisUrl, 'createLimiter with Redis'))(
    'starts on Redis, not in fallback, when Redis is up',
    async () => {
      const states: string[] = [];
      const l = await createLimiter({
        redisUrl: redisUrl!,
        logger,
        keyPrefix: uniquePrefix('factory'),
        onStateChange: (s) => states.push(s),
      });
      expect((await l.check([{ name: 'key', id: 'k', limit: 1, windowMs: 1000 }])).allowed).toBe(true);
      expect((l as ResilientLimiter).state).toBe('redis');
      expect(states).toEqual(['redis']);
      await l.close();
    },
  );

  it('uses PostgreSQL for a PostgreSQL server, memory for the embedded database', async () => {
    const db = new PGlite();
    const pgl = await createLimiter({ sql: db, kind: 'postgres', logger });
    expect(pgl.backend).toBe('postgres');
    await pgl.close();
    const mem = await createLimiter({ sql: db, kind: 'pglite', logger });
    expect(mem.backend).toBe('memory');
    await mem.close();
    await db.close();
  });
});
