/**
 * The gateway's Prometheus metrics, on a registry of its own (no global state: tests and several
 * gateways in one process each get theirs). The HTTP server serves `registry.metrics()` with
 * `registry.contentType` at /metrics. docs/gateway.md lists every metric.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Labels of the acks counter for an MQTT PUBACK sent after commit, or withheld (shared objects). */
export const MQTT_ACK_SENT = { transport: 'mqtt', result: 'sent' } as const;
export const MQTT_ACK_WITHHELD = { transport: 'mqtt', result: 'withheld' } as const;

export interface GatewayMetrics {
  registry: Registry;
  /** Uplinks by transport, adapter and final status (accepted, duplicate, unknown_device, …). */
  uplinks: Counter<'transport' | 'adapter' | 'status'>;
  /** Dead-lettered uplinks by error code. */
  deadLetters: Counter<'code'>;
  /** Decoded readings by what became of them: stored, duplicate, conflict, out_of_order. */
  readings: Counter<'result'>;
  /** Alarm changes committed, by action (raise, clear). */
  alarmChanges: Counter<'action'>;
  /** Seconds per committed batch (one transaction). */
  batchSeconds: Histogram;
  /** Uplinks per committed batch. */
  batchSize: Histogram;
  /** Uplinks accepted by the writer and not yet committed (read from `watchQueueDepth`'s source at each scrape). */
  queueDepth: Gauge;
  /** Where queueDepth is read from: asked at each scrape, not set on every submit and commit. */
  watchQueueDepth(source: () => number): void;
  queueCapacity: Gauge;
  /** Acknowledgements by transport: sent after commit, or withheld (not committed; the sender retries). */
  acks: Counter<'transport' | 'result'>;
  /** Transient database errors that made the writer retry. */
  databaseRetries: Counter;
  /** Connected MQTT clients of the embedded broker, or 1/0 for the external broker session. */
  mqttClients: Gauge<'broker'>;
}

export function createGatewayMetrics(options: { processMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'meterflow_' });
  const registers = [registry];
  let queueDepthSource: (() => number) | undefined;
  return {
    registry,
    uplinks: new Counter({
      name: 'meterflow_uplinks_total',
      help: 'Uplinks by transport, adapter and final status',
      labelNames: ['transport', 'adapter', 'status'],
      registers,
    }),
    deadLetters: new Counter({
      name: 'meterflow_dead_letters_total',
      help: 'Dead-lettered uplinks by error code',
      labelNames: ['code'],
      registers,
    }),
    readings: new Counter({
      name: 'meterflow_readings_total',
      help: 'Decoded readings: stored, duplicate, conflict, out_of_order',
      labelNames: ['result'],
      registers,
    }),
    alarmChanges: new Counter({
      name: 'meterflow_alarm_changes_total',
      help: 'Alarm changes committed, by action',
      labelNames: ['action'],
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'meterflow_batch_duration_seconds',
      help: 'Duration of one writer transaction (one batch)',
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers,
    }),
    batchSize: new Histogram({
      name: 'meterflow_batch_size',
      help: 'Uplinks per committed batch',
      buckets: [1, 5, 10, 50, 100, 250, 500, 1000, 2000],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'meterflow_queue_depth',
      help: 'Uplinks accepted by the writer and not yet committed',
      registers,
      collect() {
        if (queueDepthSource) this.set(queueDepthSource());
      },
    }),
    watchQueueDepth(source) {
      queueDepthSource = source;
    },
    queueCapacity: new Gauge({
      name: 'meterflow_queue_capacity',
      help: 'Most uplinks the writer holds before it applies backpressure',
      registers,
    }),
    acks: new Counter({
      name: 'meterflow_acks_total',
      help: 'Acknowledgements by transport: sent after commit, or withheld',
      labelNames: ['transport', 'result'],
      registers,
    }),
    databaseRetries: new Counter({
      name: 'meterflow_database_retries_total',
      help: 'Transient database errors retried by the writer',
      registers,
    }),
    mqttClients: new Gauge({
      name: 'meterflow_mqtt_clients',
      help: 'Connected MQTT clients (embedded broker) or sessions (external broker)',
      labelNames: ['broker'],
      registers,
    }),
  };
}
