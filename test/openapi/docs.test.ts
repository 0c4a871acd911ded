import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('/docs', () => {
  it('serves the reference page, loading Scalar from this server (never a CDN)', async () => {
    const res = await t.app.request('/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script src="/docs/scalar.js"></script>');
    expect(html).toContain('id="klipy-generate-token"');
    expect(html).not.toMatch(/cdn\.|jsdelivr|unpkg/);
  });

  it('serves the Scalar browser bundle and the playground script', async () => {
    const scalar = await t.app.request('/docs/scalar.js');
    expect(scalar.status).toBe(200);
    expect(scalar.headers.get('content-type')).toMatch(/javascript/);
    expect((await scalar.text()).length).toBeGreaterThan(1_000_000);
    const script = await (await t.app.request('/docs/playground.js')).text();
    expect(script).toContain("url: '/api/v1/openapi.json'");
    expect(script).toContain("'/console/api/playground-keys'");
    expect(script).toContain("'Content-Type': 'application/json'");
    expect(script).toContain("credentials: 'same-origin'");
    expect(script).toContain('KlipyApiKey: { value: key }');
    expect(() => new Function(script)).not.toThrow();
  });

  it('lets a signed-in user mint the playground key the button uses', async () => {
    const client = new ConsoleClient(t.app);
    await client.signup();
    const res = await client.post('/playground-keys', {});
    expect(res.status).toBe(201);
    expect(res.body.data.key).toMatch(/^klipy_api_/);
    const auth = await t.app.request('/api/v1/authenticate', {
      headers: { 'x-klipy-api-key': res.body.data.key },
    });
    expect(auth.status).toBe(200);
  });
});
