/**
 * The whole path on a real gateway: the simulated fleet is registered in an embedded TimescaleDB
 * engine, its traffic sent live to the gateway's embedded broker and CoAP port while being
 * captured, then the capture replayed into a fresh gateway. Both runs store the same readings,
 * flags, dead letters and alarms. The gateway runs on the simulation's clock (lockstep), so that
 * receive times do not depend on the machine's speed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_SERVICE_USER } from '../../gateway/testing/gateway-harness.js';
import { coapStarterFromEnv } from '../../gateway/transports/coap/starter.js';
import { createValidator } from '../../gateway/validation/validator.js';
import { createTestDatabase } from '../../storage/testing.js';
import { registerFleet } from '../meters/register-fleet.js';
import { fleetDecoders } from '../fleet-decoders.js';
import { fleetOptions } from '../testing/fleets.js';
import { lockstepOn, lockstepWindowMs, simulationClock } from '../sim-clock.js';
import { runSimulation } from '../simulate.js';
import { buildFleet } from '../meters/fleet.js';
import { createCoapSender } from '../transport/coap-sender.js';
import { connectMqttPublisher } from '../transport/mqtt-publisher.js';
import { sendMessages, type SendSummary } from '../transport/send.js';
import { captureMessages } from './capture-file.js';
import { freeUdpPort } from '../../common/free-port.js';

const dir = await mkdtemp(join(tmpdir(), 'mf-gw-replay-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const base = fleetOptions({
  meters: 24,
  seed: 'gateway-replay',
  days: 2,
  faultRates: { corrupt: 0.01, truncated: 0.01, 'multi-gateway': 0.03 },
});
const probe = buildFleet(base);
if (!probe.ok) throw new Error(probe.error.message);
const wmbusMeter = probe.value.meters.find((m) => m.path === 'wmbus')!.meterId;
const loraMeter = probe.value.meters.find((m) => m.model === 'axioma/qalcosonic-w1')!.meterId;
const coapMeter = probe.value.meters.find((m) => m.path === 'coap')!.meterId;
const options = {
  ...base,
  injections: [
    { kind: 'tamper' as const, meter: wmbusMeter },
    { kind: 'burst' as const, meter: coapMeter },
    { kind: 'drift' as const, meter: loraMeter },
  ],
};
const built = buildFleet(options);
if (!built.ok) throw new Error(built.error.message);
const fleet = built.value;
const capture = join(dir, 'live.ndjson');

interface Stored {
  readings: string[];
  uplinks: string[];
  alarms: string[];
  send: SendSummary;
}

async function withGateway(
  send: (
    targets: { mqttUrl: string; coapUrl: string },
    lockstep: ReturnType<typeof lockstepOn>,
  ) => Promise<SendSummary>,
): Promise<Stored> {
  const db = await createTestDatabase('embedded');
  try {
    await registerFleet(db.pool, fleet, { singleConnection: db.singleConnection });
    const clock = simulationClock(options.startMs);
    const coapPort = await freeUdpPort();
    const coapEnv = { MF_COAP_PORT: String(coapPort), MF_COAP_HOST: '127.0.0.1', MF_COAP_PIGGYBACK_MS: '3000' };
    const { gateway } = await startTestGateway(
      db,
      {},
      {
        decoders: fleetDecoders(),
        validator: createValidator(),
        clock,
        extraTransports: [coapStarterFromEnv(coapEnv)!],
      },
    );
    let summary: SendSummary;
    try {
      summary = await send(
        {
          mqttUrl: `mqtt://${TEST_SERVICE_USER.username}:${TEST_SERVICE_USER.password}@127.0.0.1:${gateway.mqtt!.port}`,
          coapUrl: `coap://127.0.0.1:${coapPort}`,
        },
        lockstepOn(clock, options.startMs, lockstepWindowMs(options.intervalS)),
      );
    } finally {
      await gateway.stop();
    }
    const readings = await db.pool.query(
      `SELECT meter_id, time, received_at, register_ml, flags, quality FROM readings ORDER BY meter_id, time`,
    );
    const uplinks = await db.pool.query(
      `SELECT status, coalesce(error_code, '') AS code, count(*)::int AS n FROM raw_uplinks GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const alarms = await db.pool.query(
      `SELECT meter_id, kind, raised_at, cleared_at, state FROM alarms ORDER BY meter_id, kind, raised_at`,
    );
    return {
      readings: readings.rows.map(
        (r) =>
          `${r.meter_id} ${new Date(r.time).toISOString()} ${new Date(r.received_at).toISOString()} ${r.register_ml} ${r.flags} ${r.quality}`,
      ),
      uplinks: uplinks.rows.map((r) => `${r.status} ${r.code} ${r.n}`),
      alarms: alarms.rows.map(
        (r) =>
          `${r.meter_id} ${r.kind} ${new Date(r.raised_at).toISOString()} ${r.cleared_at ? new Date(r.cleared_at).toISOString() : '-'} ${r.state}`,
      ),
      send: summary,
    };
  } finally {
    await db.close();
  }
}

describe('replaying a capture into the gateway', () => {
  let live: Stored;

  it('stores the live run: every uplink acknowledged, faults flagged', async () => {
    live = await withGateway(async (targets, lockstep) => {
      const result = await runSimulation({
        fleet: options,
        targets: { brokerUrl: targets.mqttUrl, coapUrl: targets.coapUrl },
        speed: 'max',
        captureOut: capture,
        lockstep,
      });
      if (!result.ok) throw new Error(result.error.message);
      return result.value.send!;
    });
    expect(live.send.failed).toBe(0);
    expect(live.send.acknowledged + live.send.rejected).toBe(live.send.sent);
    expect(live.readings.length).toBeGreaterThan(24 * 40);
    expect(live.uplinks.some((u) => u.startsWith('accepted '))).toBe(true);
    expect(live.uplinks.some((u) => u.startsWith('decode_error '))).toBe(true);
    expect(live.alarms.some((a) => a.startsWith(`${wmbusMeter} tamper `))).toBe(true);
  }, 240_000);

  it('stores the same readings, flags, dead letters and alarms from the capture', async () => {
    const replayed = await withGateway(async (targets, lockstep) => {
      const mqtt = await connectMqttPublisher({ url: targets.mqttUrl });
      if (!mqtt.ok) throw new Error(mqtt.error.message);
      const coap = createCoapSender(targets.coapUrl);
      try {
        return await sendMessages(captureMessages(capture), { speed: 'max', mqtt: mqtt.value, coap, lockstep });
      } finally {
        await mqtt.value.close();
        coap.close();
      }
    });
    expect(replayed.send.sent).toBe(live.send.sent);
    expect(replayed.readings).toEqual(live.readings);
    expect(replayed.uplinks).toEqual(live.uplinks);
    expect(replayed.alarms).toEqual(live.alarms);
  }, 240_000);
});
