/**
 * Publishes alarm raises and clears to MQTT `meterflow/alarms/{meterId}` (QoS 1, not retained),
 * fire-and-forget and off the ingest path: `publish` only queues (bounded; the oldest is dropped
 * and counted when full) and a later tick hands the queue to the broker. It never throws into the
 * caller. Call it after the alarms are committed, so a subscriber never sees an uncommitted alarm.
 *
 * The port is the one function it needs, so either an mqtt.js client (external broker) or the
 * embedded aedes broker's publish can carry it (`fromMqttClient`, `fromAedes`).
 */
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import type { AlarmChange } from './types.js';

export const ALARM_TOPIC_PREFIX = 'meterflow/alarms/';

/** Sends one MQTT message; calls back with an error or nothing. */
export type MqttPublishFn = (topic: string, payload: Buffer, qos: 0 | 1, done: (err?: Error | null) => void) => void;

/** The message published for each alarm change. */
export interface AlarmMessage {
  meterId: string;
  kind: string;
  action: 'raised' | 'cleared';
  severity: AlarmChange['severity'];
  source: string;
  /** The reading time at which the condition appeared or ended. */
  at: string;
  detail?: AlarmChange['detail'];
}

/**
 * The topic for a meter: MQTT topic levels may not hold `/`, `+`, `#` or NUL, so those (and `%`)
 * are percent-encoded in the meter id.
 */
export function alarmTopic(meterId: string): string {
  let topic = ALARM_TOPIC_PREFIX;
  for (const c of meterId) {
    topic +=
      c === '%' || c === '/' || c === '+' || c === '#' || c === '\0'
        ? `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`
        : c;
  }
  return topic;
}

export interface AlarmPublisherStats {
  published: number;
  failed: number;
  dropped: number;
  queued: number;
}

export interface AlarmPublisher {
  /** Queues the changes of one reading; returns at once. */
  publish(meterId: string, at: string, changes: readonly AlarmChange[]): void;
  /**
   * Queues committed changes that carry their meter and reading time: hand it to the writer's
   * `onAlarmChanges` hook (`onAlarmChanges: (c) => publisher.publishCommitted(c)`).
   */
  publishCommitted(changes: ReadonlyArray<AlarmChange & { meterId: string; time: string }>): void;
  /** Resolves when everything queued so far has been handed to the broker and acknowledged or failed. */
  flush(): Promise<void>;
  stats(): AlarmPublisherStats;
}

export interface AlarmPublisherOptions {
  /** Messages held while the broker is slow; beyond this the oldest is dropped (default 10,000). */
  maxQueued?: number;
  qos?: 0 | 1;
  logger?: Logger;
}

export function createAlarmPublisher(send: MqttPublishFn, options: AlarmPublisherOptions = {}): AlarmPublisher {
  const maxQueued = options.maxQueued ?? 10_000;
  const qos = options.qos ?? 1;
  const logger = options.logger ?? silentLogger;
  const queue: Array<{ topic: string; payload: Buffer }> = [];
  const stats = { published: 0, failed: 0, dropped: 0 };
  let inFlight = 0;
  let scheduled = false;
  let waiters: Array<() => void> = [];

  const settleWaiters = () => {
    if (queue.length === 0 && inFlight === 0 && !scheduled) {
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    }
  };

  const drain = () => {
    scheduled = false;
    while (queue.length > 0) {
      const message = queue.shift()!;
      inFlight++;
      let settled = false;
      const done = (err?: Error | null) => {
        if (settled) return;
        settled = true;
        inFlight--;
        if (err) {
          stats.failed++;
          logger.warn({ err: err.message, topic: message.topic }, 'alarm publish');
        } else {
          stats.published++;
        }
        settleWaiters();
      };
      try {
        send(message.topic, message.payload, qos, done);
      } catch (err) {
        done(err instanceof Error ? err : new Error(String(err)));
      }
    }
    settleWaiters();
  };

  const enqueue = (meterId: string, at: string, c: AlarmChange) => {
    const message: AlarmMessage = {
      meterId,
      kind: c.kind,
      action: c.action === 'raise' ? 'raised' : 'cleared',
      severity: c.severity,
      source: c.source,
      at,
    };
    if (c.detail !== undefined) message.detail = c.detail;
    if (queue.length >= maxQueued) {
      queue.shift();
      stats.dropped++;
    }
    queue.push({ topic: alarmTopic(meterId), payload: Buffer.from(JSON.stringify(message)) });
  };
  const schedule = () => {
    if (!scheduled && queue.length > 0) {
      scheduled = true;
      setImmediate(drain);
    }
  };

  return {
    publish(meterId, at, changes) {
      for (const c of changes) enqueue(meterId, at, c);
      schedule();
    },
    publishCommitted(changes) {
      for (const c of changes) enqueue(c.meterId, c.time, c);
      schedule();
    },
    flush() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settleWaiters();
      });
    },
    stats() {
      return { ...stats, queued: queue.length + inFlight };
    },
  };
}

/** The subset of an mqtt.js client the publisher uses. */
export interface MqttClientLike {
  publish(
    topic: string,
    message: Buffer,
    opts: { qos: 0 | 1; retain: boolean },
    callback: (err?: Error) => void,
  ): unknown;
}

export function fromMqttClient(client: MqttClientLike): MqttPublishFn {
  return (topic, payload, qos, done) => {
    client.publish(topic, payload, { qos, retain: false }, (err) => done(err ?? null));
  };
}

/** The subset of an aedes broker the publisher uses (its in-process publish). */
export interface AedesLike {
  publish(
    packet: { cmd: 'publish'; topic: string; payload: Buffer; qos: 0 | 1; retain: boolean; dup: boolean },
    callback: (err?: Error | null) => void,
  ): void;
}

export function fromAedes(broker: AedesLike): MqttPublishFn {
  return (topic, payload, qos, done) => {
    broker.publish({ cmd: 'publish', topic, payload, qos, retain: false, dup: false }, (err) => done(err ?? null));
  };
}
