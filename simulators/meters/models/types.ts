/**
 * A payload format as a simulated meter speaks it: the meter's sample in, the exact bytes its
 * radio or modem sends out. Each model also says what the device registry must know to decode
 * it, what its register can show, and where a damaged byte is caught.
 */
import type { Rng } from '../../random.js';
import type { MeterSample, RegisterDirection } from '../meter.js';
import type { MeterSpec, ModelId } from '../types.js';

export interface EncodeContext {
  /** Uplink counter of the meter (access number, SER, frame counter), from 0. */
  seq: number;
  /** Zone of meter clocks that keep local time without an offset. */
  timeZone: string;
}

export interface PayloadModel {
  id: ModelId;
  /** What the register does under reverse flow. */
  direction: RegisterDirection;
  /** One step of the register as the payload carries it, millilitres. */
  resolutionMl: number;
  /** Whether the payload carries the meter's clock (reading times come from the meter). */
  carriesMeterTime: boolean;
  /** Conditions the payload has status bits for. */
  statusBits: ReadonlyArray<'leak' | 'burst' | 'reverse' | 'tamper'>;
  /** LoRaWAN port (LoRa models). */
  fPort?: number;
  /** The device registry's decoder id or model (vendor/model) for this format. */
  registry: { decoder?: string; model?: string };
  /** Register capacity the payload can carry, millilitres (a register above it cannot be sent). */
  maxRegisterMl: number;
  encode(sample: MeterSample, spec: MeterSpec, ctx: EncodeContext): Uint8Array;
  /**
   * The payload with one byte damaged where the format's checksum or CRC catches it; undefined
   * when the format has no integrity check of its own (LoRa payloads are protected by the MIC
   * before they reach an application, so they are never delivered damaged).
   */
  corrupt?(payload: Uint8Array, rng: Rng): Uint8Array;
}

/** `payload` with the byte at a random position in [from, to) XORed with a non-zero value. */
export function flipByte(payload: Uint8Array, rng: Rng, from: number, to: number): Uint8Array {
  const out = Uint8Array.from(payload);
  if (to <= from) return out;
  const at = rng.int(from, to);
  out[at] = (out[at] ?? 0) ^ rng.int(1, 256);
  return out;
}
