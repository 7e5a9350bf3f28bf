import { describe, expect, it } from 'vitest';
import { serverTestUrl } from '../storage/testing.js';
import { runIngestBench } from './ingest.js';

describe.skipIf(!serverTestUrl())('ingest bench', () => {
  it('measures both brokers, stores every message once, and ends with the summary line', async () => {
    const admin = new URL(serverTestUrl()!);
    admin.pathname = '/postgres';
    const report = await runIngestBench({
      quick: true,
      messages: 3000,
      rounds: 1,
      databaseUrl: admin.toString(),
      progress: () => undefined,
    });
    expect(report.summary).toMatch(/^ingest: [\d,]+ readings\/s; baseline [\d,]+ msgs\/s; ratio \d+\.\d+$/);
    expect(report.lines.join('\n')).toContain(
      'stored: 6,000 raw uplinks (6,000 distinct), 6,000 readings; expected 6,000 each',
    );
    expect(report.lines.join('\n')).not.toContain('WARNING');
    expect(report.lines.some((l) => l.includes('aedes (embedded)'))).toBe(true);
  });
});
