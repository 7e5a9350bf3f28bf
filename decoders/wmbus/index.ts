/**
 * The generic wM-Bus / OMS decoder (EN 13757-3/-4/-7, OMS Vol.2) and wired M-Bus long frames
 * (EN 13757-2). The registry imports `wmbusDecoder`; the encoder, simulators and tests use the
 * parsing functions re-exported here.
 */
import type { DecoderDefinition, DecodeContext } from '../core/types.js';
import { decodeWmbus, WMBUS_DECODER_ID } from './decode.js';
import { formatALength } from './frame-format.js';
import { looksLikeWiredLongFrame } from './mbus-wired.js';

/** C fields a meter sends (EN 13757-4 Table 10): SND_NR, SND_IR, ACC_NR, ACC_DMD, RSP_UD. */
const METER_C_FIELDS = new Set([0x44, 0x46, 0x47, 0x48, 0x08, 0x18, 0x28, 0x38]);

export function recogniseWmbus(bytes: Uint8Array, _ctx?: DecodeContext): boolean {
  if (looksLikeWiredLongFrame(bytes)) return bytes.length === (bytes[1] ?? 0) + 6 && bytes[bytes.length - 1] === 0x16;
  if (bytes.length < 11) return false;
  const l = bytes[0] ?? 0;
  const lengthFits = bytes.length === l + 1 || bytes.length === formatALength(l) || (bytes.length > l + 1 && bytes.length <= l + 3);
  return lengthFits && METER_C_FIELDS.has(bytes[1] ?? 0);
}

export const wmbusDecoder: DecoderDefinition = {
  id: WMBUS_DECODER_ID,
  protocol: 'wmbus',
  description: 'Generic wireless M-Bus / OMS water meter decoder (DIF/VIF records, modes 5/7, ELL AES-CTR, compact frames) and wired M-Bus long frames',
  detect: { wmbus: [] },
  recognise: recogniseWmbus,
  decode: (bytes, context) => decodeWmbus(bytes, context),
  references: [
    'EN 13757-2:2018 §5 (wired M-Bus long frame)',
    'EN 13757-3:2018 §6 (DIF/VIF records), Annex A (data types)',
    'EN 13757-4:2019 §12 (frame formats A/B), §13 (extended link layer)',
    'EN 13757-7:2018 §6 (AFL), §7 (TPL), §9 (security modes 5 and 7)',
    'OMS Specification Vol.2 Issue 4.x §7, §9 (KDF), Annex B',
  ],
};

export { decodeWmbus, type DecodeOptions } from './decode.js';
export { parseTelegram, type ParsedTelegram, type ParseOptions } from './parse.js';
export { parseRecords, recordNumber, recordMillilitres, type DataRecord } from './dif-vif.js';
export { stripBlockCrcs, addFormatACrcs, formatALength } from './frame-format.js';
export { crc16En13757 } from './crc.js';
export { manufacturerLetters, manufacturerCodeOf, idFromBytes, idToBytes } from './link.js';
export { type CompactFormatCache, formatSignature } from './compact.js';
export { hexToBytes, bytesToHex } from './bytes.js';
