import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDeps } from '../../src/create-deps.js';
import type { DbOrTx } from '../../src/db/client.js';
import { insertRowsSql, jsonRowsInsert, upsertRowsByIdSql } from '../../src/db/json-insert.js';
import { events, people } from '../../src/db/schema/index.js';
import { writeTogether } from '../../src/db/write-together.js';
import { newId } from '../../src/infra/ids.js';
import { createTestOrg } from '../helpers/api-keys.js';
import { createTestDeps } from '../helpers/deps.js';

/**
 * The JSON-recordset insert must store exactly what drizzle's `values(rows)` stores:
 * text with quotes and unicode, arrays, jsonb, timestamps to the millisecond, database
 * defaults for columns no row sets; and decline the shapes it cannot express.
 */
let deps: RunningDeps;
let orgId: string;
beforeAll(async () => {
  deps = await createTestDeps();
  orgId = (await createTestOrg(deps)).id;
});
afterAll(() => deps.close());

const awkward = `O'Brien "the \\ back\nslash" ; drop table people; -- 🙂 ü`;

const personRow = (over: Partial<typeof people.$inferInsert> = {}) => ({
  id: newId('person'),
  orgId,
  firstName: awkward,
  lastName: null,
  email: `${newId('person').toLowerCase()}@example.com`,
  tags: ['a', 'b,c', '"q"', ''],
  customFields: { nested: { list: [1, 'two', null], quote: "it's" }, n: 1.5 },
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
  updatedAt: new Date('2026-01-02T03:04:05.679Z'),
  ...over,
});

const readPeople = (ids: string[]) =>
  deps.database.db.select().from(people).where(inArray(people.id, ids)).orderBy(people.id);

type Table = Parameters<typeof insertRowsSql>[1];
const insertRows = <T extends Table>(db: DbOrTx, table: T, rows: T['$inferInsert'][]) =>
  writeTogether(db, [insertRowsSql(db, table, rows)]);
const upsertRowsById = <T extends Table>(db: DbOrTx, table: T, rows: T['$inferInsert'][]) =>
  writeTogether(db, [upsertRowsByIdSql(db, table, rows)]);

describe('jsonRowsInsert / insertRowsSql', () => {
  it('stores the same people as drizzle values(), cell for cell', async () => {
    const a = personRow();
    const b = personRow();
    await insertRows(deps.database.db, people, [a]);
    await deps.database.db.insert(people).values(b);
    const [got, want] = [(await readPeople([a.id]))[0], (await readPeople([b.id]))[0]];
    const strip = (r: typeof got) => ({ ...r, id: undefined, email: undefined });
    expect(got).toBeDefined();
    expect(strip(got)).toEqual(strip(want));
    expect(got?.firstName).toBe(awkward);
    expect(got?.tags).toEqual(['a', 'b,c', '"q"', '']);
    expect(got?.createdAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
  });

  it('leaves columns no row sets to their database defaults', async () => {
    const ids = [newId('event'), newId('event')];
    const before = Date.now();
    await insertRows(
      deps.database.db,
      events,
      ids.map((id, i) => ({ id, orgId, type: 'person.created', data: { i, text: awkward } })),
    );
    const rows = await deps.database.db
      .select()
      .from(events)
      .where(inArray(events.id, ids))
      .orderBy(events.id);
    expect(rows.map((r) => r.data)).toEqual([
      { i: 0, text: awkward },
      { i: 1, text: awkward },
    ]);
    for (const r of rows) {
      expect(r.dispatchedAt).toBeNull();
      expect(r.createdAt.getTime()).toBeGreaterThan(before - 60_000);
    }
  });

  it('declines a column with a default set in some rows only, and SQL values; insertRows still inserts them', async () => {
    const partial = [
      { id: newId('event'), orgId, type: 'x', data: {}, createdAt: new Date('2026-01-01T00:00:00Z') },
      { id: newId('event'), orgId, type: 'x', data: {} },
    ];
    expect(jsonRowsInsert(events, partial)).toBeNull();
    expect(
      jsonRowsInsert(events, [{ id: newId('event'), orgId, type: 'x', data: {}, createdAt: sql`now()` }]),
    ).toBeNull();
    await insertRows(deps.database.db, events, partial);
    const rows = await deps.database.db
      .select()
      .from(events)
      .where(
        inArray(
          events.id,
          partial.map((r) => r.id),
        ),
      )
      .orderBy(events.id);
    expect(rows[0]?.createdAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(rows[1]?.createdAt.getTime()).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('computes a column from each row in SQL, over the row value given for it', async () => {
    const early = new Date('2020-01-01T00:00:00Z');
    const rows = ['keep', 'mark'].map((type) => ({
      id: newId('event'),
      orgId,
      type,
      data: {},
      dispatchedAt: early,
    }));
    const statement = jsonRowsInsert(events, rows, {
      dispatchedAt: sql`case when r.type = 'mark' then timestamptz '2026-02-03T04:05:06Z' else null end`,
    });
    if (!statement) throw new Error('declined');
    expect(await writeTogether(deps.database.db, [statement])).toEqual([2]);
    const got = await deps.database.db
      .select()
      .from(events)
      .where(
        inArray(
          events.id,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(events.id);
    expect(got.map((r) => [r.type, r.dispatchedAt?.toISOString() ?? null])).toEqual([
      ['keep', null],
      ['mark', '2026-02-03T04:05:06.000Z'],
    ]);
  });
});

describe('upsertRowsById', () => {
  it('inserts new rows and overwrites existing ones, keeping their createdAt', async () => {
    const first = personRow();
    await upsertRowsById(deps.database.db, people, [first]);
    const changed = {
      ...first,
      firstName: 'Changed',
      tags: [],
      customFields: {},
      createdAt: new Date('2030-01-01T00:00:00Z'),
      updatedAt: new Date('2026-02-02T00:00:00.001Z'),
    };
    const fresh = personRow({ firstName: 'New' });
    await upsertRowsById(deps.database.db, people, [changed, fresh]);
    const [a] = await deps.database.db.select().from(people).where(eq(people.id, first.id));
    expect(a?.firstName).toBe('Changed');
    expect(a?.tags).toEqual([]);
    expect(a?.customFields).toEqual({});
    expect(a?.createdAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(a?.updatedAt.toISOString()).toBe('2026-02-02T00:00:00.001Z');
    const [b] = await deps.database.db.select().from(people).where(eq(people.id, fresh.id));
    expect(b?.firstName).toBe('New');
  });
});
