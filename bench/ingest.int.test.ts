import { describe, expect, it } from 'vitest';
import { serverTestUrl } from '../storage/testing.js';
import { runIngestBench } from './ingest.js';

describe.skipIf(!serverTestUrl())('ingest bench', () => {
  it('measures both brokers with the rules off and on, stores every message once unflagged, and ends with the summary line', async () => {
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
      'stored: 18,000 raw uplinks (18,000 distinct), 18,000 readings (0 flagged); expected 18,000 each, none flagged',
    );
    for (const broker of ['Mosquitto (external)', 'aedes (embedded)'])
      expect(report.lines.join('\n')).toMatch(
        new RegExp(
          `validation, ${broker.replace(/[()]/g, '\\$&')}: rules off [\\d,]+ readings/s, all rules on [\\d,]+ readings/s; on/off \\d+\\.\\d+`,
        ),
      );
    expect(report.lines.join('\n')).not.toContain('WARNING');
    expect(report.lines.some((l) => l.includes('aedes (embedded)'))).toBe(true);
  });
});
