import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/http/error-table.js';
import { errorSchemaName } from '../../src/http/routes/v1/error-schemas.js';
import type { ErrorCode } from '../../src/modules/errors.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { fetchOpenApiDocument } from './document.js';

let t: TestApp;
let doc: any;
beforeAll(async () => {
  t = await createTestApp();
  doc = await fetchOpenApiDocument(t.app);
});
afterAll(() => t.close());

const CRM_OPERATIONS = [
  'GET /people/{personId}',
  'POST /people/query',
  'POST /people',
  'PUT /people',
  'PATCH /people/{personId}',
  'DELETE /people/{personId}',
  'POST /people/batch',
  'GET /companies/{companyId}',
  'POST /companies/query',
  'POST /companies',
  'PUT /companies',
  'PATCH /companies/{companyId}',
  'DELETE /companies/{companyId}',
  'POST /companies/batch',
  'GET /interactions/{interactionId}',
  'POST /interactions/query',
  'POST /interactions',
  'DELETE /interactions/{interactionId}',
];

const operation = (key: string) => {
  const [method, path] = key.split(' ') as [string, string];
  return doc.paths[path]?.[method.toLowerCase()];
};

/** Every property of every object schema in the document, with where it sits. */
function* properties(schema: any, where: string): Generator<[string, any]> {
  if (!schema || typeof schema !== 'object') return;
  if (schema.$ref) return;
  for (const [name, prop] of Object.entries<any>(schema.properties ?? {})) {
    yield [`${where}.${name}`, prop];
    yield* properties(prop, `${where}.${name}`);
  }
  if (schema.items) yield* properties(schema.items, `${where}[]`);
  for (const part of [...(schema.anyOf ?? []), ...(schema.allOf ?? []), ...(schema.oneOf ?? [])])
    yield* properties(part, where);
}

describe('GET /api/v1/openapi.json', () => {
  it('is OpenAPI 3.1 with both security schemes, served without a key', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.securitySchemes.KlipyApiKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'X-Klipy-Api-Key',
    });
    expect(doc.components.securitySchemes.BearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it.each(CRM_OPERATIONS)('%s is fully documented', (key) => {
    const op = operation(key);
    expect(op, key).toBeDefined();
    expect(op.summary).toBeTruthy();
    expect(op.description.length).toBeGreaterThan(20);
    expect(op.operationId).toBeTruthy();
    expect(op['x-required-scope']).toMatch(/^(people|companies|interactions):(read|write|remove)$/);
    expect(op.security).toEqual([{ KlipyApiKey: [] }, { BearerAuth: [] }]);
    const hasBody = !key.startsWith('GET') && !key.startsWith('DELETE');
    const expected: ErrorCode[] = [
      'bad_request',
      'unauthorized',
      'forbidden',
      'rate_limited',
      'internal_error',
      'service_unavailable',
    ];
    if (key.includes('{')) expected.push('not_found');
    if (hasBody) expected.push('validation_error', 'payload_too_large');
    if (key.startsWith('POST')) expected.push('conflict'); // Idempotency-Key reuse
    for (const code of expected) {
      const response = op.responses[String(ERROR_STATUS[code])];
      expect(response?.content['application/json'].schema.$ref, `${key} ${code}`).toBe(
        `#/components/schemas/${errorSchemaName(code)}`,
      );
      expect(response.headers['X-Request-Id'].$ref).toBe('#/components/headers/X-Request-Id');
    }
    if (!hasBody) expect(op.responses['422'], `${key} has no body to fail validation`).toBeUndefined();
    const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
    expect(success.length).toBeGreaterThan(0);
    for (const s of success) expect(op.responses[s].content['application/json'].schema).toBeDefined();
    if (!key.startsWith('GET') && !key.startsWith('DELETE'))
      expect(op.requestBody.content['application/json'].schema).toBeDefined();
  });

  it('describes every field of every CRM schema, with examples on the records', () => {
    const missing: string[] = [];
    for (const name of [
      'Person',
      'PersonInput',
      'PersonPatch',
      'PeopleQuery',
      'Company',
      'CompanyInput',
      'CompanyUpsertInput',
      'CompanyPatch',
      'CompaniesQuery',
      'Interaction',
      'InteractionInput',
      'InteractionsQuery',
      'PageInfo',
    ]) {
      for (const [where, prop] of properties(doc.components.schemas[name], name)) {
        if (!prop.description && !prop.$ref) missing.push(where);
      }
    }
    expect(missing).toEqual([]);
    expect(doc.components.schemas.Person.properties.email.example).toBeDefined();
  });

  it('passes `redocly lint` with no errors', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'klipy-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = spawnSync('npx', ['--no-install', 'redocly', 'lint', file, '--format', 'json'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    expect(report.totals.errors, JSON.stringify(report.problems?.slice(0, 3))).toBe(0);
  }, 120_000);
});
