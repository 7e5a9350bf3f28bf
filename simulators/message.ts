/**
 * One message on the wire towards the gateway: what the fleet generates, what `record` captures
 * and what `replay` sends again. A capture file is these, one JSON object per line
 * (replay/capture-file.ts has the exact line format).
 */
export type WireTransport = 'mqtt' | 'coap';

export type MetadataValue = string | number | boolean | null | string[];

export interface MqttTarget {
  transport: 'mqtt';
  topic: string;
  qos: 0 | 1;
  retain: boolean;
}

export interface CoapTarget {
  transport: 'coap';
  /** Uri-Path with the leading slash, and the query if any (`/m/8684…?fmt=raw`). */
  path: string;
  method: 'POST' | 'PUT';
  /** Confirmable request (the server acknowledges it) or non-confirmable. */
  confirmable: boolean;
  /** CoAP Content-Format number (50 application/json, 42 octet-stream, 0 text/plain), if any. */
  contentFormat?: number;
}

export type WireMessage = (MqttTarget | CoapTarget) & {
  /** When the message is (was) sent, UTC ms. Simulated time for a simulation, wall time for a capture. */
  timeMs: number;
  payload: Uint8Array;
  /** Free-form facts about the message: meter, device, format, fault, … (never sent). */
  metadata: Record<string, MetadataValue>;
};

/** Where a message goes, as one string (topic or path): for progress lines and summaries. */
export function destinationOf(m: WireMessage): string {
  return m.transport === 'mqtt' ? m.topic : m.path;
}
