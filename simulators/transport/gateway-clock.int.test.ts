/**
 * Compressed time against a separate gateway: `meterflow gateway --simulated-clock` with
 * `meterflow simulate --lockstep`. The simulator sets the gateway's clock through the broker
 * (meterflow/sim/clock) before each window, so two simulated days sent in seconds are stored
 * exactly as the in-process lockstep of the demo stores them: same reading times, receive times,
 * registers and flags; a capture of that run replayed with `replay --lockstep` stores the same
 * again. A gateway on the wall clock refuses the topic and the run stops with a clear error
 * instead of storing compressed time as wall time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptureReplay } from '../../cli/commands/replay-capture.js';
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
import { freeUdpPort } from '../../common/free-port.js';

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

type Drive = 'in-process' | 'over-mqtt' | 'wall-clock gateway' | 'replay';

const dir = await mkdtemp(join(tmpdir(), 'mf-gw-clock-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const capture = join(dir, 'in-process.ndjson');

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
    const simulated = drive === 'over-mqtt' || drive === 'replay';
    const { gateway } = await startTestGateway(db, simulated ? { MF_SIMULATED_CLOCK: 'true' } : {}, {
      decoders: fleetDecoders(),
      validator: createValidator(),
      ...(drive === 'in-process' ? { clock } : {}),
      extraTransports: [coap],
    });
    const brokerUrl = `mqtt://127.0.0.1:${gateway.mqtt!.port}`;
    const simulation: SimulationRun = {
      fleet: options,
      targets: {
        brokerUrl,
        username: TEST_SERVICE_USER.username,
        password: TEST_SERVICE_USER.password,
        coapUrl: `coap://127.0.0.1:${coapPort}`,
      },
      speed: 'max',
      ...(drive === 'in-process'
        ? { lockstep: lockstepOn(clock, options.startMs, windowMs), captureOut: capture }
        : { gatewayClock: { windowMs, ackLimitMs: 2_000 } }),
    };
    try {
      if (drive === 'replay') {
        let printed = '';
        const io = { out: (t: string) => (printed += t), err: () => undefined };
        const code = await runCaptureReplay(
          capture,
          {
            speed: 'max',
            mqttUrl: brokerUrl,
            username: TEST_SERVICE_USER.username,
            password: TEST_SERVICE_USER.password,
            coap: `coap://127.0.0.1:${coapPort}`,
            coapEndpoints: '8',
            maxInFlight: '1000',
            lockstep: true,
            quiet: true,
          },
          io,
        );
        expect(code, printed).toBe(0);
      } else {
        const result = await runSimulation(simulation);
        if (!result.ok) return { readings: [], error: result.error.message, code: result.error.code };
        expect(result.value.send?.failed).toBe(0);
      }
    } finally {
      await gateway.stop();
    }
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
  let inProcess: Awaited<ReturnType<typeof run>>;

  it('stores compressed time exactly as the in-process lockstep does', async () => {
    inProcess = await run('in-process');
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

  it('replays a capture of the run with the recorded times (replay --lockstep)', async () => {
    const replayed = await run('replay');
    expect(replayed.error).toBeUndefined();
    expect(replayed.readings).toEqual(inProcess.readings);
  }, 120_000);

  it('stops with a clear error when the gateway runs on the wall clock', async () => {
    const refused = await run('wall-clock gateway');
    expect(refused.code).toBe(SimulatorErrorCode.TARGET_UNREACHABLE);
    expect(refused.error).toContain('--simulated-clock');
    expect(refused.readings).toEqual([]);
  }, 60_000);
});
