/**
 * What both MQTT transports do with a message: pick the adapter by topic, build the Uplink (or,
 * for a message the adapter cannot read, a dead-letter uplink), and submit it. Resolves with the
 * committed outcome; rejects only when the uplink was not committed, and then the caller must not
 * acknowledge.
 */
import type { Clock } from '../../../common/clock.js';
import type { ChirpstackEncoding } from '../../lns/chirpstack.js';
import { adaptMqttMessage, type TopicRouter } from '../../lns/topic-router.js';
import { unreadableUplink } from '../../lns/unreadable.js';
import { isoTime } from '../../pipeline/iso-time.js';
import type { IngestOutcome, IngestPort } from '../../uplink.js';

export interface MqttIngestOptions {
  ingest: IngestPort;
  router: TopicRouter;
  clock: Clock;
  dedupWindowS?: number;
  chirpstackEncoding?: ChirpstackEncoding;
  /** How long a message waits for room in a full writer queue (Infinity: for ever). */
  enqueueTimeoutMs?: number;
}

export type MqttIngest = (topic: string, payload: Buffer, senderRef: string) => Promise<IngestOutcome>;

export function createMqttIngest(options: MqttIngestOptions): MqttIngest {
  return (topic, payload, senderRef) => {
    const input = {
      transport: 'mqtt' as const,
      receivedAt: isoTime(options.clock.now().getTime()),
      topic,
      payload,
      dedupWindowS: options.dedupWindowS,
    };
    const adapted = adaptMqttMessage(options.router, input, { chirpstackEncoding: options.chirpstackEncoding });
    if (adapted.ok) return options.ingest.submit(adapted.value, { timeoutMs: options.enqueueTimeoutMs });
    const match = options.router.match(topic);
    const uplink = unreadableUplink(
      input,
      match?.adapter ?? 'direct',
      match?.params.devEui ?? match?.params.deviceId ?? senderRef,
      adapted.error,
    );
    return options.ingest.submit(uplink, { timeoutMs: options.enqueueTimeoutMs });
  };
}
