import type { Db } from './client.js';

/**
 * A statement built once per database handle instead of on every call.
 *
 * Usage:
 *   const byId = preparedPerDb((db) =>
 *     db.select().from(people).where(eq(people.id, sql.placeholder('id'))).prepare('person_by_id'));
 *   const rows = await byId(deps.database.db).execute({ id });
 *
 * Why: drizzle rebuilds a query's SQL text from its builder on every execution (about 12 %
 * of a `GET /people/{id}` in the profile); a prepared query keeps the text and, on a
 * PostgreSQL server, becomes a named server-side statement parsed once per connection.
 * Statement names must be unique per SQL text, so name each one after its file.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
