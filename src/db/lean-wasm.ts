import { setFlagsFromString } from 'node:v8';
import type { Config } from '../config.js';

/**
 * The embedded server's memory diet: compile PGlite's WebAssembly (PostgreSQL, about
 * 9 MB of code) with V8's optimizing tier only. By default V8 first compiles every
 * function with its baseline tier (Liftoff) and keeps that code, which holds about
 * 40 MiB for the life of the process; without it the module is compiled once, optimized,
 * and runs as fast or faster (bench/rss.ts, bench/auth-overhead.ts), at the price of
 * about 1 s more to start on 2 cores. `KLIPY_EMBEDDED_FAST_START=true` keeps V8's default.
 *
 * V8 reads the flag when a module is compiled, so it must be set before the database
 * opens; it only concerns WebAssembly, which nothing but PGlite uses here.
 */
export function applyEmbeddedWasmTier(config: Config): WasmTier {
  const tier = embeddedWasmTier(config);
  if (tier === 'optimizing-only') setFlagsFromString('--no-liftoff');
  return tier;
}

export type WasmTier = 'optimizing-only' | 'v8-default';

/** The tier `applyEmbeddedWasmTier` picks (pure): a PostgreSQL server needs no WebAssembly. */
export const embeddedWasmTier = (
  config: Pick<Config, 'DATABASE_URL' | 'KLIPY_EMBEDDED_FAST_START'>,
): WasmTier =>
  config.DATABASE_URL?.startsWith('postgres') || config.KLIPY_EMBEDDED_FAST_START
    ? 'v8-default'
    : 'optimizing-only';
