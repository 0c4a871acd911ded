import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { embeddedWasmTier } from '../src/db/lean-wasm.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      KLIPY_DATA_DIR: './data',
      KLIPY_SIGNUP: 'open',
      KLIPY_DEFAULT_PLAN: 'standard',
      KLIPY_API_ACCESS_DEFAULT: true,
      LOG_LEVEL: 'info',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '' }).PORT).toBe(3000);
  });

  it('parses valid values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KLIPY_SIGNUP: 'closed',
      KLIPY_DEFAULT_PLAN: 'free',
      KLIPY_API_ACCESS_DEFAULT: 'false',
      KLIPY_RATE_LIMIT_PER_KEY: '5000',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      KLIPY_SIGNUP: 'closed',
      KLIPY_DEFAULT_PLAN: 'free',
      KLIPY_API_ACCESS_DEFAULT: false,
      KLIPY_RATE_LIMIT_PER_KEY: 5000,
    });
  });

  it.each([
    ['PORT', 'abc', 'PORT="abc": must be a number'],
    ['PORT', '70000', 'TCP port'],
    ['DATABASE_URL', 'mysql://x', 'must start with postgres://'],
    ['REDIS_URL', 'localhost:6379', 'redis://'],
    ['KLIPY_SIGNUP', 'maybe', 'must be "open" or "closed"'],
    ['KLIPY_DEFAULT_PLAN', 'gold', 'free, standard, pro, enterprise'],
    ['KLIPY_API_ACCESS_DEFAULT', 'perhaps', 'true or false'],
    ['LOG_LEVEL', 'loud', 'one of fatal'],
  ])('rejects %s=%s with a message that says how to fix it', (name, value, hint) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      expect((err as Error).message).toContain(name);
      expect((err as Error).message).toContain(hint);
      expect((err as Error).message).toContain('Fix these environment variables');
    }
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', KLIPY_SIGNUP: 'y' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT[\s\S]*KLIPY_SIGNUP/);
    }
  });

  it('compiles the embedded database with the optimizing WebAssembly tier only unless asked for a fast start', () => {
    expect(embeddedWasmTier(loadConfig({}))).toBe('optimizing-only');
    expect(embeddedWasmTier(loadConfig({ DATABASE_URL: 'memory://' }))).toBe('optimizing-only');
    expect(embeddedWasmTier(loadConfig({ KLIPY_EMBEDDED_FAST_START: 'true' }))).toBe('v8-default');
    // A PostgreSQL server: no WebAssembly to compile, V8 left alone.
    expect(embeddedWasmTier(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }))).toBe('v8-default');
    expect(() => loadConfig({ KLIPY_EMBEDDED_FAST_START: 'maybe' })).toThrow(/KLIPY_EMBEDDED_FAST_START/);
  });
});

describe('config errors', () => {
  it('never repeat a password from a connection URL', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://klipy:s3cret-pw@db/klipy', REDIS_URL: 'http://:t0ken@cache:6379' });
      expect.unreachable();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).not.toContain('s3cret-pw');
      expect(message).not.toContain('t0ken');
      expect(message).toContain('mysql://klipy:***@db/klipy');
    }
  });
});
