/**
 * Encoder of Adeunis Pulse 4 application frames (the inverse of pulse-frames.ts) and of the NB-IoT
 * message around one (pulse-nb-iot.ts), for the LoRaWAN and NB-IoT simulators. Throws RangeError on values a field cannot hold.
 */
import { fieldValue, pulseCount } from '../shared/encode.js';

const EPOCH_2013_MS = 1_356_998_400_000;

export interface PulseFrameHeader {
  /** 3-bit frame counter (status bits 5–7). */
  frameCounter: number;
  lowBattery: boolean;
  configurationDone: boolean;
  /** Frame time (whole seconds from 2013-01-01); sent as the trailing timestamp when present. */
  time?: string;
}

export type PulseFrameBody =
  /** Channel A (5Ah) or B (5Bh) counter, with the 16-bit decrements to earlier counts. */
  | { code: 0x5a | 0x5b; registerMl: number; pulseVolumeMl: number; earlierDecrements?: number[] }
  /** Both counters (46h). */
  | { code: 0x46; registerAMl: number; registerBMl: number; pulseVolumeMl: number }
  /** Keep-alive (30h): alarm flags (bits 0/1 flow, 2/3 tamper, 4/5 leak for A/B) and flow extremes. */
  | { code: 0x30; alarmFlags: number; flowMaxA: number; flowMaxB: number; flowMinA: number; flowMinB: number }
  /** Flow alarm (47h). */
  | { code: 0x47; flowA: number; flowB: number }
  /** Configuration and acknowledgement frames: their bytes are not decoded. */
  | { code: 0x10 | 0x11 | 0x12 | 0x20 | 0x33; body?: number[] };

export type PulseFrame = PulseFrameHeader & PulseFrameBody;

const u16 = (v: number, what: string): number[] => {
  const x = fieldValue(v, 0xffff, what);
  return [x >> 8, x & 0xff];
};
const u32 = (v: number): number[] => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

function bodyBytes(f: PulseFrameBody): number[] {
  switch (f.code) {
    case 0x5a:
    case 0x5b:
      return [
        ...u32(pulseCount(f.registerMl, f.pulseVolumeMl)),
        ...(f.earlierDecrements ?? []).flatMap((d) => u16(d, 'decrement')),
      ];
    case 0x46:
      return [...u32(pulseCount(f.registerAMl, f.pulseVolumeMl)), ...u32(pulseCount(f.registerBMl, f.pulseVolumeMl))];
    case 0x30:
      return [
        fieldValue(f.alarmFlags, 0xff, 'alarm flags'),
        ...u16(f.flowMaxA, 'flow'),
        ...u16(f.flowMaxB, 'flow'),
        ...u16(f.flowMinA, 'flow'),
        ...u16(f.flowMinB, 'flow'),
      ];
    case 0x47:
      return [...u16(f.flowA, 'flow'), ...u16(f.flowB, 'flow')];
    default:
      return (f.body ?? []).map((x) => fieldValue(x, 0xff, 'body byte'));
  }
}

export function encodePulseFrame(f: PulseFrame): number[] {
  const hasTime = f.time !== undefined;
  const status =
    (fieldValue(f.frameCounter, 7, 'frame counter') << 5) |
    (hasTime ? 0x04 : 0) |
    (f.lowBattery ? 0x02 : 0) |
    (f.configurationDone ? 0x01 : 0);
  const out = [f.code, status, ...bodyBytes(f)];
  if (f.time !== undefined) {
    const seconds = (Date.parse(f.time) - EPOCH_2013_MS) / 1000;
    out.push(...u32(fieldValue(seconds, 0xffffffff, `seconds from 2013 of ${f.time}`)));
  }
  return out;
}

/** What a Pulse 4 NB-IoT message carries: the 13-byte header and one Pulse 4 frame. */
export interface PulseNbIotMessage {
  /** 16 hex digits. */
  imei: string;
  signalQuality: number;
  globalFrameCounter: number;
  frame: PulseFrame;
}

/** Encoder for the NB-IoT simulator: IMEI, signal quality, global frame counter, then the frame. */
export function encodePulseNbIot(m: PulseNbIotMessage): Uint8Array {
  if (!/^[0-9a-f]{16}$/.test(m.imei)) throw new RangeError(`IMEI field must be 16 lower-case hex digits: ${m.imei}`);
  const imei = Array.from({ length: 8 }, (_, i) => parseInt(m.imei.slice(2 * i, 2 * i + 2), 16));
  const counter = fieldValue(m.globalFrameCounter, 0xffffffff, 'global frame counter');
  const header = [
    ...imei,
    fieldValue(m.signalQuality, 0xff, 'signal quality'),
    counter >>> 24,
    (counter >>> 16) & 0xff,
    (counter >>> 8) & 0xff,
    counter & 0xff,
  ];
  return Uint8Array.from([...header, ...encodePulseFrame(m.frame)]);
}
