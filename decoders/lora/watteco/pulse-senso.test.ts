import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import { decodePulseSenso } from './pulse-senso.js';
import {
  encodePulseSensoBatch,
  inputMeterId,
  type PulseSensoBatchInput,
  type PulseSensoBatchSeries,
} from './pulse-senso-batch.js';
import { encodePulseSensoReport, POWER_SOURCES, type PulseSensoReport } from './pulse-senso-encode.js';
import { wattecoPulseSensoVectors } from './pulse-senso.vectors.js';

const SENT_AT = '2026-01-01T00:00:00.250Z';
const ctx = { receivedAt: SENT_AT, fPort: 125, meterId: 'ps' };

function vectorHex(description: string): string {
  const v = wattecoPulseSensoVectors.vectors.find((x) => x.description === description);
  if (v === undefined) throw new Error(`no vector ${description}`);
  return v.hex;
}

describe('watteco Pulse Senso standard report encoder', () => {
  it.each<[string, PulseSensoReport]>([
    ['standard report: state of pin 1', { endpoint: 0, command: 0x0a, attribute: 'pin_state', state: true }],
    [
      'standard report: pulse count on input 1',
      { endpoint: 0, command: 0x0a, attribute: 'index', registerMl: 0, pulseVolumeMl: 1_000 },
    ],
    ['standard report: 3 state values', { endpoint: 0, command: 0x0a, attribute: 'pin_states', pinStates: 0x0371 }],
    ['read response: firmware version', { endpoint: 0, command: 0x01, attribute: 'firmware', firmware: '3.5.2.5602' }],
    [
      'standard report: battery voltage',
      {
        endpoint: 0,
        command: 0x0a,
        attribute: 'power',
        voltages: { disposableBatteryV: 3.688 },
        powerModes: 3,
        currentPowerSource: 4,
      },
    ],
    [
      'read response: message type',
      { endpoint: 0, command: 0x01, attribute: 'message_type', messageType: 'unconfirmed' },
    ],
  ])('generates the vector "%s" byte for byte', (description, report) => {
    expect(toHex(encodePulseSensoReport(report))).toBe(vectorHex(description));
  });

  it('parses its own alarm report of input 3 as the register of meter <id>/3', () => {
    const r = decodePulseSenso(
      encodePulseSensoReport({ endpoint: 2, command: 0x8a, attribute: 'index', registerMl: 42_000, pulseVolumeMl: 10 }),
      { ...ctx, pulseVolumeMl: 10 },
    );
    expect(r.ok && r.readings).toEqual([{ meterId: 'ps/3', time: SENT_AT, timeFromMeter: false, registerMl: 42_000 }]);
  });

  it('refuses an endpoint beyond 5 bits and a voltage finer than a millivolt', () => {
    expect(() => encodePulseSensoReport({ endpoint: 32, command: 0x0a, attribute: 'pin_state', state: false })).toThrow(
      RangeError,
    );
    expect(() =>
      encodePulseSensoReport({
        endpoint: 0,
        command: 0x0a,
        attribute: 'power',
        voltages: { mainOrExternalV: 3.6885 },
        powerModes: 0,
        currentPowerSource: 0,
      }),
    ).toThrow(RangeError);
  });
});

describe('watteco Pulse Senso batch report', () => {
  it('parses its own batch: newest index sample is the reading, pin state and battery the newest values', () => {
    const bytes = encodePulseSensoBatch({
      sentAt: SENT_AT,
      batchCounter: 5,
      commonTimestamps: true,
      pulseVolumeMl: 1_000,
      series: [
        {
          variable: 'index_1',
          samples: [
            { time: '2025-12-31T23:00:00.250Z', registerMl: 10_000 },
            { time: '2025-12-31T23:30:00.250Z', registerMl: 12_000 },
          ],
        },
        { variable: 'pin_state_2', samples: [{ time: '2025-12-31T23:30:00.250Z', state: true }] },
        {
          variable: 'battery_voltage',
          samples: [
            { time: '2025-12-31T23:00:00.250Z', batteryV: 3.6 },
            { time: '2026-01-01T00:00:00.250Z', batteryV: 3.5 },
          ],
        },
      ],
    });
    const r = decodePulseSenso(bytes, { ...ctx, pulseVolumeMl: 1_000 });
    expect(r.ok && r.readings).toEqual([
      { meterId: 'ps', time: '2025-12-31T23:30:00.250Z', timeFromMeter: true, registerMl: 12_000 },
    ]);
    expect(r.ok && r.history).toEqual([
      { meterId: 'ps', time: '2025-12-31T23:00:00.250Z', registerMl: 10_000, kind: 'interval' },
    ]);
    expect(r.ok && r.meta).toMatchObject({ batch: true, batchCounter: 5, pinState2: true, batteryV: 3.5 });
  });

  it('fails a batch cut short with DECODE_TRUNCATED', () => {
    const bytes = encodePulseSensoBatch({
      sentAt: SENT_AT,
      batchCounter: 0,
      commonTimestamps: false,
      pulseVolumeMl: 1,
      series: [{ variable: 'index_2', samples: [{ time: SENT_AT, registerMl: 7 }] }],
    });
    const r = decodePulseSenso(bytes.subarray(0, 3), ctx);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });
});

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const report: fc.Arbitrary<PulseSensoReport> = fc
  .tuple(
    fc.integer({ min: 0, max: 31 }),
    fc.constantFrom(0x0a as const, 0x8a as const, 0x01 as const),
    fc.oneof(
      fc
        .record({
          attribute: fc.constant('index' as const),
          pulses: fc.integer({ min: 0, max: 0xffffffff }),
          pulseVolumeMl: fc.constantFrom(1, 10, 1_000),
        })
        .map(({ pulses, ...x }) => ({ ...x, registerMl: pulses * x.pulseVolumeMl })),
      fc.record({ attribute: fc.constant('pin_state' as const), state: fc.boolean() }),
      fc.record({ attribute: fc.constant('pin_states' as const), pinStates: fc.integer({ min: 0, max: 0xffff }) }),
      fc.record({
        attribute: fc.constant('power' as const),
        voltages: fc.record(
          Object.fromEntries(
            POWER_SOURCES.map((n) => [n, opt(fc.integer({ min: 0, max: 0xffff }).map((mv) => mv / 1000))]),
          ) as Record<(typeof POWER_SOURCES)[number], fc.Arbitrary<number | undefined>>,
        ),
        powerModes: fc.integer({ min: 0, max: 255 }),
        currentPowerSource: fc.integer({ min: 0, max: 255 }),
      }),
      fc
        .record({
          attribute: fc.constant('firmware' as const),
          parts: fc.tuple(
            fc.integer({ min: 0, max: 255 }),
            fc.integer({ min: 0, max: 255 }),
            fc.integer({ min: 0, max: 255 }),
            fc.integer({ min: 0, max: 0xffffff }),
          ),
        })
        .map(({ attribute, parts }) => ({ attribute, firmware: parts.join('.') })),
      fc.record({
        attribute: fc.constant('message_type' as const),
        messageType: fc.constantFrom('confirmed' as const, 'unconfirmed' as const),
      }),
    ),
  )
  .map(([endpoint, command, body]) => ({ endpoint, command, ...body }) as PulseSensoReport);

/** The meta a standard report should decode to. */
function expectedMeta(r: PulseSensoReport): Record<string, unknown> {
  switch (r.attribute) {
    case 'index':
      return { index: r.registerMl / r.pulseVolumeMl };
    case 'pin_state':
      return { [`pinState${r.endpoint + 1}`]: r.state };
    case 'pin_states':
      return { pinStates: r.pinStates };
    case 'power':
      return Object.fromEntries(Object.entries(r.voltages).filter(([, v]) => v !== undefined));
    case 'firmware':
      return { firmware: r.firmware };
    case 'message_type':
      return { messageType: r.messageType };
  }
}

const minuteAges = (n: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 10_000_000 }), { minLength: n, maxLength: n })
    .map((a) => a.sort((x, y) => y - x));
const samples = <T>(value: fc.Arbitrary<T>) =>
  fc
    .integer({ min: 1, max: 10 })
    .chain((n) =>
      fc
        .tuple(minuteAges(n), fc.array(value, { minLength: n, maxLength: n }))
        .map(([ages, vs]) => ages.map((age, i) => ({ age, v: vs[i] as T }))),
    );
const at = (age: number) => new Date(Date.parse(SENT_AT) - age * 1000).toISOString();

const batchSeries = (
  variable: PulseSensoBatchSeries['variable'],
  weight: number,
): fc.Arbitrary<PulseSensoBatchSeries> => {
  const coding = fc.record({
    codingType: fc.constantFrom(0 as const, 1 as const, 2 as const),
    codingTable: fc.constantFrom(0 as const, 1 as const, 2 as const),
  });
  const of = (s: fc.Arbitrary<PulseSensoBatchSeries['samples']>) =>
    fc.tuple(s, coding).map(([xs, c]) => ({ variable, samples: xs, ...c }) as PulseSensoBatchSeries);
  if (variable.startsWith('index'))
    return of(
      samples(fc.integer({ min: 0, max: 0xffffffff })).map((xs) =>
        xs.map(({ age, v }) => ({ time: at(age), registerMl: v * weight })),
      ),
    );
  if (variable.startsWith('pin'))
    return of(samples(fc.boolean()).map((xs) => xs.map(({ age, v }) => ({ time: at(age), state: v }))));
  if (variable === 'battery_voltage')
    return of(
      samples(fc.integer({ min: 0, max: 0xffff })).map((xs) =>
        xs.map(({ age, v }) => ({ time: at(age), batteryV: v / 1000 })),
      ),
    );
  return of(
    samples(fc.integer({ min: 0, max: 0xffff })).map((xs) => xs.map(({ age, v }) => ({ time: at(age), value: v }))),
  );
};

const VARIABLES = [
  'index_1',
  'index_2',
  'index_3',
  'pin_state_1',
  'pin_state_2',
  'pin_state_3',
  'battery_voltage',
  'multi_state',
] as const;
const batch: fc.Arbitrary<PulseSensoBatchInput> = fc
  .tuple(
    fc.shuffledSubarray([...VARIABLES], { minLength: 1 }),
    fc.constantFrom(1, 10, 1_000),
    fc.integer({ min: 0, max: 7 }),
    fc.boolean(),
  )
  .chain(([vars, weight, batchCounter, commonTimestamps]) =>
    fc
      .tuple(...vars.map((v) => batchSeries(v, weight)))
      .map((series) => ({ sentAt: SENT_AT, batchCounter, commonTimestamps, pulseVolumeMl: weight, series })),
  );

describe('properties', () => {
  it('decode(encode(standard report)) gives the register or attribute value back for every endpoint and command', () => {
    fc.assert(
      fc.property(report, (r) => {
        const weight = r.attribute === 'index' ? r.pulseVolumeMl : 1;
        const d = decodePulseSenso(encodePulseSensoReport(r), { ...ctx, pulseVolumeMl: weight });
        if (!d.ok) return false;
        const readings =
          r.attribute === 'index'
            ? [
                {
                  meterId: inputMeterId('ps', r.endpoint + 1),
                  time: SENT_AT,
                  timeFromMeter: false,
                  registerMl: r.registerMl,
                },
              ]
            : [];
        expect(d.readings).toEqual(readings);
        expect(d.meta).toMatchObject({ endpoint: r.endpoint, command: r.command, ...expectedMeta(r) });
        return true;
      }),
      { numRuns: 3_000 },
    );
  });

  it('decode(encode(batch)) gives each input its newest register as the reading and the rest as history, and the newest states', () => {
    fc.assert(
      fc.property(batch, (b) => {
        const d = decodePulseSenso(encodePulseSensoBatch(b), { ...ctx, pulseVolumeMl: b.pulseVolumeMl });
        if (!d.ok) return false;
        const byTag = [...b.series].sort((x, y) => VARIABLES.indexOf(x.variable) - VARIABLES.indexOf(y.variable));
        const readings: unknown[] = [];
        const history: unknown[] = [];
        const meta: Record<string, unknown> = { batch: true, batchCounter: b.batchCounter };
        for (const s of byTag) {
          const n = Number(s.variable.slice(-1));
          if (s.variable.startsWith('index')) {
            const xs = s.samples as Array<{ time: string; registerMl: number }>;
            const meterId = inputMeterId('ps', n);
            xs.slice(0, -1).forEach((x) =>
              history.push({ meterId, time: x.time, registerMl: x.registerMl, kind: 'interval' }),
            );
            const last = xs[xs.length - 1];
            readings.push({ meterId, time: last?.time, timeFromMeter: true, registerMl: last?.registerMl });
          } else {
            const last = s.samples[s.samples.length - 1] ?? {};
            if ('state' in last) meta[`pinState${n}`] = last.state;
            if ('batteryV' in last) meta.batteryV = last.batteryV;
            if ('value' in last) meta.multiState = last.value;
          }
        }
        expect(d.readings).toEqual(readings);
        expect(d.history).toEqual(history);
        expect(d.meta).toMatchObject(meta);
        return true;
      }),
      { numRuns: 1_000 },
    );
  });
});
