import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDeps } from '../../src/create-deps.js';
import { anyOf } from '../../src/db/any-of.js';
import { people } from '../../src/db/schema/index.js';
import { newId } from '../../src/infra/ids.js';
import { createTestOrg } from '../helpers/api-keys.js';
import { backendName } from '../helpers/backend.js';
import { createTestDeps } from '../helpers/deps.js';

/** anyOf: the batch reads' "one of these 100 values" as one array parameter. */
let deps: RunningDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.close());

const emailsOf = (orgId: string, values: string[]) =>
  deps.database.db
    .select({ email: people.email })
    .from(people)
    .where(and(eq(people.orgId, orgId), anyOf(people.email, values)));

describe(`anyOf (${backendName})`, () => {
  it('matches awkward values exactly, in one organization; an empty list matches nothing', async () => {
    const orgId = (await createTestOrg(deps)).id;
    const awkward = [`o'brien"\\@x.com`, 'a,b@x.com', '{x}@x.com', 'NULL', '', 'ü🙂@x.com'];
    await deps.database.db
      .insert(people)
      .values(awkward.map((email) => ({ id: newId('person'), orgId, email })));
    expect((await emailsOf(orgId, [...awkward, 'nobody@x.com'])).map((r) => r.email).sort()).toEqual(
      [...awkward].sort(),
    );
    expect((await emailsOf(orgId, ['NULL'])).map((r) => r.email)).toEqual(['NULL']);
    expect(await emailsOf(orgId, [])).toEqual([]);
  });
});
