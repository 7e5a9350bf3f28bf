/**
 * The rules in the gateway's real writer: uplinks decoded by the fixture decoder go through the
 * TimescaleDB store with createValidator(); the stored flags and alarms are what the rules say,
 * the committed alarm changes reach MQTT, and `meterflow validate` over the stored readings
 * agrees with the live pipeline.
 */
import { Aedes, type AedesPublishPacket } from 'aedes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { createBatchWriter, type BatchWriter } from '../sinks/batch-writer.js';
import { createTimescaleStore } from '../sinks/timescale.js';
import { fixtureDevice, fixtureUplink, prepared, registerMeters } from '../testing/uplinks.js';
import { createAlarmPublisher, fromAedes, type AlarmMessage } from './alarm-publisher.js';
import { listAlarms } from './alarm-store.js';
import { HOUR_MS } from './daily-profile.js';
import { flagNames } from './flags.js';
import { listReadings } from './readings-store.js';
import { revalidate } from './revalidate.js';
import { createValidator } from './validator.js';

const T0 = Date.parse('2026-02-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe.each(testEngines())('validation in the gateway’s writer (%s)', (engine) => {
  let db: TestDatabase;
  let writer: BatchWriter;
  let broker: Aedes;
  const published: AlarmMessage[] = [];
  const meterId = `P-${engine}`;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    broker = await Aedes.createBroker();
    await new Promise<void>((resolve) =>
      broker.subscribe(
        `meterflow/alarms/${meterId}`,
        (packet: AedesPublishPacket, cb: () => void) => {
          published.push(JSON.parse(packet.payload.toString()) as AlarmMessage);
          cb();
        },
        resolve,
      ),
    );
    const publisher = createAlarmPublisher(fromAedes(broker));
    await registerMeters(db.pool, [meterId]);
    await db.pool.query('UPDATE meters SET expected_interval_s = 3600 WHERE meter_id = $1', [meterId]);
    writer = createBatchWriter(
      createTimescaleStore(db, { validator: createValidator(), onAlarmChanges: (c) => publisher.publishCommitted(c) }),
      { lingerMs: 2, maxBatch: 16 },
    );
    const device = fixtureDevice(`dev-${meterId}`, meterId);
    let litres = 1_000;
    for (let i = 0; i < 72; i++) {
      if (i >= 50 && i < 54) continue; // silent for 5 hours: a gap
      if (i < 30)
        litres += 2; // flows without rest for 30 h: a leak
      else if (i % 24 === 7) litres += 40;
      if (i === 40) litres += 8_000; // 8 m³ in an hour on a DN15 meter: above Q4
      if (i === 45) litres -= 500; // backwards
      const time = at(i * HOUR_MS);
      const up = fixtureUplink(
        device.deviceId,
        { time, litres, ...(i >= 60 && i < 63 ? { alarms: ['tamper' as const] } : {}) },
        at(i * HOUR_MS + 20_000),
      );
      const outcome = await writer.submit(prepared(up, device));
      expect(outcome.status).toBe('accepted');
    }
    await publisher.flush();
  });
  afterAll(async () => {
    await writer?.drain(5_000);
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await db?.close();
  });

  it('stores the flags the rules give', async () => {
    const rows = await listReadings(db.pool, { meterId });
    const byHour = new Map(rows.map((r) => [Math.round((Date.parse(r.time) - T0) / HOUR_MS), r.flagNames]));
    expect(byHour.get(24)).toEqual(['continuous_flow']);
    expect(byHour.get(40)).toEqual(expect.arrayContaining(['spike_overload']));
    expect(byHour.get(45)).toEqual(['register_backwards']);
    expect(byHour.get(54)).toEqual(['gap']);
    expect(byHour.get(61)).toEqual(['tamper']);
    expect(byHour.get(10)).toEqual([]);
  });

  it('keeps the alarms’ lifecycle and publishes each raise and clear', async () => {
    const alarms = await listAlarms(db.pool, { meterId, state: 'all' });
    const leak = alarms.find((a) => a.kind === 'leak')!;
    expect(leak).toMatchObject({
      state: 'cleared',
      source: 'continuous_flow',
      raisedAt: at(24 * HOUR_MS),
      clearedAt: at(30 * HOUR_MS),
    });
    expect(alarms.find((a) => a.kind === 'tamper')).toMatchObject({
      raisedAt: at(60 * HOUR_MS),
      clearedAt: at(63 * HOUR_MS),
    });
    const events = published.map((m) => `${m.kind}:${m.action}`);
    expect(events).toEqual(
      expect.arrayContaining([
        'leak:raised',
        'leak:cleared',
        'spike:raised',
        'register_backwards:raised',
        'gap:raised',
        'tamper:raised',
        'tamper:cleared',
      ]),
    );
    expect(published.filter((m) => m.action === 'raised')).toHaveLength(alarms.length);
  });

  it('meterflow validate over the stored readings gives the live pipeline’s flags', async () => {
    const report = await revalidate(db.pool, { since: at(0), meterId });
    expect(report.readings).toBe(68);
    expect(report.changes.map((c) => `${c.time} ${flagNames(c.storedFlags)} → ${flagNames(c.flags)}`)).toEqual([]);
  });
});
