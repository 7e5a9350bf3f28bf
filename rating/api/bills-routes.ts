/**
 * Bills on the HTTP API (a route plugin for the gateway's server, gateway/http/routes.ts); both
 * routes need a bearer token with role billing (or admin, which implies it).
 *
 *   GET /v1/periods/{period}/bills?cursor=&limit=
 *       NDJSON, one bill per line (the shape of `meterflow bills export --format ndjson`), in
 *       account order, at most `limit` bills (default 1000, at most 10000), streamed. When more
 *       bills follow, the response carries `X-Next-Cursor: <cursor>`: pass it as `cursor` for the
 *       next page (keyset, stable while bills are added). No header: this was the last page.
 *   GET /v1/periods/{period}/bills/{account}
 *       one bill with its explanation as JSON; 404 RATING_BILL_NOT_FOUND.
 *
 * Refusals have the server's body shape `{ code, reason }`.
 */
import { Readable } from 'node:stream';
import type pg from 'pg';
import type { HttpRoutePlugin } from '../../gateway/http/routes.js';
import { pageEnd, readBill, readBillPage } from '../bills/read.js';
import { parsePeriodId } from '../jobs/period-id.js';

export const DEFAULT_PAGE_LIMIT = 1000;
export const MAX_PAGE_LIMIT = 10_000;
const READ_CHUNK = 500;

export function encodeCursor(accountId: string): string {
  return Buffer.from(accountId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return encodeCursor(text) === cursor ? text : null;
}

interface PageQuery {
  cursor?: string;
  limit?: string;
}

function refusal(code: string, reason: string): { code: string; reason: string } {
  return { code, reason };
}

async function* billLines(
  q: Pick<pg.Pool, 'query'>,
  periodId: string,
  after: string | null,
  limit: number,
  through: string | null,
): AsyncGenerator<string> {
  let cursor = after;
  let left = limit;
  while (left > 0) {
    const page = await readBillPage(q, periodId, cursor, Math.min(READ_CHUNK, left), through);
    if (page.length === 0) return;
    yield page.map((bill) => `${JSON.stringify(bill)}\n`).join('');
    left -= page.length;
    cursor = page[page.length - 1]!.accountId;
  }
}

export function billRoutes(db: { pool: pg.Pool }): HttpRoutePlugin {
  return {
    name: 'bills',
    register(app, ctx) {
      const billing = { preHandler: ctx.requireRole('billing') };
      app.get<{ Params: { period: string }; Querystring: PageQuery }>(
        '/v1/periods/:period/bills',
        billing,
        async (request, reply) => {
          const { period } = request.params;
          if (!parsePeriodId(period))
            return reply.code(400).send(refusal('RATING_PERIOD_INVALID', `period ${period} is not YYYY-MM`));
          const limit = request.query.limit === undefined ? DEFAULT_PAGE_LIMIT : Number(request.query.limit);
          if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
            return reply
              .code(400)
              .send(refusal('RATING_INPUT_INVALID', `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`));
          }
          const after =
            request.query.cursor === undefined || request.query.cursor === ''
              ? null
              : decodeCursor(request.query.cursor);
          if (request.query.cursor && after === null) {
            return reply.code(400).send(refusal('RATING_INPUT_INVALID', 'cursor is not one this API returned'));
          }
          const end = await pageEnd(db.pool, period, after, limit);
          if (end.more && end.last !== null) reply.header('x-next-cursor', encodeCursor(end.last));
          reply.header('content-type', 'application/x-ndjson; charset=utf-8');
          return reply.send(Readable.from(billLines(db.pool, period, after, limit, end.more ? end.last : null)));
        },
      );
      app.get<{ Params: { period: string; account: string } }>(
        '/v1/periods/:period/bills/:account',
        billing,
        async (request, reply) => {
          const { period, account } = request.params;
          if (!parsePeriodId(period))
            return reply.code(400).send(refusal('RATING_PERIOD_INVALID', `period ${period} is not YYYY-MM`));
          const bill = await readBill(db.pool, period, account);
          if (!bill)
            return reply
              .code(404)
              .send(refusal('RATING_BILL_NOT_FOUND', `no bill for account ${account} in period ${period}`));
          return reply.send(bill);
        },
      );
    },
  };
}
