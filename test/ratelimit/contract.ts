import { expect, it } from 'vitest';
import type { Limiter, Policy } from '../../src/ratelimit/types.js';
import { sleep } from './services.js';

/**
 * The behaviour every backend must share. `make(prefix)` returns a fresh limiter whose
 * counters do not collide with other tests.
 */
export function limiterContract(make: (tag: string) => Promise<Limiter>): void {
  const key = (id: string, limit: number, windowMs = 60_000): Policy => ({
    name: 'key',
    id,
    limit,
    windowMs,
  });
  const org = (id: string, limit: number, windowMs = 60_000): Policy => ({
    name: 'org',
    id,
    limit,
    windowMs,
  });

  it('admits exactly `limit`, rejects the next with a retry time inside the window', async () => {
    const l = await make('exact');
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await l.check([key('a', 5)]));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.states[0]!.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    const last = results[5]!;
    expect(last.rejectedBy).toBe('key');
    expect(last.retryAfterMs).toBeGreaterThan(59_000);
    expect(last.retryAfterMs).toBeLessThanOrEqual(60_000);
    await l.close();
  });

  it('a request rejected by one policy counts in neither', async () => {
    const l = await make('two');
    expect((await l.check([key('k1', 1), org('o', 10)])).allowed).toBe(true);
    const r = await l.check([key('k1', 1), org('o', 10)]);
    expect(r.allowed).toBe(false);
    expect(r.rejectedBy).toBe('key');
    expect(r.states.map((s) => s.remaining)).toEqual([0, 9]);
    // The org counter still has 9: the rejected request was not counted there.
    const other = await l.check([key('k2', 5), org('o', 10)]);
    expect(other.allowed).toBe(true);
    expect(other.states[1]!.remaining).toBe(8);
    await l.close();
  });

  it('peek (cost 0) counts nothing; cost > 1 counts that many', async () => {
    const l = await make('cost');
    expect((await l.check([key('p', 3)], 0)).states[0]!.remaining).toBe(3);
    expect((await l.check([key('p', 3)], 2)).states[0]!.remaining).toBe(1);
    expect((await l.check([key('p', 3)], 2)).allowed).toBe(false);
    expect((await l.check([key('p', 3)], 0)).allowed).toBe(true);
    expect((await l.check([key('p', 3)])).allowed).toBe(true);
    expect((await l.check([key('p', 3)], 0)).allowed).toBe(false);
    await l.close();
  });

  it('frees slots once the window has passed', async () => {
    const l = await make('slide');
    expect((await l.check([key('w', 2, 300)])).allowed).toBe(true);
    expect((await l.check([key('w', 2, 300)])).allowed).toBe(true);
    const rejected = await l.check([key('w', 2, 300)]);
    expect(rejected.allowed).toBe(false);
    // Sliding, not fixed: half a window later there is still no room.
    await sleep(150);
    const still = await l.check([key('w', 2, 300)]);
    expect(still.allowed).toBe(false);
    await sleep(still.retryAfterMs + 20);
    expect((await l.check([key('w', 2, 300)])).allowed).toBe(true);
    await l.close();
  });

  it("a policy's limit changed between checks applies at once (a key's own limit edited)", async () => {
    const l = await make('relimit');
    for (let i = 0; i < 3; i++) expect((await l.check([key('r', 5)])).allowed).toBe(true);
    // Lowered to 3: the three hits already counted fill it.
    const lowered = await l.check([key('r', 3)]);
    expect(lowered.allowed).toBe(false);
    expect(lowered.states[0]).toMatchObject({ limit: 3, remaining: 0 });
    // Raised to 4: exactly one more.
    const raised = await l.check([key('r', 4)]);
    expect(raised.allowed).toBe(true);
    expect(raised.states[0]).toMatchObject({ limit: 4, remaining: 0 });
    expect((await l.check([key('r', 4)])).allowed).toBe(false);
    await l.close();
  });
}

/** Fires `total` concurrent checks spread over `limiters` and returns how many were admitted. */
export async function burst(limiters: Limiter[], policies: Policy[], total: number): Promise<number> {
  const calls = Array.from({ length: total }, (_, i) => limiters[i % limiters.length]!.check(policies));
  const results = await Promise.all(calls);
  return results.filter((r) => r.allowed).length;
}
