import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Klipy } from '../../sdk/src/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createResponseValidator } from '../helpers/openapi-validator.js';
import { fetchOpenApiDocument } from './document.js';

let t: TestApp;
let doc: any;
beforeAll(async () => {
  t = await createTestApp();
  doc = await fetchOpenApiDocument(t.app);
});
afterAll(() => t.close());

const operations = () =>
  Object.entries<any>(doc.paths).flatMap(([path, ops]) =>
    Object.entries<any>(ops).map(([method, op]) => ({ path, method, op })),
  );

const examplesOf = (media: any): unknown[] => Object.values<any>(media?.examples ?? {}).map((e) => e.value);

describe('examples in the OpenAPI document', () => {
  it('has a request example for every body and an example for every response of every operation', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      if (op.requestBody && !examplesOf(op.requestBody.content['application/json']).length)
        missing.push(`${method} ${path} request`);
      for (const [status, response] of Object.entries<any>(op.responses))
        if (!examplesOf(response.content?.['application/json']).length)
          missing.push(`${method} ${path} ${status}`);
    }
    expect(missing).toEqual([]);
  });

  it('every request example is valid against its schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...doc, $id: 'doc' }, undefined, undefined, false);
    const invalid: string[] = [];
    for (const { path, method, op } of operations()) {
      if (!op.requestBody) continue;
      const pointer = `doc#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}/requestBody/content/application~1json/schema`;
      const validate = ajv.getSchema(pointer)!;
      for (const value of examplesOf(op.requestBody.content['application/json']))
        if (!validate(value)) invalid.push(`${method} ${path}: ${JSON.stringify(validate.errors)}`);
    }
    expect(invalid).toEqual([]);
  });

  it('every response example passes the same check as the server’s real responses', () => {
    const validator = createResponseValidator(doc);
    const problems: string[] = [];
    for (const { path, method, op } of operations()) {
      const concrete = `/api/v1${path.replace(/\{[^}]+\}/g, 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK')}`;
      for (const [status, response] of Object.entries<any>(op.responses)) {
        const headers = new Headers({ 'x-request-id': 'req_1' });
        if (status === '429' || status === '503') headers.set('retry-after', '1');
        for (const value of examplesOf(response.content?.['application/json'])) {
          const found = validator.check({
            method: method.toUpperCase(),
            path: concrete,
            status: Number(status),
            headers,
            body: JSON.stringify(value),
          });
          for (const p of found ?? []) problems.push(`${method} ${path} ${status}: ${p}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows an @klipy/sdk sample for every operation, calling methods the SDK has', () => {
    const klipy = new Klipy({ apiKey: 'klipy_api_example' }) as any;
    for (const { path, method, op } of operations()) {
      const sample = op['x-codeSamples']?.find((s: any) => s.label === '@klipy/sdk');
      expect(sample?.lang, `${method} ${path}`).toBe('TypeScript');
      const calls = [...sample.source.matchAll(/klipy\.([a-zA-Z]+)(?:\.([a-zA-Z]+))?\(/g)];
      expect(calls.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [, a, b] of calls) expect(typeof (b ? klipy[a][b] : klipy[a]), `${a}.${b}`).toBe('function');
    }
  });
});
