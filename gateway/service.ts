/**
 * A running gateway: the writer, the pipeline, the device directory, the MQTT transport (the
 * embedded broker, or a session to an external broker), and any further transports handed in
 * through `extraTransports` (CoAP, HTTP webhooks, /healthz, /readyz, /metrics).
 *
 * Validation runs in the writer's transaction with `deps.validator` (the CLI passes the rules of
 * gateway/validation/; default: the pass-through validator). Alarm raises and clears are
 * published to MQTT `meterflow/alarms/{meterId}` after their transaction committed
 * (MF_MQTT_ALARMS): through the embedded broker, or on a second connection to the external one.
 *
 * Shutdown (`stop`, on SIGINT/SIGTERM in the CLI): every transport stops taking uplinks, the
 * writer drains its queue (committed uplinks are acknowledged as they commit), then transports
 * close. Uplinks not committed by MF_SHUTDOWN_TIMEOUT_MS are not acknowledged; their senders retry.
 */
import { readFile } from 'node:fs/promises';
import type { Clock } from '../common/clock.js';
import { settableClock, systemClock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { Database } from '../storage/database.js';
import { createPgDeviceDirectory, type PgDeviceDirectory } from './devices/pg-directory.js';
import type { DeviceDirectory } from './devices/device.js';
import { topicPatternsOf, type GatewaySettings } from './config.js';
import { createTopicRouter } from './lns/topic-router.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { passThroughValidator } from './pipeline/stages/pass-through-validator.js';
import type { DecoderLookup } from './pipeline/stages/decode.js';
import type { CommittedAlarmChange } from './pipeline/stages/validate.js';
import { createPipeline, type Pipeline } from './pipeline/run.js';
import type { BatchWriter, BatchWriterOptions } from './sinks/batch-writer.js';
import { createTimescaleWriter } from './sinks/timescale-writer.js';
import { startEmbeddedBroker } from './transports/mqtt/embedded-broker.js';
import { SIMULATED_CLOCK_TOPIC } from './transports/mqtt/simulated-clock.js';
import { startExternalClient } from './transports/mqtt/external-client.js';
import { createMqttIngest } from './transports/mqtt/mqtt-ingest.js';
import { createAlarmPublisher, type AlarmPublisher } from './validation/alarm-publisher.js';
import type { Validator } from './validation/types.js';
import { openAlarmConnection } from './transports/mqtt/alarm-connection.js';

export interface Readiness {
  ready: boolean;
  /** The writer's last transaction succeeded (false while the database is failing). */
  database: boolean;
  /** Every transport started and is taking uplinks. */
  transports: boolean;
  stopping: boolean;
  queueDepth: number;
  queueCapacity: number;
}

/** What a transport gets from the gateway. */
export interface TransportContext {
  ingest: Pipeline;
  devices: DeviceDirectory;
  metrics: GatewayMetrics;
  logger: Logger;
  clock: Clock;
  settings: GatewaySettings;
  readiness: () => Readiness;
}

export interface GatewayTransport {
  name: string;
  /** Stop taking new uplinks (those in flight still complete and are acknowledged). */
  stopReading(): void | Promise<void>;
  close(): Promise<void>;
}

/**
 * HOOK for further transports (CoAP server, HTTP server with webhooks, health and metrics
 * endpoints): each starter is called once the pipeline is up, and its transport is stopped and
 * closed with the gateway.
 */
export type TransportStarter = (ctx: TransportContext) => Promise<GatewayTransport>;

export interface GatewayDependencies {
  db: Pick<Database, 'pool' | 'singleConnection'>;
  logger: Logger;
  decoders: DecoderLookup;
  /** Validation rules (gateway/validation/); default: the pass-through validator. */
  validator?: Validator;
  clock?: Clock;
  metrics?: GatewayMetrics;
  /** HOOK: CoAP and HTTP transports (see TransportStarter). */
  extraTransports?: TransportStarter[];
  /** Called after each commit with its alarm changes (besides the MQTT alarm publisher). */
  onAlarmChanges?: (changes: CommittedAlarmChange[]) => void;
  /** Called after each commit, before its uplinks are acknowledged. */
  onCommitted?: BatchWriterOptions['onCommitted'];
}

export interface RunningGateway {
  pipeline: Pipeline;
  writer: BatchWriter;
  devices: PgDeviceDirectory;
  metrics: GatewayMetrics;
  /** Ports of the embedded broker (undefined with an external broker or MQTT off). */
  mqtt: { port: number; tlsPort: number | undefined } | undefined;
  /** Publishes committed alarm changes to MQTT (undefined with MQTT or MF_MQTT_ALARMS off). */
  alarms: AlarmPublisher | undefined;
  readiness(): Readiness;
  stop(): Promise<void>;
}

/** How long shutdown waits for alarm messages still queued to reach the broker. */
const ALARM_FLUSH_MS = 2_000;

async function flushWithin(publisher: AlarmPublisher, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([publisher.flush(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export async function startGateway(settings: GatewaySettings, deps: GatewayDependencies): Promise<RunningGateway> {
  const { logger } = deps;
  const simulatedClock = settings.MF_SIMULATED_CLOCK ? settableClock() : undefined;
  if (simulatedClock) logger.warn(`simulated clock: uplinks are stamped with the time set on ${SIMULATED_CLOCK_TOPIC}`);
  const clock = simulatedClock ?? deps.clock ?? systemClock;
  const metrics = deps.metrics ?? createGatewayMetrics();
  const ttlMs = settings.MF_DEVICE_CACHE_TTL_S * 1000;
  const devices = createPgDeviceDirectory(deps.db.pool, { ttlMs, negativeTtlMs: Math.min(5_000, ttlMs), logger });
  const preloaded = await devices.preload();
  logger.info({ devices: preloaded }, 'device registry loaded');
  // Created once the MQTT transport is up; nothing commits before that (transports start after it).
  let alarms: AlarmPublisher | undefined;
  const writer = createTimescaleWriter(deps.db, {
    validator: deps.validator ?? passThroughValidator,
    method: settings.MF_WRITER_METHOD,
    shards: settings.MF_WRITER_SHARDS,
    statementTimeoutMs: settings.MF_DB_STATEMENT_TIMEOUT_MS,
    maxBatch: settings.MF_WRITER_BATCH,
    lingerMs: settings.MF_WRITER_LINGER_MS,
    capacity: settings.MF_WRITER_QUEUE,
    whenFull: settings.MF_WRITER_WHEN_FULL,
    enqueueTimeoutMs: settings.MF_WRITER_ENQUEUE_TIMEOUT_MS,
    metrics,
    logger,
    onAlarmChanges: (changes) => {
      alarms?.publishCommitted(changes);
      deps.onAlarmChanges?.(changes);
    },
    onCommitted: deps.onCommitted,
  });
  const pipeline = createPipeline({
    devices,
    decoders: deps.decoders,
    writer,
    metrics,
    logger,
    maxPayloadBytes: settings.MF_MAX_PAYLOAD_BYTES,
  });
  const transports: GatewayTransport[] = [];
  let stopping = false;
  let started = false;
  let mqtt: RunningGateway['mqtt'];

  const readiness = (): Readiness => {
    const database = writer.healthy();
    return {
      ready: started && !stopping && database,
      database,
      transports: started,
      stopping,
      queueDepth: writer.depth(),
      queueCapacity: writer.capacity,
    };
  };

  async function stopAll(): Promise<void> {
    stopping = true;
    for (const t of transports) await t.stopReading();
    await writer.drain(settings.MF_SHUTDOWN_TIMEOUT_MS);
    if (alarms) await flushWithin(alarms, ALARM_FLUSH_MS);
    for (const t of [...transports].reverse()) {
      await t
        .close()
        .catch((err: Error) => logger.warn({ transport: t.name, err: err.message }, 'transport did not close cleanly'));
    }
    devices.close();
  }

  try {
    if (settings.MF_MQTT_ENABLED) {
      const router = createTopicRouter(topicPatternsOf(settings));
      if (settings.MF_MQTT_URL) {
        const ingest = createMqttIngest({
          ingest: pipeline,
          router,
          clock,
          dedupWindowS: settings.MF_DEDUP_WINDOW_S,
          chirpstackEncoding: settings.MF_CHIRPSTACK_ENCODING,
          enqueueTimeoutMs: Infinity,
        });
        const ca = settings.MF_MQTT_CA ? await readFile(settings.MF_MQTT_CA) : undefined;
        if (settings.MF_MQTT_ALARMS) {
          // Up before the subscription, so that no committed alarm finds it missing.
          const connection = openAlarmConnection({
            url: settings.MF_MQTT_URL,
            clientId: settings.MF_MQTT_CLIENT_ID,
            username: settings.MF_MQTT_USERNAME,
            password: settings.MF_MQTT_PASSWORD,
            protocolVersion: settings.MF_MQTT_PROTOCOL,
            keepaliveS: settings.MF_MQTT_KEEPALIVE_S,
            ca,
            logger,
          });
          alarms = createAlarmPublisher(connection.publish, { logger });
          transports.push({ name: 'mqtt-alarms', stopReading: () => undefined, close: () => connection.close() });
        }
        const client = await startExternalClient({
          url: settings.MF_MQTT_URL,
          clientId: settings.MF_MQTT_CLIENT_ID,
          username: settings.MF_MQTT_USERNAME,
          password: settings.MF_MQTT_PASSWORD,
          protocolVersion: settings.MF_MQTT_PROTOCOL,
          shareGroup: settings.MF_MQTT_SHARE_GROUP,
          sessionExpiryS: settings.MF_MQTT_SESSION_EXPIRY_S,
          receiveMaximum: settings.MF_MQTT_RECEIVE_MAXIMUM,
          keepaliveS: settings.MF_MQTT_KEEPALIVE_S,
          ca,
          router,
          ingest,
          metrics,
          logger,
        });
        transports.push({
          name: 'mqtt-external',
          stopReading: () => client.stopReading(),
          close: () => client.close(),
        });
      } else {
        const ingest = createMqttIngest({
          ingest: pipeline,
          router,
          clock,
          dedupWindowS: settings.MF_DEDUP_WINDOW_S,
          chirpstackEncoding: settings.MF_CHIRPSTACK_ENCODING,
          enqueueTimeoutMs: settings.MF_WRITER_ENQUEUE_TIMEOUT_MS,
        });
        const tls =
          settings.MF_MQTT_TLS_CERT && settings.MF_MQTT_TLS_KEY
            ? {
                port: settings.MF_MQTT_TLS_PORT,
                cert: await readFile(settings.MF_MQTT_TLS_CERT),
                key: await readFile(settings.MF_MQTT_TLS_KEY),
              }
            : undefined;
        const broker = await startEmbeddedBroker({
          ingest,
          router,
          devices,
          serviceUsers:
            settings.MF_MQTT_SERVICE_USER && settings.MF_MQTT_SERVICE_PASSWORD
              ? [{ username: settings.MF_MQTT_SERVICE_USER, password: settings.MF_MQTT_SERVICE_PASSWORD }]
              : [],
          host: settings.MF_MQTT_HOST,
          port: settings.MF_MQTT_PORT,
          tls,
          readBufferBytes: settings.MF_MQTT_READ_BUFFER_KB * 1024,
          metrics,
          logger,
          ...(simulatedClock ? { simulatedClock } : {}),
        });
        mqtt = { port: broker.port, tlsPort: broker.tlsPort };
        // Assigned in the continuation of the broker's start: no uplink can commit before it.
        if (settings.MF_MQTT_ALARMS) alarms = createAlarmPublisher(broker.publish, { logger });
        transports.push({
          name: 'mqtt-embedded',
          stopReading: () => broker.stopReading(),
          close: () => broker.close(),
        });
      }
    }
    const context: TransportContext = { ingest: pipeline, devices, metrics, logger, clock, settings, readiness };
    for (const start of deps.extraTransports ?? []) transports.push(await start(context));
  } catch (err) {
    await stopAll().catch(() => undefined);
    throw err;
  }
  started = true;
  logger.info({ transports: transports.map((t) => t.name) }, 'gateway started');

  let stopped: Promise<void> | undefined;
  return {
    pipeline,
    writer,
    devices,
    metrics,
    mqtt,
    alarms,
    readiness,
    stop() {
      stopped ??= stopAll().then(() => logger.info('gateway stopped'));
      return stopped;
    },
  };
}
