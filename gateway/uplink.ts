/**
 * The one envelope every transport and network-server adapter produces. Transports only turn
 * their wire format into an Uplink and hand it to the ingest port; everything after that is the
 * pipeline's (gateway/pipeline/).
 */
export type TransportKind = 'mqtt' | 'coap' | 'http';
export type AdapterKind = 'direct' | 'chirpstack' | 'tts' | 'onenet' | 'ctwing' | 'replay';

export interface GatewayReception {
  gatewayId: string;
  rssiDbm?: number;
  snrDb?: number;
  /** When this gateway heard the frame, ISO 8601, where the network server says. */
  time?: string;
}

export interface Uplink {
  transport: TransportKind;
  adapter: AdapterKind;
  /** When meterflow received it, ISO 8601 UTC. */
  receivedAt: string;
  /** Who sent it, as the network names it: DevEUI (lower-case hex), IMEI, wM-Bus id, or our device id. */
  deviceRef: string;
  /** MQTT topic or CoAP/HTTP path it arrived on. */
  topic?: string;
  fPort?: number;
  fCnt?: number;
  /** The application payload bytes, exactly as sent by the meter. */
  payload: Uint8Array;
  /** Network metadata: gateways with RSSI/SNR, data rate, frequency, LNS ids (dedup id, correlation ids). */
  metadata: {
    gateways?: GatewayReception[];
    dataRate?: string;
    frequencyHz?: number;
    /** The network server's own id for this uplink (ChirpStack deduplicationId, TTS correlation id). */
    networkUplinkId?: string;
    /** When the network server received it (shared by all copies heard through several gateways). */
    networkReceivedAt?: string;
    /** DevAddr, session or join nonce: tells an fCnt reset after a rejoin from a duplicate. */
    session?: string;
    [key: string]: unknown;
  };
  /**
   * Idempotency key: the same uplink (several gateways, retransmission, replay) gives the same
   * key, a new uplink a new one. Built by gateway/pipeline/dedup-key.ts.
   */
  dedupKey: string;
  /**
   * Set by a transport whose adapter could not read the message (bad JSON, bad Protobuf, missing
   * device id): the pipeline archives it as a dead letter (status `rejected`) with this code and
   * reason instead of decoding it. gateway/lns/unreadable.ts builds such an uplink.
   */
  unreadable?: { code: string; reason: string };
}

/** What became of an uplink; the transport acknowledges once the outcome is committed. */
export type IngestStatus = 'accepted' | 'duplicate' | 'unknown_device' | 'decode_error' | 'invalid' | 'rejected';

export interface IngestOutcome {
  status: IngestStatus;
  /** Error code for dead letters (e.g. DECODE_CRC_MISMATCH, GATEWAY_UNKNOWN_DEVICE). */
  code?: string;
  reason?: string;
  readings: number;
  alarms: number;
}

/**
 * The pipeline's entry, as transports see it. `submit` resolves only after the uplink (and what
 * it produced) is committed; it waits while the writer's queue is full (backpressure) and
 * rejects with a GatewayError of kind 'unavailable' when the database cannot be reached in time,
 * in which case the transport must NOT acknowledge (the sender retries).
 */
export interface IngestPort {
  submit(uplink: Uplink, options?: IngestSubmitOptions): Promise<IngestOutcome>;
}

export interface IngestSubmitOptions {
  /**
   * How long to wait for room in a full writer queue before rejecting with GATEWAY_QUEUE_FULL
   * (kind 'unavailable'); default: the gateway's MF_WRITER_ENQUEUE_TIMEOUT_MS. Infinity waits
   * for ever (MQTT, whose broker keeps the message meanwhile). Once queued, an uplink is written
   * however long the database takes (retries with backoff).
   */
  timeoutMs?: number;
}
