import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';
import { generateKey } from '../../src/modules/api-keys/token.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', sink), text: () => lines.join('\n') };
}

describe('logger', () => {
  it('scrubs key-shaped strings inside logged objects and errors, not only in messages', () => {
    const { key } = generateKey();
    const { logger, text } = capture();
    logger.error({ err: new Error(`Failed query: insert … params: ${key}`) }, 'unhandled error');
    logger.warn({ detail: { value: key }, list: [key] }, 'odd input');
    logger.info(`message with ${key}`);
    const out = text();
    expect(out).toContain('unhandled error');
    expect(out).not.toContain(key);
    expect(out).not.toContain(key.slice(22));
  });
});
