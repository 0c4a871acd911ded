import { describe, expect, it } from 'vitest';
import { decide } from '../../src/ratelimit/decide.js';
import type { Policy } from '../../src/ratelimit/types.js';

const key: Policy = { name: 'key', id: 'k', limit: 3, windowMs: 1000 };
const org: Policy = { name: 'org', id: 'o', limit: 5, windowMs: 1000 };

/** Runs checks at the given times against one evolving set of logs. */
function run(policies: Policy[], times: number[], cost = 1) {
  let logs: number[][] = policies.map(() => []);
  return times.map((now) => {
    const out = decide(now, policies, logs, cost);
    logs = out.logs;
    return { ...out.decision, logs };
  });
}

describe('decide()', () => {
  it('admits exactly L, rejects L+1 with the time the oldest hit leaves', () => {
    const r = run([key], [0, 10, 20, 30]);
    expect(r.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(r[2]!.states[0]).toMatchObject({ remaining: 0, resetAt: 1000 });
    expect(r[3]).toMatchObject({ rejectedBy: 'key', retryAfterMs: 970 });
    expect(r[3]!.logs[0]).toEqual([0, 10, 20]);
  });

  it('frees a slot exactly at t + windowMs, not a millisecond earlier', () => {
    const r = run([key], [0, 0, 0, 999, 1000, 1000]);
    expect(r.map((d) => d.allowed)).toEqual([true, true, true, false, true, true]);
    expect(r[3]!.retryAfterMs).toBe(1);
  });

  it('never admits 2×L across what a fixed window would call a boundary', () => {
    // Burst at the end of one "minute" and at the start of the next: still L per window.
    const times = [...Array(3).fill(990), ...Array(3).fill(1001)];
    expect(run([key], times).filter((d) => d.allowed)).toHaveLength(3);
  });

  it('rejection by one policy counts in neither', () => {
    const logs = [
      [0, 1, 2],
      [0, 1, 2],
    ];
    const out = decide(100, [key, org], logs);
    expect(out.decision.allowed).toBe(false);
    expect(out.decision.rejectedBy).toBe('key');
    expect(out.logs).toEqual(logs);
    expect(out.decision.states.map((s) => s.remaining)).toEqual([0, 2]);
  });

  it('admitted requests count in every policy', () => {
    const out = decide(100, [key, org], [[], [5]]);
    expect(out.logs).toEqual([[100], [5, 100]]);
    expect(out.decision.states.map((s) => s.remaining)).toEqual([2, 3]);
    expect(out.decision.states.map((s) => s.resetAt)).toEqual([1100, 1005]);
  });

  it('names the policy that frees last and waits for it', () => {
    const tight: Policy = { name: 'org', id: 'o', limit: 1, windowMs: 5000 };
    const out = decide(100, [key, tight], [[0, 1, 2], [50]]);
    expect(out.decision).toMatchObject({ allowed: false, rejectedBy: 'org', retryAfterMs: 4950 });
  });

  it('cost > 1 needs room for all of it; a peek (0) needs room for one and counts none', () => {
    expect(decide(0, [key], [[0, 0]], 2).decision.allowed).toBe(false);
    const two = decide(0, [key], [[0]], 2);
    expect(two.logs[0]).toEqual([0, 0, 0]);
    expect(decide(0, [key], [[0, 0]], 0).logs[0]).toEqual([0, 0]);
    expect(decide(0, [key], [[0, 0, 0]], 0).decision.allowed).toBe(false);
  });

  it('waits for enough hits to leave when cost > 1', () => {
    const out = decide(500, [key], [[100, 200, 300]], 2);
    expect(out.decision.retryAfterMs).toBe(200 + 1000 - 500);
  });

  it('a cost above the limit never fits: retry after a full window', () => {
    const out = decide(0, [key], [[]], 4);
    expect(out.decision).toMatchObject({ allowed: false, rejectedBy: 'key', retryAfterMs: 1000 });
  });

  it('reports resetAt = now and full remaining for an empty counter on a peek', () => {
    expect(decide(42, [key], [[]], 0).decision.states[0]).toMatchObject({ remaining: 3, resetAt: 42 });
  });

  it('rejects a bad cost', () => {
    expect(() => decide(0, [key], [[]], -1)).toThrow(RangeError);
    expect(() => decide(0, [key], [[]], 1.5)).toThrow(RangeError);
  });
});
