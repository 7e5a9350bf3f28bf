/**
 * `meterflow bench <name> [--quick]`: runs one benchmark and prints its figures, ending with the
 * summary line (DESIGN.md §Benchmarks). A new bench is one entry in BENCHES.
 */
import type { Command } from 'commander';
import { runDecodeBench } from '../../bench/decode.js';
import { runIngestBench } from '../../bench/ingest.js';
import { runRateBench } from '../../bench/rate.js';
import type { BenchReport } from '../../bench/summary.js';

export type BenchRunner = (options: { quick: boolean }) => Promise<BenchReport>;

export const BENCHES: Record<string, BenchRunner> = {
  decode: (o) => runDecodeBench(o),
  ingest: (o) => runIngestBench(o),
  rate: (o) => runRateBench(o),
};

export async function runBench(name: string, options: { quick: boolean }, out: (text: string) => void): Promise<number> {
  const runner = BENCHES[name];
  if (runner === undefined) {
    out(`meterflow bench: unknown bench '${name}' (known: ${Object.keys(BENCHES).join(', ')})\n`);
    return 2;
  }
  const report = await runner(options);
  out(`${[...report.lines, report.summary].join('\n')}\n`);
  return 0;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(`run a benchmark and print its figures and one summary line (benches: ${Object.keys(BENCHES).join(', ')})`)
    .argument('<name>', `bench to run: ${Object.keys(BENCHES).join(', ')}`)
    .option('--quick', 'short run (fewer, shorter rounds)', false)
    .action(async (name: string, options: { quick: boolean }) => {
      let failed = false;
      process.exitCode = await runBench(name, { quick: options.quick }, (text) => {
        failed ||= text.startsWith('meterflow bench: unknown');
        (failed ? process.stderr : process.stdout).write(text);
      });
    });
}
