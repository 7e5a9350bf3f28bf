import { describe, expect, it } from 'vitest';
import { serverTestUrl } from '../storage/testing.js';
import { runRateBench } from './rate.js';

const server = serverTestUrl();

describe.skipIf(!server)('rate bench', () => {
  it('rates generated accounts from the database beside a raw copy and ends with the summary line', async () => {
    const admin = new URL(server!);
    admin.pathname = '/postgres';
    const result = await runRateBench({
      accounts: 3000,
      workers: 2,
      batchSize: 500,
      url: admin.toString(),
      log: () => undefined,
    });
    expect(result.report).toMatchObject({ bills: 3000, failures: 0, accounts: 3000 });
    expect(result.report.lines).toBeGreaterThan(3 * 3000);
    expect(result.lines[0]).toMatch(/^generated 3,000 accounts and 99,000 readings/);
    expect(result.peakRssMb).toBeGreaterThan(0);
    expect(result.summary).toMatch(/^rate: [\d,]+ accounts\/s; baseline [\d,]+ rows\/s; ratio \d+(\.\d+)?$/);
  });
});
