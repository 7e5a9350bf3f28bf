import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { buildHttpServer } from '../../gateway/http/server.js';
import { TOKENS, testHttpOptions } from '../../gateway/http/testing.js';
import { RecordingIngestPort } from '../../gateway/transports/coap/testing.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { parseCsv } from '../accounts/csv.js';
import type { StoredBill } from '../bills/bill.js';
import { CSV_HEADER, exportBills } from '../bills/export.js';
import { readBillPage } from '../bills/read.js';
import { ratePeriod } from '../jobs/run-period.js';
import { seedPopulation, seedTariff } from '../testing/db-seed.js';
import { billRoutes } from './bills-routes.js';

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe.each(testEngines())('pulling bills (%s)', (engine) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let stored: StoredBill[];
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await seedTariff(db.pool, 'shenzhen-2022-residential');
    await seedPopulation(db.pool, 25, '2026-10-01', 31);
    const rated = await ratePeriod(db, { periodId: '2026-10', workers: 1 });
    expect(rated.ok).toBe(true);
    stored = await readBillPage(db.pool, '2026-10', null, 100);
    ({ app } = await buildHttpServer(testHttpOptions(), {
      ingest: new RecordingIngestPort(),
      logger: silentLogger,
      routes: [billRoutes(db)],
    }));
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('exports NDJSON: one bill per line, every bill of the period, in account order', async () => {
    const out = new Collect();
    expect(await exportBills(db.pool, '2026-10', 'ndjson', out, { pageSize: 7 })).toBe(25);
    const bills = out.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as StoredBill);
    expect(bills).toEqual(stored);
  });

  it('exports CSV: a header, then one row per bill line that a CSV reader reads back', async () => {
    const out = new Collect();
    await exportBills(db.pool, '2026-10', 'csv', out, { pageSize: 10 });
    const parsed = parseCsv(out.text);
    if (!parsed.ok) throw new Error(parsed.message);
    const [header, ...rows] = parsed.records;
    expect(header?.fields).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(stored.reduce((n, bill) => n + bill.lines.length, 0));
    const first = stored[0]!;
    const firstLine = first.lines[0]!;
    const row = Object.fromEntries(CSV_HEADER.map((column, i) => [column, rows[0]!.fields[i]]));
    expect(row).toMatchObject({
      account_id: first.accountId,
      bill_total: first.total,
      line_no: '1',
      amount: firstLine.amount,
      explanation: firstLine.explanation,
      readings_used: firstLine.readingsUsed.join(';'),
    });
  });

  it('serves a period as NDJSON pages linked by X-Next-Cursor, to a billing token', async () => {
    const seen: StoredBill[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await app.inject({
        method: 'GET',
        url: `/v1/periods/2026-10/bills?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
        headers: { authorization: `Bearer ${TOKENS.billing}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/x-ndjson');
      seen.push(
        ...response.body
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as StoredBill),
      );
      cursor = response.headers['x-next-cursor'] as string | undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(stored);
  });

  it('serves one bill with its explanation, 404 for an unknown account, 403 without the billing role', async () => {
    const auth = { authorization: `Bearer ${TOKENS.admin}` };
    const one = await app.inject({ method: 'GET', url: '/v1/periods/2026-10/bills/ACC-000003', headers: auth });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(stored.find((b) => b.accountId === 'ACC-000003'));
    const missing = await app.inject({ method: 'GET', url: '/v1/periods/2026-10/bills/NOPE', headers: auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'RATING_BILL_NOT_FOUND' });
    const reader = await app.inject({
      method: 'GET',
      url: '/v1/periods/2026-10/bills',
      headers: { authorization: `Bearer ${TOKENS.reader}` },
    });
    expect(reader.statusCode).toBe(403);
    const badCursor = await app.inject({ method: 'GET', url: '/v1/periods/2026-10/bills?cursor=%%%', headers: auth });
    expect(badCursor.statusCode).toBe(400);
  });
});
