/**
 * Direct uplinks: a meter (or its NB-IoT/MQTT module) publishes to `meters/{deviceId}/up`.
 *
 * The message is either the raw payload bytes, exactly as the meter produced them, or this JSON
 * wrapper (UTF-8 JSON object) for modules that can only send text:
 *
 *   { "payload_hex": "68 10 ...",        exactly one of payload_hex / payload_b64
 *     "payload_b64": "aBAB...",
 *     "fport": 2,                         optional, 0..255, handed to the decoder as fPort
 *     "time": "2025-03-01T08:00:00Z",     optional, the meter's time for the message (ISO 8601)
 *     "id": "a1b2" }                      optional, the sender's message id (string or integer)
 *
 * A message is read as the wrapper only when it parses as a JSON object with payload_hex or
 * payload_b64; anything else is raw bytes (so a binary telegram that happens to start with `{`
 * is still raw). A wrapper with a bad field is rejected (GATEWAY_MALFORMED_MESSAGE).
 */
import { GatewayErrorCode, fail, ok, type Result } from '../errors.js';
import { directDedupKey } from '../pipeline/dedup-key.js';
import type { Uplink } from '../uplink.js';
import type { AdapterInput } from './adapter.js';
import {
  decodeBase64,
  decodeHex,
  normaliseTime,
  numberAt,
  parseJsonObject,
  stringAt,
  type JsonObject,
} from './wire.js';

const LEFT_BRACE = 0x7b;

function firstNonSpace(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return undefined;
}

/** The JSON wrapper, when the message is one. */
function wrapperOf(payload: Uint8Array): JsonObject | undefined {
  if (firstNonSpace(payload) !== LEFT_BRACE) return undefined;
  const json = parseJsonObject(payload);
  if (json === undefined || !('payload_hex' in json || 'payload_b64' in json)) return undefined;
  return json;
}

export function adaptDirect(deviceId: string, input: AdapterInput): Result<Uplink> {
  if (deviceId === '') return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'empty device id in topic');
  const wrapper = wrapperOf(input.payload);
  if (wrapper === undefined) {
    // Raw bytes, the usual case: the Uplink built in one go.
    return ok({
      transport: input.transport,
      adapter: 'direct',
      receivedAt: input.receivedAt,
      deviceRef: deviceId,
      topic: input.topic,
      payload: input.payload,
      metadata: {},
      dedupKey: directDedupKey({
        deviceId,
        payload: input.payload,
        receivedAt: input.receivedAt,
        windowS: input.dedupWindowS,
      }),
    });
  }
  const hex = stringAt(wrapper, 'payload_hex');
  const b64 = stringAt(wrapper, 'payload_b64');
  if ((hex === undefined) === (b64 === undefined)) {
    return fail(
      GatewayErrorCode.MALFORMED_MESSAGE,
      'JSON wrapper needs exactly one of payload_hex and payload_b64 (a string)',
    );
  }
  const payload = hex !== undefined ? decodeHex(hex) : decodeBase64(b64 ?? '');
  if (payload === undefined) {
    return fail(
      GatewayErrorCode.MALFORMED_MESSAGE,
      hex !== undefined ? 'payload_hex is not hex' : 'payload_b64 is not base64',
    );
  }
  let fPort: number | undefined;
  if ('fport' in wrapper) {
    fPort = numberAt(wrapper, 'fport');
    if (fPort === undefined || !Number.isInteger(fPort) || fPort < 0 || fPort > 255) {
      return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'fport must be an integer 0..255');
    }
  }
  let meterTime: string | undefined;
  if ('time' in wrapper) {
    meterTime = normaliseTime(stringAt(wrapper, 'time'));
    if (meterTime === undefined) return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'time must be an ISO 8601 date-time');
  }
  let messageId: string | undefined;
  if ('id' in wrapper) {
    const id = wrapper.id;
    if (typeof id === 'string' && id !== '' && id.length <= 128) messageId = id;
    else if (typeof id === 'number' && Number.isSafeInteger(id)) messageId = String(id);
    else
      return fail(
        GatewayErrorCode.MALFORMED_MESSAGE,
        'id must be a non-empty string (at most 128 characters) or an integer',
      );
  }
  return ok({
    transport: input.transport,
    adapter: 'direct',
    receivedAt: input.receivedAt,
    deviceRef: deviceId,
    topic: input.topic,
    fPort,
    payload,
    metadata: {
      ...(meterTime !== undefined ? { meterTime } : {}),
      ...(messageId !== undefined ? { messageId } : {}),
    },
    dedupKey: directDedupKey({
      deviceId,
      payload,
      messageId,
      meterTime,
      receivedAt: input.receivedAt,
      windowS: input.dedupWindowS,
    }),
  });
}
