import type { Logger } from '../logger.js';
import { type Invalidation, type InvalidationBus, Subscribers } from './types.js';

/** One process only (embedded database, tests): synchronous in-process delivery. */
export class LocalBus implements InvalidationBus {
  private readonly subs: Subscribers;
  /** One process: nothing to miss. */
  readonly healthy = true;

  constructor(logger?: Logger) {
    this.subs = new Subscribers(logger);
  }

  async publish(msg: Invalidation): Promise<void> {
    this.subs.deliver(msg);
  }

  subscribe(handler: (msg: Invalidation) => void): () => void {
    return this.subs.add(handler);
  }

  async close(): Promise<void> {
    this.subs.clear();
  }
}
