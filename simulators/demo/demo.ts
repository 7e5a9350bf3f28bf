/**
 * The one-command demo (`meterflow demo`, `npm start`): an embedded TimescaleDB engine in memory,
 * the gateway (embedded MQTT broker and CoAP port) on the simulation's clock, a simulated fleet
 * over one billing period with a few faults, then the period rated. Nothing outside the process
 * is touched: the broker and the CoAP port listen on free loopback ports.
 *
 * The gateway runs on simulated time (lockstep, transport/send.ts): each 15-minute window of
 * traffic is received at the window's end, so a month passes in seconds and the stored readings
 * are the same on every run.
 */
import { randomBytes } from 'node:crypto';
import { silentLogger, type Logger } from '../../common/logger.js';
import { gatewaySettings } from '../../gateway/config.js';
import { startGateway } from '../../gateway/service.js';
import { coapStarterFromEnv } from '../../gateway/transports/coap/starter.js';
import { createValidator } from '../../gateway/validation/validator.js';
import { ratePeriod, type RateJobReport } from '../../rating/jobs/run-period.js';
import { openDatabase, type Database } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { SimulatorErrorCode, SimulatorFailure, simulatorError } from '../errors.js';
import { fleetDecoders } from '../fleet-decoders.js';
import { Calendar } from '../meters/calendar.js';
import { buildFleet } from '../meters/fleet.js';
import { registerFleet } from '../meters/register-fleet.js';
import type { FaultKind, FleetOptions, PathKind } from '../meters/types.js';
import { DEFAULT_NETWORK } from '../options.js';
import { lockstepOn, lockstepWindowMs, simulationClock } from '../sim-clock.js';
import { runSimulation, type FleetSummary } from '../simulate.js';
import type { WireMessage } from '../message.js';
import type { SendProgress, SendSummary } from '../transport/send.js';
import { importDemoTariffs } from './tariffs.js';
import { readDemoFigures, type DemoFigures } from './figures.js';
import { freeUdpPort } from '../../common/free-port.js';

export interface DemoOptions {
  meters: number;
  days: number;
  intervalS: number;
  seed: string;
  startMs: number;
  timeZone: string;
  mix: Record<PathKind, number>;
  faults: Partial<Record<FaultKind, number>>;
  /** Rating worker threads (default: as many as cores). */
  workers?: number;
  /** The gateway's and the database's logger (default: silent). */
  logger?: Logger;
  /** A PostgreSQL/TimescaleDB server to use instead of the embedded engine (an empty database). */
  databaseUrl?: string;
  onStage?: (stage: string) => void;
  onProgress?: (p: SendProgress) => void;
  /** Called while acknowledgements are awaited for long (with what is still unacknowledged). */
  onStall?: (waiting: WireMessage[], waitedMs: number) => void;
}

export interface DemoReport {
  fleet: FleetSummary;
  send: SendSummary;
  /** Generated messages carrying each message fault (corrupt, truncated, multi-gateway copies). */
  messageFaults: Record<string, number>;
  rating: RateJobReport;
  figures: DemoFigures;
  /** Wall time per stage, ms. */
  timings: Record<string, number>;
}

/** A few faults of every kind, as a utility would see in a month. */
export const DEMO_FAULTS: Partial<Record<FaultKind, number>> = {
  leak: 0.01,
  burst: 0.005,
  stuck: 0.005,
  reverse: 0.005,
  rollover: 0.005,
  tamper: 0.02,
  drift: 0.005,
  offline: 0.01,
  'fcnt-reset': 0.005,
  corrupt: 0.001,
  truncated: 0.001,
  'multi-gateway': 0.01,
};

/** CoAP client endpoints of the demo's NB-IoT meters (each sends one request at a time). */
export const DEMO_COAP_ENDPOINTS = 32;

/** The demo gives up when no acknowledgement arrives for this long. */
export const DEMO_STALL_LIMIT_MS = 60_000;

/** The billing period the run covers: the month of its first local day (YYYY-MM). */
export function demoPeriodId(startMs: number, timeZone: string): string {
  return new Calendar(timeZone).at(startMs).date.slice(0, 7);
}

export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const timings: Record<string, number> = {};
  const stage = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    options.onStage?.(name);
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };

  const db: Database = await stage('database', async () => {
    const logger = options.logger ?? silentLogger;
    const opened = await openDatabase(
      options.databaseUrl ? { url: options.databaseUrl, logger } : { inMemory: true, logger },
    );
    await migrate(opened.pool, { timescale: opened.timescale });
    return opened;
  });
  try {
    const fleetOptions: FleetOptions = {
      meters: options.meters,
      seed: options.seed,
      startMs: options.startMs,
      // One day past the period, as the meters go on reporting: the period's end then has
      // readings on both sides even when a meter's last uplink of the period was lost.
      days: options.days + 1,
      intervalS: options.intervalS,
      timeZone: options.timeZone,
      mix: options.mix,
      faultRates: options.faults,
      injections: [],
      wmbusAesShare: 0.5,
      chirpstackProtobufShare: 0.5,
      commercialShare: 0.1,
      network: DEFAULT_NETWORK,
    };
    await stage('tariffs', () => importDemoTariffs(db.pool));

    const clock = simulationClock(options.startMs);
    const coapPort = await freeUdpPort();
    const password = randomBytes(12).toString('hex');
    const settings = gatewaySettings({
      MF_MQTT_HOST: '127.0.0.1',
      MF_MQTT_PORT: '0',
      MF_MQTT_SERVICE_USER: 'demo',
      MF_MQTT_SERVICE_PASSWORD: password,
      MF_WRITER_LINGER_MS: '5',
      MF_SHUTDOWN_TIMEOUT_MS: '5000',
    });
    const coap = coapStarterFromEnv({
      MF_COAP_HOST: '127.0.0.1',
      MF_COAP_PORT: String(coapPort),
      MF_COAP_PIGGYBACK_MS: '5000',
    });
    const decoders = fleetDecoders();

    let send: SendSummary | undefined;
    let fleet: FleetSummary | undefined;
    let messageFaults: Record<string, number> = {};
    await stage('register', async () => {
      // Registered before the gateway starts, so that its device cache is warm.
      const built = buildFleet(fleetOptions);
      if (!built.ok) throw new SimulatorFailure(built.error);
      await registerFleet(db.pool, built.value, { singleConnection: db.singleConnection });
    });
    const gateway = await stage('gateway', () =>
      startGateway(settings, {
        db,
        logger: options.logger ?? silentLogger,
        decoders,
        validator: createValidator(),
        clock,
        extraTransports: coap ? [coap] : [],
      }),
    );
    let failure: unknown;
    try {
      await stage('simulate', async () => {
        const stall = new AbortController();
        let stalledFor = 0;
        const result = await runSimulation({
          fleet: fleetOptions,
          targets: {
            brokerUrl: `mqtt://127.0.0.1:${gateway.mqtt!.port}`,
            username: 'demo',
            password,
            coapUrl: `coap://127.0.0.1:${coapPort}`,
            coapEndpoints: DEMO_COAP_ENDPOINTS,
          },
          speed: 'max',
          lockstep: lockstepOn(clock, options.startMs, lockstepWindowMs(options.intervalS)),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          onStall: (waiting, waitedMs) => {
            options.onStall?.(waiting, waitedMs);
            if (waitedMs >= DEMO_STALL_LIMIT_MS) {
              stalledFor = waitedMs;
              stall.abort();
            }
          },
          signal: stall.signal,
        });
        if (!result.ok) throw new SimulatorFailure(result.error);
        if (stalledFor > 0) {
          throw new SimulatorFailure(
            simulatorError(
              SimulatorErrorCode.TARGET_UNREACHABLE,
              `the gateway stopped acknowledging uplinks (${Math.round(stalledFor / 1000)} s without progress at ${new Date(result.value.send?.lastTimeMs ?? options.startMs).toISOString()}); ` +
                'the gateway log (run with LOG_LEVEL=info) says why; --database-url runs the demo on a server',
            ),
          );
        }
        send = result.value.send;
        fleet = result.value.fleetSummary;
        messageFaults = result.value.messageFaults;
      });
    } catch (err) {
      failure = err;
    }
    try {
      await stage('drain', () => within(gateway.stop(), CLOSE_LIMIT_MS, 'stopping the gateway'));
    } catch (err) {
      failure ??= err;
    }
    if (failure !== undefined) throw failure;
    const periodId = demoPeriodId(options.startMs, options.timeZone);
    const rating = await stage('rate', async () => {
      const rated = await ratePeriod(db, {
        periodId,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
      });
      if (!rated.ok) throw new Error(`${rated.error.code}: ${rated.error.message}`);
      return rated.value;
    });
    const figures = await stage('report', () => readDemoFigures(db.pool, periodId));
    return { fleet: fleet!, send: send!, messageFaults, rating, figures, timings };
  } finally {
    await within(db.close(), CLOSE_LIMIT_MS, 'closing the database').catch(() => undefined);
  }
}

/** How long stopping the gateway or closing the database may take before the demo gives up on it. */
const CLOSE_LIMIT_MS = 20_000;

async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
