/**
 * Counts API requests per (organization, key, minute, route, status class) in memory and
 * writes them in batches: what the console's usage charts read. Nothing on the request
 * path touches the database; a flush is one INSERT … ON CONFLICT per batch that adds
 * to existing rows, so several nodes can flush into the same minute.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import type { Logger } from '../../infra/logger.js';

export interface UsageRecorderOptions {
  database: Database;
  logger: Logger;
  intervalMs?: number;
}

interface Row {
  orgId: string;
  keyId: string;
  bucket: number;
  route: string;
  statusClass: number;
  count: number;
}

const MINUTE = 60_000;

export class UsageRecorder {
  private pending = new Map<string, Row>();
  private readonly timer: NodeJS.Timeout | null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly opts: UsageRecorderOptions) {
    const interval = opts.intervalMs ?? 10_000;
    this.timer = interval > 0 ? setInterval(() => void this.flush(), interval) : null;
    this.timer?.unref();
  }

  /** Counts one request. `route` is the route template, never the raw path. */
  record(input: { orgId: string; keyId: string; route: string; status: number; at: Date }): void {
    const bucket = Math.floor(input.at.getTime() / MINUTE) * MINUTE;
    const statusClass = Math.min(5, Math.max(2, Math.floor(input.status / 100)));
    const id = `${input.orgId}|${input.keyId}|${bucket}|${input.route}|${statusClass}`;
    const row = this.pending.get(id);
    if (row) row.count += 1;
    else
      this.pending.set(id, {
        orgId: input.orgId,
        keyId: input.keyId,
        bucket,
        route: input.route,
        statusClass,
        count: 1,
      });
  }

  /** Writes everything pending; concurrent calls run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = sql.join(
        chunk.map(
          (r) =>
            sql`(${r.orgId}, ${r.keyId}, ${new Date(r.bucket).toISOString()}::timestamptz, ${r.route}, ${r.statusClass}::smallint, ${r.count}::int)`,
        ),
        sql`, `,
      );
      try {
        await this.opts.database.db.execute(sql`
          insert into usage_counters (org_id, key_id, bucket, route, status_class, count)
          values ${values}
          on conflict (org_id, key_id, bucket, route, status_class)
          do update set count = usage_counters.count + excluded.count`);
      } catch (err) {
        // Usage is a convenience, not a ledger: log and drop rather than grow without bound.
        this.opts.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'usage flush failed',
        );
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
