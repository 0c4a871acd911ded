import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDeps } from '../../src/create-deps.js';
import { isForeignKeyViolation } from '../../src/db/errors.js';
import { insertRowsSql, upsertRowsByIdSql } from '../../src/db/json-insert.js';
import { companies, people } from '../../src/db/schema/index.js';
import { writeTogether } from '../../src/db/write-together.js';
import { newId } from '../../src/infra/ids.js';
import { createTestOrg } from '../helpers/api-keys.js';
import { createTestDeps } from '../helpers/deps.js';

/**
 * `writeTogether` runs a batch's writes as one statement: each part's row count comes
 * back in order, a person may reference a company inserted by another part of the same
 * statement (foreign keys are checked at its end), and one failing part writes nothing.
 */
let deps: RunningDeps;
let orgId: string;
beforeAll(async () => {
  deps = await createTestDeps();
  orgId = (await createTestOrg(deps)).id;
});
afterAll(() => deps.close());

const now = new Date('2026-03-04T05:06:07.000Z');
const company = (domain: string) => ({
  id: newId('company'),
  orgId,
  name: domain,
  domain,
  createdAt: now,
  updatedAt: now,
});
const person = (companyId: string | null) => ({
  id: newId('person'),
  orgId,
  firstName: 'Wren',
  email: `${newId('person').toLowerCase()}@example.com`,
  companyId,
  createdAt: now,
  updatedAt: now,
});

describe('writeTogether', () => {
  it('writes every part in one statement and returns each part’s row count', async () => {
    const db = deps.database.db;
    const co = company(`${newId('company').toLowerCase()}.example`);
    const folks = [person(co.id), person(co.id), person(null)];
    const counts = await db.transaction((tx) =>
      writeTogether(tx, [
        insertRowsSql(tx, companies, [co]),
        null,
        upsertRowsByIdSql(tx, people, folks),
        insertRowsSql(tx, people, []),
      ]),
    );
    expect(counts).toEqual([1, 0, 3, 0]);
    const stored = await db
      .select()
      .from(people)
      .where(
        inArray(
          people.id,
          folks.map((p) => p.id),
        ),
      );
    expect(stored.filter((p) => p.companyId === co.id)).toHaveLength(2);
  });

  it('counts a conflicting insert that does nothing as 0 rows', async () => {
    const db = deps.database.db;
    const domain = `${newId('company').toLowerCase()}.example`;
    await db.insert(companies).values(company(domain));
    const [added] = await db.transaction(async (tx) => {
      const insert = insertRowsSql(tx, companies, [company(domain)]);
      return writeTogether(tx, [insert && sql`${insert} on conflict ("org_id", "domain") do nothing`]);
    });
    expect(added).toBe(0);
  });

  it('writes nothing when one part breaks a constraint', async () => {
    const db = deps.database.db;
    const co = company(`${newId('company').toLowerCase()}.example`);
    const orphan = person(newId('company'));
    const attempt = db.transaction((tx) =>
      writeTogether(tx, [insertRowsSql(tx, companies, [co]), insertRowsSql(tx, people, [orphan])]),
    );
    const err = await attempt.catch((e: unknown) => e);
    expect(isForeignKeyViolation(err)).toBe(true);
    expect(await db.select().from(companies).where(eq(companies.id, co.id))).toEqual([]);
  });

  it('does nothing for no parts', async () => {
    expect(await writeTogether(deps.database.db, [null, undefined])).toEqual([0, 0]);
  });
});
