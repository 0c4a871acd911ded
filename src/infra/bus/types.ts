import type { Logger } from '../logger.js';

/** A cached thing changed: drop it from every node's cache. Ids only, never secrets. */
export type Invalidation = { kind: 'key'; publicId: string } | { kind: 'org'; orgId: string };

/**
 * Cross-node invalidation. `publish` delivers to this process's subscribers at once
 * (synchronously, before it resolves) and to every other node through the transport;
 * a node does not get its own messages twice. Delivery to other nodes is best effort:
 * `publish` logs and resolves when the transport is down, and messages sent while a
 * node is disconnected are lost — hence `onReconnect`, where a cache should clear itself.
 */
export interface InvalidationBus {
  publish(msg: Invalidation): Promise<void>;
  /** False while messages from other nodes may be missed (transport down or silent). */
  readonly healthy: boolean;
  /** Returns the unsubscribe function. Handlers must not throw (errors are logged). */
  subscribe(handler: (msg: Invalidation) => void): () => void;
  close(): Promise<void>;
}

export interface BusOptions {
  logger: Logger;
  /** Called after the transport reconnected (messages may have been missed meanwhile). */
  onReconnect?: () => void;
  /**
   * Called when `healthy` changes. While unhealthy a node must not trust a cache that
   * relies on the bus: another node's revocation would not reach it.
   */
  onHealthChange?: (healthy: boolean) => void;
}

/** Tracks a bus's health and reports changes once each. */
export class Health {
  constructor(
    private value: boolean,
    private readonly onChange?: (healthy: boolean) => void,
  ) {}
  get healthy(): boolean {
    return this.value;
  }
  set(healthy: boolean): void {
    if (healthy === this.value) return;
    this.value = healthy;
    this.onChange?.(healthy);
  }
}

/** Accepts only well-formed invalidations from the wire. */
export function parseInvalidation(value: unknown): Invalidation | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.kind === 'key' && typeof v.publicId === 'string') return { kind: 'key', publicId: v.publicId };
  if (v.kind === 'org' && typeof v.orgId === 'string') return { kind: 'org', orgId: v.orgId };
  return null;
}

/** Wire format: the message plus the sending bus's id, so a node skips its own echo. */
export const encode = (origin: string, msg: Invalidation): string => JSON.stringify({ o: origin, m: msg });

/** Decodes a wire message; null for our own echo or garbage. */
export function decode(origin: string, raw: string): Invalidation | null {
  try {
    const env = JSON.parse(raw) as { o?: unknown; m?: unknown };
    if (env.o === origin) return null;
    return parseInvalidation(env.m);
  } catch {
    return null;
  }
}

/** The in-process subscriber list every bus uses. */
export class Subscribers {
  private readonly handlers = new Set<(msg: Invalidation) => void>();

  constructor(private readonly logger?: Logger) {}

  add(handler: (msg: Invalidation) => void): () => void {
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const h = (msg: Invalidation) => handler(msg);
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }

  deliver(msg: Invalidation): void {
    for (const h of this.handlers) {
      try {
        h(msg);
      } catch (err) {
        this.logger?.error(
          { err: err instanceof Error ? err.message : String(err) },
          'invalidation handler failed',
        );
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
