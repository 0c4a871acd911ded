import type { Invalidation, InvalidationBus } from '../deps.js';

/** In-process bus for a single node: delivery is synchronous, before `publish` resolves. */
export class LocalBus implements InvalidationBus {
  private readonly handlers = new Set<(msg: Invalidation) => void>();

  async publish(msg: Invalidation): Promise<void> {
    for (const handler of this.handlers) handler(msg);
  }

  subscribe(handler: (msg: Invalidation) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
