/** Stage: refuse payloads above the configured maximum (default 4 KiB) before any work is done. */
import { GatewayErrorCode } from '../../errors.js';
import type { Uplink } from '../../uplink.js';
import { deadLetter, type StageResult } from '../prepared.js';

export const DEFAULT_MAX_PAYLOAD_BYTES = 4096;

export function checkSize(uplink: Uplink, maxPayloadBytes: number): StageResult<Uplink> {
  if (uplink.payload.length <= maxPayloadBytes) return { next: uplink };
  return deadLetter(
    'rejected',
    GatewayErrorCode.PAYLOAD_TOO_LARGE,
    `payload of ${uplink.payload.length} bytes exceeds the maximum of ${maxPayloadBytes} bytes`,
  );
}

/**
 * What is archived of a payload: all of it, or for an oversized one its first maxPayloadBytes
 * (the full size is kept in the row's metadata as payloadBytes).
 */
export function archivedPayload(payload: Uint8Array, maxPayloadBytes: number): Uint8Array {
  return payload.length <= maxPayloadBytes ? payload : payload.subarray(0, maxPayloadBytes);
}
