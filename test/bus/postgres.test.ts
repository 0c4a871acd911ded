import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PgBus, PgliteBus } from '../../src/infra/bus/postgres.js';
import { createLogger } from '../../src/infra/logger.js';
import { databaseUrl, missing, sleep } from '../ratelimit/services.js';
import { measure, nextMessage } from './helpers.js';

const logger = createLogger('silent');
const channel = () => `t_bus_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

describe('PgliteBus', () => {
  it('round-trips through PGlite NOTIFY between two buses on one database', async () => {
    const db = new PGlite();
    const ch = channel();
    const a = await PgliteBus.create(db, { logger, channel: ch });
    const b = await PgliteBus.create(db, { logger, channel: ch });
    const got = nextMessage(b);
    await a.publish({ kind: 'org', orgId: 'o' });
    expect(await got).toEqual({ kind: 'org', orgId: 'o' });
    await a.close();
    await b.close();
    await db.close();
  });
});

describe.skipIf(missing('DATABASE_URL', databaseUrl, 'PgBus'))('PgBus on PostgreSQL', () => {
  const ch = channel();
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const buses: PgBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await admin.end();
  });
  const make = async (onReconnect?: () => void) => {
    const bus = await PgBus.create({
      connectionString: databaseUrl!,
      channel: ch,
      logger,
      ...(onReconnect ? { onReconnect } : {}),
    });
    buses.push(bus);
    return bus;
  };

  it('delivers between nodes on separate connections, fast', async () => {
    const a = await make();
    const b = await make();
    expect(await measure('postgres bus', a, b)).toBeLessThan(100);
  });

  it('reconnects and LISTENs again after the connection is killed', async () => {
    let reconnected = 0;
    const a = await make();
    const b = await make(() => reconnected++);
    const pid = b.listenerPid;
    expect(pid).toBeTypeOf('number');
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const until = Date.now() + 5000;
    while ((reconnected === 0 || b.listenerPid === undefined) && Date.now() < until) await sleep(50);
    expect(reconnected).toBe(1);
    expect(b.listenerPid).not.toBe(pid);
    const got = nextMessage(b);
    await a.publish({ kind: 'key', publicId: 'after-drop' });
    expect(await got).toEqual({ kind: 'key', publicId: 'after-drop' });
  });

  it('publish resolves only once every other node has applied the message (acks)', async () => {
    // NOTIFY alone returns before other sessions get the message; the acks close that gap.
    const a = await make();
    const [b, c] = [await make(), await make()];
    const seen: string[] = [];
    b.subscribe((m) => seen.push(`b:${m.kind}`));
    c.subscribe((m) => seen.push(`c:${m.kind}`));
    await a.publish({ kind: 'org', orgId: 'acked' });
    expect(seen.sort()).toEqual(['b:org', 'c:org']);
  });

  it('waits at most ackTimeoutMs for a listener that never confirms', async () => {
    const ch2 = channel();
    const silent = new pg.Client({ connectionString: databaseUrl, application_name: `klipy_bus ${ch2}` });
    await silent.connect();
    await silent.query(`LISTEN ${ch2}`);
    const bus = await PgBus.create({
      connectionString: databaseUrl!,
      channel: ch2,
      logger,
      ackTimeoutMs: 200,
    });
    buses.push(bus);
    const started = performance.now();
    await bus.publish({ kind: 'key', publicId: 'nobody-acks' });
    const ms = performance.now() - started;
    await silent.end();
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(1_500);
  });
});
