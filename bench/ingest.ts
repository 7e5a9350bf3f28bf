/**
 * bench/ingest: readings per second end to end (publisher → broker → gateway → committed rows in
 * PostgreSQL), with the validation rules off (the pass-through validator) and on (createValidator
 * with its default thresholds), beside the bare broker pass-through (the same publisher thread to
 * a plain subscriber), all measured in the same run, for Mosquitto and for the embedded aedes
 * broker; QoS 1 throughout; medians of several rounds; peak memory of the process. Within a
 * round the rules-off and rules-on measurements run back to back (in alternating order from
 * round to round, after an unmeasured warm-up of each), and their ratio is the median of the
 * per-round ratios, so that the machine's changing load affects both alike.
 *
 * Needs a PostgreSQL server (MF_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * a fresh database is created and dropped) and Mosquitto (MF_BENCH_MOSQUITTO_URL, default
 * mqtt://127.0.0.1:1883). Summary: `ingest: <e2e Mosquitto, rules on> readings/s; baseline
 * <pass-through> msgs/s; ratio <r>`.
 */
import { passThroughValidator } from '../gateway/pipeline/stages/pass-through-validator.js';
import { createValidator } from '../gateway/validation/validator.js';
import type { Validator } from '../gateway/validation/types.js';
import { createBenchDatabase, DEFAULT_BENCH_DATABASE_URL, DEFAULT_BENCH_MOSQUITTO_URL } from './ingest/environment.js';
import { BENCH_METERS } from './ingest/payloads.js';
import { endToEndRound, passThroughRound, startBareAedes } from './ingest/rounds.js';
import { formatRate, formatRatio, median, type BenchReport } from './summary.js';

export interface IngestBenchOptions {
  quick: boolean;
  databaseUrl?: string;
  mosquittoUrl?: string;
  /** Messages per round (default 100,000; quick 20,000). */
  messages?: number;
  /** Rounds per measurement (default 3; quick 1). */
  rounds?: number;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
}

type Broker = 'mosquitto' | 'aedes';
type Rules = 'off' | 'on';

interface Series {
  pass: number[];
  off: number[];
  on: number[];
  /** CPU µs of this process per reading, rules off and on. */
  cpuOff: number[];
  cpuOn: number[];
  /** on / off of each round. */
  ratios: number[];
}

/** The rules-on figure may be at most this much below the rules-off one. */
export const MAX_VALIDATION_LOSS = 0.1;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const BROKER_LABEL: Record<Broker, string> = { mosquitto: 'Mosquitto (external)', aedes: 'aedes (embedded)    ' };

export async function runIngestBench(options: IngestBenchOptions): Promise<BenchReport> {
  const count = options.messages ?? (options.quick ? 20_000 : 100_000);
  const rounds = options.rounds ?? (options.quick ? 1 : 3);
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const mosquitto = options.mosquittoUrl ?? process.env.MF_BENCH_MOSQUITTO_URL ?? DEFAULT_BENCH_MOSQUITTO_URL;
  const server = options.databaseUrl ?? process.env.MF_BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  const bench = await createBenchDatabase(server);
  const validators: Record<Rules, Validator> = { off: passThroughValidator, on: createValidator() };
  const series: Record<Broker, Series> = {
    mosquitto: { pass: [], off: [], on: [], cpuOff: [], cpuOn: [], ratios: [] },
    aedes: { pass: [], off: [], on: [], cpuOff: [], cpuOn: [], ratios: [] },
  };
  let peakE2e = 0;
  let run = 0;
  let sent = 0;
  try {
    const aedes = await startBareAedes();
    try {
      // Warm-up, not measured: the first gateway of the process pays for compiling its hot paths.
      for (const rules of ['off', 'on'] as const) {
        const warmUp = Math.min(count, 5_000);
        await endToEndRound(
          { count: warmUp, meters: BENCH_METERS, window: 10_000, run: ++run },
          { db: bench.db, validator: validators[rules] },
        );
        sent += warmUp;
      }
      for (let r = 0; r < rounds; r++) {
        for (const broker of ['mosquitto', 'aedes'] as const) {
          const spec = { count, meters: BENCH_METERS, window: 10_000 };
          const brokerUrl = broker === 'mosquitto' ? mosquitto : aedes.url;
          const pass = await passThroughRound(brokerUrl, { ...spec, run: ++run }, broker === 'mosquitto' ? 5 : 4);
          const e2e: Record<Rules, number> = { off: 0, on: 0 };
          const cpu: Record<Rules, number> = { off: 0, on: 0 };
          for (const rules of r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
            const result = await endToEndRound(
              { ...spec, run: ++run },
              {
                db: bench.db,
                brokerUrl: broker === 'mosquitto' ? mosquitto : undefined,
                validator: validators[rules],
              },
            );
            e2e[rules] = result.perSecond;
            cpu[rules] = result.cpuUsPerMessage;
            sent += count;
            peakE2e = Math.max(peakE2e, result.peakRssBytes);
          }
          const s = series[broker];
          s.pass.push(pass.perSecond);
          s.off.push(e2e.off);
          s.on.push(e2e.on);
          s.cpuOff.push(cpu.off);
          s.cpuOn.push(cpu.on);
          s.ratios.push(e2e.on / e2e.off);
          progress(
            `round ${r + 1}/${rounds} ${broker}: pass-through ${formatRate(pass.perSecond)} msgs/s, end to end ${formatRate(e2e.off)} readings/s rules off, ${formatRate(e2e.on)} rules on (${formatRatio(e2e.on / e2e.off)})`,
          );
        }
      }
    } finally {
      await aedes.close();
    }
    const stored = await bench.db.pool.query<{ raw: number; readings: number; keys: number; flagged: number }>(
      `SELECT (SELECT count(*)::int FROM raw_uplinks) AS raw, (SELECT count(DISTINCT dedup_key)::int FROM raw_uplinks) AS keys,
              (SELECT count(*)::int FROM readings) AS readings, (SELECT count(*)::int FROM readings WHERE flags <> 0) AS flagged`,
    );
    const expected = sent;
    const check = stored.rows[0]!;
    const lines: string[] = [
      `ingest bench: ${formatRate(count)} QoS 1 messages per round, ${rounds} round(s) each, ${BENCH_METERS} meters, CJ/T 188 payloads; ${bench.db.describe}`,
    ];
    for (const broker of ['mosquitto', 'aedes'] as const) {
      const s = series[broker];
      const pass = median(s.pass);
      const on = median(s.on);
      lines.push(
        `  ${BROKER_LABEL[broker]}: end to end ${formatRate(on)} readings/s (rules on); pass-through ${formatRate(pass)} msgs/s; ratio ${formatRatio(on / pass)}`,
      );
    }
    for (const broker of ['mosquitto', 'aedes'] as const) {
      const s = series[broker];
      const ratio = median(s.ratios);
      lines.push(
        `  validation, ${BROKER_LABEL[broker].trim()}: rules off ${formatRate(median(s.off))} readings/s, all rules on ${formatRate(median(s.on))} readings/s; on/off ${formatRatio(ratio)} (target ≥ ${formatRatio(1 - MAX_VALIDATION_LOSS)}); CPU of this process per reading ${median(s.cpuOff).toFixed(0)} µs off, ${median(s.cpuOn).toFixed(0)} µs on`,
      );
    }
    lines.push(`  peak memory (rss, gateway and publisher thread) during end-to-end rounds: ${mb(peakE2e)}`);
    lines.push(
      `  stored: ${formatRate(check.raw)} raw uplinks (${formatRate(check.keys)} distinct), ${formatRate(check.readings)} readings (${formatRate(check.flagged)} flagged); expected ${formatRate(expected)} each, none flagged`,
    );
    if (check.raw !== expected || check.keys !== expected || check.readings !== expected)
      lines.push('  WARNING: stored counts differ from what was sent');
    if (check.flagged !== 0) lines.push('  WARNING: the validation rules flagged readings of the bench stream');
    const e2e = median(series.mosquitto.on);
    const pass = median(series.mosquitto.pass);
    return {
      lines,
      summary: `ingest: ${formatRate(e2e)} readings/s; baseline ${formatRate(pass)} msgs/s; ratio ${formatRatio(e2e / pass)}`,
    };
  } finally {
    await bench.drop();
  }
}
