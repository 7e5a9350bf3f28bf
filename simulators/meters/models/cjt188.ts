/**
 * CJ/T 188 read-data response (C = 81h, DI 901F) of an NB-IoT cold-water meter (T = 10h): the
 * current and settlement-day registers in m³ with two decimals (10 L steps), the meter's local
 * clock and the status word (decoders/cjt188/). A mechanical register: reverse flow turns it back.
 * Every byte between the start and the checksum is summed into the checksum (CJ/T 188 §5.2).
 */
import { CJT188_DECODER_ID } from '../../../decoders/cjt188/decoder.js';
import { encodeReadDataResponse } from '../../../decoders/cjt188/encoder.js';
import { flipByte, type PayloadModel } from './types.js';

const STEP_ML = 10_000;
const M3_UNIT = 0x2c;

export const cjt188Water: PayloadModel = {
  id: 'cjt188',
  direction: 'bidirectional',
  resolutionMl: STEP_ML,
  carriesMeterTime: true,
  statusBits: [],
  registry: { decoder: CJT188_DECODER_ID },
  maxRegisterMl: 99_999_999 * STEP_ML,
  encode(sample, spec, ctx) {
    const id = spec.cjt188;
    if (id === undefined) throw new RangeError(`meter ${spec.meterId} has no CJ/T 188 address`);
    return encodeReadDataResponse({
      meterType: id.meterType,
      address: id.address,
      ser: ctx.seq & 0xff,
      registerMl: Math.floor(sample.registerMl / STEP_ML) * STEP_ML,
      billingDateRegisterMl: Math.floor(sample.billingDateRegisterMl / STEP_ML) * STEP_ML,
      unit: M3_UNIT,
      time: new Date(Math.floor(sample.meterClockMs / 1000) * 1000).toISOString(),
      meterTimeZone: ctx.timeZone,
      status: 0,
    });
  },
  // Bytes 1 .. checksum − 1 are summed into the checksum; the last two are CS and 16h.
  corrupt: (payload, rng) => flipByte(payload, rng, 1, payload.length - 2),
};
