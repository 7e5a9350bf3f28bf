import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatorErrorCode } from '../errors.js';
import { fleetOptions, testFleet } from '../testing/fleets.js';
import { buildFleet, pathCounts } from './fleet.js';
import { PATH_KINDS } from './types.js';

describe('buildFleet', () => {
  it('gives each path its share of the meters', () => {
    const fleet = testFleet({ meters: 100 });
    const count = (p: string) => fleet.meters.filter((m) => m.path === p).length;
    expect([count('wmbus'), count('chirpstack'), count('tts'), count('coap'), count('mqtt')]).toEqual([
      30, 30, 10, 20, 10,
    ]);
  });

  it('draws meter faults at their rate among the meters that can show them, one per meter', () => {
    const fleet = testFleet({ meters: 400, faultRates: { leak: 0.05, tamper: 0.1, drift: 0.05 } });
    const wmbus = fleet.meters.filter((m) => m.path === 'wmbus').length;
    expect(fleet.meters.filter((m) => m.fault?.kind === 'tamper')).toHaveLength(Math.round(0.1 * wmbus));
    expect(fleet.meters.filter((m) => m.fault?.kind === 'leak')).toHaveLength(20);
    for (const m of fleet.meters.filter((x) => x.fault?.kind === 'tamper')) expect(m.model).toBe('apator-ultrimis');
    for (const m of fleet.meters.filter((x) => x.fault?.kind === 'drift')) expect(m.model).not.toBe('apator-ultrimis');
  });

  it('keeps every fault window inside the run, on whole hours', () => {
    const fleet = testFleet({
      meters: 300,
      days: 31,
      faultRates: { leak: 0.05, burst: 0.05, stuck: 0.05, reverse: 0.05, tamper: 0.05, offline: 0.05, drift: 0.05 },
    });
    for (const m of fleet.meters) {
      if (!m.fault) continue;
      expect(m.fault.startMs % 3_600_000).toBe(0);
      expect(m.fault.startMs).toBeGreaterThanOrEqual(fleet.options.startMs);
      expect(m.fault.endMs).toBeLessThanOrEqual(fleet.endMs);
      expect(m.fault.endMs).toBeGreaterThan(m.fault.startMs);
    }
  });

  it('sets a rollover meter close enough to its capacity to wrap during the run', () => {
    const fleet = testFleet({ meters: 50, days: 31, faultRates: { rollover: 0.1 } });
    const rolling = fleet.meters.filter((m) => m.fault?.kind === 'rollover');
    expect(rolling.length).toBe(Math.round(0.1 * fleet.meters.filter((m) => m.model !== 'dragino/sw3l').length));
    for (const m of rolling) {
      const left = 10 ** (m.registerDigits + 6) - m.initialRegisterMl;
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(m.dailyLitres * 1000 * 31 * 0.6);
    }
  });

  it('places a requested fault on the named meter', () => {
    const fleet = testFleet({
      injections: [
        {
          kind: 'offline',
          meter: 'M000004',
          atMs: fleetOptions().startMs + 5 * 3_600_000 + 1234,
          durationMs: 7_200_000,
        },
      ],
    });
    expect(fleet.meters[3]!.fault).toMatchObject({
      kind: 'offline',
      requested: true,
      startMs: fleetOptions().startMs + 5 * 3_600_000,
      endMs: fleetOptions().startMs + 7 * 3_600_000,
    });
  });

  it('refuses a requested fault the meter cannot show, an unknown meter, and a second fault', () => {
    const base = testFleet();
    const lora = base.meters.find((m) => m.path === 'chirpstack')!;
    const tamper = buildFleet(fleetOptions({ injections: [{ kind: 'tamper', meter: lora.meterId }] }));
    expect(tamper.ok || tamper.error.code).toBe(SimulatorErrorCode.FAULT_NOT_APPLICABLE);
    const unknown = buildFleet(fleetOptions({ injections: [{ kind: 'leak', meter: 'M999999' }] }));
    expect(unknown.ok || unknown.error.code).toBe(SimulatorErrorCode.BAD_OPTION);
    const twice = buildFleet(
      fleetOptions({
        injections: [
          { kind: 'leak', meter: '1' },
          { kind: 'burst', meter: '1' },
        ],
      }),
    );
    expect(twice.ok || twice.error.code).toBe(SimulatorErrorCode.FAULT_NOT_APPLICABLE);
  });

  it('refuses a run too short for the fault to show', () => {
    const short = buildFleet(fleetOptions({ days: 1, injections: [{ kind: 'leak', meter: '1' }] }));
    expect(short.ok || short.error.code).toBe(SimulatorErrorCode.FAULT_NOT_APPLICABLE);
  });

  it('refuses an interval that neither divides an hour nor is whole hours', () => {
    const odd = buildFleet(fleetOptions({ intervalS: 7 * 60 }));
    expect(odd.ok || odd.error.code).toBe(SimulatorErrorCode.BAD_OPTION);
  });
});

describe('properties', () => {
  it('path counts add up to the fleet and stay within one meter of each share', () => {
    const share = fc.double({ min: 0, max: 10, noNaN: true });
    fc.assert(
      fc.property(fc.tuple(share, share, share, share, share), fc.integer({ min: 1, max: 5000 }), (shares, n) => {
        fc.pre(shares.some((s) => s > 0));
        const mix = Object.fromEntries(PATH_KINDS.map((p, i) => [p, shares[i]!])) as Record<
          (typeof PATH_KINDS)[number],
          number
        >;
        const counts = pathCounts(mix, n);
        const total = shares.reduce((a, b) => a + b, 0);
        expect(PATH_KINDS.reduce((a, p) => a + counts[p], 0)).toBe(n);
        PATH_KINDS.forEach((p, i) => expect(Math.abs(counts[p] - (shares[i]! / total) * n)).toBeLessThan(1));
      }),
      { numRuns: 300 },
    );
  });
});
