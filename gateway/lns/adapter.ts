/**
 * What every adapter is given besides the message bytes. Adapters are pure: message in,
 * Uplink (or a coded error) out; no clock, no I/O.
 */
import type { TransportKind } from '../uplink.js';

export interface AdapterInput {
  transport: TransportKind;
  /** When meterflow received the message, ISO 8601 UTC. */
  receivedAt: string;
  /** The MQTT topic or HTTP/CoAP path it came on. */
  topic?: string;
  payload: Uint8Array;
  /** Dedup window for raw direct payloads, seconds (pipeline/dedup-key.ts). */
  dedupWindowS?: number;
}
