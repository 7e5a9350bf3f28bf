/**
 * bench/ingest: readings per second end to end (publisher → broker → gateway → committed rows in
 * PostgreSQL), beside the bare broker pass-through (the same publisher thread to a plain
 * subscriber) measured in the same run, for Mosquitto and for the embedded aedes broker; QoS 1
 * throughout; medians of several rounds; peak memory of the process.
 *
 * Needs a PostgreSQL server (MF_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * a fresh database is created and dropped) and Mosquitto (MF_BENCH_MOSQUITTO_URL, default
 * mqtt://127.0.0.1:1883). Summary: `ingest: <e2e Mosquitto> readings/s; baseline <pass-through> msgs/s; ratio <r>`.
 */
import type { Validator } from '../gateway/validation/types.js';
import { createBenchDatabase, DEFAULT_BENCH_DATABASE_URL, DEFAULT_BENCH_MOSQUITTO_URL } from './ingest/environment.js';
import { BENCH_METERS } from './ingest/payloads.js';
import { endToEndRound, passThroughRound, startBareAedes, type RoundResult } from './ingest/rounds.js';
import { formatRate, formatRatio, median, type BenchReport } from './summary.js';

export interface IngestBenchOptions {
  quick: boolean;
  databaseUrl?: string;
  mosquittoUrl?: string;
  /** Validation rules to run in the pipeline (default: the pass-through validator). */
  validator?: Validator;
  /** Messages per round (default 100,000; quick 20,000). */
  messages?: number;
  /** Rounds per measurement (default 3; quick 1). */
  rounds?: number;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
}

interface Series {
  pass: number[];
  e2e: number[];
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export async function runIngestBench(options: IngestBenchOptions): Promise<BenchReport> {
  const count = options.messages ?? (options.quick ? 20_000 : 100_000);
  const rounds = options.rounds ?? (options.quick ? 1 : 3);
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const mosquitto = options.mosquittoUrl ?? process.env.MF_BENCH_MOSQUITTO_URL ?? DEFAULT_BENCH_MOSQUITTO_URL;
  const server = options.databaseUrl ?? process.env.MF_BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  const bench = await createBenchDatabase(server, BENCH_METERS);
  const series: Record<'mosquitto' | 'aedes', Series> = {
    mosquitto: { pass: [], e2e: [] },
    aedes: { pass: [], e2e: [] },
  };
  let peakE2e = 0;
  let run = 0;
  try {
    const aedes = await startBareAedes();
    try {
      for (let r = 0; r < rounds; r++) {
        for (const broker of ['mosquitto', 'aedes'] as const) {
          const spec = { count, meters: BENCH_METERS, window: 10_000 };
          const pass = await passThroughRound(
            broker === 'mosquitto' ? mosquitto : aedes.url,
            { ...spec, run: ++run },
            broker === 'mosquitto' ? 5 : 4,
          );
          const e2e: RoundResult = await endToEndRound(
            { ...spec, run: ++run },
            {
              db: bench.db,
              brokerUrl: broker === 'mosquitto' ? mosquitto : undefined,
              validator: options.validator,
            },
          );
          series[broker].pass.push(pass.perSecond);
          series[broker].e2e.push(e2e.perSecond);
          peakE2e = Math.max(peakE2e, e2e.peakRssBytes);
          progress(
            `round ${r + 1}/${rounds} ${broker}: pass-through ${formatRate(pass.perSecond)} msgs/s, end to end ${formatRate(e2e.perSecond)} readings/s`,
          );
        }
      }
    } finally {
      await aedes.close();
    }
    const stored = await bench.db.pool.query<{ raw: number; readings: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM raw_uplinks) AS raw, (SELECT count(DISTINCT dedup_key)::int FROM raw_uplinks) AS keys, (SELECT count(*)::int FROM readings) AS readings`,
    );
    const expected = count * rounds * 2;
    const check = stored.rows[0]!;
    const lines: string[] = [
      `ingest bench: ${formatRate(count)} QoS 1 messages per round, ${rounds} round(s) each, ${BENCH_METERS} meters, CJ/T 188 payloads; ${bench.db.describe}`,
    ];
    for (const broker of ['mosquitto', 'aedes'] as const) {
      const pass = median(series[broker].pass);
      const e2e = median(series[broker].e2e);
      lines.push(
        `  ${broker === 'mosquitto' ? 'Mosquitto (external)' : 'aedes (embedded)    '}: end to end ${formatRate(e2e)} readings/s; pass-through ${formatRate(pass)} msgs/s; ratio ${formatRatio(e2e / pass)}`,
      );
    }
    lines.push(`  peak memory (rss, gateway and publisher thread) during end-to-end rounds: ${mb(peakE2e)}`);
    lines.push(
      `  stored: ${formatRate(check.raw)} raw uplinks (${formatRate(check.keys)} distinct), ${formatRate(check.readings)} readings; expected ${formatRate(expected)} each`,
    );
    if (check.raw !== expected || check.keys !== expected || check.readings !== expected)
      lines.push('  WARNING: stored counts differ from what was sent');
    const e2e = median(series.mosquitto.e2e);
    const pass = median(series.mosquitto.pass);
    return {
      lines,
      summary: `ingest: ${formatRate(e2e)} readings/s; baseline ${formatRate(pass)} msgs/s; ratio ${formatRatio(e2e / pass)}`,
    };
  } finally {
    await bench.drop();
  }
}
