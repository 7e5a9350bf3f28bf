import { Duplex } from 'node:stream';
import { Aedes, type AedesPublishPacket } from 'aedes';
import { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alarmTopic, createAlarmPublisher, fromAedes, fromMqttClient, type AlarmMessage } from './alarm-publisher.js';
import type { AlarmChange } from './types.js';

/** Two connected in-memory duplex streams (what one side writes, the other reads). */
function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const make = (peer: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk, _enc, cb) {
        peer().push(chunk);
        cb();
      },
      final(cb) {
        peer().push(null);
        cb();
      },
      destroy(err, cb) {
        peer().push(null);
        cb(err);
      },
    });
  ends.push(
    make(() => ends[1]!),
    make(() => ends[0]!),
  );
  return [ends[0]!, ends[1]!];
}

const RAISE: AlarmChange = {
  action: 'raise',
  kind: 'leak',
  source: 'continuous_flow',
  severity: 'warning',
  detail: { sinceRestMs: 90_000_000 },
};
const CLEAR: AlarmChange = { action: 'clear', kind: 'leak', source: 'ended', severity: 'warning' };

describe('alarm publisher', () => {
  let broker: Aedes;
  let received: Array<{ topic: string; message: AlarmMessage; qos: number; retain: boolean }>;

  beforeEach(async () => {
    broker = await Aedes.createBroker();
    received = [];
    await new Promise<void>((resolve) =>
      broker.subscribe(
        'meterflow/alarms/#',
        (packet: AedesPublishPacket, cb: () => void) => {
          received.push({
            topic: packet.topic,
            message: JSON.parse(packet.payload.toString()) as AlarmMessage,
            qos: packet.qos,
            retain: packet.retain,
          });
          cb();
        },
        resolve,
      ),
    );
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  });

  it('publishes raises and clears to meterflow/alarms/{meterId} through the embedded broker', async () => {
    const publisher = createAlarmPublisher(fromAedes(broker));
    publisher.publish('M1', '2026-03-01T10:00:00.000Z', [RAISE]);
    publisher.publish('M1', '2026-03-01T16:00:00.000Z', [CLEAR]);
    await publisher.flush();
    expect(received.map((r) => r.topic)).toEqual(['meterflow/alarms/M1', 'meterflow/alarms/M1']);
    expect(received[0]?.message).toEqual({
      meterId: 'M1',
      kind: 'leak',
      action: 'raised',
      severity: 'warning',
      source: 'continuous_flow',
      at: '2026-03-01T10:00:00.000Z',
      detail: { sinceRestMs: 90_000_000 },
    });
    expect(received[1]?.message.action).toBe('cleared');
    expect(received[0]?.retain).toBe(false);
    expect(publisher.stats()).toMatchObject({ published: 2, failed: 0, dropped: 0, queued: 0 });
  });

  it('publishes through an mqtt.js client at QoS 1', async () => {
    const [clientSide, brokerSide] = duplexPair();
    broker.handle(brokerSide);
    const client = new MqttClient(() => clientSide, { protocolVersion: 4, clientId: 'vee-test', reconnectPeriod: 0 });
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const publisher = createAlarmPublisher(fromMqttClient(client));
    publisher.publish('M7', '2026-03-01T10:00:00.000Z', [
      { ...RAISE, kind: 'tamper', source: 'tamper', severity: 'critical' },
    ]);
    await publisher.flush();
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      topic: 'meterflow/alarms/M7',
      message: { kind: 'tamper', severity: 'critical' },
    });
  });

  it('publishes the writer’s committed changes, each to its own meter’s topic', async () => {
    const publisher = createAlarmPublisher(fromAedes(broker));
    publisher.publishCommitted([
      { ...RAISE, meterId: 'M1', time: '2026-03-01T10:00:00.000Z' },
      { ...CLEAR, kind: 'gap', meterId: 'M2', time: '2026-03-01T11:00:00.000Z' },
    ]);
    await publisher.flush();
    expect(received.map((r) => [r.topic, r.message.kind, r.message.action, r.message.at])).toEqual([
      ['meterflow/alarms/M1', 'leak', 'raised', '2026-03-01T10:00:00.000Z'],
      ['meterflow/alarms/M2', 'gap', 'cleared', '2026-03-01T11:00:00.000Z'],
    ]);
  });

  it('returns before anything is sent (off the ingest path)', async () => {
    const publisher = createAlarmPublisher(fromAedes(broker));
    publisher.publish('M1', '2026-03-01T10:00:00.000Z', [RAISE]);
    expect(received).toHaveLength(0);
    await publisher.flush();
    expect(received).toHaveLength(1);
  });

  it('drops the oldest message when its queue is full, and counts it', async () => {
    const publisher = createAlarmPublisher(fromAedes(broker), { maxQueued: 2 });
    publisher.publish('A', 't1', [RAISE]);
    publisher.publish('B', 't2', [RAISE]);
    publisher.publish('C', 't3', [RAISE]);
    await publisher.flush();
    expect(received.map((r) => r.message.meterId)).toEqual(['B', 'C']);
    expect(publisher.stats().dropped).toBe(1);
  });

  it('counts a failed send and never throws into the caller', async () => {
    const publisher = createAlarmPublisher(() => {
      throw new Error('broker gone');
    });
    expect(() => publisher.publish('M1', 't', [RAISE])).not.toThrow();
    await publisher.flush();
    expect(publisher.stats()).toMatchObject({ published: 0, failed: 1 });
  });

  it('escapes topic separators and wildcards in the meter id', () => {
    expect(alarmTopic('plant/3+#')).toBe('meterflow/alarms/plant%2F3%2B%23');
    expect(alarmTopic('SZ-0001')).toBe('meterflow/alarms/SZ-0001');
  });
});
