/**
 * `meterflow demo` (and `npm start`): the whole system in one process, nothing to install or
 * configure. An embedded TimescaleDB engine in memory, the gateway with its embedded MQTT broker
 * and CoAP port on loopback, 1,000 simulated meters over one billing period with a few faults,
 * the period rated; then what arrived, what was flagged, the alarms, the period's total and three
 * example bills with their lines. docs/simulators.md describes the options.
 */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { badOptionError, type SimulatorError } from '../../simulators/errors.js';
import { DEMO_FAULTS, runDemo } from '../../simulators/demo/demo.js';
import { formatDemoReport } from '../../simulators/demo/format.js';
import { isKnownTimeZone } from '../../simulators/meters/calendar.js';
import {
  parseDuration,
  parseFaultRates,
  parseMix,
  parsePositiveInteger,
  parseStart,
} from '../../simulators/options.js';
import { progressLine } from '../../simulators/transport/send.js';
import type { Io } from './simulate.js';

export interface DemoFlags {
  meters: string;
  days: string;
  interval: string;
  seed: string;
  start: string;
  timeZone: string;
  mix: string;
  faults: string;
  workers?: string;
  databaseUrl?: string;
  quiet?: boolean;
  json?: boolean;
}

export const DEMO_MIX = 'wmbus:0.35,chirpstack:0.3,tts:0.1,coap:0.1,mqtt:0.15';
export const DEMO_FAULT_TEXT = Object.entries(DEMO_FAULTS)
  .map(([k, v]) => `${k}:${v}`)
  .join(',');

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function failWith(io: Io, e: SimulatorError): number {
  io.err(`meterflow demo: ${e.code}: ${e.message}\n`);
  return 1;
}

export async function runDemoCommand(flags: DemoFlags, io: Io = processIo): Promise<number> {
  const meters = parsePositiveInteger('--meters', flags.meters, 100_000);
  if (!meters.ok) return failWith(io, meters.error);
  const days = parsePositiveInteger('--days', flags.days, 366);
  if (!days.ok) return failWith(io, days.error);
  const interval = parseDuration('--interval', flags.interval);
  if (!interval.ok) return failWith(io, interval.error);
  if (!isKnownTimeZone(flags.timeZone))
    return failWith(io, badOptionError('--time-zone', `unknown zone "${flags.timeZone}"`));
  const start = parseStart('--start', flags.start, flags.timeZone);
  if (!start.ok) return failWith(io, start.error);
  const mix = parseMix('--mix', flags.mix);
  if (!mix.ok) return failWith(io, mix.error);
  const faults = parseFaultRates('--faults', flags.faults);
  if (!faults.ok) return failWith(io, faults.error);
  let workers: number | undefined;
  if (flags.workers !== undefined) {
    const w = parsePositiveInteger('--workers', flags.workers, 64);
    if (!w.ok) return failWith(io, w.error);
    workers = w.value;
  }
  if (!flags.quiet)
    io.err(
      `meterflow demo: ${meters.value} meters over ${days.value} days from ${flags.start}; starting the database and the gateway…\n`,
    );
  let lastProgress = 0;
  const report = await runDemo({
    meters: meters.value,
    days: days.value,
    intervalS: Math.round(interval.value / 1000),
    seed: flags.seed,
    startMs: start.value,
    timeZone: flags.timeZone,
    mix: mix.value,
    faults: faults.value,
    ...(workers !== undefined ? { workers } : {}),
    ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : {}),
    // The gateway and the database log (JSON lines on stderr) only when asked: LOG_LEVEL=info.
    ...(process.env.LOG_LEVEL ? { logger: createLogger({ name: 'demo' }) } : {}),
    ...(flags.quiet
      ? {}
      : {
          onStage: (stage: string) => io.err(`  ${stage}\n`),
          onStall: (waiting, waitedMs) => {
            const where = [...new Set(waiting.map((m) => (m.transport === 'mqtt' ? m.topic : `coap ${m.path}`)))]
              .slice(0, 5)
              .join(', ');
            io.err(`  waiting ${Math.round(waitedMs / 1000)} s for ${waiting.length} acknowledgements: ${where}\n`);
          },
          onProgress: (p) => {
            if (p.wallMs - lastProgress >= 2_000) {
              lastProgress = p.wallMs;
              io.err(`  ${progressLine(p)}\n`);
            }
          },
        }),
  });
  if (flags.json) {
    io.out(`${JSON.stringify(report)}\n`);
  } else {
    io.out(formatDemoReport(report));
  }
  return report.send.failed === 0 ? 0 : 2;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run everything in one process: embedded database and gateway, 1,000 simulated meters over a billing period, rating; print what happened',
    )
    .option('--meters <n>', 'number of simulated meters', '1000')
    .option('--days <n>', 'length of the billing period in days', '31')
    .option(
      '--interval <duration>',
      'how often each meter reports (24h: one reading a day, as NB-IoT meters do)',
      '24h',
    )
    .option('--seed <seed>', 'seed of the simulation (the same seed gives the same bills)', '1')
    .option('--start <date>', 'first day of the period (YYYY-MM-DD, local)', '2026-10-01')
    .option('--time-zone <zone>', 'IANA zone of the utility', 'Asia/Shanghai')
    .option('--mix <shares>', 'share of meters per path', DEMO_MIX)
    .option('--faults <rates>', 'fault rates (see meterflow simulate --help)', DEMO_FAULT_TEXT)
    .option('--workers <n>', 'rating worker threads (default: as many as cores)')
    .option(
      '--database-url <url>',
      'use this PostgreSQL/TimescaleDB server (an empty database) instead of the embedded engine in memory',
    )
    .option('--quiet', 'no progress on stderr')
    .option('--json', 'print the report as one JSON object')
    .action(async (flags: DemoFlags) => {
      try {
        process.exitCode = await runDemoCommand(flags);
      } finally {
        // A component that failed to stop (see runDemo) must not keep the process alive: once
        // the report or the error is out, leave after a grace period for stdout to drain.
        setTimeout(() => process.exit(process.exitCode ?? 1), 2_000).unref();
      }
    });
}
