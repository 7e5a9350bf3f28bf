/**
 * One measured round of the ingest bench: the same publisher thread sends N QoS 1 messages, and
 * the round ends when N have arrived at the far end — a plain subscriber (broker pass-through) or
 * committed rows in PostgreSQL (the gateway, end to end, with the validator it is given). Each
 * round uses device set `run` (end-to-end rounds register it first), so its meters start afresh.
 */
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { silentLogger } from '../../common/logger.js';
import type { Database } from '../../storage/database.js';
import { defaultRegistry } from '../../decoders/index.js';
import { gatewaySettings } from '../../gateway/config.js';
import { startGateway } from '../../gateway/service.js';
import type { Validator } from '../../gateway/validation/types.js';
import { registerBenchSet } from './environment.js';
import { benchMessage, roundBaseMs } from './payloads.js';
import { startPublisher, type Publisher } from './publisher.js';

export interface RoundSpec {
  run: number;
  count: number;
  meters: number;
  window: number;
}

export interface RoundResult {
  perSecond: number;
  /** CPU time of this process (gateway, broker or subscriber, publisher thread) per message, µs. */
  cpuUsPerMessage: number;
  peakRssBytes: number;
}

const SERVICE = { username: 'bench', password: 'bench-password' };

function messagesOf(prefix: string, spec: RoundSpec): Array<{ topic: string; payload: Buffer }> {
  const baseMs = roundBaseMs(spec.count, spec.meters);
  return Array.from({ length: spec.count }, (_, i) => benchMessage(prefix, spec.run, i, spec.meters, baseMs));
}

function prefixOf(kind: string, run: number): string {
  return `mfbench-${process.pid}-${kind}-${run}`;
}

/**
 * Waits until `progress()` reaches `target`, telling the publisher how far the far end got; fails
 * when it stops moving for `stallMs`.
 */
async function until(
  progress: () => number,
  target: number,
  stallMs: number,
  what: string,
  publisher: Publisher,
): Promise<void> {
  let last = progress();
  let lastMove = Date.now();
  while (progress() < target) {
    const now = progress();
    if (now !== last) {
      last = now;
      lastMove = Date.now();
      publisher.arrived(now);
    } else if (Date.now() - lastMove > stallMs) {
      throw new Error(`bench round stalled: ${what} ${now} of ${target} (messages lost on the way?)`);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/** A bare aedes broker (no hooks), for the embedded broker's pass-through. */
export async function startBareAedes(): Promise<{ url: string; close(): Promise<void> }> {
  const broker = await Aedes.createBroker();
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Publisher → broker → plain mqtt.js subscriber (QoS 1). */
export async function passThroughRound(
  brokerUrl: string,
  spec: RoundSpec,
  protocolVersion: 4 | 5,
): Promise<RoundResult> {
  const auth = {};
  const prefix = prefixOf('pass', spec.run);
  const messages = messagesOf(prefix, spec);
  // On Mosquitto: MQTT 5 with the largest Receive Maximum, so that messages wait in flight rather
  // than in its per-client queue (max_queued_messages, 1,000 by default, drops the excess).
  // aedes speaks MQTT 3.1.1 only.
  const subscriber = await mqtt.connectAsync(brokerUrl, {
    clientId: `${prefix}-sub`,
    clean: true,
    reconnectPeriod: 0,
    protocolVersion,
    ...(protocolVersion === 5 ? { properties: { receiveMaximum: 65_535 } } : {}),
  });
  let publisher: Publisher | undefined;
  try {
    await subscriber.subscribeAsync(`${prefix}/meters/+/up`, { qos: 1 });
    let received = 0;
    subscriber.on('message', () => received++);
    publisher = await startPublisher({
      url: brokerUrl,
      ...auth,
      clientId: `${prefix}-pub`,
      messages,
      window: spec.window,
      qos: 1,
    });
    const rss = rssSampler();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const publishing = publisher.go();
    await until(() => received, spec.count, 15_000, 'received', publisher);
    await publishing;
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      perSecond: (spec.count * 1000) / elapsed,
      cpuUsPerMessage: (used.user + used.system) / spec.count,
      peakRssBytes: rss.stop(),
    };
  } finally {
    await publisher?.terminate();
    await subscriber.endAsync(true);
  }
}

export interface EndToEndOptions {
  db: Database;
  /** External broker URL; undefined: the gateway's embedded broker. */
  brokerUrl?: string;
  /** The validation stage (default: the pass-through validator, rules off). */
  validator?: Validator;
  env?: Record<string, string>;
}

/** Publisher → broker → gateway → committed rows. */
export async function endToEndRound(spec: RoundSpec, options: EndToEndOptions): Promise<RoundResult> {
  const prefix = prefixOf(options.brokerUrl ? 'mosq' : 'aedes', spec.run);
  await registerBenchSet(options.db, spec.run, spec.meters);
  const settings = gatewaySettings({
    MF_MQTT_HOST: '127.0.0.1',
    MF_MQTT_PORT: '0',
    MF_MQTT_SERVICE_USER: SERVICE.username,
    MF_MQTT_SERVICE_PASSWORD: SERVICE.password,
    MF_MQTT_CLIENT_ID: `${prefix}-gw`,
    MF_MQTT_SESSION_EXPIRY_S: '0',
    MF_MQTT_RECEIVE_MAXIMUM: '65535',
    MF_TOPIC_DIRECT: `${prefix}/meters/{deviceId}/up`,
    MF_TOPIC_CHIRPSTACK: `${prefix}/application/{applicationId}/device/{devEui}/event/up`,
    MF_TOPIC_TTS: `${prefix}/v3/{applicationId}/devices/{deviceId}/up`,
    MF_WRITER_LINGER_MS: '20',
    MF_WRITER_QUEUE: '20000',
    ...(options.brokerUrl ? { MF_MQTT_URL: options.brokerUrl } : {}),
    ...options.env,
  });
  let committed = 0;
  const gateway = await startGateway(settings, {
    db: options.db,
    logger: silentLogger,
    decoders: defaultRegistry(),
    validator: options.validator,
    onCommitted: (items) => {
      committed += items.length;
    },
  });
  let publisher: Publisher | undefined;
  try {
    const url = options.brokerUrl ?? `mqtt://127.0.0.1:${gateway.mqtt!.port}`;
    const auth = options.brokerUrl ? {} : SERVICE;
    publisher = await startPublisher({
      url,
      ...auth,
      clientId: `${prefix}-pub`,
      messages: messagesOf(prefix, spec),
      window: spec.window,
      qos: 1,
    });
    const rss = rssSampler();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const publishing = publisher.go();
    await until(() => committed, spec.count, 30_000, 'committed', publisher);
    await publishing;
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      perSecond: (spec.count * 1000) / elapsed,
      cpuUsPerMessage: (used.user + used.system) / spec.count,
      peakRssBytes: rss.stop(),
    };
  } finally {
    await publisher?.terminate();
    await gateway.stop();
  }
}
