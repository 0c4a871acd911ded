import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('log format', () => {
  it('pretty: readable lines, still scrubbed of anything key-shaped', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink, 'pretty');
    logger.warn({ route: '/x' }, 'pasted klipy_api_abcdefghijklmnopqrstuvwxyz0123456789 by mistake');
    const text = lines.join('');
    expect(text).toMatch(/WARN.*pasted klipy_api_\[REDACTED\] by mistake/);
    expect(text).toContain('"route":"/x"');
    expect(text).not.toContain('{"level"');
    expect(text).not.toContain('abcdefghijklmnop');
  });

  describe.each([
    ['json', true],
    ['pretty', false],
  ] as const)('LOG_FORMAT=%s', (format, accessLines) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { LOG_FORMAT: format } });
    });
    afterAll(() => t.close());

    it(`${accessLines ? 'writes' : 'does not write'} a line per request at info`, async () => {
      t.deps.logs.lines.length = 0;
      expect((await t.app.request('/healthz')).status).toBe(200);
      expect((await t.app.request('/api/v1/authenticate')).status).toBe(401);
      const requestLines = t.deps.logs.lines.filter((l) => l.includes('request'));
      expect(requestLines).toHaveLength(accessLines ? 2 : 0);
      t.deps.logger.warn('something an operator should see');
      expect(t.deps.logs.lines.join('')).toContain('something an operator should see');
    });
  });
});
