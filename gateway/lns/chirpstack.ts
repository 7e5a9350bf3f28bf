/**
 * ChirpStack v4 MQTT integration: `application/{applicationId}/device/{devEui}/event/up`, in
 * JSON (the default) or Protobuf (`json=false`). With `auto` the encoding is told by the first
 * byte: a JSON event starts with `{`, a Protobuf UplinkEvent with field 1's tag (0x0a).
 */
import type { Result } from '../errors.js';
import type { Uplink } from '../uplink.js';
import type { AdapterInput } from './adapter.js';
import { adaptChirpstackJson } from './chirpstack-json.js';
import { adaptChirpstackProtobuf } from './chirpstack-protobuf.js';

export type ChirpstackEncoding = 'auto' | 'json' | 'protobuf';

function looksLikeJson(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b;
  }
  return false;
}

export function adaptChirpstack(
  topicDevEui: string | undefined,
  input: AdapterInput,
  encoding: ChirpstackEncoding = 'auto',
): Result<Uplink> {
  const json = encoding === 'json' || (encoding === 'auto' && looksLikeJson(input.payload));
  return json ? adaptChirpstackJson(topicDevEui, input) : adaptChirpstackProtobuf(input);
}
