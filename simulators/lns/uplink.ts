/** One LoRaWAN uplink as a network server heard it: what the ChirpStack and TTS wrappers are built from. */
import type { SimGateway } from './gateways.js';

export interface Reception {
  gateway: SimGateway;
  rssiDbm: number;
  snrDb: number;
  channel: number;
  /** When this gateway heard the frame, UTC ms. */
  timeMs: number;
  /** Gateway-internal uplink counter (ChirpStack uplinkId, TTS timestamp). */
  uplinkId: number;
}

export interface LoraUplink {
  devEui: string;
  joinEui: string;
  devAddr: string;
  fCnt: number;
  fPort: number;
  payload: Uint8Array;
  /** When the network server had the frame, UTC ms. */
  nsTimeMs: number;
  spreadingFactor: number;
  frequencyHz: number;
  receptions: Reception[];
  /** ChirpStack: application UUID, device name, the event's deduplication id. */
  applicationId: string;
  deviceName: string;
  deduplicationId: string;
  /** TTS: tenant and end device id, the session key id (base64) and correlation ULIDs. */
  tenantId?: string;
  sessionKeyId?: string;
  correlationUlids?: string[];
}
