import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('KLIPY_PUBLIC_URL', () => {
  // The console's CSRF check and invitation links parse it on every request: a value that
  // is not a URL must stop the server at start, not make every console write a 500.
  it.each(['https://', 'http://exa mple.com', 'https://[::1'])('refuses %j at start', (value) => {
    expect(() => loadConfig({ DATABASE_URL: 'memory://', KLIPY_PUBLIC_URL: value })).toThrow(ConfigError);
  });

  it('accepts an absolute URL', () => {
    expect(
      loadConfig({ DATABASE_URL: 'memory://', KLIPY_PUBLIC_URL: 'https://crm.example.com' }).KLIPY_PUBLIC_URL,
    ).toBe('https://crm.example.com');
  });
});
