/**
 * Finds the PostgreSQL server for the `server` engine of the integration suites.
 * TEST_DATABASE_URL set: it must be reachable, or the run fails with a clear message.
 * Unset: postgres://postgres@127.0.0.1:5432/test is tried; if nothing answers there, the server
 * engine is left out and a notice says so (CI always sets TEST_DATABASE_URL).
 */
import pg from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(): Promise<void> {
  const explicit = process.env.TEST_DATABASE_URL;
  const url = explicit || DEFAULT_URL;
  const problem = await reachable(url);
  if (problem) {
    if (explicit) {
      throw new Error(`TEST_DATABASE_URL=${explicit} is not reachable (${problem}); start PostgreSQL or unset it`);
    }
    process.stderr.write(`notice: no PostgreSQL at ${DEFAULT_URL} (${problem}); server-engine suites are skipped\n`);
    process.env.MF_TEST_SERVER_URL = '';
    return;
  }
  process.env.MF_TEST_SERVER_URL = url;
}
