/**
 * wM-Bus / OMS telegrams as an Apator Ultrimis ultrasonic water meter sends them (manufacturer
 * APA, version 01h, device type 16h cold water): frame format A with block CRCs, the register in
 * millilitres (DIF 06 VIF 10), the instantaneous flow (VIF 3B, L/h, negative under reverse flow)
 * and the FD 17 error flags with the current state in bits 0..7 (TAMPER 01h, BURST 20h,
 * REVERSE 40h, LEAK 80h; decoders/wmbus/vendors/apator.ts). Optionally encrypted with OMS
 * security mode 5 under the meter's AES key.
 */
import { WMBUS_DECODER_ID } from '../../../decoders/wmbus/decode.js';
import { encodeTelegram } from '../../../decoders/wmbus/encode.js';
import { flipByte, type PayloadModel } from './types.js';

const FLAG = { tamper: 0x01, burst: 0x20, reverse: 0x40, leak: 0x80 } as const;

export const apatorUltrimis: PayloadModel = {
  id: 'apator-ultrimis',
  direction: 'forward-only',
  resolutionMl: 1,
  carriesMeterTime: false,
  statusBits: ['leak', 'burst', 'reverse', 'tamper'],
  registry: { decoder: WMBUS_DECODER_ID },
  maxRegisterMl: 2 ** 47 - 1,
  encode(sample, spec, ctx) {
    const id = spec.wmbus;
    if (id === undefined) throw new RangeError(`meter ${spec.meterId} has no wM-Bus identity`);
    let errorFlags = 0;
    for (const kind of this.statusBits) if (sample.sensed[kind]) errorFlags |= FLAG[kind];
    return encodeTelegram({
      meterId: id.id,
      manufacturer: id.manufacturer,
      version: id.version,
      deviceType: id.deviceType,
      accessNumber: ctx.seq & 0xff,
      registerMl: sample.registerMl,
      flowLph: sample.flowLph,
      errorFlags,
      ...(spec.aesKey !== undefined ? { mode5Key: spec.aesKey } : {}),
      frameFormatA: true,
    });
  },
  // Every byte after the L field is covered by a block CRC (EN 13757-4 §12.3).
  corrupt: (payload, rng) => flipByte(payload, rng, 1, payload.length),
};
