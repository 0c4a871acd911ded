import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { postgresUrl, skipWithout } from '../helpers/backend.js';

const EXPECTED_TABLES = [
  'api_key_requests',
  'api_keys',
  'audit_events',
  'companies',
  'idempotency_keys',
  'interactions',
  'invitations',
  'memberships',
  'organizations',
  'people',
  'sessions',
  'usage_counters',
  'users',
];

const tablesOf = async (sql: { query: (q: string) => Promise<{ rows: unknown[] }> }) => {
  const { rows } = await sql.query(
    "select table_name as name from information_schema.tables where table_schema = 'public' order by 1",
  );
  return (rows as { name: string }[]).map((r) => r.name);
};

describe('migrations', () => {
  it('build the whole schema on a fresh embedded database and are idempotent', async () => {
    const database = await openDatabase({ url: 'memory://', dataDir: '' });
    try {
      await migrateDatabase(database);
      await migrateDatabase(database);
      const tables = await tablesOf(database.sql);
      for (const t of EXPECTED_TABLES) expect(tables).toContain(t);
    } finally {
      await database.close();
    }
  });

  describe.skipIf(skipWithout('postgres'))('on a PostgreSQL server', () => {
    it('build the schema in a fresh database even when several nodes migrate at once', async () => {
      const name = `klipy_migrate_${Date.now()}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(postgresUrl ?? '');
      url.pathname = `/${name}`;
      const nodes = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ url: url.toString(), dataDir: '' })),
      );
      try {
        await Promise.all(nodes.map((db) => migrateDatabase(db)));
        const tables = await tablesOf(nodes[0]!.sql);
        for (const t of EXPECTED_TABLES) expect(tables).toContain(t);
        const { rows } = await nodes[0]!.sql.query<{ n: number }>(
          'select count(*)::int as n from drizzle.__drizzle_migrations',
        );
        expect(rows[0]?.n).toBeGreaterThan(0);
      } finally {
        await Promise.all(nodes.map((db) => db.close()));
        await admin.query(`drop database ${name}`);
        await admin.end();
      }
    });
  });
});
