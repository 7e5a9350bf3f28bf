/** The narrow database handle the VEE stores take: a pool, or a client inside a transaction. */
import type pg from 'pg';

export type Queryable = Pick<pg.ClientBase, 'query'>;

/** Runs `work` in one transaction on a client of `pool` (one client: fine for the embedded engine). */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** A timestamptz from the database as ISO 8601 (pg gives Date objects). */
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
