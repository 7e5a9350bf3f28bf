import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import { decodeAdeunisPulse } from './pulse.js';
import {
  encodePulseFrame,
  encodePulseNbIot,
  type PulseFrame,
  type PulseFrameBody,
  type PulseNbIotMessage,
} from './pulse-encode.js';
import { decodeAdeunisPulseNbIot } from './pulse-nb-iot.js';
import { adeunisPulseNbIotVectors } from './pulse-nb-iot.vectors.js';
import { adeunisPulseVectors } from './pulse.vectors.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 1, meterId: 'p4' };
const decode = (f: PulseFrame, pulseVolumeMl = 1_000) =>
  decodeAdeunisPulse(Uint8Array.from(encodePulseFrame(f)), { ...ctx, pulseVolumeMl });

describe('adeunis Pulse 4 frame encoder', () => {
  it('generates the channel A vector byte for byte', () => {
    const frame: PulseFrame = {
      code: 0x5a,
      frameCounter: 3,
      lowBattery: true,
      configurationDone: true,
      time: '2023-12-28T19:22:17.000Z',
      registerMl: 295_000,
      pulseVolumeMl: 1_000,
      earlierDecrements: [1, 2, 3, 4],
    };
    expect(toHex(Uint8Array.from(encodePulseFrame(frame)))).toBe(adeunisPulseVectors.vectors[0]?.hex);
  });

  it('parses its own keep-alive: flow, tamper and leak flags per channel', () => {
    const r = decode({
      code: 0x30,
      frameCounter: 0,
      lowBattery: false,
      configurationDone: true,
      alarmFlags: 0x26,
      flowMaxA: 1,
      flowMaxB: 2,
      flowMinA: 3,
      flowMinB: 4,
    });
    expect(r.ok && r.alarms.map((a) => `${a.kind} ${a.meterId}`).sort()).toEqual([
      'burst p4/B',
      'leak p4/B',
      'tamper p4',
    ]);
    expect(r.ok && r.meta).toMatchObject({ flowMaxA: 1, flowMaxB: 2, flowMinA: 3, flowMinB: 4 });
  });

  it('refuses a time before 2013 and a decrement beyond 16 bits', () => {
    expect(() =>
      encodePulseFrame({
        code: 0x47,
        frameCounter: 0,
        lowBattery: false,
        configurationDone: false,
        flowA: 0,
        flowB: 0,
        time: '2012-12-31T23:59:59.000Z',
      }),
    ).toThrow(RangeError);
    expect(() =>
      encodePulseFrame({
        code: 0x5b,
        frameCounter: 0,
        lowBattery: false,
        configurationDone: false,
        registerMl: 0,
        pulseVolumeMl: 1,
        earlierDecrements: [65_536],
      }),
    ).toThrow(RangeError);
  });
});

describe('adeunis Pulse 4 NB-IoT encoder', () => {
  const example: PulseNbIotMessage = {
    imei: '1122334455667788',
    signalQuality: 3,
    globalFrameCounter: 38,
    frame: {
      code: 0x5a,
      frameCounter: 3,
      lowBattery: true,
      configurationDone: true,
      time: '2023-12-28T19:22:17.000Z',
      registerMl: 2_950_000,
      pulseVolumeMl: 10_000,
      earlierDecrements: [1, 2, 3, 4],
    },
  };

  it('generates the NB-IoT channel A vector byte for byte', () => {
    expect(toHex(encodePulseNbIot(example))).toBe(adeunisPulseNbIotVectors.vectors[0]?.hex);
  });

  it('parses its own NB-IoT message under the IMEI when the registry names no meter', () => {
    const r = decodeAdeunisPulseNbIot(encodePulseNbIot(example), { receivedAt: ctx.receivedAt, pulseVolumeMl: 10_000 });
    expect(r.ok && r.readings[0]).toMatchObject({
      meterId: '1122334455667788',
      registerMl: 2_950_000,
      time: '2023-12-28T19:22:17.000Z',
    });
  });

  it('refuses an IMEI field that is not 8 bytes of hex', () => {
    expect(() => encodePulseNbIot({ ...example, imei: '112233' })).toThrow(RangeError);
  });
});

const u16 = fc.integer({ min: 0, max: 0xffff });
const weight = fc.constantFrom(1, 10, 1_000, 10_000);
const pulses = fc.integer({ min: 0, max: 0xffffffff });
const body: fc.Arbitrary<PulseFrameBody> = fc.oneof(
  fc
    .record({
      code: fc.constantFrom(0x5a as const, 0x5b as const),
      pulses,
      pulseVolumeMl: weight,
      earlierDecrements: fc.array(u16, { maxLength: 10 }),
    })
    .map(({ pulses: n, ...f }) => ({ ...f, registerMl: n * f.pulseVolumeMl })),
  fc
    .record({ code: fc.constant(0x46 as const), a: pulses, b: pulses, pulseVolumeMl: weight })
    .map(({ a, b, ...f }) => ({ ...f, registerAMl: a * f.pulseVolumeMl, registerBMl: b * f.pulseVolumeMl })),
  fc.record({
    code: fc.constant(0x30 as const),
    alarmFlags: fc.integer({ min: 0, max: 255 }),
    flowMaxA: u16,
    flowMaxB: u16,
    flowMinA: u16,
    flowMinB: u16,
  }),
  fc.record({ code: fc.constant(0x47 as const), flowA: u16, flowB: u16 }),
  fc.record({
    code: fc.constantFrom(0x10 as const, 0x11 as const, 0x12 as const, 0x20 as const, 0x33 as const),
    body: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }),
  }),
);
const pulseFrame: fc.Arbitrary<PulseFrame> = fc
  .record({
    body,
    frameCounter: fc.integer({ min: 0, max: 7 }),
    lowBattery: fc.boolean(),
    configurationDone: fc.boolean(),
    seconds: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
  })
  .map(({ body: b, seconds, ...h }) => ({
    ...b,
    ...h,
    time: seconds === undefined ? undefined : new Date(1_356_998_400_000 + seconds * 1000).toISOString(),
  }));

/** The canonical values a frame should decode to under meter id `id`. */
function expectedOf(f: PulseFrame, id: string) {
  const time = f.time ?? ctx.receivedAt;
  const reading = (meterId: string, registerMl: number) => ({
    meterId,
    time,
    timeFromMeter: f.time !== undefined,
    registerMl,
  });
  const readings =
    f.code === 0x5a || f.code === 0x5b
      ? [reading(f.code === 0x5a ? id : `${id}/B`, f.registerMl)]
      : f.code === 0x46
        ? [reading(id, f.registerAMl), reading(`${id}/B`, f.registerBMl)]
        : [];
  const alarms: string[] = f.lowBattery ? [`low_battery ${id}`] : [];
  if (f.code === 0x30) {
    for (const [i, ch] of [id, `${id}/B`].entries()) {
      if (f.alarmFlags & (0x01 << i)) alarms.push(`burst ${ch}`);
      if (f.alarmFlags & (0x04 << i)) alarms.push(`tamper ${ch}`);
      if (f.alarmFlags & (0x10 << i)) alarms.push(`leak ${ch}`);
    }
  }
  if (f.code === 0x47) alarms.push(`burst ${id}`);
  return { readings, alarms, frameCounter: f.frameCounter, frameCode: f.code.toString(16) };
}

describe('properties', () => {
  it('decode(encode(frame)) gives every frame kind its registers, times, alarms and frame counter back', () => {
    fc.assert(
      fc.property(pulseFrame, (f) => {
        const r = decode(f, 'pulseVolumeMl' in f ? f.pulseVolumeMl : 1_000);
        if (!r.ok) return false;
        const e = expectedOf(f, 'p4');
        expect(r.readings).toEqual(e.readings);
        expect(r.alarms.map((a) => `${a.kind} ${a.meterId}`).sort()).toEqual([...e.alarms].sort());
        expect(r.meta).toMatchObject({ frameCounter: e.frameCounter, frameCode: e.frameCode });
        if (f.code === 0x5a || f.code === 0x5b) {
          const earlier = f.earlierDecrements ?? [];
          expect(r.meta).toMatchObject({ earlierCounts: earlier.length, lastEarlierDecrement: earlier[0] ?? 0 });
        }
        if (f.code === 0x30)
          expect(r.meta).toMatchObject({
            flowMaxA: f.flowMaxA,
            flowMaxB: f.flowMaxB,
            flowMinA: f.flowMinA,
            flowMinB: f.flowMinB,
          });
        return true;
      }),
      { numRuns: 3_000 },
    );
  });

  it('decode(encode(NB-IoT message)) gives the header fields and the frame values back under the IMEI', () => {
    const message: fc.Arbitrary<PulseNbIotMessage> = fc.record({
      imei: fc
        .array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 })
        .map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join('')),
      signalQuality: fc.integer({ min: 0, max: 255 }),
      globalFrameCounter: fc.integer({ min: 0, max: 0xffffffff }),
      frame: pulseFrame,
    });
    fc.assert(
      fc.property(message, (m) => {
        const f = m.frame;
        const r = decodeAdeunisPulseNbIot(encodePulseNbIot(m), {
          receivedAt: ctx.receivedAt,
          pulseVolumeMl: 'pulseVolumeMl' in f ? f.pulseVolumeMl : 1_000,
        });
        if (!r.ok) return false;
        const e = expectedOf(f, m.imei);
        expect(r.readings).toEqual(e.readings);
        expect(r.alarms.map((a) => `${a.kind} ${a.meterId}`).sort()).toEqual([...e.alarms].sort());
        expect(r.meta).toMatchObject({
          imei: m.imei,
          signalQuality: m.signalQuality,
          globalFrameCounter: m.globalFrameCounter,
          frameCounter: e.frameCounter,
          frameCode: e.frameCode,
        });
        return true;
      }),
      { numRuns: 2_000 },
    );
  });
});
