/**
 * Pulse Senso batch reports: the sensor's series (tag size 4 bits, as in the vendor codec's batch
 * parameters) decoded by batch-codec.ts and put into canonical values. Sample times are the
 * receive time minus the sample's age on the device clock (batch time − sample time), so each
 * sample keeps the payload's own spacing; readings are marked timeFromMeter since their times come
 * from that clock.
 *   tags 0–2 index_1…3 (32-bit pulse counts) → the register of inputs 1…3: the newest sample is
 *     the reading, the older ones interval history
 *   tags 3–5 pin_state_1…3 (1 bit), 6 battery_voltage (16-bit mV, steps of 100 mV),
 *   7 multi_state (16 bits) → the newest value in meta.
 */
import { DecodeErrorCode } from '../../core/errors.js';
import type { DecodeContext, DecodeResult, DecodedReading, HistoryValue } from '../../core/types.js';
import { pulseCount } from '../shared/encode.js';
import { failure, pulseVolumeMl, success } from '../shared/result.js';
import { decodeBatch, type BatchSample, type BatchSeriesSpec } from './batch-codec.js';
import { encodeBatch, type BatchSeriesInput } from './batch-encode.js';

export const PULSE_SENSO_TAG_BITS = 4;

export type PulseSensoVariable =
  'index_1' | 'index_2' | 'index_3' | 'pin_state_1' | 'pin_state_2' | 'pin_state_3' | 'battery_voltage' | 'multi_state';

const VARIABLES: ReadonlyArray<[PulseSensoVariable, BatchSeriesSpec]> = [
  ['index_1', { sampleBits: 32, resolution: 1 }],
  ['index_2', { sampleBits: 32, resolution: 1 }],
  ['index_3', { sampleBits: 32, resolution: 1 }],
  ['pin_state_1', { sampleBits: 1, resolution: 1 }],
  ['pin_state_2', { sampleBits: 1, resolution: 1 }],
  ['pin_state_3', { sampleBits: 1, resolution: 1 }],
  ['battery_voltage', { sampleBits: 16, resolution: 100 }],
  ['multi_state', { sampleBits: 16, resolution: 1 }],
];
export const PULSE_SENSO_SERIES: ReadonlyMap<number, BatchSeriesSpec> = new Map(
  VARIABLES.map(([, spec], tag) => [tag, spec]),
);
const TAG_OF = new Map(VARIABLES.map(([name], tag) => [name, tag]));

/** Meter id of pulse input n (1-based), as the standard reports name endpoints. */
export function inputMeterId(base: string, input: number): string {
  return input === 1 ? base : `${base}/${input}`;
}

export function decodePulseSensoBatch(
  decoderId: string,
  b: Uint8Array,
  base: string,
  ctx: DecodeContext,
): DecodeResult {
  const decoded = decodeBatch(b, PULSE_SENSO_TAG_BITS, PULSE_SENSO_SERIES);
  if (!decoded.ok) {
    const code = decoded.problem === 'truncated' ? DecodeErrorCode.TRUNCATED : DecodeErrorCode.MALFORMED;
    return failure(decoderId, code, `batch report: ${decoded.message}`, {
      offset: decoded.bitOffset >> 3,
      details: { bitOffset: decoded.bitOffset },
    });
  }
  const { batch } = decoded;
  const receivedMs = Date.parse(ctx.receivedAt);
  if (Number.isNaN(receivedMs))
    return failure(
      decoderId,
      DecodeErrorCode.MALFORMED,
      `batch sample times need a receive time, got ${ctx.receivedAt}`,
    );
  const timeOf = (s: BatchSample) => new Date(receivedMs - (batch.batchTime - s.t) * 1000).toISOString();
  const readings: DecodedReading[] = [];
  const history: HistoryValue[] = [];
  const warnings: string[] = [];
  const meta: Record<string, string | number | boolean | null> = { batch: true, batchCounter: batch.counter };
  for (const [tag, samples] of [...batch.series].sort(([x], [y]) => x - y)) {
    const newest = samples[samples.length - 1];
    if (newest === undefined) continue;
    const name = VARIABLES[tag]?.[0] ?? 'unknown';
    if (tag <= 2) {
      const weight = pulseVolumeMl(ctx, warnings);
      const meterId = inputMeterId(base, tag + 1);
      for (const s of samples.slice(0, -1))
        history.push({ meterId, time: timeOf(s), registerMl: s.value * weight, kind: 'interval' });
      readings.push({ meterId, time: timeOf(newest), timeFromMeter: true, registerMl: newest.value * weight });
      meta[`index${tag + 1}`] = newest.value;
    } else if (tag <= 5) meta[`pinState${tag - 2}`] = newest.value !== 0;
    else if (name === 'battery_voltage') meta.batteryV = newest.value / 1000;
    else meta.multiState = newest.value;
  }
  return success(decoderId, { readings, history, warnings: [...new Set(warnings)], meta });
}

/** One series of a Pulse Senso batch in canonical units: registers in mL, pin states, volts, raw multi-state. */
export type PulseSensoBatchSeries = Pick<BatchSeriesInput, 'codingType' | 'codingTable' | 'timestampTable'> &
  (
    | { variable: 'index_1' | 'index_2' | 'index_3'; samples: Array<{ time: string; registerMl: number }> }
    | { variable: 'pin_state_1' | 'pin_state_2' | 'pin_state_3'; samples: Array<{ time: string; state: boolean }> }
    | { variable: 'battery_voltage'; samples: Array<{ time: string; batteryV: number }> }
    | { variable: 'multi_state'; samples: Array<{ time: string; value: number }> }
  );

export interface PulseSensoBatchInput {
  /** When the batch is sent (the decoder's receive time). */
  sentAt: string;
  batchCounter: number;
  commonTimestamps: boolean;
  pulseVolumeMl: number;
  /** The device clock at `sentAt`, seconds (not in the decoded result; default 2^31). */
  deviceClockS?: number;
  /** Huffman table of the common time differences. */
  timestampTable?: 0 | 1 | 2;
  series: PulseSensoBatchSeries[];
}

function rawValue(s: PulseSensoBatchSeries['samples'][number], pulseVolumeMl: number): number {
  if ('registerMl' in s) return pulseCount(s.registerMl, pulseVolumeMl);
  if ('state' in s) return s.state ? 1 : 0;
  if ('batteryV' in s) {
    const mv = Math.round(s.batteryV * 1000);
    if (mv / 1000 !== s.batteryV) throw new RangeError(`battery ${s.batteryV} V is not whole millivolts`);
    return mv;
  }
  return s.value;
}

/** Encoder for the simulator: a batch report (fPort 125) of the given series. */
export function encodePulseSensoBatch(p: PulseSensoBatchInput): Uint8Array {
  const sentMs = Date.parse(p.sentAt);
  const clock = p.deviceClockS ?? 2 ** 31;
  const series = p.series.map((s) => {
    const tag = TAG_OF.get(s.variable);
    if (tag === undefined) throw new RangeError(`${String(s.variable)} is not a Pulse Senso batch variable`);
    const samples = s.samples.map((x: PulseSensoBatchSeries['samples'][number]) => {
      const age = (sentMs - Date.parse(x.time)) / 1000;
      if (!Number.isInteger(age)) throw new RangeError(`sample time ${x.time} is not whole seconds before ${p.sentAt}`);
      return { t: clock - age, value: rawValue(x, p.pulseVolumeMl) };
    });
    return { tag, samples, codingType: s.codingType, codingTable: s.codingTable, timestampTable: s.timestampTable };
  });
  // With common timestamps the series holding the earliest time must come first.
  const first = (s: (typeof series)[number]) => s.samples[0]?.t ?? 0;
  const ordered = p.commonTimestamps ? [...series].sort((x, y) => first(x) - first(y)) : series;
  return encodeBatch(
    {
      counter: p.batchCounter,
      commonTimestamps: p.commonTimestamps,
      timestampTable: p.timestampTable,
      series: ordered,
      batchTime: clock,
    },
    PULSE_SENSO_TAG_BITS,
    PULSE_SENSO_SERIES,
  );
}
