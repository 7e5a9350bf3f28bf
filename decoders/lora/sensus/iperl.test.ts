import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import { decodeIperl, encodeIperl, type IperlPayload } from './iperl.js';
import { sensusIperlVectors } from './iperl.vectors.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 20, meterTimeZone: 'UTC' };

describe('sensus iPERL encoder', () => {
  const example: IperlPayload = {
    accessNumber: 6,
    status: 0x04,
    time: '2024-06-19T13:42:00.000Z',
    meterTimeZone: 'UTC',
    registerMl: 25_041_978_000,
    hourlyHistoryMl: [
      25041926, 25041880, 25041828, 25041782, 25041725, 25041679, 25041627, 25041581, 25041529, 25041478, 25041426,
    ].map((l) => l * 1000),
  };

  it('generates the SND-ALARM vector byte for byte', () => {
    expect(toHex(encodeIperl(example))).toBe(sensusIperlVectors.vectors[0]?.hex);
  });

  it('parses its own output: storage 8 register and time, 60-minute profile, low battery from the TPL status', () => {
    const r = decodeIperl(encodeIperl(example), ctx);
    expect(r.ok && r.readings[0]).toMatchObject({
      time: example.time,
      timeFromMeter: true,
      registerMl: example.registerMl,
    });
    expect(r.ok && r.history.map((h) => h.registerMl)).toEqual(example.hourlyHistoryMl);
    expect(r.ok && r.history[0]?.time).toBe('2024-06-19T12:42:00.000Z');
    expect(r.ok && r.alarms.map((a) => a.kind)).toEqual(['low_battery']);
  });

  it('codes a register that rises going back as negative differences, and refuses one beyond 2 bytes', () => {
    const rising = { ...example, registerMl: 1_000, hourlyHistoryMl: [2_000] };
    const r = decodeIperl(encodeIperl(rising), ctx);
    expect(r.ok && r.history.map((h) => h.registerMl)).toEqual([2_000]);
    expect(() => encodeIperl({ ...example, registerMl: 1, hourlyHistoryMl: [40_000] })).toThrow(RangeError);
  });
});

const payload: fc.Arbitrary<IperlPayload> = fc
  .record({
    accessNumber: fc.integer({ min: 0, max: 255 }),
    status: fc.integer({ min: 0, max: 255 }),
    minutes: fc.integer({ min: 0, max: 99 * 525_600 }),
    registerMl: fc.integer({ min: 2 ** 22, max: 2 ** 40 }),
    steps: fc.array(fc.integer({ min: -32_767, max: 32_767 }), { maxLength: 60 }),
  })
  .map(({ minutes, steps, registerMl, ...rest }) => {
    const history: number[] = [];
    let v = registerMl;
    for (const s of steps) history.push((v -= s));
    return {
      ...rest,
      registerMl,
      time: new Date(Date.UTC(2000, 0, 1) + minutes * 60_000).toISOString(),
      hourlyHistoryMl: history,
    };
  });

describe('properties', () => {
  it('decode(encode(payload)) gives the register, its time, the hourly history and the status alarms back', () => {
    fc.assert(
      fc.property(payload, fc.constantFrom('UTC', 'Asia/Shanghai'), (p, zone) => {
        const r = decodeIperl(encodeIperl({ ...p, meterTimeZone: zone }), { ...ctx, meterTimeZone: zone });
        if (!r.ok) return false;
        expect(r.readings).toEqual([
          { meterId: 'unknown', time: p.time, timeFromMeter: true, registerMl: p.registerMl },
        ]);
        const t0 = Date.parse(p.time);
        expect(r.history).toEqual(
          p.hourlyHistoryMl.map((registerMl, i) => ({
            meterId: 'unknown',
            time: new Date(t0 - (i + 1) * 3_600_000).toISOString(),
            registerMl,
            kind: 'interval',
          })),
        );
        expect(r.meta).toMatchObject({ accessNumber: p.accessNumber, tplStatus: p.status });
        expect(r.alarms).toHaveLength([0x04, 0x08, 0x10].filter((b) => p.status & b).length);
        return true;
      }),
      { numRuns: 1_000 },
    );
  });
});
