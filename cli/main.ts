/**
 * The `meterflow` command line. Each subcommand lives in cli/commands/<name>.ts and exports
 * `register(program)`; this list is the one place they are wired in (no import side effects).
 */
import { Command } from 'commander';
import { registerMigrate } from './commands/migrate.js';
import { registerTariffs } from './commands/tariffs.js';
import { registerQuote } from './commands/quote.js';
import { registerDecode } from './commands/decode.js';
import { registerBench } from './commands/bench.js';

export function buildProgram(): Command {
  const program = new Command('meterflow')
    .description('IoT gateway and rating engine for water utilities')
    .version('0.1.0')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  registerMigrate(program);
  registerTariffs(program);
  registerQuote(program);
  registerDecode(program);
  registerBench(program);
  return program;
}

/** Runs the CLI; the exit code is set, never thrown, so the process ends cleanly. */
export async function run(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    process.stderr.write(`meterflow: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
