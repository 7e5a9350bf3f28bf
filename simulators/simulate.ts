/**
 * A simulation run: build the fleet, write its registry files, then generate its traffic and send
 * it (MQTT broker, CoAP server), write it to a capture file, or both. Generation stays pure
 * (meters/traffic.ts); this module only wires it to files and transports.
 */
import { writeFile } from 'node:fs/promises';
import { SimulatorErrorCode, SimulatorFailure, fail, ok, type Result } from './errors.js';
import { lockstepOverMqtt } from './sim-clock.js';
import type { WireMessage } from './message.js';
import { buildFleet } from './meters/fleet.js';
import type pg from 'pg';
import { registerFleet } from './meters/register-fleet.js';
import { accountsNdjson, devicesCsv, metersCsv, type AccountOptions } from './meters/registry-files.js';
import { generateTraffic } from './meters/traffic.js';
import { MESSAGE_FAULTS, type Fleet, type FleetOptions } from './meters/types.js';
import type { Speed } from './options.js';
import { openCaptureWriter, type CaptureWriter } from './replay/capture-file.js';
import { createCoapSender, type CoapSender } from './transport/coap-sender.js';
import { connectMqttPublisher, type MqttPublisher } from './transport/mqtt-publisher.js';
import { sendMessages, type Lockstep, type SendProgress, type SendSummary } from './transport/send.js';

export interface SimulationTargets {
  /** mqtt://[user:pass@]host:port */
  brokerUrl?: string;
  username?: string;
  password?: string;
  /** coap://host:port */
  coapUrl?: string;
  /** Independent CoAP client endpoints (default 8). */
  coapEndpoints?: number;
}

export interface SimulationRun {
  fleet: FleetOptions;
  targets: SimulationTargets;
  speed: Speed;
  devicesOut?: string;
  metersOut?: string;
  accountsOut?: string;
  /** Registers the fleet (meters, devices, accounts) in this database before sending. */
  register?: { pool: pg.Pool; singleConnection: boolean };
  accountOptions?: AccountOptions;
  captureOut?: string;
  mqttInFlight?: number;
  lockstep?: Lockstep;
  /**
   * Lockstep with a separate gateway on a simulated clock (`meterflow gateway --simulated-clock`):
   * the window's end is published to meterflow/sim/clock through the broker before each window.
   */
  gatewayClock?: { windowMs: number; ackLimitMs?: number };
  onProgress?: (p: SendProgress) => void;
  onStall?: (waiting: WireMessage[], waitedMs: number) => void;
  signal?: AbortSignal;
}

export interface FleetSummary {
  meters: number;
  byPath: Record<string, number>;
  byModel: Record<string, number>;
  faults: Record<string, number>;
  start: string;
  end: string;
}

export interface SimulationResult {
  fleet: Fleet;
  fleetSummary: FleetSummary;
  /** What was sent; undefined for a run that only generated (no broker, no CoAP server). */
  send: SendSummary | undefined;
  /** Messages generated (and written to the capture file, if any). */
  generated: number;
  /** Generated messages carrying each message fault (corrupt, truncated, multi-gateway copies). */
  messageFaults: Record<string, number>;
}

export function summariseFleet(fleet: Fleet): FleetSummary {
  const count = (keys: string[]) =>
    keys.reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {});
  return {
    meters: fleet.meters.length,
    byPath: count(fleet.meters.map((m) => m.path)),
    byModel: count(fleet.meters.map((m) => m.model)),
    faults: count(fleet.meters.flatMap((m) => (m.fault ? [m.fault.kind] : []))),
    start: new Date(fleet.options.startMs).toISOString(),
    end: new Date(fleet.endMs).toISOString(),
  };
}

/** Which targets the fleet needs: a broker for MQTT paths, a CoAP URL for CoAP meters. */
export function missingTargets(fleet: Fleet, targets: SimulationTargets): string | undefined {
  const needsMqtt = fleet.meters.some((m) => m.path !== 'coap');
  const needsCoap = fleet.meters.some((m) => m.path === 'coap');
  const missing: string[] = [];
  if (needsMqtt && !targets.brokerUrl)
    missing.push(`--broker (${fleet.meters.filter((m) => m.path !== 'coap').length} meters publish over MQTT)`);
  if (needsCoap && !targets.coapUrl)
    missing.push(
      `--coap (${fleet.meters.filter((m) => m.path === 'coap').length} meters send over CoAP; or set coap:0 in --mix)`,
    );
  return missing.length > 0 ? missing.join('; ') : undefined;
}

interface Counter {
  n: number;
  faults: Record<string, number>;
}

/** Tees generated messages into the capture file on their way to the sender. */
async function* teed(
  messages: Iterable<WireMessage>,
  capture: CaptureWriter | undefined,
  counter: Counter,
): AsyncGenerator<WireMessage> {
  for (const m of messages) {
    counter.n++;
    const fault = m.metadata.fault;
    if (typeof fault === 'string' && (MESSAGE_FAULTS as readonly string[]).includes(fault))
      counter.faults[fault] = (counter.faults[fault] ?? 0) + 1;
    if (capture) await capture.write(m);
    yield m;
  }
}

export async function runSimulation(run: SimulationRun): Promise<Result<SimulationResult>> {
  const built = buildFleet(run.fleet);
  if (!built.ok) return built;
  const fleet = built.value;
  const sending = run.targets.brokerUrl !== undefined || run.targets.coapUrl !== undefined;
  if (sending) {
    const missing = missingTargets(fleet, run.targets);
    if (missing !== undefined) return fail(SimulatorErrorCode.NO_TARGET, `the fleet needs ${missing}`);
  }
  try {
    if (run.devicesOut) await writeFile(run.devicesOut, devicesCsv(fleet));
    if (run.metersOut) await writeFile(run.metersOut, metersCsv(fleet));
    if (run.accountsOut) await writeFile(run.accountsOut, accountsNdjson(fleet, run.accountOptions));
  } catch (err) {
    return fail(SimulatorErrorCode.FILE_UNAVAILABLE, (err as Error).message);
  }
  if (run.register) {
    try {
      await registerFleet(run.register.pool, fleet, {
        ...run.accountOptions,
        singleConnection: run.register.singleConnection,
      });
    } catch (err) {
      return fail(SimulatorErrorCode.TARGET_UNREACHABLE, `registering the fleet failed: ${(err as Error).message}`);
    }
  }
  let capture: CaptureWriter | undefined;
  if (run.captureOut) {
    const opened = await openCaptureWriter(run.captureOut);
    if (!opened.ok) return opened;
    capture = opened.value;
  }
  const counter: Counter = { n: 0, faults: {} };
  let stopped = true;
  let mqtt: MqttPublisher | undefined;
  let coap: CoapSender | undefined;
  try {
    if (!sending) {
      for await (const _ of teed(generateTraffic(fleet), capture, counter)) {
        if (run.signal?.aborted) break;
      }
      return ok({
        fleet,
        fleetSummary: summariseFleet(fleet),
        send: undefined,
        generated: counter.n,
        messageFaults: counter.faults,
      });
    }
    if (run.targets.brokerUrl) {
      const connected = await connectMqttPublisher({
        url: run.targets.brokerUrl,
        ...(run.targets.username !== undefined ? { username: run.targets.username } : {}),
        ...(run.targets.password !== undefined ? { password: run.targets.password } : {}),
      });
      if (!connected.ok) return connected;
      mqtt = connected.value;
    }
    if (run.targets.coapUrl)
      coap = createCoapSender(
        run.targets.coapUrl,
        run.targets.coapEndpoints !== undefined ? { endpoints: run.targets.coapEndpoints } : {},
      );
    let lockstep = run.lockstep;
    if (run.gatewayClock) {
      if (mqtt === undefined)
        return fail(
          SimulatorErrorCode.NO_TARGET,
          '--lockstep sets the gateway clock through the MQTT broker: give --broker',
        );
      lockstep = lockstepOverMqtt(mqtt, run.fleet.startMs, run.gatewayClock.windowMs, run.gatewayClock.ackLimitMs);
    }
    let send: SendSummary;
    try {
      send = await sendMessages(teed(generateTraffic(fleet), capture, counter), {
        speed: run.speed,
        ...(mqtt ? { mqtt } : {}),
        ...(coap ? { coap } : {}),
        ...(run.mqttInFlight !== undefined ? { mqttInFlight: run.mqttInFlight } : {}),
        ...(run.targets.coapEndpoints !== undefined
          ? { coapInFlight: Math.max(64, 4 * run.targets.coapEndpoints) }
          : {}),
        ...(lockstep ? { lockstep } : {}),
        ...(run.onProgress ? { onProgress: run.onProgress } : {}),
        ...(run.onStall ? { onStall: run.onStall } : {}),
        ...(run.signal ? { signal: run.signal } : {}),
      });
    } catch (err) {
      if (err instanceof SimulatorFailure) return { ok: false, error: err.error };
      throw err;
    }
    stopped = send.stopped;
    return ok({
      fleet,
      fleetSummary: summariseFleet(fleet),
      send,
      generated: counter.n,
      messageFaults: counter.faults,
    });
  } finally {
    await capture?.close();
    await mqtt?.close(stopped).catch(() => undefined);
    coap?.close();
  }
}
