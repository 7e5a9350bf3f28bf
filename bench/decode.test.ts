import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../decoders/index.js';
import { benchPayloads } from './decode-payloads.js';
import { runDecodeBench } from './decode.js';
import { median, summaryLine } from './summary.js';

describe('decode bench', () => {
  it('measures every registered decoder it has a payload for and ends with the summary line', async () => {
    const result = await runDecodeBench({ rounds: 1, roundMs: 5 });
    const registry = defaultRegistry();
    const expected = benchPayloads.filter((p) => registry.byId(p.decoder) !== undefined).map((p) => p.label);
    expect(result.rates.map((r) => r.label)).toEqual(expected);
    for (const r of result.rates) {
      expect(r.perSecond).toBeGreaterThan(0);
      expect(r.baselinePerSecond).toBeGreaterThan(0);
    }
    expect(result.summary).toMatch(/^decode: [\d,]+ payloads\/s; baseline [\d,]+ payloads\/s; ratio \d+(\.\d+)?$/);
  });

  it('has a bench payload for every registered decoder', () => {
    const covered = new Set(benchPayloads.map((p) => p.decoder));
    for (const d of defaultRegistry().definitions) expect(covered.has(d.id), d.id).toBe(true);
  });

  it('every bench payload decodes', () => {
    const registry = defaultRegistry();
    for (const p of benchPayloads) {
      const r = registry.decode(Uint8Array.from(Buffer.from(p.hex, 'hex')), { receivedAt: '2026-01-01T00:00:00.000Z', ...p.context }, { decoder: p.decoder });
      expect(r.ok, `${p.label}: ${r.ok ? '' : r.error.message}`).toBe(true);
    }
  });
});

describe('bench summary helpers', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('formats the summary line of DESIGN.md', () => {
    expect(summaryLine('decode', 1_234_567.4, 2_000_000, 'payloads/s')).toBe('decode: 1,234,567 payloads/s; baseline 2,000,000 payloads/s; ratio 0.62');
  });
});
