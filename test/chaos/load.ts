/**
 * Load for fault scenarios: clients send requests back to back and record what each got,
 * so a test can count 5xx, hung requests and lost writes. No vitest import: bench/ uses it.
 */
export interface Outcome {
  status: number | 'error';
  ms: number;
  startedAt: number;
  /** Id of a created record (writes answered 201). */
  id?: string;
  error?: string;
}

/** A request taking longer than this counts as hung (issue 10). */
export const HUNG_MS = 5_000;

export interface LoadSummary {
  total: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  /** 5xx other than 503 (a 503 is the designed answer when the database is gone). */
  unexpected5xx: number;
  hung: number;
  maxMs: number;
  acknowledged: string[];
}

export function summarize(outcomes: Outcome[]): LoadSummary {
  const byStatus: Record<string, number> = {};
  for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  const is5xx = (o: Outcome) => typeof o.status === 'number' && o.status >= 500;
  return {
    total: outcomes.length,
    byStatus,
    serverErrors: outcomes.filter(is5xx).length,
    unexpected5xx: outcomes.filter((o) => is5xx(o) && o.status !== 503).length,
    hung: outcomes.filter((o) => o.ms > HUNG_MS).length,
    maxMs: Math.round(Math.max(0, ...outcomes.map((o) => o.ms))),
    acknowledged: outcomes.flatMap((o) => (o.id ? [o.id] : [])),
  };
}

export interface Load {
  outcomes: Outcome[];
  stop(): Promise<Outcome[]>;
}

/** `clients` loops each calling `send()` until stopped. Requests are capped at 20 s. */
export function runLoad(clients: number, send: (signal: AbortSignal) => Promise<Response>): Load {
  const outcomes: Outcome[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const startedAt = performance.now();
      try {
        const res = await send(AbortSignal.timeout(20_000));
        const text = await res.text();
        const outcome: Outcome = { status: res.status, ms: performance.now() - startedAt, startedAt };
        if (res.status === 201) outcome.id = JSON.parse(text).data?.id;
        outcomes.push(outcome);
      } catch (err) {
        const error =
          err instanceof Error ? `${err.message} ${String((err as any).cause ?? '')}` : String(err);
        outcomes.push({ status: 'error', ms: performance.now() - startedAt, startedAt, error });
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const all = Promise.all(Array.from({ length: clients }, client));
  return {
    outcomes,
    async stop() {
      running = false;
      await all;
      return outcomes;
    },
  };
}

/** Milliseconds from `from` until the first 2xx that started after it (recovery time). */
export function recoveredAfter(outcomes: Outcome[], from: number): number | null {
  const ok = outcomes.filter((o) => o.startedAt >= from && typeof o.status === 'number' && o.status < 300);
  if (ok.length === 0) return null;
  return Math.round(Math.min(...ok.map((o) => o.startedAt + o.ms)) - from);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
