import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import { decodeAcrios, encodeAcrios, type AcriosFixedPayload, type AcriosVariablePayload } from './acr-cv-101l.js';
import { acriosAcrCv101lVectors } from './acr-cv-101l.vectors.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 1 };

const example: AcriosFixedPayload = {
  kind: 'fixed',
  primaryAddress: 5,
  meterNumber: 12_345_678,
  accessNumber: 10,
  status: 0,
  medium: 7,
  registerMl: 1_000,
  counter1UnitMl: 1_000,
  billingDateRegisterMl: 135_000,
  counter2UnitMl: 'same',
};

describe('acrios ACR-CV-101L encoder', () => {
  it('generates the fixed data structure vector byte for byte (BCD counters, checksum 3Ch)', () => {
    expect(toHex(encodeAcrios(example))).toBe(acriosAcrCv101lVectors.vectors[0]?.hex);
  });

  it('parses its own binary-counter frame with power-low and error status bits', () => {
    const r = decodeAcrios(
      encodeAcrios({
        ...example,
        status: 0x1d,
        registerMl: 4_000_000_000,
        counter1UnitMl: 1,
        counter2UnitMl: 10,
        billingDateRegisterMl: 20,
      }),
      ctx,
    );
    expect(r.ok && r.readings[0]).toMatchObject({
      meterId: '12345678',
      registerMl: 4_000_000_000,
      billingDateRegisterMl: 20,
      statusBits: 0x1d,
    });
    expect(r.ok && r.alarms.map((a) => a.kind)).toEqual(['low_battery', 'meter_error', 'meter_error']);
  });

  it('parses its own variable data frame through the OMS records', () => {
    const p: AcriosVariablePayload = {
      kind: 'variable',
      primaryAddress: 1,
      id: '87654321',
      manufacturer: 'ACR',
      version: 1,
      deviceType: 7,
      accessNumber: 3,
      status: 0,
      reading: { registerMl: 123_456, time: '2025-05-05T05:05:00.000Z', meterTimeZone: 'UTC', waterTemperatureC: 12.5 },
    };
    const r = decodeAcrios(encodeAcrios(p), { ...ctx, meterTimeZone: 'UTC' });
    expect(r.ok && r.readings).toEqual([
      {
        meterId: '87654321',
        time: '2025-05-05T05:05:00.000Z',
        timeFromMeter: true,
        registerMl: 123_456,
        waterTemperatureC: 12.5,
      },
    ]);
  });

  it('refuses a register that is not a whole number of counter steps', () => {
    expect(() => encodeAcrios({ ...example, registerMl: 1_500 })).toThrow(RangeError);
    expect(() => encodeAcrios({ ...example, counter1UnitMl: 3 })).toThrow(RangeError);
    expect(() =>
      encodeAcrios({ ...example, status: 1, counter1UnitMl: 100_000_000, registerMl: 99_999_999 * 100_000_000 }),
    ).toThrow(RangeError);
  });
});

const unit = fc.constantFrom(1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000);

const fixed: fc.Arbitrary<AcriosFixedPayload> = fc
  .record({
    primaryAddress: fc.integer({ min: 0, max: 255 }),
    meterNumber: fc.integer({ min: 0, max: 99_999_999 }),
    accessNumber: fc.integer({ min: 0, max: 255 }),
    status: fc.integer({ min: 0, max: 255 }),
    medium: fc.integer({ min: 0, max: 15 }),
    counter1UnitMl: unit,
    counter2: fc.option(unit, { nil: undefined }),
    c1: fc.integer({ min: 0, max: 99_999_999 }),
    c2: fc.integer({ min: 0, max: 99_999_999 }),
  })
  // Registers beyond 2^53 mL are not canonical values (the decoder refuses them).
  .filter(
    ({ counter1UnitMl, counter2, c1, c2 }) =>
      c1 * counter1UnitMl <= Number.MAX_SAFE_INTEGER && c2 * (counter2 ?? counter1UnitMl) <= Number.MAX_SAFE_INTEGER,
  )
  .map(({ counter2, c1, c2, ...rest }) => ({
    ...rest,
    kind: 'fixed' as const,
    registerMl: c1 * rest.counter1UnitMl,
    counter2UnitMl: counter2 ?? ('same' as const),
    billingDateRegisterMl: c2 * (counter2 ?? rest.counter1UnitMl),
  }));

const decimal = (maxAbs: number) =>
  fc.tuple(fc.integer({ min: -maxAbs, max: maxAbs }), fc.integer({ min: 0, max: 3 })).map(([m, k]) => m / 10 ** k);
const minuteTime = fc
  .integer({ min: 0, max: 99 * 525_600 })
  .map((m) => new Date(Date.UTC(2000, 0, 1) + m * 60_000).toISOString());

const variable: fc.Arbitrary<AcriosVariablePayload> = fc.record({
  kind: fc.constant('variable' as const),
  ci: fc.constantFrom(0x72 as const, 0x76 as const),
  primaryAddress: fc.integer({ min: 0, max: 255 }),
  id: fc.integer({ min: 0, max: 99_999_999 }).map((n) => String(n).padStart(8, '0')),
  manufacturer: fc.constantFrom('ACR', 'KAM', 'ZRI'),
  version: fc.integer({ min: 0, max: 255 }),
  deviceType: fc.constantFrom(6, 7, 0x16),
  accessNumber: fc.integer({ min: 0, max: 255 }),
  status: fc.integer({ min: 0, max: 255 }),
  reading: fc.record(
    {
      registerMl: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      time: minuteTime,
      reverseMl: fc.integer({ min: 0, max: 2 ** 40 }),
      flowLph: decimal(2 ** 30),
      maxFlowLph: decimal(2 ** 30),
      waterTemperatureC: decimal(9_999),
      ambientTemperatureC: decimal(9_999),
      billingDate: fc.record({ time: minuteTime, registerMl: fc.integer({ min: 0, max: 2 ** 40 }) }),
    },
    { requiredKeys: ['registerMl'] },
  ),
});

describe('properties', () => {
  it('decode(encode(fixed frame)) gives both registers, the status bits and the medium back', () => {
    fc.assert(
      fc.property(fixed, (p) => {
        const r = decodeAcrios(encodeAcrios(p), ctx);
        if (!r.ok) return false;
        expect(r.readings).toEqual([
          {
            meterId: String(p.meterNumber).padStart(8, '0'),
            time: ctx.receivedAt,
            timeFromMeter: false,
            registerMl: p.registerMl,
            billingDateRegisterMl: p.billingDateRegisterMl,
            statusBits: p.status,
          },
        ]);
        expect(r.meta).toMatchObject({
          accessNumber: p.accessNumber,
          medium: p.medium,
          counter1FixedDate: (p.status & 0x02) !== 0,
        });
        return true;
      }),
      { numRuns: 2_000 },
    );
  });

  it('decode(encode(variable frame)) gives the canonical reading and billing-date value back', () => {
    fc.assert(
      fc.property(variable, (p) => {
        const r = decodeAcrios(encodeAcrios({ ...p, reading: { ...p.reading, meterTimeZone: 'UTC' } }), {
          ...ctx,
          meterTimeZone: 'UTC',
        });
        if (!r.ok) return false;
        const { billingDate, time, ...values } = p.reading;
        expect(r.readings).toEqual([
          { meterId: p.id, time: time ?? ctx.receivedAt, timeFromMeter: time !== undefined, ...values },
        ]);
        const history =
          billingDate === undefined
            ? []
            : [
                {
                  meterId: p.id,
                  time: billingDate.time,
                  registerMl: billingDate.registerMl,
                  kind: 'billing_date',
                  storage: 1,
                },
              ];
        expect(r.history).toEqual(history);
        expect(r.meta).toMatchObject({
          id: p.id,
          manufacturer: p.manufacturer,
          accessNumber: p.accessNumber,
          tplStatus: p.status,
        });
        return true;
      }),
      { numRuns: 2_000 },
    );
  });
});
