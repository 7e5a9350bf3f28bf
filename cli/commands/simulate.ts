/**
 * `meterflow simulate`: a fleet of simulated water meters over a period, each speaking one format
 * through one path (wM-Bus over MQTT, ChirpStack and The Things Stack uplinks, CJ/T 188 over
 * CoAP or MQTT), with faults at set rates or on request. Sends to a broker and a CoAP server,
 * writes a capture file, or both; writes the fleet's devices and accounts files. docs/simulators.md
 * describes every option.
 */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import type { DatabaseFlags } from '../../storage/config.js';
import type { Database } from '../../storage/database.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';
import { badOption, ok, type Result, type SimulatorError } from '../../simulators/errors.js';
import { PATH_KINDS, type FaultInjection, type FleetOptions } from '../../simulators/meters/types.js';
import {
  DEFAULT_MIX,
  DEFAULT_NETWORK,
  parseDuration,
  parseFaultRates,
  parseInjection,
  parseMix,
  parsePositiveInteger,
  parseShare,
  parseSpeed,
  parseStart,
  type Speed,
} from '../../simulators/options.js';
import { lockstepWindowMs } from '../../simulators/sim-clock.js';
import { runSimulation, type SimulationResult } from '../../simulators/simulate.js';
import { progressLine } from '../../simulators/transport/send.js';
import { Calendar, isKnownTimeZone } from '../../simulators/meters/calendar.js';

export interface SimulateFlags extends DatabaseFlags {
  meters: string;
  seed: string;
  start?: string;
  days: string;
  interval: string;
  speed: string;
  mix: string;
  faults: string;
  inject: string[];
  timeZone: string;
  wmbusAes: string;
  chirpstackProtobuf: string;
  commercial: string;
  commercialCategory: string;
  broker?: string;
  username?: string;
  password?: string;
  coap?: string;
  coapEndpoints: string;
  devicesOut?: string;
  metersOut?: string;
  accountsOut?: string;
  register?: boolean;
  captureOut?: string;
  maxInFlight: string;
  lockstep?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function reportError(io: Io, e: SimulatorError): number {
  io.err(`meterflow simulate: ${e.code}: ${e.message}\n`);
  return 1;
}

/** First day of the current month in the zone: the default start of a billing period. */
function currentMonthStart(timeZone: string): string {
  const today = new Calendar(timeZone).at(Date.now()).date;
  return `${today.slice(0, 8)}01`;
}

/** The flags as fleet options and a speed, or the first bad option. */
export interface ParsedSimulate {
  fleet: FleetOptions;
  speed: Speed;
  maxInFlight: number;
  coapEndpoints: number;
}

export function fleetOptionsOf(flags: SimulateFlags): Result<ParsedSimulate> {
  const steps = {
    meters: parsePositiveInteger('--meters', flags.meters, 999_999),
    days: parsePositiveInteger('--days', flags.days, 3_660),
    interval: parseDuration('--interval', flags.interval),
    speed: parseSpeed('--speed', flags.speed),
    mix: parseMix('--mix', flags.mix),
    faults: parseFaultRates('--faults', flags.faults),
    aes: parseShare('--wmbus-aes', flags.wmbusAes),
    protobuf: parseShare('--chirpstack-protobuf', flags.chirpstackProtobuf),
    commercial: parseShare('--commercial', flags.commercial),
    maxInFlight: parsePositiveInteger('--max-in-flight', flags.maxInFlight, 100_000),
    coapEndpoints: parsePositiveInteger('--coap-endpoints', flags.coapEndpoints, 1_024),
  };
  for (const step of Object.values(steps)) if (!step.ok) return step;
  if (!isKnownTimeZone(flags.timeZone)) return badOption('--time-zone', `unknown zone "${flags.timeZone}"`);
  const start = parseStart('--start', flags.start ?? currentMonthStart(flags.timeZone), flags.timeZone);
  if (!start.ok) return start;
  const injections: FaultInjection[] = [];
  for (const text of flags.inject) {
    const parsed = parseInjection('--inject', text, flags.timeZone);
    if (!parsed.ok) return parsed;
    injections.push(parsed.value);
  }
  const v = <T>(r: { ok: true; value: T } | { ok: false }): T => (r as { value: T }).value;
  const intervalMs = v(steps.interval);
  if (intervalMs % 1000 !== 0) return badOption('--interval', 'must be whole seconds');
  return ok({
    speed: v(steps.speed),
    maxInFlight: v(steps.maxInFlight),
    coapEndpoints: v(steps.coapEndpoints),
    fleet: {
      meters: v(steps.meters),
      seed: flags.seed,
      startMs: start.value,
      days: v(steps.days),
      intervalS: intervalMs / 1000,
      timeZone: flags.timeZone,
      mix: v(steps.mix),
      faultRates: v(steps.faults),
      injections,
      wmbusAesShare: v(steps.aes),
      chirpstackProtobufShare: v(steps.protobuf),
      commercialShare: v(steps.commercial),
      network: DEFAULT_NETWORK,
    },
  });
}

export function formatResult(result: SimulationResult): string {
  const f = result.fleetSummary;
  const lines = [
    `fleet: ${f.meters} meters, ${f.start} to ${f.end}`,
    `  paths: ${Object.entries(f.byPath)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `  formats: ${Object.entries(f.byModel)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `  meter faults: ${
      Object.keys(f.faults).length === 0
        ? 'none'
        : Object.entries(f.faults)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')
    }`,
    `messages generated: ${result.generated}`,
  ];
  const faulted = Object.entries(result.messageFaults);
  if (faulted.length > 0) lines.push(`  message faults: ${faulted.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const s = result.send;
  if (s) {
    lines.push(
      `sent: ${s.sent} (MQTT ${s.mqtt.sent}, CoAP ${s.coap.sent}) in ${(s.wallMs / 1000).toFixed(1)} s`,
      `acknowledged: ${s.acknowledged} (PUBACK ${s.mqtt.acknowledged}, CoAP ACK ${s.coap.acknowledged}); rejected ${s.rejected}; failed ${s.failed}${s.stopped ? '; stopped early' : ''}`,
    );
    for (const [problem, n] of Object.entries(s.problems)) lines.push(`  ${problem}: ${n}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runSimulateCommand(
  flags: SimulateFlags,
  io: Io = processIo,
  signal?: AbortSignal,
): Promise<number> {
  const options = fleetOptionsOf(flags);
  if (!options.ok) return reportError(io, options.error);
  const parsed = options.value;
  let database: Database | undefined;
  if (flags.register) database = await openDatabaseFor(flags, createLogger({ name: 'simulate' }));
  try {
    return await simulateWith(flags, parsed, io, database, signal);
  } finally {
    await database?.close();
  }
}

async function simulateWith(
  flags: SimulateFlags,
  parsed: ParsedSimulate,
  io: Io,
  database: Database | undefined,
  signal: AbortSignal | undefined,
): Promise<number> {
  const result = await runSimulation({
    fleet: parsed.fleet,
    targets: {
      ...(flags.broker !== undefined ? { brokerUrl: flags.broker } : {}),
      ...(flags.username !== undefined ? { username: flags.username } : {}),
      ...(flags.password !== undefined ? { password: flags.password } : {}),
      ...(flags.coap !== undefined ? { coapUrl: flags.coap, coapEndpoints: parsed.coapEndpoints } : {}),
    },
    speed: parsed.speed,
    mqttInFlight: parsed.maxInFlight,
    accountOptions: { commercialCategory: flags.commercialCategory },
    ...(flags.devicesOut !== undefined ? { devicesOut: flags.devicesOut } : {}),
    ...(flags.metersOut !== undefined ? { metersOut: flags.metersOut } : {}),
    ...(flags.accountsOut !== undefined ? { accountsOut: flags.accountsOut } : {}),
    ...(database ? { register: { pool: database.pool, singleConnection: database.singleConnection } } : {}),
    ...(flags.captureOut !== undefined ? { captureOut: flags.captureOut } : {}),
    ...(flags.lockstep ? { gatewayClock: { windowMs: lockstepWindowMs(parsed.fleet.intervalS) } } : {}),
    ...(flags.quiet ? {} : { onProgress: (p) => io.err(`${progressLine(p)}\n`) }),
    ...(signal ? { signal } : {}),
  });
  if (!result.ok) return reportError(io, result.error);
  if (flags.json) {
    io.out(
      `${JSON.stringify({ fleet: result.value.fleetSummary, generated: result.value.generated, messageFaults: result.value.messageFaults, send: result.value.send ?? null })}\n`,
    );
  } else {
    io.out(formatResult(result.value));
  }
  return result.value.send && (result.value.send.failed > 0 || result.value.send.rejected > 0) ? 2 : 0;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerSimulate(program: Command): void {
  withDatabaseOptions(program.command('simulate'))
    .description(
      'simulate a fleet of water meters (wM-Bus, LoRaWAN via ChirpStack/TTS, CJ/T 188 over CoAP/MQTT) with faults; send, capture, or both',
    )
    .option('--meters <n>', 'number of meters', '100')
    .option('--seed <seed>', 'seed of the run: the same seed and options give byte-identical traffic', '1')
    .option(
      '--start <date>',
      'start: YYYY-MM-DD (local midnight in --time-zone) or an ISO time (default: first day of this month)',
    )
    .option('--days <n>', 'length of the run in days', '31')
    .option(
      '--interval <duration>',
      'how often each meter reports: 1m..1h dividing an hour, or whole hours (15m, 1h, 6h, 24h)',
      '1h',
    )
    .option(
      '--speed <speed>',
      'time compression: 1 (real time), 10x, 1000x, or max (as fast as acknowledgements allow)',
      'max',
    )
    .option('--mix <shares>', `share of meters per path (${PATH_KINDS.join(', ')})`, DEFAULT_MIX)
    .option(
      '--faults <rates>',
      'fault rates, e.g. leak:0.01,burst:0.005,corrupt:0.001 (meter faults: share of meters; message faults: share of uplinks)',
      '',
    )
    .option(
      '--inject <fault>',
      'a fault on one meter: KIND:METER[@TIME][+DURATION], e.g. leak:M000012@2026-10-05T08:00Z+36h (repeatable)',
      collect,
      [],
    )
    .option('--time-zone <zone>', 'IANA zone of the households and of meter clocks', 'Asia/Shanghai')
    .option('--wmbus-aes <share>', 'share of wM-Bus meters encrypting with OMS security mode 5', '0.5')
    .option(
      '--chirpstack-protobuf <share>',
      'share of ChirpStack meters in an application whose integration publishes Protobuf',
      '0.5',
    )
    .option('--commercial <share>', 'share of meters on commercial accounts (weekday profile)', '0.1')
    .option(
      '--commercial-category <name>',
      'tariff category of commercial accounts in the accounts file',
      'non_residential',
    )
    .option('--broker <url>', 'MQTT broker to publish to (mqtt://host:1883), QoS 1')
    .option('--username <name>', 'MQTT user name (a gateway service user)')
    .option('--password <secret>', 'MQTT password')
    .option('--coap <url>', 'CoAP server of the NB-IoT meters (coap://host:5683)')
    .option(
      '--coap-endpoints <n>',
      'independent CoAP client endpoints (each one request at a time, RFC 7252 NSTART 1)',
      '8',
    )
    .option('--devices-out <file>', 'write the devices CSV (the format of meterflow devices import)')
    .option('--meters-out <file>', 'write the meters CSV (the format of meterflow meters import)')
    .option(
      '--register',
      'register the meters, devices and accounts in the database (see --database-url) before sending',
    )
    .option('--accounts-out <file>', 'write the accounts for rating (.ndjson, the format of meterflow accounts import)')
    .option('--capture-out <file>', 'write every generated message to this capture file (NDJSON, see replay)')
    .option('--max-in-flight <n>', 'QoS 1 publishes awaiting their PUBACK at most', '1000')
    .option(
      '--lockstep',
      'drive the clock of a gateway started with --simulated-clock (through --broker, as its service user): compressed time is stored as simulated time',
    )
    .option('--quiet', 'no progress lines on stderr')
    .option('--json', 'print the summary as one JSON object')
    .addHelpText(
      'after',
      '\nWithout --broker and --coap nothing is sent: the traffic is only generated (and captured with --capture-out).\nExit status: 0 done, 1 bad options or unreachable target, 2 some messages were rejected or failed.',
    )
    .action(async (flags: SimulateFlags) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      try {
        process.exitCode = await runSimulateCommand(flags, processIo, controller.signal);
      } finally {
        process.off('SIGINT', stop);
      }
    });
}
