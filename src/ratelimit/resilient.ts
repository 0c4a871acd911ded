import type { Logger } from '../infra/logger.js';
import { assertCost } from './decide.js';
import { MemoryLimiter } from './memory.js';
import type { LimitDecision, Limiter, Policy } from './types.js';

/** Which limiter is answering: Redis, or the local fallback while Redis is away. */
export type ResilientState = 'redis' | 'fallback';

export interface ResilientLimiterOptions {
  /** The shared limiter (a `RedisLimiter`). Its errors trigger the fallback. */
  primary: Limiter;
  /** Resolves when the primary is reachable again (e.g. `redisLimiter.ping()`). */
  probe: () => Promise<void>;
  logger: Logger;
  /** Local limiter used while the primary is down; a `MemoryLimiter` by default. */
  fallback?: Limiter;
  /** How often to probe while in fallback (ms). */
  probeIntervalMs?: number;
  /** A probe slower than this counts as a failure (ms). */
  probeTimeoutMs?: number;
  /** Called with the initial state and on every transition, e.g. to set the `limiterBackendState` gauge. */
  onStateChange?: (state: ResilientState) => void;
}

/**
 * Redis with a local safety net. `check()` never rejects because of Redis: on a Redis
 * error the node switches to its local limiter (each node then enforces the limits on
 * its own, so N nodes admit up to N × L in that time) and keeps serving; a timer probes
 * Redis and switches back once it answers. Each transition is logged once.
 * Invalid arguments (a bad `cost`) still throw: they are bugs, not outages.
 */
export class ResilientLimiter implements Limiter {
  readonly backend = 'redis' as const;
  private current: ResilientState = 'redis';
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private readonly fallback: Limiter;

  constructor(private readonly opts: ResilientLimiterOptions) {
    this.fallback = opts.fallback ?? new MemoryLimiter();
    // Announce the starting state so a gauge is right before the first transition.
    opts.onStateChange?.('redis');
  }

  /** `redis` while Redis answers, `fallback` while the local limiter does. */
  get state(): ResilientState {
    return this.current;
  }

  async check(policies: readonly Policy[], cost = 1): Promise<LimitDecision> {
    assertCost(cost);
    if (this.current === 'redis') {
      try {
        return await this.opts.primary.check(policies, cost);
      } catch (err) {
        this.down(err);
      }
    }
    return this.fallback.check(policies, cost);
  }

  private down(err: unknown): void {
    if (this.current === 'fallback') return;
    this.current = 'fallback';
    this.opts.logger.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'rate limiter: Redis unreachable, using the local limiter until it is back',
    );
    this.opts.onStateChange?.('fallback');
    this.timer = setInterval(() => void this.probeOnce(), this.opts.probeIntervalMs ?? 1_000);
    this.timer.unref();
  }

  /** One probe; exposed so tests need not wait for the timer. */
  async probeOnce(): Promise<boolean> {
    if (this.current === 'redis' || this.probing) return this.current === 'redis';
    this.probing = true;
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.opts.probe(),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(new Error('probe timed out')), this.opts.probeTimeoutMs ?? 500);
        }),
      ]);
      this.up();
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timeout);
      this.probing = false;
    }
  }

  private up(): void {
    if (this.current === 'redis') return;
    this.current = 'redis';
    clearInterval(this.timer);
    this.timer = undefined;
    this.opts.logger.info('rate limiter: Redis is back, using it again');
    this.opts.onStateChange?.('redis');
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.opts.primary.close(), this.fallback.close()]);
  }
}
