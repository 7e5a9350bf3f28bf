/**
 * The bench's uplinks: CJ/T 188 read-data responses (35 bytes, decoded by the real cjt188
 * decoder), published to the direct topic `<prefix>/meters/<deviceId>/up`. Each end-to-end round
 * has its own set of devices and meters, so every round starts from meters without history; each
 * message is a new reading (the register grows by 10 mL a second, a healthy meter) with the
 * meter's clock a little behind its receipt, so that a validated stream raises no flag.
 */
import { encodeReadDataResponse } from '../../decoders/cjt188/index.js';

export const BENCH_METERS = 1000;

const pad = (meter: number) => String(meter).padStart(5, '0');

export function benchDeviceId(set: number, meter: number): string {
  return `bench-${set}-${pad(meter)}`;
}

export function benchMeterId(set: number, meter: number): string {
  return `BENCH-M-${set}-${pad(meter)}`;
}

/**
 * Message `i` of a round: the (i / meters)-th reading of meter i % meters of device set `set`,
 * timed `baseMs` + one second per reading (`baseMs` a whole second).
 */
export function benchMessage(
  prefix: string,
  set: number,
  i: number,
  meters: number,
  baseMs: number,
): { topic: string; payload: Buffer } {
  const meter = i % meters;
  const step = Math.floor(i / meters);
  return {
    topic: `${prefix}/meters/${benchDeviceId(set, meter)}/up`,
    payload: Buffer.from(
      encodeReadDataResponse({
        meterType: 0x10,
        address: `${String(meter).padStart(6, '0')}00000001`,
        registerMl: 1_000_000 + step * 10,
        time: new Date(baseMs + step * 1000).toISOString(),
      }),
    ),
  };
}

/** A base time for a round of `count` messages: its readings end a second before now. */
export function roundBaseMs(count: number, meters: number, nowMs = Date.now()): number {
  const steps = Math.ceil(count / meters);
  return Math.floor(nowMs / 1000) * 1000 - (steps + 1) * 1000;
}
