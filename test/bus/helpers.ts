import { expect } from 'vitest';
import type { Invalidation, InvalidationBus } from '../../src/infra/bus/types.js';

/** Resolves with the first message `bus` receives, or rejects after `timeoutMs`. */
export function nextMessage(bus: InvalidationBus, timeoutMs = 2000): Promise<Invalidation> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no message within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = bus.subscribe((m) => {
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
}

/** Publishes on `from`, waits for it on `to`, returns the latency in ms. */
export async function roundTrip(
  from: InvalidationBus,
  to: InvalidationBus,
  msg: Invalidation,
): Promise<number> {
  const received = nextMessage(to);
  const started = performance.now();
  await from.publish(msg);
  expect(await received).toEqual(msg);
  return performance.now() - started;
}

/** Median of several round trips, printed so runs show the number. */
export async function measure(label: string, from: InvalidationBus, to: InvalidationBus): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) samples.push(await roundTrip(from, to, { kind: 'key', publicId: `pk_${i}` }));
  samples.sort((a, b) => a - b);
  const median = samples[10]!;
  console.info(
    `[measure] ${label}: median ${median.toFixed(2)} ms, max ${samples[19]!.toFixed(2)} ms over 20`,
  );
  return median;
}
