import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { date, integer, interval, numeric, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';

/**
 * The embedded database's clients (src/db/pglite-client.ts): drizzle's queries go
 * without a per-query parser table and still read timestamps as Dates, in and out of a
 * transaction; the raw runner still returns Dates like `pg` does. Always on PGlite,
 * whichever backend the suite runs on.
 */
const probe = pgTable('parse_probe', {
  at: timestamp('at', { withTimezone: true, mode: 'date' }),
  day: date('day', { mode: 'date' }),
  spans: interval('spans'),
  amounts: numeric('amounts').array(),
  n: integer('n'),
});

let database: Extract<Database, { kind: 'pglite' }>;
beforeAll(async () => {
  const snapshot = inject('pgliteSnapshot');
  const opened = await openDatabase({
    url: 'memory://',
    dataDir: '',
    ...(snapshot ? { loadDataDir: new Blob([readFileSync(snapshot)]) } : {}),
  });
  if (opened.kind !== 'pglite') throw new Error('expected PGlite');
  database = opened;
  await database.sql.query(
    'create table if not exists parse_probe (at timestamptz, day date, spans interval, amounts numeric[], n int, j jsonb)',
  );
  await database.sql.query(
    "insert into parse_probe values ('2026-05-06T07:08:09.123Z', '2026-05-06', '1 day', '{1.5,2}', 7, '{\"a\":[1]}')",
  );
});
afterAll(() => database?.close());

describe('PGlite clients', () => {
  it('drizzle reads timestamps as Dates, without sending a parser table per query', async () => {
    const spy = vi.spyOn(database.pglite, 'query');
    try {
      const { rows } = (await database.db.execute(sql`select at, n, j from parse_probe`)) as unknown as {
        rows: { at: unknown; n: unknown; j: unknown }[];
      };
      // A raw drizzle execute keeps timestamps as the text drizzle's own parsers produce.
      expect(rows[0]).toEqual({ at: expect.any(String), n: 7, j: { a: [1] } });
      expect(spy).toHaveBeenCalled();
      for (const call of spy.mock.calls)
        expect((call[2] as { parsers?: unknown } | undefined)?.parsers).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('typed selects map timestamps and dates to Dates, in a transaction too', async () => {
    const read = (db: typeof database.db) => db.select().from(probe);
    const check = (rows: Awaited<ReturnType<typeof read>>) => {
      expect(rows[0]?.at).toBeInstanceOf(Date);
      expect(rows[0]?.at?.toISOString()).toBe('2026-05-06T07:08:09.123Z');
      expect(rows[0]?.day).toBeInstanceOf(Date);
      expect(rows[0]?.spans).toBe('1 day');
      expect(rows[0]?.amounts).toEqual(['1.5', '2']);
    };
    check(await read(database.db));
    check(await database.db.transaction((tx) => read(tx as unknown as typeof database.db)));
    check(
      await database.db.transaction((tx) =>
        tx.transaction((inner) => read(inner as unknown as typeof database.db)),
      ),
    );
  });

  it('the raw runner returns Dates and parsed values, like pg', async () => {
    const { rows } = await database.sql.query<{ at: unknown; day: unknown; amounts: unknown; n: unknown }>(
      'select at, day, amounts, n from parse_probe',
    );
    const row = rows[0];
    expect(row?.at).toBeInstanceOf(Date);
    expect(row?.at instanceof Date && row.at.toISOString()).toBe('2026-05-06T07:08:09.123Z');
    expect(row?.day).toBeInstanceOf(Date);
    expect(row?.n).toBe(7);
  });
});
