/** The fields both ChirpStack encodings yield, turned into our Uplink. */
import { loraDedupKey } from '../pipeline/dedup-key.js';
import type { GatewayReception, Uplink } from '../uplink.js';
import type { AdapterInput } from './adapter.js';

export interface ChirpstackFields {
  devEui: string;
  devAddr: string | undefined;
  fCnt: number;
  fPort: number;
  payload: Uint8Array;
  deduplicationId: string | undefined;
  /** Network server time of the uplink, ISO 8601. */
  time: string | undefined;
  gateways: GatewayReception[];
  frequencyHz: number | undefined;
  dataRate: string | undefined;
  encoding: 'json' | 'protobuf';
}

export function chirpstackUplink(input: AdapterInput, f: ChirpstackFields): Uplink {
  const devEui = f.devEui.toLowerCase();
  const session = f.devAddr === undefined || f.devAddr === '' ? undefined : f.devAddr.toLowerCase();
  return {
    transport: input.transport,
    adapter: 'chirpstack',
    receivedAt: input.receivedAt,
    deviceRef: devEui,
    topic: input.topic,
    fPort: f.fPort,
    fCnt: f.fCnt,
    payload: f.payload,
    metadata: {
      gateways: f.gateways,
      ...(f.dataRate !== undefined ? { dataRate: f.dataRate } : {}),
      ...(f.frequencyHz !== undefined ? { frequencyHz: f.frequencyHz } : {}),
      ...(f.deduplicationId ? { networkUplinkId: f.deduplicationId } : {}),
      ...(f.time !== undefined ? { networkReceivedAt: f.time } : {}),
      ...(session !== undefined ? { session } : {}),
      encoding: f.encoding,
    },
    dedupKey: loraDedupKey({ devEui, session, fCnt: f.fCnt, payload: f.payload }),
  };
}
