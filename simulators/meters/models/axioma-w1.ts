/**
 * Axioma Qalcosonic W1 LoRaWAN ultrasonic meter, fPort 100 "enhanced 24 h" payload: the meter's
 * Unix time, a status byte (20h leakage, A0h burst, 60h backflow), the log volume in litres 23
 * hours ago and the 23 hourly deltas since (decoders/lora/axioma/qalcosonic-w1.ts). The register
 * has a resolution of one litre.
 */
import { DELTA_COUNT, encodeEnhanced24h } from '../../../decoders/lora/axioma/qalcosonic-w1.js';
import type { PayloadModel } from './types.js';

const STATUS = { leak: 0x20, burst: 0xa0, reverse: 0x60 } as const;
const DELTA_LIMIT = 1 << 14;

/** The log volume and hourly deltas (litres) ending at `registerL`, from the whole-hour registers before it. */
export function hourlyDeltas(
  hourlyRegistersMl: readonly number[],
  registerL: number,
): { logLitres: number; deltasLitres: number[] } {
  const points = hourlyRegistersMl.slice(-DELTA_COUNT).map((ml) => Math.floor(ml / 1000));
  while (points.length < DELTA_COUNT) points.unshift(points[0] ?? registerL);
  const deltas: number[] = [];
  for (let i = 0; i < DELTA_COUNT; i++) {
    const next = i + 1 < DELTA_COUNT ? points[i + 1]! : registerL;
    deltas.push(next - points[i]!);
  }
  if (deltas.some((d) => d < 0 || d >= DELTA_LIMIT)) {
    // A wrap or a backwards step cannot be told in unsigned deltas: send the register alone.
    return { logLitres: registerL, deltasLitres: new Array<number>(DELTA_COUNT).fill(0) };
  }
  return { logLitres: points[0]!, deltasLitres: deltas };
}

export const axiomaQalcosonicW1: PayloadModel = {
  id: 'axioma/qalcosonic-w1',
  direction: 'forward-only',
  resolutionMl: 1_000,
  carriesMeterTime: true,
  statusBits: ['leak', 'burst', 'reverse'],
  fPort: 100,
  registry: { model: 'axioma/qalcosonic-w1' },
  maxRegisterMl: (2 ** 32 - 1) * 1000,
  encode(sample) {
    let status = 0;
    if (sample.sensed.burst) status = STATUS.burst;
    else if (sample.sensed.reverse) status = STATUS.reverse;
    else if (sample.sensed.leak) status = STATUS.leak;
    const registerL = Math.floor(sample.registerMl / 1000);
    const { logLitres, deltasLitres } = hourlyDeltas(sample.hourlyRegistersMl, registerL);
    return encodeEnhanced24h({ unixTime: Math.floor(sample.meterClockMs / 1000), status, logLitres, deltasLitres });
  },
};
