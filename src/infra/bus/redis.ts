import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { createRedisClient, FAIL_FAST_OPTIONS } from '../../ratelimit/redis-client.js';
import {
  type BusOptions,
  decode,
  encode,
  Health,
  type Invalidation,
  type InvalidationBus,
  Subscribers,
} from './types.js';

/** How often the subscriber connection is checked, and how long a PING may take. */
const HEARTBEAT_MS = 1_000;

export interface RedisBusOptions extends BusOptions {
  url: string;
  /** Pub/sub channel; tests use a unique one. */
  channel?: string;
  /** Connect / command timeouts (defaults in ratelimit/redis-client.ts). */
  redisOptions?: RedisOptions;
}

/**
 * Redis pub/sub. Two connections: a fail-fast publisher (a dead Redis must not stall the
 * request that revoked a key) and a subscriber, which ioredis re-subscribes after every
 * reconnect. Publishing delivers locally first, so this node is never stale.
 */
export class RedisBus implements InvalidationBus {
  private readonly id = randomUUID();
  private readonly subs: Subscribers;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channel: string;
  private readonly subscribed: Promise<void>;
  private connectedOnce = false;
  private readonly health: Health;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly opts: RedisBusOptions) {
    const log = opts.logger;
    this.channel = opts.channel ?? 'klipy:invalidate';
    this.subs = new Subscribers(log);
    // Unhealthy until subscribed: nothing from other nodes arrives before that.
    this.health = new Health(false, (healthy) => {
      if (healthy) log.info('invalidation bus: Redis subscription healthy again');
      else log.warn('invalidation bus: Redis subscription down; API keys are verified against the database');
      opts.onHealthChange?.(healthy);
    });
    this.pub = createRedisClient(
      opts.url,
      (err) => log.debug({ err: err.message }, 'redis (bus publisher) error'),
      opts.redisOptions,
    );
    this.pub.connect().catch(() => {});
    this.sub = new Redis(opts.url, {
      lazyConnect: true,
      connectTimeout: opts.redisOptions?.connectTimeout ?? FAIL_FAST_OPTIONS.connectTimeout,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    });
    this.sub.on('error', (err: Error) => log.debug({ err: err.message }, 'redis (bus subscriber) error'));
    this.sub.on('ready', () => {
      if (this.connectedOnce) {
        log.info('invalidation bus: Redis subscriber reconnected');
        opts.onReconnect?.();
        this.health.set(true);
      }
      this.connectedOnce = true;
    });
    for (const event of ['close', 'reconnecting', 'end']) this.sub.on(event, () => this.health.set(false));
    // A black-holed Redis closes nothing: only an unanswered PING tells. Then reconnect.
    this.heartbeat = setInterval(() => void this.checkPulse(), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.sub.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      const msg = decode(this.id, raw);
      if (msg) this.subs.deliver(msg);
    });
    this.subscribed = this.sub
      .connect()
      .then(() => this.sub.subscribe(this.channel))
      .then(() => this.health.set(true));
    this.subscribed.catch((err: Error) =>
      log.warn({ err: err.message }, 'invalidation bus: Redis not reachable yet, will keep retrying'),
    );
  }

  get healthy(): boolean {
    return this.health.healthy;
  }

  private async checkPulse(): Promise<void> {
    if (this.sub.status !== 'ready' || !this.connectedOnce) return;
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.sub.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), HEARTBEAT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (answered || this.sub.status !== 'ready') return;
    this.opts.logger.warn('invalidation bus: Redis did not answer PING; reconnecting');
    this.health.set(false);
    this.sub.disconnect(true);
  }

  /** Resolves once the subscription is active (tests and startup checks). */
  ready(): Promise<void> {
    return this.subscribed;
  }

  async publish(msg: Invalidation): Promise<void> {
    this.subs.deliver(msg);
    try {
      await this.pub.publish(this.channel, encode(this.id, msg));
    } catch (err) {
      this.opts.logger.warn(
        { err: err instanceof Error ? err.message : String(err), kind: msg.kind },
        'invalidation bus: publish to Redis failed; other nodes rely on their cache TTL',
      );
    }
  }

  subscribe(handler: (msg: Invalidation) => void): () => void {
    return this.subs.add(handler);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.subs.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
