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
  // Field by field rather than with conditional spreads: no temporary object per field.
  const context: DecodeContext = { receivedAt: uplink.receivedAt, deviceId: device.deviceId };
  if (device.meterId !== undefined) context.meterId = device.meterId;
  if (device.model !== undefined) context.model = device.model;
  if (device.aesKey !== undefined) context.key = device.aesKey;
  if (uplink.fPort !== undefined) context.fPort = uplink.fPort;
  if (device.meterTimeZone !== undefined) context.meterTimeZone = device.meterTimeZone;
  if (device.pulseVolumeMl !== undefined) context.pulseVolumeMl = device.pulseVolumeMl;
  return context;
}

function selectionOf(device: DeviceRecord): { decoder?: string; model?: string } {
  const selection: { decoder?: string; model?: string } = {};
  if (device.decoder !== undefined) selection.decoder = device.decoder;
  if (device.model !== undefined) selection.model = device.model;
  return selection;
}

export function decode(uplink: Uplink, device: DeviceRecord, decoders: DecoderLookup): StageResult<DecodeSuccess> {
  const result = decoders.decode(uplink.payload, decodeContextFor(uplink, device), selectionOf(device));
  if (result.ok) return { next: result };
  const e = result.error;
  const where = e.offset !== undefined ? ` at byte ${e.offset}` : '';
  return deadLetter('decode_error', e.code, `${result.decoder}: ${e.message}${where}`);
}
