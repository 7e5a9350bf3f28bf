/** One transaction on one client of a pool (one client: fine for the embedded engine). */
import type pg from 'pg';

/** Runs `work` between BEGIN and COMMIT; any error rolls back and is thrown again. */
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
