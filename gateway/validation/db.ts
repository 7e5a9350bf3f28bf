/** The narrow database handle the VEE stores take: a pool, or a client inside a transaction. */
import type pg from 'pg';

export type Queryable = Pick<pg.ClientBase, 'query'>;

export { withTransaction } from '../../storage/transaction.js';

/** A timestamptz from the database as ISO 8601 (pg gives Date objects). */
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
