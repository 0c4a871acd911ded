import { describe, expect, it } from 'vitest';
import { MemoryLimiter } from '../../src/ratelimit/memory.js';
import { burst, limiterContract } from './contract.js';

describe('MemoryLimiter', () => {
  limiterContract(async () => new MemoryLimiter({ sweepIntervalMs: 0 }));

  it('admits exactly L of 100 concurrent checks', async () => {
    const l = new MemoryLimiter({ sweepIntervalMs: 0 });
    expect(await burst([l], [{ name: 'key', id: 'k', limit: 37, windowMs: 60_000 }], 100)).toBe(37);
  });

  it('sweep drops counters whose hits all left the window', async () => {
    let now = 0;
    const l = new MemoryLimiter({ now: () => now, sweepIntervalMs: 0 });
    await l.check([{ name: 'ip', id: 'a', limit: 5, windowMs: 100 }]);
    await l.check([{ name: 'ip', id: 'b', limit: 5, windowMs: 1000 }]);
    now = 100;
    l.sweep();
    expect(l.size).toBe(1);
    await l.close();
  });
});
