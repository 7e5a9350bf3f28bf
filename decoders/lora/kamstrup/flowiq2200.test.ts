import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import type { OmsHeaderInput } from '../shared/oms/encode.js';
import { decodeFlowIq2200, encodeFlowIq2200, type FlowIq2200Payload } from './flowiq2200.js';
import { kamstrupFlowIq2200Vectors } from './flowiq2200.vectors.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 1, meterTimeZone: 'UTC' };
const HOUR_MS = 3_600_000;

function vectorHex(description: string): string {
  const v = kamstrupFlowIq2200Vectors.vectors.find((x) => x.description === description);
  if (v === undefined) throw new Error(`no vector ${description}`);
  return v.hex;
}

function hoursBefore(time: string, registers: number[]): Array<{ time: string; registerMl: number }> {
  return registers.map((registerMl, i) => ({
    time: new Date(Date.parse(time) - (i + 1) * HOUR_MS).toISOString(),
    registerMl,
  }));
}

describe('kamstrup flowIQ 2200 encoder', () => {
  it('generates the hourly profile vector byte for byte', () => {
    const history = [3, 3, 3, ...Array<number>(29).fill(0)].map((l) => l * 1000);
    const bytes = encodeFlowIq2200({
      header: { ci: 0x78 },
      time: '2024-07-24T19:00:00.000Z',
      meterTimeZone: 'UTC',
      registerMl: 3_000,
      hourlyHistoryMl: history,
    });
    expect(toHex(bytes)).toBe(vectorHex('Multiple profile values for volume'));
  });

  it('generates the midnight log vector with infocode, ALD, flows and invalid temperatures', () => {
    const bytes = encodeFlowIq2200({
      header: { ci: 0x78 },
      time: '2023-10-19T00:00:00.000Z',
      meterTimeZone: 'UTC',
      registerMl: 236_000,
      infocode: 0x10,
      aldLastDay: 5,
      flowMinLph: 0,
      flowMaxLph: 0,
      waterTemperatureMinC: null,
      waterTemperatureMaxC: null,
    });
    expect(toHex(bytes)).toBe(vectorHex('Data from midnight log of water meter with invalid temperatures'));
  });

  it('generates the installation frame with a long header and configuration word', () => {
    const header: OmsHeaderInput = {
      ci: 0x72,
      id: '53885758',
      manufacturer: 'KAW',
      version: 0x3c,
      deviceType: 0x16,
      accessNumber: 0xd6,
      status: 0x10,
      configuration: 0x0008,
    };
    expect(toHex(encodeFlowIq2200({ header, moduleConfig: 0x7058bf }))).toBe(
      vectorHex('Installation frame with config number'),
    );
  });

  it('generates the integration guide example (less its 2Fh filler) with 2-byte profile elements', () => {
    const base = 7_842_497;
    const litres = [7842202, 7841912, 7841622, 7841328, 7841038, 7840748, 7840459, 7840164, 7839874, 7839584, 7839289];
    const bytes = encodeFlowIq2200({
      header: { ci: 0x7a, accessNumber: 8, status: 0 },
      time: '2023-08-29T12:00:00.000Z',
      meterTimeZone: 'UTC',
      registerMl: base * 1000,
      hourlyHistoryMl: litres.map((l) => l * 1000),
    });
    expect(`${toHex(bytes)}2F`).toBe(vectorHex('Multiple profile values for volume (Example from Integration Guide)'));
  });

  it('parses its own output (both sides default to the same meter zone): register, profile, status and infocode alarms', () => {
    const r = decodeFlowIq2200(
      encodeFlowIq2200({
        header: { ci: 0x7a, accessNumber: 1, status: 0x04 },
        time: '2025-03-01T10:00:00.000Z',
        registerMl: 12_345,
        hourlyHistoryMl: [12_000, 11_000],
        infocode: 0x0c,
      }),
      { receivedAt: ctx.receivedAt, fPort: 1 },
    );
    expect(r.ok && r.readings).toEqual([
      { meterId: 'unknown', time: '2025-03-01T10:00:00.000Z', timeFromMeter: true, registerMl: 12_345 },
    ]);
    expect(r.ok && r.history.map((h) => h.registerMl)).toEqual([12_000, 11_000]);
    expect(r.ok && r.alarms.map((a) => a.kind).sort()).toEqual(['burst', 'leak', 'low_battery']);
  });

  it('refuses what the format cannot carry', () => {
    expect(() => encodeFlowIq2200({ header: { ci: 0x78 }, time: '2025-03-01T10:00:30.000Z' })).toThrow(RangeError);
    expect(() => encodeFlowIq2200({ header: { ci: 0x78 }, registerMl: 10_000, hourlyHistoryMl: [9_000] })).toThrow(
      RangeError,
    );
    expect(() => encodeFlowIq2200({ header: { ci: 0x7a, accessNumber: 0, status: 0, configuration: 0x0500 } })).toThrow(
      RangeError,
    );
  });
});

const decimal = (maxAbs: number) =>
  fc.tuple(fc.integer({ min: -maxAbs, max: maxAbs }), fc.integer({ min: 0, max: 3 })).map(([m, k]) => m / 10 ** k);

const header: fc.Arbitrary<OmsHeaderInput> = fc.oneof(
  fc.constant({ ci: 0x78 as const }),
  fc.record({
    ci: fc.constant(0x7a as const),
    accessNumber: fc.integer({ min: 0, max: 255 }),
    status: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    ci: fc.constant(0x72 as const),
    id: fc.integer({ min: 0, max: 99_999_999 }).map((n) => String(n).padStart(8, '0')),
    manufacturer: fc.constantFrom('KAM', 'KAW', 'ABC'),
    version: fc.integer({ min: 0, max: 255 }),
    deviceType: fc.constantFrom(0x06, 0x07, 0x16),
    accessNumber: fc.integer({ min: 0, max: 255 }),
    status: fc.integer({ min: 0, max: 255 }),
  }),
);

const payload: fc.Arbitrary<FlowIq2200Payload & { time: string }> = fc
  .record({
    header,
    minutes: fc.integer({ min: 0, max: 99 * 525_600 }),
    registerMl: fc.integer({ min: 0, max: 2 ** 32 }),
    drops: fc.array(fc.integer({ min: 0, max: 2 ** 20 }), { maxLength: 40 }),
    infocode: fc.option(fc.integer({ min: 0, max: 0xfffe }), { nil: undefined }),
    aldLastDay: fc.option(fc.integer({ min: 0, max: 4094 }), { nil: undefined }),
    moduleConfig: fc.option(fc.integer({ min: 0, max: 0xfffffffe }), { nil: undefined }),
    flowMinLph: fc.option(decimal(32), { nil: undefined }),
    flowMaxLph: fc.option(decimal(32_767), { nil: undefined }),
    waterTemperatureMinC: fc.option(decimal(12), { nil: undefined }),
    waterTemperatureMaxC: fc.option(decimal(127), { nil: undefined }),
  })
  .map(({ minutes, registerMl, drops, ...rest }) => {
    const history: number[] = [];
    let v = registerMl;
    for (const d of drops) {
      v = Math.max(0, v - d);
      history.push(v);
    }
    return {
      ...rest,
      time: new Date(Date.UTC(2000, 0, 1) + minutes * 60_000).toISOString(),
      registerMl,
      hourlyHistoryMl: history,
    };
  });

describe('properties', () => {
  it('decode(encode(payload)) gives the register, hourly history, flows, temperatures and Kamstrup values back', () => {
    fc.assert(
      fc.property(payload, fc.constantFrom('UTC', 'Asia/Shanghai'), (p, zone) => {
        const r = decodeFlowIq2200(encodeFlowIq2200({ ...p, meterTimeZone: zone }), { ...ctx, meterTimeZone: zone });
        if (!r.ok) return false;
        expect(r.readings).toHaveLength(1);
        expect(r.readings[0]).toMatchObject({ time: p.time, timeFromMeter: true, registerMl: p.registerMl });
        expect(r.readings[0]?.maxFlowLph).toBe(p.flowMaxLph);
        expect(r.history.map((h) => ({ time: h.time, registerMl: h.registerMl }))).toEqual(
          hoursBefore(p.time, p.hourlyHistoryMl ?? []),
        );
        expect(r.meta.flowMinLph).toBe(p.flowMinLph);
        expect(r.meta.flowMaxLph).toBe(p.flowMaxLph);
        expect(r.meta.waterTemperatureMinC).toBe(p.waterTemperatureMinC);
        expect(r.meta.waterTemperatureMaxC).toBe(p.waterTemperatureMaxC);
        expect(r.meta.infocode).toBe(p.infocode);
        expect(r.meta.aldLastDay).toBe(p.aldLastDay);
        expect(r.meta.moduleConfig).toBe(p.moduleConfig);
        const infocodeAlarms =
          p.infocode === undefined ? 0 : [0, 1, 2, 3, 4, 5, 6, 7].filter((b) => (p.infocode ?? 0) & (1 << b)).length;
        const status = 'status' in p.header ? p.header.status : 0;
        const statusAlarms = [0x04, 0x08, 0x10].filter((bit) => status & bit).length;
        expect(r.alarms).toHaveLength(infocodeAlarms + statusAlarms);
        return true;
      }),
      { numRuns: 1_000 },
    );
  });
});
