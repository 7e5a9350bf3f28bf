/**
 * Adeunis Pulse 4 application frames (LoRaWAN and NB-IoT share them), big-endian, after
 * TheThingsNetwork/lorawan-devices vendor/adeunis/pulse_lib.js:
 *   byte 0 frame code, byte 1 status (bits 5–7 frame counter, bit 2 timestamp present,
 *   bit 1 low battery, bit 0 configuration done)
 *   46h: counters A and B (uint32) [+ timestamp] | 5Ah / 5Bh: channel A / B counter (uint32)
 *   then 16-bit decrements to earlier counts [+ timestamp] | 30h: keep-alive with alarms
 *   | 47h: flow alarm | 10h 11h 12h 20h 33h: configuration and acknowledgements.
 * Timestamps count seconds from 2013-01-01T00:00:00Z.
 */
import type { DecodeContext, DecodeResult, DecodedAlarm, DecodedReading } from '../../core/types.js';
import { pulseVolumeMl, success, truncated, u16be, u32be } from '../shared/result.js';
import { DecodeErrorCode } from '../../core/errors.js';
import { failure } from '../shared/result.js';

const EPOCH_2013_S = 1_356_998_400;
const CONFIG_FRAMES = new Set([0x10, 0x11, 0x12, 0x20, 0x33]);

export function channelId(meterId: string, channel: 'A' | 'B'): string {
  return channel === 'A' ? meterId : `${meterId}/B`;
}

export function decodePulseFrame(
  decoderId: string,
  b: Uint8Array,
  at: number,
  meterId: string,
  ctx: DecodeContext,
  meta: Record<string, string | number | boolean | null>,
): DecodeResult {
  const length = b.length - at;
  if (length < 2) return truncated(decoderId, at + 2, b.length, 'Pulse frame header');
  const code = b[at] ?? 0;
  const status = b[at + 1] ?? 0;
  const hasTime = (status & 0x04) !== 0;
  const warnings: string[] = [];
  const alarms: DecodedAlarm[] = [];
  const end = hasTime ? b.length - 4 : b.length;
  const time =
    hasTime && end >= at + 2 ? new Date((u32be(b, b.length - 4) + EPOCH_2013_S) * 1000).toISOString() : ctx.receivedAt;
  if (status & 0x02) alarms.push({ kind: 'low_battery', meterId, time, detail: 'status bit 1: low battery' });
  const frameMeta = { ...meta, frameCode: code.toString(16), frameCounter: (status >> 5) & 0x07 };
  const reading = (id: string, pulses: number, weight: number): DecodedReading => ({
    meterId: id,
    time,
    timeFromMeter: hasTime,
    registerMl: pulses * weight,
  });
  if (code === 0x5a || code === 0x5b) {
    if (end < at + 6) return truncated(decoderId, at + 6 + (hasTime ? 4 : 0), b.length, 'Pulse 4 counter frame');
    const weight = pulseVolumeMl(ctx, warnings);
    const earlier = Math.floor((end - at - 6) / 2);
    if (earlier > 0) warnings.push(`${earlier} earlier counts not kept: their spacing is in the device configuration`);
    return success(decoderId, {
      readings: [reading(channelId(meterId, code === 0x5a ? 'A' : 'B'), u32be(b, at + 2), weight)],
      alarms,
      warnings,
      meta: { ...frameMeta, earlierCounts: earlier, lastEarlierDecrement: earlier > 0 ? u16be(b, at + 6) : 0 },
    });
  }
  if (code === 0x46) {
    if (end < at + 10) return truncated(decoderId, at + 10 + (hasTime ? 4 : 0), b.length, 'Pulse 4 data frame');
    const weight = pulseVolumeMl(ctx, warnings);
    return success(decoderId, {
      readings: [
        reading(channelId(meterId, 'A'), u32be(b, at + 2), weight),
        reading(channelId(meterId, 'B'), u32be(b, at + 6), weight),
      ],
      alarms,
      warnings,
      meta: frameMeta,
    });
  }
  if (code === 0x30) {
    if (end < at + 11) return truncated(decoderId, at + 11, b.length, 'keep-alive frame');
    const flags = b[at + 2] ?? 0;
    (['A', 'B'] as const).forEach((ch, i) => {
      const id = channelId(meterId, ch);
      if (flags & (0x01 << i)) alarms.push({ kind: 'burst', meterId: id, time, detail: `channel ${ch}: flow alarm` });
      if (flags & (0x04 << i)) alarms.push({ kind: 'tamper', meterId: id, time, detail: `channel ${ch}: tamper` });
      if (flags & (0x10 << i)) alarms.push({ kind: 'leak', meterId: id, time, detail: `channel ${ch}: leakage` });
    });
    return success(decoderId, {
      alarms,
      meta: {
        ...frameMeta,
        flowMaxA: u16be(b, at + 3),
        flowMaxB: u16be(b, at + 5),
        flowMinA: u16be(b, at + 7),
        flowMinB: u16be(b, at + 9),
      },
    });
  }
  if (code === 0x47) {
    if (end < at + 6) return truncated(decoderId, at + 6, b.length, 'flow alarm frame');
    alarms.push({ kind: 'burst', meterId, time, detail: `flow alarm: A ${u16be(b, at + 2)}, B ${u16be(b, at + 4)}` });
    return success(decoderId, { alarms, meta: frameMeta });
  }
  if (CONFIG_FRAMES.has(code)) return success(decoderId, { alarms, meta: frameMeta });
  return failure(
    decoderId,
    DecodeErrorCode.UNSUPPORTED_RECORD,
    `Pulse frame code ${code.toString(16)}h is not supported`,
    { offset: at },
  );
}
