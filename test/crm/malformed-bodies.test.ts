import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { fetchOpenApiDocument } from '../openapi/document.js';
import { type ApiClient, createCrmTestApp, newClient } from './helpers.js';
import { crmOperationsOf, type DocOperation, fillPath, seedRecords, validBody } from './operations.js';

// 1,000 generated bodies that are malformed by construction, sent across every
// operation that takes a body: each must be a 4xx with the error envelope, never a 5xx,
// and the database must be exactly as before.
let t: TestApp;
let api: ApiClient;
let ops: DocOperation[];
let ids: Record<string, string>;
beforeAll(async () => {
  t = await createCrmTestApp();
  api = await newClient(t);
  ids = await seedRecords(api);
  ops = crmOperationsOf(await fetchOpenApiDocument(t.app)).filter(
    (o) => o.method !== 'GET' && o.method !== 'DELETE',
  );
});
afterAll(() => t.close());

// Scoped to this file's organization: on PostgreSQL other test files write concurrently.
const snapshot = async () => {
  const org = api.orgId;
  const res = (await t.deps.database.db.execute(sql`
    select (select count(*) from people where org_id = ${org})::int as people,
      (select count(*) from companies where org_id = ${org})::int as companies,
      (select count(*) from interactions where org_id = ${org})::int as interactions,
      (select count(*) from audit_events where org_id = ${org})::int as audit,
      (select count(*) from idempotency_keys where org_id = ${org})::int as idem,
      (select coalesce(max(updated_at)::text, '') from people where org_id = ${org}) as people_updated,
      (select coalesce(max(updated_at)::text, '') from companies where org_id = ${org}) as companies_updated`)) as unknown as {
    rows: unknown[];
  };
  return res.rows[0];
};

/**
 * A value of the wrong type (or size) for every field used here. A batch's `items` may
 * hold bad objects (those fail per item, by design), so arrays of objects are left out.
 */
const wrongValue = (batch: boolean) =>
  fc.constantFrom<unknown>(
    true,
    false,
    { nested: { deep: [1] } },
    [[1]],
    'x'.repeat(20_000),
    ...(batch ? [] : [[{ a: 1 }]]),
  );

type Malformed = { text: string; contentType: string };

const malformed = (op: DocOperation): fc.Arbitrary<Malformed> => {
  const json = (v: unknown) => ({ text: JSON.stringify(v), contentType: 'application/json' });
  const base = validBody(op.method, op.template) as Record<string, unknown>;
  const fields = Object.keys(base).length ? Object.keys(base) : ['filter', 'limit', 'cursor'];
  return fc.oneof(
    // Not JSON at all, or JSON cut short.
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      })
      .map((text) => ({ text, contentType: 'application/json' })),
    fc.constant({ text: JSON.stringify(base).slice(0, -1), contentType: 'application/json' }),
    // JSON that is not an object.
    fc
      .oneof(
        fc.integer(),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
      )
      .map(json),
    // A valid body plus an unknown field (bodies are strict).
    fc
      .tuple(
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter(
            (k) =>
              ![
                '__proto__',
                ...fields,
                'email',
                'firstName',
                'lastName',
                'phone',
                'title',
                'linkedinUrl',
                'companyId',
                'leadStatus',
                'leadSource',
                'tags',
                'remarks',
                'customFields',
                'name',
                'domain',
                'website',
                'industry',
                'employeeCount',
                'estimatedRevenue',
                'city',
                'state',
                'country',
                'description',
                'type',
                'direction',
                'summary',
                'mainContact',
                'mainContactEmail',
                'primaryId',
                'secondaryId',
                'interactionDate',
                'filter',
                'cursor',
                'limit',
                'items',
              ].includes(k),
          ),
        fc.jsonValue(),
      )
      .map(([k, v]) => json({ ...base, [k]: v })),
    // A known field with a value of the wrong type.
    fc
      .tuple(fc.constantFrom(...fields), wrongValue(op.template.endsWith('/batch')))
      .map(([k, v]) => json({ ...base, [k]: v })),
    // The right body with a content type that is not JSON.
    fc.constant({ text: JSON.stringify(base), contentType: 'text/plain' }),
  );
};

describe('malformed bodies', () => {
  it('1,000 generated malformed bodies across all operations: 4xx with the envelope, no 5xx, nothing changed', async () => {
    const before = await snapshot();
    const seen = new Map<number, number>();
    const property = fc.asyncProperty(
      fc
        .integer({ min: 0, max: ops.length - 1 })
        .chain((i) => fc.tuple(fc.constant(ops[i] as DocOperation), malformed(ops[i] as DocOperation))),
      fc.boolean(),
      async ([op, body], withIdempotencyKey) => {
        const res = await t.app.request(`/api/v1${fillPath(op.template, ids)}`, {
          method: op.method,
          headers: {
            'x-klipy-api-key': api.key,
            'x-test-client-ip': api.ip,
            'content-type': body.contentType,
            ...(withIdempotencyKey ? { 'idempotency-key': `fuzz-${Math.random()}` } : {}),
          },
          body: body.text,
        });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const text = await res.text();
        expect(
          res.status,
          `${op.method} ${op.template} ${body.text.slice(0, 200)} → ${text.slice(0, 300)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const parsed = JSON.parse(text);
        expect(parsed.object).toBe('error');
        expect(typeof parsed.error.code).toBe('string');
        expect(parsed.meta.request_id).toBeTruthy();
      },
    );
    await fc.assert(property, { numRuns: 1000 });
    const after = await snapshot();
    // Idempotency claims of refused requests are kept (a 4xx is a final answer), so only
    // that count may grow; every CRM table and the audit log are untouched.
    expect({ ...(after as object), idem: 0 }).toEqual({ ...(before as object), idem: 0 });
    expect([...seen.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
  }, 240_000);
});
