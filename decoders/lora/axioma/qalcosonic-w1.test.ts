import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeQalcosonicW1, encodeEnhanced24h, type Enhanced24h } from './qalcosonic-w1.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 100, meterId: 'w1' };

const payload: fc.Arbitrary<Enhanced24h> = fc.record({
  unixTime: fc.integer({ min: 0, max: 0xffffffff }),
  status: fc.integer({ min: 0, max: 255 }),
  logLitres: fc.integer({ min: 0, max: 0xffffffff }),
  deltasLitres: fc.array(fc.integer({ min: 0, max: (1 << 14) - 1 }), { minLength: 23, maxLength: 23 }),
});

describe('axioma qalcosonic w1', () => {
  it.each<[number, string[]]>([
    [0x04, ['low_battery']],
    [0x10, ['dry_pipe']],
    [0x60, ['backflow']],
    [0xa0, ['burst']],
    [0x20, ['leak']],
    [0x80, ['under_temperature']],
  ])('maps status %i to alarms %j', (status, kinds) => {
    const r = decodeQalcosonicW1(
      encodeEnhanced24h({ unixTime: 1, status, logLitres: 0, deltasLitres: Array(23).fill(0) }),
      ctx,
    );
    expect(r.ok && r.alarms.map((a) => a.kind)).toEqual(kinds);
  });
});

describe('properties', () => {
  it('decode(encode(payload)) gives log volume plus deltas at the payload time', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const r = decodeQalcosonicW1(encodeEnhanced24h(p), ctx);
        if (!r.ok) return false;
        const total = p.logLitres + p.deltasLitres.reduce((a, b) => a + b, 0);
        return (
          r.readings[0]?.registerMl === total * 1000 &&
          r.readings[0].time === new Date(p.unixTime * 1000).toISOString() &&
          r.readings[0].statusBits === p.status
        );
      }),
      { numRuns: 3_000 },
    );
  });
});
