/**
 * An uplink for a message its adapter could not read, so that it is archived as a dead letter
 * (status `rejected`, e.g. GATEWAY_MALFORMED_MESSAGE) rather than lost. The whole message is the
 * payload; the key is the sender reference, the message hash and the dedup window, so a
 * redelivered copy is still stored once.
 */
import type { GatewayError } from '../errors.js';
import { directDedupKey } from '../pipeline/dedup-key.js';
import type { AdapterKind, Uplink } from '../uplink.js';
import type { AdapterInput } from './adapter.js';

export function unreadableUplink(
  input: AdapterInput,
  adapter: AdapterKind,
  senderRef: string,
  error: GatewayError,
): Uplink {
  return {
    transport: input.transport,
    adapter,
    receivedAt: input.receivedAt,
    deviceRef: senderRef,
    topic: input.topic,
    payload: input.payload,
    metadata: {},
    dedupKey: `unreadable:${directDedupKey({ deviceId: `${adapter}:${senderRef}`, payload: input.payload, receivedAt: input.receivedAt, windowS: input.dedupWindowS })}`,
    unreadable: { code: error.code, reason: error.message },
  };
}
