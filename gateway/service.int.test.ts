/**
 * The whole gateway with the validation rules wired in: QoS 1 messages through the embedded
 * broker, the direct adapter, the pipeline and the writer (INSERT, and COPY on a server) with
 * createValidator(). The stored flags and alarms are the rules', each alarm change reaches MQTT
 * `meterflow/alarms/{meterId}` only after its transaction committed, and an actual reading for an
 * estimated time supersedes the estimate with a logged revision.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../common/clock.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../storage/testing.js';
import type { WriteMethod } from './sinks/timescale.js';
import { fixturePayload, type FixturePayload } from './testing/fixture-decoder.js';
import { startTestGateway, TEST_SERVICE_USER, type TestGateway } from './testing/gateway-harness.js';
import { registerFixtureDevices } from './testing/uplinks.js';
import type { AlarmMessage } from './validation/alarm-publisher.js';
import { listAlarms } from './validation/alarm-store.js';
import { insertReadings } from './validation/db-testing.js';
import { listReadings } from './validation/readings-store.js';
import { revisionsOf } from './validation/revisions.js';
import { createValidator } from './validation/validator.js';

const T0 = Date.parse('2026-02-01T00:00:00.000Z');
const HOUR_MS = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR_MS).toISOString();

const cases: Array<[string, WriteMethod]> = testEngines().flatMap((engine): Array<[string, WriteMethod]> =>
  engine === 'server'
    ? [
        [engine, 'insert'],
        [engine, 'copy'],
      ]
    : [[engine, 'insert']],
);

interface Received {
  message: AlarmMessage;
  /** Whether the uplink whose reading changed the alarm had committed when the message arrived. */
  committed: boolean;
}

describe.each(cases)('the gateway with the validation rules (%s engine, %s)', (engine, method) => {
  let db: TestDatabase;
  let t: TestGateway;
  let client: mqtt.MqttClient;
  let receivedAtMs = T0;
  const clock: Clock = { now: () => new Date(receivedAtMs) };
  const received: Received[] = [];
  /** `${meterId}@${time}` → the dedup key prefix of the uplink that carried it. */
  const keyOf = new Map<string, string>();
  const outcomes = new Map<string, string>();
  let messageId = 0;

  const devices = ['BW', 'SP', 'LK', 'ES', 'EX', 'ZA', 'ZV'];

  async function send(meterId: string, hours: number, p: Omit<FixturePayload, 'time'>, deviceId = `dev-${meterId}`) {
    const time = at(hours);
    const id = `m${++messageId}`;
    const payload = fixturePayload({ ...p, time });
    keyOf.set(`${meterId}@${time}`, `direct:${deviceId}:id:${id}:`);
    receivedAtMs = Date.parse(time) + 20_000;
    await client.publishAsync(`meters/${deviceId}/up`, JSON.stringify({ payload_hex: payload.toString('hex'), id }), {
      qos: 1,
    });
    return `direct:${deviceId}:id:${id}:`;
  }

  const rawStatus = async (prefix: string) =>
    (
      await db.pool.query<{ status: string; error_code: string | null }>(
        `SELECT status, error_code FROM raw_uplinks WHERE dedup_key LIKE $1 || '%'`,
        [prefix],
      )
    ).rows;

  const flagsByHour = async (meterId: string) =>
    new Map(
      (await listReadings(db.pool, { meterId })).map((r) => [Math.round((Date.parse(r.time) - T0) / HOUR_MS), r]),
    );

  beforeAll(async () => {
    db = await createTestDatabase(engine as 'embedded' | 'server');
    await registerFixtureDevices(db.pool, [
      ...devices.map((m) => ({ deviceId: `dev-${m}`, meterId: m })),
      { deviceId: 'dev-UM' }, // no meter: the payload names one that is not registered
    ]);
    await db.pool.query(`UPDATE meters SET meter_class = 'zc' WHERE meter_id IN ('ZA', 'ZV')`);
    await db.pool.query(
      `INSERT INTO accounts (account_id, opened_on, closed_on, import_checksum) VALUES
         ('A-OPEN', '2025-01-01', NULL, 'x'), ('A-CLOSED', '2025-01-01', '2025-06-30', 'x'), ('A-EX', '2025-01-01', NULL, 'x')`,
    );
    await db.pool.query(
      `INSERT INTO meter_installations (account_id, meter_id, installed_at) VALUES
         ('A-OPEN', 'ZA', $1), ('A-CLOSED', 'ZV', $1)`,
      [at(-24)],
    );
    t = await startTestGateway(
      db,
      { MF_WRITER_METHOD: method },
      {
        clock,
        // Zero consumption after 3 hours for class zc, so that a short series shows it.
        validator: createValidator({ config: { classes: { zc: { zeroConsumptionDays: 0.125 } } } }),
      },
    );
    client = await mqtt.connectAsync(`mqtt://127.0.0.1:${t.gateway.mqtt!.port}`, {
      username: TEST_SERVICE_USER.username,
      password: TEST_SERVICE_USER.password,
      clientId: `vee-${engine}-${method}`,
      reconnectPeriod: 0,
    });
    client.on('message', (_topic, payload) => {
      const message = JSON.parse(payload.toString()) as AlarmMessage;
      const prefix = keyOf.get(`${message.meterId}@${message.at}`);
      received.push({ message, committed: [...t.committed].some((k) => prefix !== undefined && k.startsWith(prefix)) });
    });
    await client.subscribeAsync('meterflow/alarms/#', { qos: 1 });

    // An estimate stored between two actual readings of ES, before the actual for its time arrives.
    await send('ES', 0, { litres: 100 });
    await send('ES', 2, { litres: 102 });
    await insertReadings(db.pool, [
      { meterId: 'ES', time: at(1), registerMl: 100_500, quality: 'estimated', estimateMethod: 'linear' },
    ]);
    // A meter exchanged between two readings: the new meter starts near zero.
    await send('EX', 0, { litres: 500_000 });
    await send('EX', 1, { litres: 500_001 });
    await db.pool.query(
      `INSERT INTO meter_installations (account_id, meter_id, installed_at) VALUES ('A-EX', 'EX', $1)`,
      [at(1.5)],
    );

    for (let h = 0; h <= 4; h++) {
      await send('BW', h, { litres: h < 4 ? 100 + h : 50 }); // backwards at hour 4
      if (h <= 2) await send('SP', h, { litres: h < 2 ? 100 + h : 101 + 8_000 }); // 8 m³ in an hour on DN15
      if (h <= 2) await send('LK', h, { litres: 100 + h, ...(h < 2 ? { alarms: ['leak' as const] } : {}) });
      await send('ZA', h, { litres: 100 });
      await send('ZV', h, { litres: 100 });
    }
    outcomes.set('ES', await send('ES', 1, { litres: 101 }));
    outcomes.set('EX', await send('EX', 2, { litres: 10 }));
    outcomes.set('UM', await send('UM', 0, { litres: 5 }, 'dev-UM'));
    await t.gateway.alarms!.flush();
    const deadline = Date.now() + 5_000;
    while (received.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100)); // nothing further arrives late
  });
  afterAll(async () => {
    await client?.endAsync(true);
    await t?.gateway.stop();
    await db?.close();
  });

  it('stores the rules’ flags on the readings: backwards step, spike, leak bit, zero consumption', async () => {
    const names = async (m: string) => new Map([...(await flagsByHour(m))].map(([h, r]) => [h, r.flagNames]));
    const bw = await names('BW');
    expect([bw.get(3), bw.get(4)]).toEqual([[], ['register_backwards']]);
    expect((await names('SP')).get(2)).toEqual(['spike_overload']);
    const lk = await names('LK');
    expect([lk.get(0), lk.get(1), lk.get(2)]).toEqual([['meter_leak'], ['meter_leak'], []]);
    const za = await names('ZA');
    expect([0, 1, 2, 3, 4].map((h) => za.get(h))).toEqual([[], [], [], ['zero_consumption'], ['zero_consumption']]);
  });

  it('fills the meter profile from the installation and account: a vacant meter, a meter exchange', async () => {
    const zv = await flagsByHour('ZV');
    expect([...zv.values()].map((r) => r.flagNames)).toEqual([[], [], [], [], []]);
    // The state before the exchange belongs to the old meter: 10 L after 500 m³ is not backwards.
    expect((await flagsByHour('EX')).get(2)?.flagNames).toEqual([]);
    expect(await rawStatus(outcomes.get('EX')!)).toEqual([{ status: 'accepted', error_code: null }]);
  });

  it('dead-letters a reading for an unregistered meter, archived with its code', async () => {
    expect(await rawStatus(outcomes.get('UM')!)).toEqual([{ status: 'invalid', error_code: 'GATEWAY_UNKNOWN_METER' }]);
    expect(await listReadings(db.pool, { meterId: 'dev-UM' })).toEqual([]);
  });

  it('keeps the alarms’ lifecycle: raised, last seen while it holds, cleared when it ends', async () => {
    const all = await listAlarms(db.pool, { state: 'all' });
    const summary = all
      .map((a) => `${a.meterId} ${a.kind} ${a.state} ${a.raisedAt} ${a.lastSeenAt} ${a.clearedAt ?? '-'}`)
      .sort();
    expect(summary).toEqual(
      [
        `BW register_backwards active ${at(4)} ${at(4)} -`,
        `LK leak cleared ${at(0)} ${at(2)} ${at(2)}`,
        `SP spike active ${at(2)} ${at(2)} -`,
        `ZA zero_consumption active ${at(3)} ${at(4)} -`,
      ].sort(),
    );
  });

  it('publishes every raise and clear on MQTT once, each after its transaction committed', () => {
    const events = received.map((r) => `${r.message.meterId} ${r.message.kind} ${r.message.action} ${r.message.at}`);
    expect(events.sort()).toEqual(
      [
        `BW register_backwards raised ${at(4)}`,
        `LK leak raised ${at(0)}`,
        `LK leak cleared ${at(2)}`,
        `SP spike raised ${at(2)}`,
        `ZA zero_consumption raised ${at(3)}`,
      ].sort(),
    );
    expect(received.map((r) => r.committed)).toEqual(received.map(() => true));
    expect(t.gateway.alarms!.stats()).toMatchObject({ published: 5, failed: 0, dropped: 0 });
  });

  it('lets an actual reading supersede an estimate of the same time and logs the revision', async () => {
    expect(await rawStatus(outcomes.get('ES')!)).toEqual([{ status: 'accepted', error_code: null }]);
    const es = (await flagsByHour('ES')).get(1)!;
    expect(es).toMatchObject({
      registerMl: 101_000,
      quality: 'actual',
      estimateMethod: null,
      flagNames: ['out_of_order'],
    });
    const revisions = await revisionsOf(db.pool, 'ES', at(1));
    expect(revisions.map((r) => [r.cause, r.oldRegisterMl, r.newRegisterMl, r.oldQuality, r.newQuality])).toEqual([
      ['superseded_estimate', 100_500, 101_000, 'estimated', 'actual'],
    ]);
  });

  it('keeps only the validator’s memory in meter_state.state', async () => {
    const { rows } = await db.pool.query<{ state: Record<string, unknown>; last_register_ml: number }>(
      `SELECT state, last_register_ml FROM meter_state WHERE meter_id = 'BW'`,
    );
    expect(rows[0]?.last_register_ml).toBe(50_000);
    expect(Object.keys(rows[0]!.state).sort()).toEqual([
      'averageFlowLph',
      'averageSamples',
      'clockOffsetMs',
      'registerChangedAtMs',
      'reverseMl',
      'zeroFlowAtMs',
    ]);
  });
});
