import { describe, expect, it } from 'vitest';
import { LocalBus } from '../../src/infra/bus/local.js';
import { parseInvalidation } from '../../src/infra/bus/types.js';
import { createLogger } from '../../src/infra/logger.js';

describe('LocalBus', () => {
  it('delivers synchronously to every subscriber until unsubscribed', async () => {
    const bus = new LocalBus(createLogger('silent'));
    const seen: string[] = [];
    const off = bus.subscribe((m) => seen.push(`a:${m.kind}`));
    bus.subscribe(() => {
      throw new Error('a broken handler does not stop the others');
    });
    bus.subscribe((m) => seen.push(`c:${m.kind}`));
    const p = bus.publish({ kind: 'org', orgId: 'o1' });
    expect(seen).toEqual(['a:org', 'c:org']); // before the promise resolves
    await p;
    off();
    await bus.publish({ kind: 'key', publicId: 'k' });
    expect(seen).toEqual(['a:org', 'c:org', 'c:key']);
  });

  it('accepts only well-formed messages from the wire', () => {
    expect(parseInvalidation({ kind: 'key', publicId: 'x', extra: 1 })).toEqual({
      kind: 'key',
      publicId: 'x',
    });
    expect(parseInvalidation({ kind: 'key', orgId: 'x' })).toBeNull();
    expect(parseInvalidation('nope')).toBeNull();
  });
});
