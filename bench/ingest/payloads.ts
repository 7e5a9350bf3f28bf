/**
 * The bench's uplinks: CJ/T 188 read-data responses (35 bytes, decoded by the real cjt188
 * decoder), one device and meter per address, each message a new reading (register and meter
 * time advance), published to the direct topic `<prefix>/meters/<deviceId>/up`.
 */
import { encodeReadDataResponse } from '../../decoders/cjt188/index.js';

export const BENCH_METERS = 1000;

export function benchDeviceId(meter: number): string {
  return `bench-${String(meter).padStart(5, '0')}`;
}

export function benchMeterId(meter: number): string {
  return `BENCH-M-${String(meter).padStart(5, '0')}`;
}

/** Message `i` of run `run`: the (i / meters)-th reading of meter i % meters. */
export function benchMessage(
  prefix: string,
  run: number,
  i: number,
  meters = BENCH_METERS,
): { topic: string; payload: Buffer } {
  const meter = i % meters;
  const step = Math.floor(i / meters);
  const minutes = run * 10_000 + step;
  return {
    topic: `${prefix}/meters/${benchDeviceId(meter)}/up`,
    payload: Buffer.from(
      encodeReadDataResponse({
        meterType: 0x10,
        address: `${String(meter).padStart(6, '0')}00000001`,
        registerMl: 1_000_000 + minutes * 10,
        time: new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString(),
      }),
    ),
  };
}
