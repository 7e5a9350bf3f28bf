/**
 * Compressed time against a separate gateway: `meterflow gateway --simulated-clock` with
 * `meterflow simulate --lockstep`. The simulator sets the gateway's clock through the broker
 * (meterflow/sim/clock) before each window, so two simulated days sent in seconds are stored
 * exactly as the in-process lockstep of the demo stores them: same reading times, receive times,
 * registers and flags. A gateway on the wall clock refuses the topic and the run stops with a
 * clear error instead of storing compressed time as wall time.
 */
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { startTestGateway, TEST_SERVICE_USER } from '../../gateway/testing/gateway-harness.js';
import { coapStarterFromEnv } from '../../gateway/transports/coap/starter.js';
import { createValidator } from '../../gateway/validation/validator.js';
import { createTestDatabase } from '../../storage/testing.js';
import { SimulatorErrorCode } from '../errors.js';
import { fleetDecoders } from '../fleet-decoders.js';
import { buildFleet } from '../meters/fleet.js';
import { registerFleet } from '../meters/register-fleet.js';
import { lockstepOn, lockstepWindowMs, simulationClock } from '../sim-clock.js';
import { runSimulation, type SimulationRun } from '../simulate.js';
import { fleetOptions } from '../testing/fleets.js';

const options = fleetOptions({
  meters: 12,
  seed: 'gateway-clock',
  days: 2,
  faultRates: { leak: 0.1, tamper: 0.1 },
});
const built = buildFleet(options);
if (!built.ok) throw new Error(built.error.message);
const fleet = built.value;
const windowMs = lockstepWindowMs(options.intervalS);

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

type Drive = 'in-process' | 'over-mqtt' | 'wall-clock gateway';

/** Runs the fleet into a fresh gateway; returns the stored readings, or the run's error. */
async function run(drive: Drive): Promise<{ readings: string[]; error?: string; code?: string }> {
  const db = await createTestDatabase('embedded');
  try {
    await registerFleet(db.pool, fleet, { singleConnection: db.singleConnection });
    const clock = simulationClock(options.startMs);
    const coapPort = await freeUdpPort();
    const coap = coapStarterFromEnv({
      MF_COAP_PORT: String(coapPort),
      MF_COAP_HOST: '127.0.0.1',
      MF_COAP_PIGGYBACK_MS: '3000',
    })!;
    const { gateway } = await startTestGateway(db, drive === 'over-mqtt' ? { MF_SIMULATED_CLOCK: 'true' } : {}, {
      decoders: fleetDecoders(),
      validator: createValidator(),
      ...(drive === 'in-process' ? { clock } : {}),
      extraTransports: [coap],
    });
    const simulation: SimulationRun = {
      fleet: options,
      targets: {
        brokerUrl: `mqtt://127.0.0.1:${gateway.mqtt!.port}`,
        username: TEST_SERVICE_USER.username,
        password: TEST_SERVICE_USER.password,
        coapUrl: `coap://127.0.0.1:${coapPort}`,
      },
      speed: 'max',
      ...(drive === 'in-process'
        ? { lockstep: lockstepOn(clock, options.startMs, windowMs) }
        : { gatewayClock: { windowMs, ackLimitMs: 2_000 } }),
    };
    let result;
    try {
      result = await runSimulation(simulation);
    } finally {
      await gateway.stop();
    }
    if (!result.ok) return { readings: [], error: result.error.message, code: result.error.code };
    expect(result.value.send?.failed).toBe(0);
    const { rows } = await db.pool.query<{ line: string }>(
      `SELECT meter_id || ' ' || to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') || ' ' ||
              to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') || ' ' ||
              register_ml || ' ' || flags AS line
         FROM readings ORDER BY meter_id, time`,
    );
    return { readings: rows.map((r) => r.line) };
  } finally {
    await db.close();
  }
}

describe('a separate gateway on the simulation clock', () => {
  it('stores compressed time exactly as the in-process lockstep does', async () => {
    const inProcess = await run('in-process');
    const overMqtt = await run('over-mqtt');
    expect(inProcess.error).toBeUndefined();
    expect(overMqtt.error).toBeUndefined();
    expect(inProcess.readings.length).toBeGreaterThan(12 * 2 * 24 * 0.9);
    expect(overMqtt.readings).toEqual(inProcess.readings);
    // received times follow the simulation, not the seconds the test took
    const received = overMqtt.readings.map((line) => Date.parse(`${line.split(' ')[2]}Z`));
    expect(Math.min(...received)).toBeGreaterThanOrEqual(options.startMs);
    expect(Math.max(...received) - Math.min(...received)).toBeGreaterThan(36 * 3_600_000);
  }, 120_000);

  it('stops with a clear error when the gateway runs on the wall clock', async () => {
    const refused = await run('wall-clock gateway');
    expect(refused.code).toBe(SimulatorErrorCode.TARGET_UNREACHABLE);
    expect(refused.error).toContain('--simulated-clock');
    expect(refused.readings).toEqual([]);
  }, 60_000);
});
