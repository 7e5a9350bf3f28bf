/**
 * Stage: decode the payload with the device's decoder (by id, else by model, else by recognising
 * the bytes). Decoders are pure and never throw; the registry's safety net turns a decoder bug
 * into a failure of kind `internal`.
 */
import type { DecodeContext, DecodeResult, DecodeSuccess } from '../../../decoders/core/types.js';
import type { DeviceRecord } from '../../devices/device.js';
import type { Uplink } from '../../uplink.js';
import { deadLetter, type StageResult } from '../prepared.js';

/** The decoder registry as the pipeline needs it (decoders/core/registry.ts implements it). */
export interface DecoderLookup {
  decode(bytes: Uint8Array, context: DecodeContext, selection?: { decoder?: string; model?: string }): DecodeResult;
}

export function decodeContextFor(uplink: Uplink, device: DeviceRecord): DecodeContext {
  return {
    receivedAt: uplink.receivedAt,
    deviceId: device.deviceId,
    ...(device.meterId !== undefined ? { meterId: device.meterId } : {}),
    ...(device.model !== undefined ? { model: device.model } : {}),
    ...(device.aesKey !== undefined ? { key: device.aesKey } : {}),
    ...(uplink.fPort !== undefined ? { fPort: uplink.fPort } : {}),
    ...(device.meterTimeZone !== undefined ? { meterTimeZone: device.meterTimeZone } : {}),
    ...(device.pulseVolumeMl !== undefined ? { pulseVolumeMl: device.pulseVolumeMl } : {}),
  };
}

export function decode(uplink: Uplink, device: DeviceRecord, decoders: DecoderLookup): StageResult<DecodeSuccess> {
  const result = decoders.decode(uplink.payload, decodeContextFor(uplink, device), {
    ...(device.decoder !== undefined ? { decoder: device.decoder } : {}),
    ...(device.model !== undefined ? { model: device.model } : {}),
  });
  if (result.ok) return { next: result };
  const e = result.error;
  const where = e.offset !== undefined ? ` at byte ${e.offset}` : '';
  return deadLetter('decode_error', e.code, `${result.decoder}: ${e.message}${where}`);
}
