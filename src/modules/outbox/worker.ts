import type { Transporter } from 'nodemailer';
import type { Deps } from '../../deps.js';
import { notifyKeyExpiry } from '../api-keys/notify-key-expiry.js';
import { createMailTransport, DEFAULT_SMTP_TIMEOUTS, type SmtpTimeouts } from '../email/mailer.js';
import { sendDueEmails } from '../email/send-due-emails.js';
import { deliverDue } from '../webhooks/deliver.js';
import { dispatchEvents } from '../webhooks/dispatch.js';
import type { SendLimits } from '../webhooks/send.js';
import { pruneExpired } from './prune.js';

export interface OutboxWorkerOptions {
  /** Idle wait between polls. */
  pollMs?: number;
  /** Rows taken per step. */
  batch?: number;
  /** A step that takes longer is abandoned (logged) so a hung backend cannot stall the loop. */
  stepTimeoutMs?: number;
  /** Only this organization's rows (tests sharing one database). */
  orgId?: string;
  send?: Partial<SendLimits>;
  /** Extra jobs run by the same loop. */
  jobs?: OutboxJob[];
  smtpTimeouts?: SmtpTimeouts;
  /** How often the key-expiry scan and the retention prune run (default every minute; 0 = every pass). */
  scanEveryMs?: number;
}

/** A unit of background work: returns how many rows it handled (0 = idle). */
export type OutboxJob = (deps: Deps, opts: { limit: number; orgId?: string }) => Promise<number>;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The background loop every node runs (PGlite: the one process). Each step claims rows
 * with `for update skip locked`, so any number of nodes share the work without taking
 * the same row twice. Busy: runs again at once; idle: waits `pollMs`.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopped = true;
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly stepTimeoutMs: number;
  private transport: Transporter | null = null;
  private lastScan = Number.NEGATIVE_INFINITY;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private pruneBacklog = false;

  constructor(
    private readonly deps: Deps,
    private readonly opts: OutboxWorkerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 500;
    this.batch = opts.batch ?? 50;
    this.stepTimeoutMs = opts.stepTimeoutMs ?? 60_000;
  }

  /** One pass over every job; returns the rows handled. Errors are logged, never thrown. */
  async runOnce(): Promise<number> {
    const scope = { limit: this.batch, ...(this.opts.orgId ? { orgId: this.opts.orgId } : {}) };
    const steps: [string, () => Promise<number>][] = [
      ['webhook dispatch', () => dispatchEvents(this.deps, scope)],
      [
        'webhook delivery',
        () => deliverDue(this.deps, { ...scope, ...(this.opts.send ? { send: this.opts.send } : {}) }),
      ],
      ...this.mailSteps(scope),
      ...this.scanSteps(scope),
      ...this.pruneSteps(scope),
      ...(this.opts.jobs ?? []).map((job, i): [string, () => Promise<number>] => [
        `job ${i}`,
        () => job(this.deps, scope),
      ]),
    ];
    let handled = 0;
    for (const [name, step] of steps) {
      try {
        handled += await withTimeout(step(), this.stepTimeoutMs, name);
      } catch (err) {
        this.deps.logger.warn({ err, step: name }, 'outbox step failed; retrying on the next poll');
      }
    }
    return handled;
  }

  private mailSteps(scope: { limit: number; orgId?: string }): [string, () => Promise<number>][] {
    const url = this.deps.config.SMTP_URL;
    if (!url) return [];
    this.transport ??= createMailTransport(url, this.opts.smtpTimeouts ?? DEFAULT_SMTP_TIMEOUTS);
    const transport = this.transport;
    return [['mail', () => sendDueEmails(this.deps, transport, scope)]];
  }

  private scanSteps(scope: { limit: number; orgId?: string }): [string, () => Promise<number>][] {
    const now = Date.now();
    if (now - this.lastScan < (this.opts.scanEveryMs ?? 60_000)) return [];
    this.lastScan = now;
    return [['key expiry scan', () => notifyKeyExpiry(this.deps, scope)]];
  }

  /** Retention runs once a minute, and on every pass while it still finds whole batches to delete. */
  private pruneSteps(scope: { limit: number; orgId?: string }): [string, () => Promise<number>][] {
    const now = Date.now();
    if (!this.pruneBacklog && now - this.lastPrune < (this.opts.scanEveryMs ?? 60_000)) return [];
    this.lastPrune = now;
    return [
      [
        'retention',
        async () => {
          const n = await pruneExpired(this.deps, scope);
          this.pruneBacklog = n >= scope.limit;
          return n;
        },
      ],
    ];
  }

  /** Runs until a pass finds nothing to do (tests, benchmarks). */
  async drain(maxPasses = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxPasses; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      const pass = this.runOnce();
      this.current = pass;
      const n = await pass;
      this.current = null;
      if (this.stopped) return;
      this.timer = setTimeout(loop, n > 0 ? 0 : this.pollMs);
      this.timer.unref?.();
    };
    this.timer = setTimeout(loop, 0);
    this.timer.unref?.();
    return this;
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    this.transport?.close();
  }
}
