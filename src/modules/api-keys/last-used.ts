/**
 * Records when and from where each key was last used, off the request path.
 *
 * Usage:
 *   deps.lastUsed.record(keyId, now, ip);   // in the auth middleware: a Map write, no I/O
 *   await deps.lastUsed.flush();           // on an interval, and from close()
 *
 * Many requests by one key between flushes collapse into one row update; a flush is one
 * UPDATE … FROM (VALUES …) statement. A failed flush is logged and its entries go back in
 * the queue for the next flush (newer entries win), so a database blip loses nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import type { Logger } from '../../infra/logger.js';

export interface LastUsedOptions {
  database: Database;
  logger: Logger;
  intervalMs?: number;
  /** Flush at most this many keys per statement. */
  batchSize?: number;
}

/** Collects key uses in memory and writes them in batches (timer + `close()`). */
export class LastUsedRecorder {
  private pending = new Map<string, { at: Date; ip: string | null }>();
  private readonly timer: NodeJS.Timeout | null;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: LastUsedOptions) {
    const interval = opts.intervalMs ?? 5_000;
    this.timer = interval > 0 ? setInterval(() => void this.flush(), interval) : null;
    this.timer?.unref();
  }

  /** Notes a use; the latest use of each key wins. */
  record(keyId: string, at: Date, ip: string | null): void {
    if (this.closed) return;
    const prev = this.pending.get(keyId);
    if (!prev || prev.at <= at) this.pending.set(keyId, { at, ip });
  }

  /** Writes everything pending. Concurrent calls run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const entries = [...batch];
    const size = this.opts.batchSize ?? 500;
    for (let i = 0; i < entries.length; i += size) {
      const chunk = entries.slice(i, i + size);
      const values = sql.join(
        chunk.map(([id, u]) => sql`(${id}, ${u.at.toISOString()}::timestamptz, ${u.ip})`),
        sql`, `,
      );
      try {
        await this.opts.database.db.execute(sql`
          update api_keys as k set last_used_at = v.at, last_used_ip = v.ip
          from (values ${values}) as v(id, at, ip)
          where k.id = v.id and (k.last_used_at is null or k.last_used_at <= v.at)`);
      } catch (err) {
        this.opts.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'last-used flush failed',
        );
        for (const [id, u] of chunk) if (!this.pending.has(id)) this.pending.set(id, u);
      }
    }
  }

  /** Stops the timer and writes what is pending. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    this.closed = true;
  }
}
