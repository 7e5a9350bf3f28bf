/**
 * The idempotency key of a CoAP uplink, in the gateway's direct-key scheme
 * (pipeline/dedup-key.ts): `direct:<device>:id:coap.<Message ID>.<Token hex>:<payload hash>`.
 *
 * A CoAP retransmission repeats the Message ID, the Token and the payload byte for byte
 * (RFC 7252 §4.2, §4.5), so it gets the same key and the pipeline stores it once, whatever
 * address it came from and whichever gateway instance or process lifetime receives it. A new
 * message gets a new Message ID from the meter, hence a new key. The source address is left
 * out on purpose: NB-IoT carrier NAT may give the retransmission a new address or port.
 *
 * When the JSON wrapper names the message itself ("id", or else the meter's "time"), the
 * direct adapter's key from those is kept instead: it also recognises the same reading sent
 * again in a new CoAP message (say, after the meter missed our separate response).
 *
 * The limit: a meter that restarts its Message ID sequence and then sends the very same payload
 * bytes with the same Token under a Message ID it already used, within the pipeline's key
 * retention, would be taken for a duplicate. Meter payloads carry a register or a frame counter,
 * so equal bytes mean an equal reading in practice.
 */
import { directDedupKey } from '../../pipeline/dedup-key.js';

export interface CoapMessageIdentity {
  deviceId: string;
  messageId: number;
  token: Uint8Array;
  /** The application payload (after hex or wrapper unwrapping). */
  payload: Uint8Array;
  receivedAt: string;
}

export function coapMessageRef(messageId: number, token: Uint8Array): string {
  return `coap.${messageId & 0xffff}.${Buffer.from(token).toString('hex')}`;
}

export function coapDedupKey(m: CoapMessageIdentity): string {
  return directDedupKey({
    deviceId: m.deviceId,
    payload: m.payload,
    messageId: coapMessageRef(m.messageId, m.token),
    receivedAt: m.receivedAt,
  });
}
