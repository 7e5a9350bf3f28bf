/**
 * Register values at period boundaries from the database, set-based.
 *
 * `nearReadings`: one range query per boundary instant over all of a batch's meters, for the
 * readings within NEAR_WINDOW_HOURS (enough for meters that report daily); the worker resolves
 * the registers from them (boundary-resolve.ts). `BoundaryRegisterSource.lookup` is the port
 * for the rest (nearest trusted readings up to NEIGHBOUR_WINDOW_DAYS away, one lateral probe per
 * meter): its database implementation is below. No reading after the instant (or none before):
 * no value, and the account fails with RATING_NO_READING.
 *
 * validation's per-meter `estimateRegisterAt` can also use a learnt daily profile; it costs
 * several queries per meter, so the batch job uses these set-based linear lookups instead.
 */
import type pg from 'pg';
import { SUSPECT_FLAGS } from '../../gateway/validation/flags.js';
import type { BoundaryRegister } from '../account.js';
import { registerFrom, type BoundaryRequest, type Neighbours } from './boundary-resolve.js';

export type { BoundaryRequest } from './boundary-resolve.js';

export interface BoundaryRegisterSource {
  /** Values for the requests that have one (others are left out). */
  lookup(requests: readonly BoundaryRequest[]): Promise<BoundaryRegister[]>;
}

export const NEIGHBOUR_WINDOW_DAYS = 62;
export const NEAR_WINDOW_HOURS = 36;

type Queryable = Pick<pg.Pool, 'query'>;

// the accounts' meters, then a nested loop of index range scans on readings (meter_id, time):
// far cheaper than meter_id = ANY($1) on a large array. One JSON text, parsed by the worker.
const NEAR_ROWS = `
SELECT json_agg(json_build_array(r.meter_id, (extract(epoch FROM r.time) * 1000)::int8, r.register_ml, r.quality,
                                 (r.flags & ${SUSPECT_FLAGS}::bigint) <> 0))::text`;

const NEAR_SQL = `${NEAR_ROWS}
  FROM (SELECT DISTINCT i.meter_id FROM unnest($1::text[]) AS a(account_id)
          JOIN meter_installations i ON i.account_id = a.account_id) m
  JOIN readings r ON r.meter_id = m.meter_id AND r.time > $2::timestamptz AND r.time < $3::timestamptz`;

// the same for every account with an id in [$1, $4]: one index range scan instead of a probe per account
const NEAR_RANGE_SQL = `${NEAR_ROWS}
  FROM (SELECT DISTINCT i.meter_id FROM meter_installations i WHERE i.account_id BETWEEN $1 AND $4) m
  JOIN readings r ON r.meter_id = m.meter_id AND r.time > $2::timestamptz AND r.time < $3::timestamptz`;

/**
 * The readings of the accounts' meters within NEAR_WINDOW_HOURS of `instant`, as JSON texts
 * (one per slice of `perQuery` accounts) of `[meterId, timeMs, registerMl, quality, suspect]`.
 * `range`: the accounts are all those with ids in [first, last] (a whole page), so they are
 * selected by range.
 */
export async function nearReadingsJson(
  q: Queryable,
  instant: string,
  accountIds: readonly string[],
  perQuery = 5000,
  range?: { first: string; last: string },
): Promise<string[]> {
  const atMs = Date.parse(instant);
  const windowMs = NEAR_WINDOW_HOURS * 3_600_000;
  const from = new Date(atMs - windowMs).toISOString();
  const to = new Date(atMs + windowMs).toISOString();
  const texts: string[] = [];
  if (range) {
    const { rows } = await q.query<[string | null]>({
      text: NEAR_RANGE_SQL,
      values: [range.first, from, to, range.last],
      rowMode: 'array',
    });
    const text = rows[0]?.[0];
    return text ? [text] : [];
  }
  for (let start = 0; start < accountIds.length; start += perQuery) {
    const { rows } = await q.query<[string | null]>({
      text: NEAR_SQL,
      values: [accountIds.slice(start, start + perQuery), from, to],
      rowMode: 'array',
    });
    const text = rows[0]?.[0];
    if (text) texts.push(text);
  }
  return texts;
}

const TRUSTED = `r.quality <> 'estimated' AND (r.flags & ${SUSPECT_FLAGS}::bigint) = 0`;

const LOOKUP_SQL = `
SELECT b.ord, (extract(epoch FROM x.time) * 1000)::int8 AS exact_ms, x.register_ml AS exact_ml, x.quality AS exact_quality,
       (extract(epoch FROM p.time) * 1000)::int8 AS before_ms, p.register_ml AS before_ml,
       (extract(epoch FROM n.time) * 1000)::int8 AS after_ms, n.register_ml AS after_ml
  FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS b(meter_id, at, ord)
  LEFT JOIN LATERAL (
        SELECT r.time, r.register_ml, r.quality FROM readings r
         WHERE r.meter_id = b.meter_id AND r.time = b.at
           AND (r.quality = 'estimated' OR (r.flags & ${SUSPECT_FLAGS}::bigint) = 0)) x ON true
  LEFT JOIN LATERAL (
        SELECT r.time, r.register_ml FROM readings r
         WHERE x.time IS NULL AND r.meter_id = b.meter_id AND r.time < b.at
           AND r.time >= b.at - make_interval(days => ${NEIGHBOUR_WINDOW_DAYS}) AND ${TRUSTED}
         ORDER BY r.time DESC LIMIT 1) p ON true
  LEFT JOIN LATERAL (
        SELECT r.time, r.register_ml FROM readings r
         WHERE x.time IS NULL AND p.time IS NOT NULL AND r.meter_id = b.meter_id AND r.time > b.at
           AND r.time <= b.at + make_interval(days => ${NEIGHBOUR_WINDOW_DAYS}) AND ${TRUSTED}
         ORDER BY r.time ASC LIMIT 1) n ON true`;

interface Row {
  ord: string;
  exact_ms: number | null;
  exact_ml: number | null;
  exact_quality: BoundaryRegister['quality'] | null;
  before_ms: number | null;
  before_ml: number | null;
  after_ms: number | null;
  after_ml: number | null;
}

/** `maxRequests` per query keeps each statement small (the embedded engine's message limit). */
export function databaseBoundaryRegisters(
  q: Queryable,
  options: { maxRequests?: number } = {},
): BoundaryRegisterSource {
  const perQuery = options.maxRequests ?? 5000;
  return {
    async lookup(requests) {
      const found: BoundaryRegister[] = [];
      for (let start = 0; start < requests.length; start += perQuery) {
        const slice = requests.slice(start, start + perQuery);
        const { rows } = await q.query<Row>(LOOKUP_SQL, [slice.map((r) => r.meterId), slice.map((r) => r.instant)]);
        for (const row of rows) {
          const n: Neighbours = {};
          if (row.exact_ms !== null && row.exact_ml !== null && row.exact_quality !== null) {
            n.exact = { timeMs: row.exact_ms, registerMl: row.exact_ml, quality: row.exact_quality };
          }
          if (row.before_ms !== null && row.before_ml !== null)
            n.before = { timeMs: row.before_ms, registerMl: row.before_ml };
          if (row.after_ms !== null && row.after_ml !== null)
            n.after = { timeMs: row.after_ms, registerMl: row.after_ml };
          const register = registerFrom(slice[Number(row.ord) - 1]!, n);
          if (register) found.push(register);
        }
      }
      return found;
    },
  };
}
