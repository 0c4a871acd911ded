import { type Column, type SQL, sql } from 'drizzle-orm';

/**
 * `column = any($1::text[])`: membership in a list as one array parameter, for the batch
 * reads (up to 100 emails, domains or ids at once).
 *
 * Why not drizzle's `inArray`: it makes one bound parameter per value and checks every
 * one of them while building the SQL (with three lists of 100 that was most of building
 * a batch's reads), and each list length is a different statement text for PostgreSQL
 * to parse and plan. Here the text is the same for any list, the values travel as one
 * array, and an empty list simply matches nothing.
 */
export const anyOf = (column: Column, values: readonly string[]): SQL =>
  sql`${column} = any(${sql.param([...values])}::text[])`;
