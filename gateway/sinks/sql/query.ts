/**
 * A connection the writer's statements run on, with a client-side timeout per statement. On a
 * server every statement is a named prepared statement (named after a hash of its text), so
 * PostgreSQL parses each once per connection rather than once per batch; it still plans each per
 * batch, for that batch's arrays (the writer's transactions ask for custom plans: timescale.ts,
 * BEGIN_CUSTOM_PLANS). Not on the
 * embedded engine: its one session outlives the socket, so a reconnected client would prepare a
 * name the session already has.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { isoTime } from '../../pipeline/iso-time.js';

export interface Tx {
  client: pg.PoolClient;
  /** Client-side timeout per statement, ms (a stalled connection fails instead of hanging). */
  timeoutMs: number;
  /** Use named prepared statements. */
  prepared: boolean;
}

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `mf_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

export async function run<R extends pg.QueryResultRow = pg.QueryResultRow>(
  tx: Tx,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  const config = { text, values, query_timeout: tx.timeoutMs, ...(tx.prepared ? { name: nameOf(text) } : {}) };
  return tx.client.query<R>(config as pg.QueryConfig);
}

export function iso(v: Date | string): string {
  return isoTime(v instanceof Date ? v.getTime() : Date.parse(v));
}
