import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/modules/api-keys/token.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('error bodies', () => {
  it.each(['/console/api/', '/console/api/keys/', '/api/', '/docs/'])(
    'never echo a key pasted into an unknown path under %s',
    async (base) => {
      const { key } = generateKey();
      const res = await t.app.request(`${base}${key}`);
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).toContain('not_found');
      expect(text).not.toContain(key.slice(22));
    },
  );
});
