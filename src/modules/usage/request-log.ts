/**
 * The last API requests of each key (time, method, route template, status, client IP),
 * for the console's key page. Like `UsageRecorder`, nothing on the request path touches
 * the database: requests collect in memory (at most `KEEP` per key, older ones dropped)
 * and an unref'd timer writes them in one batched INSERT, after which one DELETE keeps
 * only the newest `KEEP` rows of each flushed key, so the table stays bounded whatever
 * the number of nodes writing into it.
 *
 *   deps.requestLog.record({ orgId, keyId, method, route, status, ip, at }); // observe.ts
 *   await deps.requestLog.flush();   // on an interval, before a read, and from close()
 *
 * Never a query string, header or body: `route` is the template (`/api/v1/people/:personId`).
 * A failed flush is logged and its entries go back in the queue (still at most `KEEP` per
 * key), so a database blip loses nothing and an outage cannot grow memory without bound.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import type { Logger } from '../../infra/logger.js';

/** Rows kept per key, in memory between flushes and in the table. */
export const KEEP = 50;
const ROWS_PER_STATEMENT = 1_000;

export interface RequestLogEntry {
  orgId: string;
  keyId: string;
  method: string;
  /** The route template, never the raw path (no ids, no query string). */
  route: string;
  status: number;
  ip: string | null;
  at: Date;
}

export interface RequestLogOptions {
  database: Database;
  logger: Logger;
  intervalMs?: number;
}

export class RequestLog {
  private pending = new Map<string, RequestLogEntry[]>();
  private readonly timer: NodeJS.Timeout | null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly opts: RequestLogOptions) {
    const interval = opts.intervalMs ?? 10_000;
    this.timer = interval > 0 ? setInterval(() => void this.flush(), interval) : null;
    this.timer?.unref();
  }

  /** Notes one request; beyond `KEEP` pending for the key, the oldest is dropped. */
  record(entry: RequestLogEntry): void {
    const list = this.pending.get(entry.keyId);
    if (!list) {
      this.pending.set(entry.keyId, [entry]);
      return;
    }
    list.push(entry);
    if (list.length > KEEP) list.shift();
  }

  /** Writes everything pending; concurrent calls run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** Stops the timer and writes what is pending. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    for (const chunk of chunks(batch)) {
      try {
        await this.insert(chunk);
      } catch (err) {
        this.warn('request-log flush failed', err);
        // Back in the queue ahead of what arrived meanwhile, still at most KEEP per key.
        for (const [keyId, failed] of chunk) {
          this.pending.set(keyId, [...failed, ...(this.pending.get(keyId) ?? [])].slice(-KEEP));
        }
        continue;
      }
      // Written: a failed trim only leaves extra rows until the key's next flush trims them.
      await this.prune(chunk.map(([keyId]) => keyId)).catch((err) =>
        this.warn('request-log trim failed', err),
      );
    }
  }

  private warn(message: string, err: unknown) {
    this.opts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, message);
  }

  /** One INSERT; entries of a key deleted meanwhile are skipped by the join, not an error. */
  private async insert(chunk: [string, RequestLogEntry[]][]): Promise<void> {
    const values = sql.join(
      chunk.flatMap(([, entries]) =>
        entries.map(
          (e) =>
            sql`(${e.orgId}::text, ${e.keyId}::text, ${e.at.toISOString()}::timestamptz, ${e.method}::text, ${e.route}::text, ${e.status}::smallint, ${e.ip}::text)`,
        ),
      ),
      sql`, `,
    );
    await this.opts.database.db.execute(sql`
      insert into api_key_requests (org_id, key_id, at, method, route, status, ip)
      select v.org_id, v.key_id, v.at, v.method, v.route, v.status, v.ip
      from (values ${values}) as v(org_id, key_id, at, method, route, status, ip)
      join api_keys k on k.id = v.key_id and k.org_id = v.org_id`);
  }

  /** Keeps the newest KEEP rows of each key (rows other nodes wrote included). */
  private async prune(keyIds: string[]): Promise<void> {
    const ids = sql.join(
      keyIds.map((id) => sql`${id}`),
      sql`, `,
    );
    await this.opts.database.db.execute(sql`
      delete from api_key_requests where id in (
        select id from (
          select id, row_number() over (partition by key_id order by at desc, id desc) as n
          from api_key_requests where key_id in (${ids})
        ) ranked where n > ${KEEP})`);
  }
}

/** Whole keys per chunk, about ROWS_PER_STATEMENT rows each. */
function* chunks(batch: Map<string, RequestLogEntry[]>): Generator<[string, RequestLogEntry[]][]> {
  let chunk: [string, RequestLogEntry[]][] = [];
  let rows = 0;
  for (const item of batch) {
    chunk.push(item);
    rows += item[1].length;
    if (rows >= ROWS_PER_STATEMENT) {
      yield chunk;
      chunk = [];
      rows = 0;
    }
  }
  if (chunk.length) yield chunk;
}
